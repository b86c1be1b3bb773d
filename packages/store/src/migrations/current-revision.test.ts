// Migration 0004 (the current row is the latest revision) on a store built at the level before it, holding the
// rows the earlier writers left: every revision in observation_revisions, the current row a copy of the highest.
// After migrating, each observation's history and current value read exactly as before, and writing goes on.
import { expect } from "vitest";
import { toRevision } from "../mappers.ts";
import type { ObservationRevisionView } from "../rows.ts";
import type { ObservationRevision, Store, StoreKind } from "../store.ts";
import {
  describeMigration,
  type EarlierDb,
  earlierRevision,
  type MigrationKey,
  migrateUpTo,
} from "./migration-testing.ts";

type Key = MigrationKey;
const KEYS: Key[] = [
  ["500235", "INC-01", 2020],
  ["500235", "INC-01", 2021],
  ["500101", "INC-01", 2020],
  ["500101", "INC-02", 2019],
];
const HOSTILE = "'; DROP TABLE observations;-- \t\\ 混合";

/** Revisions as the earlier writers stored them, oldest first per key. */
function oldRevisions(): ObservationRevisionView[] {
  const rev = earlierRevision;
  const [a, b, c, d] = KEYS;
  return [
    rev(a, 1, { value: 15000.5 }),
    rev(a, 2, {
      value: 15000.5,
      change: "status",
      status: "submitted",
      author: "clerk",
      created_at: "2024-02-01T00:00:00.000Z",
      reason: "提交审核",
      source_file: null,
      source_row: null,
      import_id: null,
    }),
    rev(a, 3, {
      value: 15100,
      note: "修正说明",
      author: "bob",
      created_at: "2024-03-01T00:00:00.000Z",
      reason: "统计局更正",
      source_file: "b.csv",
      source_row: 7,
      import_id: "imp-2",
    }),
    rev(b, 1, {
      value: 0.1 + 0.2,
      unit: HOSTILE,
      source: HOSTILE,
      note: HOSTILE,
      reason: HOSTILE,
      source_row: 3,
    }),
    rev(c, 1, {
      value: -5e-324,
      unit: null,
      source: null,
      reason: null,
      source_file: null,
      source_row: null,
    }),
    rev(c, 2, {
      value: -5e-324,
      unit: null,
      source: null,
      change: "status",
      status: "approved",
      author: "county",
      created_at: "2024-04-01T00:00:00.000Z",
      reason: null,
      source_file: null,
      source_row: null,
      import_id: null,
    }),
    rev(d, 1, { value: 7, status: "approved", import_id: null, reason: "form" }),
  ];
}

async function buildBeforeMigration(db: EarlierDb, kind: StoreKind): Promise<ObservationRevision[]> {
  await migrateUpTo(db, kind, "0004-current-revision");
  const revisions = oldRevisions();
  await db.insertInto("observation_revisions").values(revisions).execute();
  // The current row of each key: a copy of its highest revision.
  for (const key of KEYS) {
    const last = revisions
      .filter((r) => r.region_code === key[0] && r.indicator_code === key[1] && r.period === key[2])
      .at(-1);
    if (!last) throw new Error("no revision");
    await db
      .insertInto("observations")
      .values({
        region_code: last.region_code,
        indicator_code: last.indicator_code,
        period: last.period,
        value: last.value,
        unit: last.unit,
        source: last.source,
        note: last.note,
        status: last.status,
        revision: last.revision,
        updated_at: last.created_at,
        updated_by: last.author,
      })
      .execute();
  }
  // The history as the earlier store read it: every row of observation_revisions, by revision.
  const rows = await db
    .selectFrom("observation_revisions")
    .selectAll()
    .orderBy("region_code")
    .orderBy("indicator_code")
    .orderBy("period")
    .orderBy("revision")
    .execute();
  return rows.map((r) => toRevision(r as ObservationRevisionView));
}

async function expectSameAfterMigration(store: Store, before: ObservationRevision[]): Promise<void> {
  const migrations = await store.raw("SELECT name FROM schema_migrations");
  expect(migrations.rows.map((r) => r.name)).toContain("0004-current-revision");
  for (const [region, indicator, period] of KEYS) {
    const expected = before.filter(
      (h) => h.regionCode === region && h.indicatorCode === indicator && h.period === period,
    );
    expect(await store.observationHistory(region, indicator, period)).toEqual(expected);
    const [current] = await store.queryObservations({
      regionCodes: [region],
      indicators: [indicator],
      fromYear: period,
      toYear: period,
    });
    const last = expected.at(-1) as ObservationRevision;
    expect(current).toEqual({
      regionCode: region,
      indicatorCode: indicator,
      period,
      value: last.value,
      unit: last.unit,
      source: last.source,
      note: last.note,
      status: last.status,
      revision: last.revision,
      updatedAt: last.createdAt,
      updatedBy: last.author,
    });
  }
  // Only the superseded revisions stay in observation_revisions.
  const left = await store.raw("SELECT count(*) AS n FROM observation_revisions");
  expect(Number(left.rows[0].n)).toBe(before.length - KEYS.length);

  // Writing and approving go on from the migrated rows.
  const [a] = KEYS;
  const written = await store.writeObservations(
    [
      {
        regionCode: a[0],
        indicatorCode: a[1],
        period: a[2],
        value: 15200,
        unit: "元",
        source: "年鉴",
        note: "修正说明",
      },
    ],
    { author: "dave", at: "2024-05-01T00:00:00.000Z", sourceFile: "c.csv" },
  );
  expect(written).toEqual({ inserted: 0, revised: 1, unchanged: 0 });
  await store.setObservationStatus([{ regionCode: a[0], indicatorCode: a[1], period: a[2] }], "submitted", {
    author: "dave",
    at: "2024-05-02T00:00:00.000Z",
  });
  const history = await store.observationHistory(a[0], a[1], a[2]);
  expect(history.slice(0, 3)).toEqual(
    before.filter((h) => h.regionCode === a[0] && h.indicatorCode === a[1] && h.period === a[2]),
  );
  expect(
    history.slice(3).map((h) => [h.revision, h.change, h.value, h.status, h.author, h.sourceFile]),
  ).toEqual([
    [4, "value", 15200, "draft", "dave", "c.csv"],
    [5, "status", 15200, "submitted", "dave", null],
  ]);
}

describeMigration("0004-current-revision", buildBeforeMigration, (store, _kind, before) =>
  expectSameAfterMigration(store, before),
);
