// Migration 0005 (provenance once per change set) on a store built at the level before it, holding value and
// status revisions whose provenance repeats, differs only by NULL against '' or by a source file, and carries
// hostile text. After migrating, every history and current value reads byte for byte as before, each distinct
// provenance is one change set, the keys hold, and writing goes on with change sets.
import { sql } from "kysely";
import { expect } from "vitest";
import { toObservation, toRevision } from "../mappers.ts";
import type { ObservationRevisionView, ObservationView } from "../rows.ts";
import type { Observation, ObservationRevision, Store, StoreKind } from "../store.ts";
import {
  describeMigration,
  type EarlierDb,
  earlierRevision,
  type MigrationKey,
  migrateUpTo,
} from "./migration-testing.ts";

type Key = MigrationKey;
const A: Key = ["500235", "INC-01", 2020];
const B: Key = ["500235", "INC-01", 2021];
const C: Key = ["500101", "INC-01", 2020];
const D: Key = ["500101", "INC-02", 2019];
const E: Key = ["500101", "INC-02", 2020];
const F: Key = ["500235", "INC-02", 2020];
const KEYS = [A, B, C, D, E, F];
const HOSTILE = '\'; DROP TABLE observation_changes;-- \t\\ \n 混合 "x"';

/** Every revision as the earlier writers stored it, oldest first per key; the last of each key is current. */
function revisions(): ObservationRevisionView[] {
  const rev = earlierRevision;
  const status = (
    key: Key,
    revision: number,
    value: number,
    fields: Partial<ObservationRevisionView>,
  ): ObservationRevisionView =>
    rev(key, revision, {
      change: "status",
      value,
      source_file: null,
      source_row: null,
      import_id: null,
      ...fields,
    });
  return [
    rev(A, 1, { value: 15000.5 }),
    status(A, 2, 15000.5, {
      status: "submitted",
      author: "clerk",
      created_at: "2024-02-01T00:00:00.000Z",
      reason: "提交审核",
    }),
    rev(A, 3, {
      value: 15100,
      note: "修正说明",
      author: "bob",
      created_at: "2024-03-01T00:00:00.000Z",
      reason: HOSTILE,
      source_file: HOSTILE,
      source_row: 7,
      import_id: "imp-2",
    }),
    // the same write as A's first revision
    rev(B, 1, { value: 0.1 + 0.2, unit: HOSTILE, source: HOSTILE, note: HOSTILE, source_row: 3 }),
    // the same time, author and import, but no reason and no file
    rev(C, 1, {
      value: -5e-324,
      unit: null,
      source: null,
      reason: null,
      source_file: null,
      source_row: null,
    }),
    status(C, 2, -5e-324, {
      unit: null,
      source: null,
      status: "approved",
      author: "county",
      created_at: "2024-04-01T00:00:00.000Z",
      reason: null,
    }),
    // '' is not NULL
    rev(D, 1, { value: 7, status: "approved", reason: "", source_file: "", source_row: null }),
    // the same write as A's first revision, with a file of its own
    rev(E, 1, { value: 1.7976931348623157e308, source_file: "c.csv", source_row: 9 }),
    rev(F, 1, { value: -0.5, import_id: null, reason: "form", source_file: null, source_row: null }),
    status(F, 2, -0.5, { status: "submitted", author: "clerk", created_at: "2024-02-01T00:00:00.000Z" }),
    status(F, 3, -0.5, { status: "approved", author: "county", created_at: "2024-04-01T00:00:00.000Z" }),
    status(F, 4, -0.5, { status: "locked", author: "county", created_at: "2024-04-01T00:00:00.000Z" }),
  ];
}

const sameKey = (key: Key) => (r: { regionCode: string; indicatorCode: string; period: number }) =>
  r.regionCode === key[0] && r.indicatorCode === key[1] && r.period === key[2];

interface Before {
  history: ObservationRevision[];
  current: Observation[];
  provenances: number;
}

/** A store at the level before 0005, and what the store of that level read from it. */
async function buildBeforeMigration(db: EarlierDb, kind: StoreKind): Promise<Before> {
  await migrateUpTo(db, kind, "0005-change-sets");
  const all = revisions();
  for (const key of KEYS) {
    const own = all.filter(
      (r) => r.region_code === key[0] && r.indicator_code === key[1] && r.period === key[2],
    );
    const last = own.pop() as ObservationRevisionView;
    if (own.length > 0) await db.insertInto("observation_revisions").values(own).execute();
    const { author, created_at, ...rest } = last;
    await db
      .insertInto("observations")
      .values({ ...rest, updated_by: author, updated_at: created_at })
      .execute();
  }
  // What the store before 0005 read: the superseded revisions and the current row, and the current values.
  const history = await sql<ObservationRevisionView>`
    SELECT region_code, indicator_code, period, revision, change, value, unit, source, note, status, author,
      created_at, reason, source_file, source_row, import_id FROM observation_revisions
    UNION ALL
    SELECT region_code, indicator_code, period, revision, change, value, unit, source, note, status,
      updated_by AS author, updated_at AS created_at, reason, source_file, source_row, import_id FROM observations
    ORDER BY region_code, indicator_code, period, revision`.execute(db);
  const current = await sql<ObservationView>`
    SELECT o.region_code, o.indicator_code, o.period, o.value, o.unit, o.source, o.note, o.status, o.revision,
      o.updated_at, o.updated_by
    FROM observations o JOIN regions r ON r.code = o.region_code
    ORDER BY r.stat_code, o.indicator_code, o.period`.execute(db);
  const provenances = new Set(
    all.map((r) => JSON.stringify([r.created_at, r.author, r.change, r.reason, r.source_file, r.import_id])),
  ).size;
  return { history: history.rows.map(toRevision), current: current.rows.map(toObservation), provenances };
}

