// Observation writes and status changes against a plain in-memory model, on random sequences: counts, per-row
// detail, current values and every revision's history must match it on both backends.
import { randomBytes } from "node:crypto";
import { isRongheError } from "@ronghe/core";
import fc from "fast-check";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { openStore } from "./open-store.ts";
import { CONTRACT_REGIONS, contractIndicator } from "./store.contract.ts";
import type { ObservationInput, ObservationKey, ObservationStatus, Store } from "./store.ts";

const REGIONS = ["500235", "500101", "500235105"];
const INDICATORS = ["INC-01", "INC-02"];
const PERIODS = [2019, 2020, 2021];
const STATUSES: ObservationStatus[] = ["draft", "submitted", "approved"];

interface ModelRevision {
  revision: number;
  change: "value" | "status";
  value: number;
  note: string | null;
  status: ObservationStatus;
  author: string;
  sourceFile: string | null;
  sourceRow: number | null;
}

type Op =
  | { kind: "write"; rows: ObservationInput[]; status: ObservationStatus; file: string | null }
  | { kind: "status"; keys: ObservationKey[]; status: ObservationStatus };

const keyArb = fc.record({
  regionCode: fc.constantFrom(...REGIONS),
  indicatorCode: fc.constantFrom(...INDICATORS),
  period: fc.constantFrom(...PERIODS),
});
const rowArb = fc.record({
  regionCode: fc.constantFrom(...REGIONS),
  indicatorCode: fc.constantFrom(...INDICATORS),
  period: fc.constantFrom(...PERIODS),
  value: fc.constantFrom(1, 2, 0.1 + 0.2),
  note: fc.constantFrom(null, "修正"),
  sourceRow: fc.option(fc.integer({ min: 2, max: 99 }), { nil: undefined }),
});
const opArb: fc.Arbitrary<Op> = fc.oneof(
  fc.record({
    kind: fc.constant("write" as const),
    rows: fc.array(rowArb, { minLength: 1, maxLength: 12 }),
    status: fc.constantFrom(...STATUSES),
    file: fc.constantFrom(null, "a.csv"),
  }),
  fc.record({
    kind: fc.constant("status" as const),
    keys: fc.array(keyArb, { minLength: 1, maxLength: 6 }),
    status: fc.constantFrom(...STATUSES),
  }),
);

const keyText = (k: ObservationKey) => `${k.regionCode}/${k.indicatorCode}/${k.period}`;

async function check(store: Store, ops: Op[]): Promise<void> {
  const model = new Map<string, ModelRevision[]>();
  for (let n = 0; n < ops.length; n++) {
    const op = ops[n];
    const author = `u${n}`;
    if (op.kind === "status") {
      const res = await store.setObservationStatus(op.keys, op.status, { author });
      let changed = 0;
      const seen = new Set<string>();
      for (const k of op.keys) {
        const history = model.get(keyText(k));
        if (!history || seen.has(keyText(k))) continue;
        seen.add(keyText(k));
        const cur = history[history.length - 1];
        if (cur.status === op.status) continue;
        history.push({
          ...cur,
          revision: cur.revision + 1,
          change: "status",
          status: op.status,
          author,
          sourceFile: null,
          sourceRow: null,
        });
        changed++;
      }
      expect(res.changed).toBe(changed);
      continue;
    }
    // The model: the first row of a key is written, identical repeats are unchanged, a differing repeat rejects all.
    const first = new Map<string, ObservationInput>();
    const conflict = op.rows.some((r) => {
      const f = first.get(keyText(r));
      if (!f) first.set(keyText(r), r);
      return f !== undefined && (f.value !== r.value || (f.note ?? null) !== (r.note ?? null));
    });
    if (conflict) {
      const error = await store.writeObservations(op.rows, { author }).then(
        () => null,
        (e: unknown) => e,
      );
      expect(isRongheError(error) && error.code).toBe("conflicting_duplicate");
      continue;
    }
    const change: number[] = [];
    const before: number[] = [];
    const done = new Set<string>();
    for (const r of op.rows) {
      const history = model.get(keyText(r));
      const cur = history?.[history.length - 1];
      before.push(done.has(keyText(r)) ? r.value : (cur?.value ?? Number.NaN));
      if (done.has(keyText(r))) {
        change.push(2);
        continue;
      }
      done.add(keyText(r));
      const next = (revision: number): ModelRevision => ({
        revision,
        change: "value",
        value: r.value,
        note: r.note ?? null,
        status: op.status,
        author,
        sourceFile: op.file,
        sourceRow: r.sourceRow ?? null,
      });
      if (!cur) {
        model.set(keyText(r), [next(1)]);
        change.push(0);
      } else if (cur.value === r.value && cur.note === (r.note ?? null)) {
        change.push(2);
      } else {
        history?.push(next(cur.revision + 1));
        change.push(1);
      }
    }
    const res = await store.writeObservations(op.rows, {
      author,
      status: op.status,
      sourceFile: op.file,
      detail: true,
    });
    expect([...(res.detail?.change ?? [])]).toEqual(change);
    expect([...(res.detail?.before ?? [])]).toEqual(before);
    expect([res.inserted, res.revised, res.unchanged]).toEqual(
      [0, 1, 2].map((c) => change.filter((x) => x === c).length),
    );
  }
  const current = await store.queryObservations({});
  expect(current.map((o) => [keyText(o), o.value, o.status, o.revision, o.updatedBy]).sort()).toEqual(
    [...model]
      .map(([k, h]) => [k, h[h.length - 1].value, h[h.length - 1].status, h.length, h[h.length - 1].author])
      .sort(),
  );
  for (const [k, history] of model) {
    const [region, indicator, period] = k.split("/");
    const stored = await store.observationHistory(region, indicator, Number(period));
    expect(
      stored.map(
        (h): ModelRevision => ({
          revision: h.revision,
          change: h.change,
          value: h.value,
          note: h.note,
          status: h.status,
          author: h.author,
          sourceFile: h.sourceFile,
          sourceRow: h.sourceRow,
        }),
      ),
    ).toEqual(history);
  }
}

