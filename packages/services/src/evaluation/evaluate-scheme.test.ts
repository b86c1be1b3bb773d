import type { Store } from "@ronghe/store";
import { afterEach, describe, expect, it } from "vitest";
import { runAnalysis } from "../analysis/run-analysis.ts";
import { buildWeights } from "../weights/build-weights.ts";
import { evaluateScheme } from "./evaluate-scheme.ts";
import { getEvaluationRunView, listEvaluationRuns } from "./evaluation-runs.ts";
import { evaluationCsv } from "./export-evaluation.ts";
import { parseScheme } from "./scheme.ts";
import { countyCode, FIVE_COUNTIES, type FixtureOptions, fixtureStore } from "./testing/fixture-store.ts";

// five counties, two years; U1 (+), U2 (−) urban, R1, R2 (+) rural; UI, RI incomes and UR urbanisation rate (%)
const RAW_2019 = [
  { U1: 10, U2: 5, R1: 1, R2: 20, UI: 30000, RI: 15000, UR: 60 },
  { U1: 20, U2: 3, R1: 3, R2: 10, UI: 32000, RI: 12000, UR: 50 },
  { U1: 30, U2: 4, R1: 2, R2: 30, UI: 35000, RI: 14000, UR: 70 },
  { U1: 40, U2: 1, R1: 5, R2: 40, UI: 40000, RI: 20000, UR: 80 },
  { U1: 25, U2: 2, R1: 4, R2: 25, UI: 36000, RI: 16000, UR: 55 },
];
const RAW_2020 = RAW_2019.map((v, i) => ({
  ...v,
  U1: v.U1 + 5 * i,
  R1: v.R1 + 1,
  R2: v.R2 * 1.1,
  UI: v.UI * 1.05,
}));

function fixture(overrides: Partial<FixtureOptions> = {}): FixtureOptions {
  return {
    counties: FIVE_COUNTIES,
    indicators: [
      { code: "U1" },
      { code: "U2", direction: "-" },
      { code: "R1" },
      { code: "R2" },
      { code: "UI", role: "urban" },
      { code: "RI", role: "rural" },
      { code: "UR" },
      { code: "K1" },
    ],
    values: Object.fromEntries(
      RAW_2019.map((v, i) => [i, { 2019: { ...v, K1: 7 }, 2020: { ...RAW_2020[i], K1: 7 } }]),
    ),
    ...overrides,
  };
}

const baseScheme = {
  name: "test-scheme",
  region: "990000",
  level: "county",
  years: "2019-2020",
  indicators: [
    { code: "U1", subsystem: "urban" },
    { code: "U2", subsystem: "urban" },
    { code: "R1", subsystem: "rural" },
    { code: "R2", subsystem: "rural" },
  ],
  weighting: "equal",
  normalisation: { scope: "per_year" },
  analyses: {
    coupling: true,
    obstacles: { top_n: 2 },
    theil: { urban_income: "UI", rural_income: "RI", urbanisation_rate: "UR" },
  },
};

const stores: Store[] = [];
async function open(options = fixture()) {
  const f = await fixtureStore(options);
  stores.push(f.store);
  return f;
}
afterEach(async () => {
  while (stores.length) await stores.pop()!.close();
});