const count = async (store: Store, table: string) =>
  Number((await store.raw(`SELECT count(*) AS n FROM ${table}`)).rows[0].n);

async function expectSameAfterMigration(store: Store, kind: StoreKind, before: Before): Promise<void> {
  const migrations = await store.raw("SELECT name FROM schema_migrations");
  expect(migrations.rows.map((r) => r.name)).toContain("0005-change-sets");

  // Every read as before, byte for byte.
  for (const key of KEYS) {
    const expected = before.history.filter(sameKey(key));
    expect(expected.length).toBeGreaterThan(0);
    const history = await store.observationHistory(...key);
    expect(history).toEqual(expected);
    expect(JSON.stringify(history)).toBe(JSON.stringify(expected));
  }
  const current = await store.queryObservations({});
  expect(current).toEqual(before.current);
  expect(JSON.stringify(current)).toBe(JSON.stringify(before.current));

  // Narrow rows, one change set per distinct provenance, the same revisions.
  const narrow = [
    "change_id",
    "indicator_code",
    "note",
    "period",
    "region_code",
    "revision",
    "source",
    "source_file_override",
    "source_row",
    "status",
    "unit",
    "value",
  ];
  for (const table of ["observations", "observation_revisions"]) {
    const [row] = (await store.raw(`SELECT * FROM ${table} LIMIT 1`)).rows;
    expect(Object.keys(row).sort()).toEqual(narrow);
  }
  expect(await count(store, "observation_changes")).toBe(before.provenances);
  expect(await count(store, "observation_revisions")).toBe(before.history.length - KEYS.length);

  // The keys hold (PostgreSQL: under the names the bulk write relies on).
  if (kind === "postgres") {
    const keys = await store.raw(
      "SELECT conname FROM pg_constraint WHERE contype = 'p' AND conrelid IN ('observations'::regclass, 'observation_revisions'::regclass) ORDER BY conname",
    );
    expect(keys.rows.map((r) => r.conname)).toEqual(["observation_revisions_pk", "observations_pk"]);
  } else {
    const tables = await store.raw(
      "SELECT sql FROM sqlite_master WHERE name IN ('observations', 'observation_revisions')",
    );
    for (const t of tables.rows) expect(String(t.sql).toLowerCase()).toMatch(/primary key.*without rowid$/s);
  }
  for (const table of ["observations", "observation_revisions"]) {
    await expect(store.raw(`INSERT INTO ${table} SELECT * FROM ${table} LIMIT 1`)).rejects.toThrow();
  }

  // Writing and approving go on, each call one change set; a call that changes nothing makes none.
  const unchanged = await store.writeObservations(
    [
      {
        regionCode: B[0],
        indicatorCode: B[1],
        period: B[2],
        value: 0.1 + 0.2,
        unit: HOSTILE,
        source: HOSTILE,
        note: HOSTILE,
      },
    ],
    { author: "eve", sourceFile: "x.csv" },
  );
  expect(unchanged).toEqual({ inserted: 0, revised: 0, unchanged: 1 });
  expect(await count(store, "observation_changes")).toBe(before.provenances);

  const written = await store.writeObservations(
    [
      {
        regionCode: A[0],
        indicatorCode: A[1],
        period: A[2],
        value: 15200,
        unit: "元",
        source: "年鉴",
        note: "修正说明",
        sourceFile: "e.csv",
        sourceRow: 4,
      },
      { regionCode: "500235", indicatorCode: "INC-02", period: 2021, value: 3 },
      {
        regionCode: B[0],
        indicatorCode: B[1],
        period: B[2],
        value: 0.1 + 0.2,
        unit: HOSTILE,
        source: HOSTILE,
        note: HOSTILE,
      },
    ],
    {
      author: "dave",
      at: "2024-05-01T00:00:00.000Z",
      sourceFile: "d.csv",
      importId: "imp-3",
      reason: "更正",
    },
  );
  expect(written).toEqual({ inserted: 1, revised: 1, unchanged: 1 });
  const approved = await store.setObservationStatus(
    [
      { regionCode: A[0], indicatorCode: A[1], period: A[2] },
      { regionCode: C[0], indicatorCode: C[1], period: C[2] },
    ],
    "approved",
    { author: "county", at: "2024-05-02T00:00:00.000Z" },
  );
  expect(approved).toEqual({ changed: 1, unchanged: 1, missing: [] });
  expect(await count(store, "observation_changes")).toBe(before.provenances + 2);

  const history = await store.observationHistory(...A);
  expect(history.slice(0, 3)).toEqual(before.history.filter(sameKey(A)));
  expect(
    history
      .slice(3)
      .map((h) => [
        h.revision,
        h.change,
        h.value,
        h.status,
        h.author,
        h.createdAt,
        h.reason,
        h.sourceFile,
        h.sourceRow,
        h.importId,
      ]),
  ).toEqual([
    [4, "value", 15200, "draft", "dave", "2024-05-01T00:00:00.000Z", "更正", "e.csv", 4, "imp-3"],
    [5, "status", 15200, "approved", "county", "2024-05-02T00:00:00.000Z", null, null, null, null],
  ]);
  const [added] = await store.observationHistory("500235", "INC-02", 2021);
  expect([added.revision, added.author, added.sourceFile, added.sourceRow, added.importId]).toEqual([
    1,
    "dave",
    "d.csv",
    null,
    "imp-3",
  ]);
  for (const key of [B, C, D, E, F]) {
    expect(await store.observationHistory(...key)).toEqual(before.history.filter(sameKey(key)));
  }
}

describeMigration("0005-change-sets", buildBeforeMigration, expectSameAfterMigration);