async function seeded(store: Store): Promise<Store> {
  await store.upsertRegions(CONTRACT_REGIONS);
  await store.upsertIndicators(INDICATORS.map((code) => contractIndicator(code)));
  return store;
}

describe("observation writes against a model", () => {
  it("SQLite", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(opArb, { minLength: 1, maxLength: 8 }), async (ops) => {
        const store = await seeded(await openStore(":memory:"));
        try {
          await check(store, ops);
        } finally {
          await store.close();
        }
      }),
      { numRuns: 60 },
    );
  });

  const url = process.env.RONGHE_TEST_PG_URL;
  const schema = `ronghe_test_model_${process.pid}_${randomBytes(3).toString("hex")}`;
  afterAll(async () => {
    if (!url) return;
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    } finally {
      await client.end();
    }
  });

  it.skipIf(!url)("PostgreSQL", async () => {
    const store = await seeded(await openStore(url as string, { schema, maxConnections: 2 }));
    try {
      await fc.assert(
        fc.asyncProperty(fc.array(opArb, { minLength: 1, maxLength: 8 }), async (ops) => {
          await store.raw("DELETE FROM observation_revisions");
          await store.raw("DELETE FROM observations");
          await store.raw("DELETE FROM observation_changes");
          await check(store, ops);
        }),
        { numRuns: 25 },
      );
    } finally {
      await store.close();
    }
  });

  // A large first load into an empty table builds the primary key after the COPY (postgres/write-observations.ts).
  it.skipIf(!url)("PostgreSQL: a large first load keeps the key, also when it fails", async () => {
    const store = await seeded(await openStore(url as string, { schema, maxConnections: 2 }));
    const hasKey = async () =>
      (
        await store.raw(
          "SELECT 1 FROM pg_constraint WHERE conrelid = 'observations'::regclass AND contype = 'p'",
        )
      ).rows.length === 1;
    const rows: ObservationInput[] = [];
    for (const region of REGIONS)
      for (const indicator of INDICATORS)
        for (let period = 1; period <= 10_000; period++)
          rows.push({ regionCode: region, indicatorCode: indicator, period, value: period });
    try {
      await store.raw("DELETE FROM observation_revisions");
      await store.raw("DELETE FROM observations");
      // A period PostgreSQL cannot store fails the COPY after the key was dropped: everything is rolled back.
      const failing = [
        ...rows,
        { regionCode: REGIONS[0], indicatorCode: INDICATORS[0], period: 2 ** 40, value: 1 },
      ];
      await expect(store.writeObservations(failing, { author: "a" })).rejects.toThrow();
      expect(await hasKey()).toBe(true);
      expect(await store.queryObservations({ limit: 1 })).toEqual([]);
      expect(await store.writeObservations(rows, { author: "a" })).toEqual({
        inserted: rows.length,
        revised: 0,
        unchanged: 0,
      });
      expect(await hasKey()).toBe(true);
      const n = await store.raw("SELECT count(*) AS n FROM observations");
      expect(Number(n.rows[0].n)).toBe(rows.length);
      await expect(
        store.raw("INSERT INTO observations SELECT * FROM observations LIMIT 1"),
      ).rejects.toThrow();
    } finally {
      await store.close();
    }
  });
});