describe("evaluateScheme", () => {
  it("matches a hand computation: equal weights, per-year min-max, coupling of U_urban and U_rural", async () => {
    const { ctx } = await open();
    const view = await evaluateScheme(ctx, parseScheme(baseScheme));
    const y2019 = view.rows.filter((r) => r.year === 2019);
    expect(y2019).toHaveLength(5);
    const mm = (x: number, lo: number, hi: number) => (x - lo) / (hi - lo);
    for (const [i, v] of RAW_2019.entries()) {
      const uu = (mm(v.U1, 10, 40) + (5 - v.U2) / (5 - 1)) / 2;
      const ur = (mm(v.R1, 1, 5) + mm(v.R2, 10, 40)) / 2;
      const c = uu + ur === 0 ? 0 : (2 * Math.sqrt(uu * ur)) / (uu + ur);
      const t = (uu + ur) / 2;
      const d = Math.sqrt(c * t);
      const row = y2019.find((r) => r.region === countyCode(i))!;
      expect(row.u_urban).toBeCloseTo(uu, 12);
      expect(row.u_rural).toBeCloseTo(ur, 12);
      expect(row.index).toBeCloseTo(0.5 * uu + 0.5 * ur, 12);
      expect(row.coupling).toBeCloseTo(c, 12);
      expect(row.development).toBeCloseTo(t, 12);
      expect(row.coordination).toBeCloseTo(d, 12);
      expect(row.level).toBe(Math.min(10, Math.floor(10 * d) + 1));
      // Theil from shares: P_u = rate, P_r = 100 − rate
      const iu = v.UI * v.UR;
      const ir = v.RI * (100 - v.UR);
      const su = iu / (iu + ir);
      const theil = su * Math.log(su / (v.UR / 100)) + (1 - su) * Math.log((1 - su) / (1 - v.UR / 100));
      expect(row.theil).toBeCloseTo(theil, 12);
      expect(row.income_ratio).toBeCloseTo(v.UI / v.RI, 12);
    }
    // ranks within the year: 丁县 (all maxima) first, 甲县 last
    expect(y2019.map((r) => r.name)).toEqual(["丁县", "戊县", "丙县", "乙县", "甲县"]);
    expect(y2019.map((r) => r.rank)).toEqual([1, 2, 3, 4, 5]);
    expect(y2019[0].level_name).toBe("优质协调");
    expect(y2019[4].level_name).toBe("极度失调");
    // 丁县 has every indicator at its best: no obstacle at all
    expect(y2019[0].top_obstacles).toEqual([]);
    expect(y2019[4].top_obstacles!.length).toBe(2);
    expect(view.summary.weights.map((w) => w.year)).toEqual([2019, 2020]);
    for (const w of view.summary.weights[0].indicators) expect(w.effective_weight).toBeCloseTo(0.25, 15);
  });

  it("pooled entropy weights equal runAnalysis composite-index and coupling-coordination on all region-years", async () => {
    const { ctx } = await open();
    const scheme = parseScheme({ ...baseScheme, weighting: "entropy", normalisation: { scope: "pooled" } });
    const view = await evaluateScheme(ctx, scheme);
    const rows = [
      ...RAW_2019.map((v, i) => ({ id: `${i}@2019`, ...v })),
      ...RAW_2020.map((v, i) => ({ id: `${i}@2020`, ...v })),
    ];
    const ci = runAnalysis({
      method: "composite-index",
      params: {
        weights_scope: "within_group",
        group_weights: { urban: 0.5, rural: 0.5 },
        indicators: [
          { column: "U1", group: "urban" },
          { column: "U2", direction: "-", group: "urban" },
          { column: "R1", group: "rural" },
          { column: "R2", group: "rural" },
        ],
      },
      data: { rows },
    });
    const ciRows = ci.result.rows as { id: string; score: number; group_scores: Record<string, number> }[];
    const cc = runAnalysis({
      method: "coupling-coordination",
      params: { subsystems: ["urban", "rural"] },
      data: { rows: ciRows.map((r) => ({ id: r.id, ...r.group_scores })) },
    });
    const ccRows = cc.result.rows as { id: string; coordination: number; level: number }[];
    for (const r of ciRows) {
      const [i, year] = r.id.split("@").map(Number);
      const got = view.rows.find((x) => x.region === countyCode(i) && x.year === year)!;
      expect(got.index).toBe(r.score);
      expect(got.u_urban).toBe(r.group_scores.urban);
      expect(got.u_rural).toBe(r.group_scores.rural);
      const c = ccRows.find((x) => x.id === r.id)!;
      expect(got.coordination).toBe(c.coordination);
      expect(got.level).toBe(c.level);
    }
    const weights = ci.result.indicators as { column: string; weight: number }[];
    expect(view.summary.weights).toHaveLength(1);
    expect(view.summary.weights[0].year).toBeNull();
    expect(view.summary.weights[0].indicators.map((w) => w.weight)).toEqual(weights.map((w) => w.weight));
    // ranks are within each year even though normalisation is pooled
    expect(
      view.rows
        .filter((r) => r.year === 2020)
        .map((r) => r.rank)
        .sort(),
    ).toEqual([1, 2, 3, 4, 5]);
  });

  it("gives the same run hash and numbers on the same data, and stores no duplicate", async () => {
    const a = await open();
    const b = await open();
    const scheme = parseScheme({ ...baseScheme, weighting: "critic" });
    const first = await evaluateScheme(a.ctx, scheme);
    // the same scheme written differently (key order, years as an object, defaults spelled out) is the same scheme
    const { indicators, ...rest } = baseScheme;
    const respelled = {
      missing: "drop",
      indicators,
      ...rest,
      years: { to: 2020, from: 2019 },
      weighting: "critic",
    };
    const again = await evaluateScheme(a.ctx, parseScheme(respelled));
    const elsewhere = await evaluateScheme(b.ctx, scheme);
    expect(first.reused).toBe(false);
    expect(again.reused).toBe(true);
    expect(again.id).toBe(first.id);
    expect(elsewhere.run_hash).toBe(first.run_hash);
    expect(elsewhere.inputs_hash).toBe(first.inputs_hash);
    expect(elsewhere.rows).toEqual(first.rows);
    expect(await listEvaluationRuns(a.ctx)).toHaveLength(1);
    const shown = await getEvaluationRunView(a.ctx, first.id);
    expect(shown.rows).toEqual(first.rows);
    expect(shown.summary).toEqual(first.summary);
    // another value changes the inputs hash and the run hash
    await a.store.writeObservations(
      [{ regionCode: countyCode(0), indicatorCode: "U1", period: 2019, value: 11 }],
      { author: "test" },
    );
    const changed = await evaluateScheme(a.ctx, scheme);
    expect(changed.inputs_hash).not.toBe(first.inputs_hash);
    expect(changed.run_hash).not.toBe(first.run_hash);
    expect(changed.reused).toBe(false);
    expect(await listEvaluationRuns(a.ctx)).toHaveLength(2);
  });

  it("drops region-years with a missing index indicator and lists them; error mode fails naming them", async () => {
    const values = fixture().values;
    delete values[0][2020].R2;
    delete values[2][2019].U1;
    const { ctx } = await open(fixture({ values }));
    const view = await evaluateScheme(ctx, parseScheme(baseScheme));
    expect(view.summary.dropped).toEqual([
      { region: countyCode(2), name: "丙县", year: 2019, reason: "missing_values", missing: ["U1"] },
      { region: countyCode(0), name: "甲县", year: 2020, reason: "missing_values", missing: ["R2"] },
    ]);
    expect(view.rows.filter((r) => r.year === 2019).map((r) => r.region)).not.toContain(countyCode(2));
    expect(view.rows).toHaveLength(8);
    await expect(evaluateScheme(ctx, parseScheme({ ...baseScheme, missing: "error" }))).rejects.toMatchObject(
      {
        code: "missing_data",
        details: {
          dropped: [
            { region: countyCode(2), year: 2019, missing: ["U1"] },
            { region: countyCode(0), year: 2020, missing: ["R2"] },
          ],
        },
      },
    );
  });

  it("rejects unknown indicators, constant columns and indicators without data with named codes", async () => {
    const { ctx } = await open();
    const withInd = (code: string) =>
      parseScheme({ ...baseScheme, indicators: [...baseScheme.indicators, { code, subsystem: "rural" }] });
    await expect(evaluateScheme(ctx, withInd("NOPE-1"))).rejects.toMatchObject({
      code: "unknown_indicator",
      details: { indicators: ["NOPE-1"] },
    });
    await expect(evaluateScheme(ctx, withInd("K1"))).rejects.toMatchObject({
      code: "constant_column",
      details: { indicator: "K1" },
    });
    await expect(
      evaluateScheme(ctx, parseScheme({ ...baseScheme, years: "2021-2022" })),
    ).rejects.toMatchObject({ code: "missing_data" });
  });

  it("adds Moran's I and LISA of the index per year, as runAnalysis gives them on the queen weights", async () => {
    const { ctx } = await open();
    const scheme = parseScheme({
      ...baseScheme,
      analyses: { moran: { permutations: 99, seed: 3 }, lisa: true },
    });
    const view = await evaluateScheme(ctx, scheme);
    const weights = await buildWeights(ctx, { region: "990000", level: "county", type: "queen" });
    expect(view.summary.spatial.map((s) => s.year)).toEqual([2019, 2020]);
    for (const year of [2019, 2020]) {
      // rows in unit (region code) order, as the evaluation hands them to the method
      const rows = view.rows
        .filter((r) => r.year === year)
        .map((r) => ({ id: r.region, index: r.index }))
        .sort((a, b) => (a.id < b.id ? -1 : 1));
      const moran = runAnalysis({
        method: "moran",
        params: { column: "index", permutations: 99, seed: 3 },
        data: { rows },
        weights: weights.weights,
      });
      const lisa = runAnalysis({
        method: "lisa",
        params: { column: "index" },
        data: { rows },
        weights: weights.weights,
      });
      const got = view.summary.spatial.find((s) => s.year === year)!;
      expect(got.error).toBeNull();
      expect(got.moran).toEqual(moran.result);
      expect(got.lisa_counts).toEqual(lisa.result.counts);
      for (const r of lisa.result.rows as { id: string; ii: number; cluster: string }[]) {
        const row = view.rows.find((x) => x.year === year && x.region === r.id)!;
        expect(row.lisa).toMatchObject({ ii: r.ii, cluster: r.cluster });
      }
    }
  });

  it("records a spatial method's error per year and keeps the index table", async () => {
    const counties = fixture().counties.map((c, i): [string, number, number] => (i === 4 ? [c[0], 9, 9] : c));
    const { ctx } = await open(fixture({ counties }));
    const view = await evaluateScheme(
      ctx,
      parseScheme({ ...baseScheme, analyses: { moran: { permutations: 0 } } }),
    );
    expect(view.rows).toHaveLength(10);
    expect(view.summary.spatial.map((s) => s.error?.code)).toEqual(["no_neighbors", "no_neighbors"]);
    expect(view.summary.warnings).toContain("spatial_2019:no_neighbors");
    const allowed = await evaluateScheme(
      ctx,
      parseScheme({ ...baseScheme, analyses: { moran: { permutations: 0 }, allow_islands: true } }),
    );
    expect(allowed.summary.spatial.map((s) => s.error)).toEqual([null, null]);
    expect((allowed.summary.spatial[0].moran as { n_islands: number }).n_islands).toBe(1);
  });

  it("writes CSV with one line per region-year and no NaN", async () => {
    const { ctx } = await open();
    const view = await evaluateScheme(ctx, parseScheme(baseScheme));
    const csv = evaluationCsv(view);
    const lines = csv
      .replace(/^\ufeff/, "")
      .trim()
      .split("\r\n");
    expect(lines[0].split(",").slice(0, 5)).toEqual(["year", "rank", "region", "name", "index"]);
    expect(lines).toHaveLength(11);
    expect(csv).not.toMatch(/NaN|undefined/);
  });
});
