import type { Store } from "@ronghe/store";
import { afterEach, describe, expect, it } from "vitest";
import { evaluateScheme } from "./evaluate-scheme.ts";
import { quantileType7 } from "./quantile.ts";
import { averageRanks } from "./rank-uncertainty.ts";
import { parseScheme } from "./scheme.ts";
import { fixtureStore } from "./testing/fixture-store.ts";

const counties: [string, number, number][] = [
  ["甲", 0, 0],
  ["乙", 1, 0],
  ["丙", 2, 0],
  ["丁", 0, 1],
  ["戊", 1, 1],
  ["己", 2, 1],
];
// deliberately conflicting indicators so that alternatives reorder the middle of the table
const DATA = [
  { A: 1, B: 9, C: 3, D: 40 },
  { A: 4, B: 2, C: 8, D: 10 },
  { A: 6, B: 7, C: 1, D: 30 },
  { A: 9, B: 1, C: 6, D: 20 },
  { A: 3, B: 5, C: 9, D: 60 },
  { A: 7, B: 4, C: 4, D: 50 },
];
const scheme = parseScheme({
  name: "u",
  region: "990000",
  level: "county",
  years: [2019, 2020],
  indicators: [
    { code: "A", subsystem: "urban" },
    { code: "B", subsystem: "urban", direction: "-" },
    { code: "C", subsystem: "rural" },
    { code: "D", subsystem: "rural" },
  ],
});

const stores: Store[] = [];
async function open() {
  const f = await fixtureStore({
    counties,
    indicators: ["A", "B", "C", "D"].map((code) => ({ code })),
    values: Object.fromEntries(
      DATA.map((v, i) => [i, { 2019: v, 2020: { A: v.A + i, B: v.B, C: v.C * 2, D: v.D - i } }]),
    ),
  });
  stores.push(f.store);
  return f.ctx;
}
afterEach(async () => {
  while (stores.length) await stores.pop()!.close();
});

describe("rank uncertainty", () => {
  it("reports, per year and region, the median and the 5–95 % interval of ranks", async () => {
    const view = await evaluateScheme(await open(), scheme, { uncertainty: 60, seed: 7 });
    const u = view.summary.uncertainty!;
    expect(u.n).toBe(60);
    expect(u.seed).toBe(7);
    expect(Object.values(u.draws.weighting).reduce((a, b) => a + b, 0)).toBe(60);
    expect(Object.values(u.draws.normalisation).reduce((a, b) => a + b, 0)).toBe(60);
    for (const w of ["entropy", "critic", "equal"]) expect(u.draws.weighting[w]).toBeGreaterThan(0);
    expect(u.years.map((y) => y.year)).toEqual([2019, 2020]);
    let spread = 0;
    for (const y of u.years) {
      expect(y.regions).toHaveLength(6);
      for (const r of y.regions) {
        expect(r.rank_p05).toBeGreaterThanOrEqual(1);
        expect(r.rank_p05).toBeLessThanOrEqual(r.median_rank);
        expect(r.median_rank).toBeLessThanOrEqual(r.rank_p95);
        expect(r.rank_p95).toBeLessThanOrEqual(6);
        spread += r.rank_p95 - r.rank_p05;
        const nominal = view.rows.find((x) => x.region === r.region && x.year === y.year)!;
        expect(r.rank).toBe(nominal.rank);
      }
    }
    expect(spread).toBeGreaterThan(0);
  });

  it("is reproducible by seed and part of the run hash", async () => {
    const a = await evaluateScheme(await open(), scheme, { uncertainty: 30, seed: 42 });
    const b = await evaluateScheme(await open(), scheme, { uncertainty: 30, seed: 42 });
    const c = await evaluateScheme(await open(), scheme, { uncertainty: 30, seed: 43 });
    const plain = await evaluateScheme(await open(), scheme);
    expect(b.summary.uncertainty).toEqual(a.summary.uncertainty);
    expect(b.run_hash).toBe(a.run_hash);
    expect(c.run_hash).not.toBe(a.run_hash);
    expect(c.summary.uncertainty!.draws).not.toEqual(a.summary.uncertainty!.draws);
    expect(plain.run_hash).not.toBe(a.run_hash);
    expect(plain.summary.uncertainty).toBeNull();
    expect(plain.rows).toEqual(a.rows);
  });

  it("rejects a bad count", async () => {
    await expect(evaluateScheme(await open(), scheme, { uncertainty: -1 })).rejects.toMatchObject({
      code: "invalid_input",
    });
  });
});

describe("helpers", () => {
  it("averageRanks gives tied values their mean rank", () => {
    expect(Array.from(averageRanks(Float64Array.of(10, 30, 20, 30, 5)))).toEqual([2, 4.5, 3, 4.5, 1]);
  });

  it("quantileType7 agrees with R's quantile(type = 7)", () => {
    // R: quantile(c(3, 1, 4, 1, 5, 9, 2, 6), c(.05, .5, .95)) → 1.00 3.50 7.95
    const x = [3, 1, 4, 1, 5, 9, 2, 6];
    expect(quantileType7(x, 0.05)).toBeCloseTo(1, 12);
    expect(quantileType7(x, 0.5)).toBeCloseTo(3.5, 12);
    expect(quantileType7(x, 0.95)).toBeCloseTo(7.95, 12);
    expect(quantileType7([], 0.5)).toBeNull();
    expect(quantileType7([4], 0.95)).toBe(4);
  });
});
