import { describe, expect, it } from "vitest";
import {
  codeOf,
  compareWithCase,
  denseGetisOrd,
  denseWeights,
  type Loose,
  lattice,
  loadCase,
  spatialSpec,
} from "../test/helpers.ts";
import { runGetisOrdSpec } from "./getis-ord-spec.ts";
import { normalPValue } from "./normal.ts";

const spec = (
  rows: Array<Record<string, unknown>>,
  neighbors: Record<string, string[]>,
  params: Record<string, unknown>,
  style: "W" | "B" = "W",
) => spatialSpec("getis-ord", rows, neighbors, params, style);

const grid = lattice(4, true);
const values = [12, 15, 9, 3, 14, 18, 8, 2, 7, 6, 5, 1, 2, 3, 1, 4];
const rows = grid.ids.map((id, i) => ({ id, x: values[i] }));

describe("getis-ord", () => {
  it("matches the public reference case getis-ord-grid-basic (spdep localG, Gi*)", () => {
    const c = loadCase("getis-ord-grid-basic");
    expect(compareWithCase(c.expectedPath, "getis-ord", runGetisOrdSpec(c.spec))).toBe("ok");
  });

  it.each([
    [true, "W"],
    [true, "B"],
    [false, "W"],
    [false, "B"],
  ] as const)("agrees with the dense formulas (star %s, style %s)", (star, style) => {
    const r = runGetisOrdSpec(spec(rows, grid.neighbors, { star }, style)).result as Loose;
    const d = denseGetisOrd(values, denseWeights(grid.ids, grid.neighbors, style, star), star);
    expect(r.star).toBe(star);
    r.rows.forEach((row: Loose, i: number) => {
      expect(row.z).toBeCloseTo(d[i].z, 11);
      expect(row.g).toBeCloseTo(d[i].g, 13);
      expect(row.expected_g).toBeCloseTo(d[i].eg, 13);
      expect(row.variance_g).toBeCloseTo(d[i].vg, 13);
      expect(row.p).toBeCloseTo(normalPValue(d[i].z, "two.sided"), 12);
      expect(row.cluster).toBe(row.p <= 0.05 ? (row.z > 0 ? "hot" : "cold") : "NS");
    });
  });

  it("Gi and Gi* differ: Gi* counts the region's own value", () => {
    const star = runGetisOrdSpec(spec(rows, grid.neighbors, {})).result as Loose;
    const gi = runGetisOrdSpec(spec(rows, grid.neighbors, { star: false })).result as Loose;
    // region 5 (value 18, the maximum) is hotter with itself included
    expect(star.rows[5].z).toBeGreaterThan(gi.rows[5].z);
    expect(star.rows[5].g).not.toBeCloseTo(gi.rows[5].g, 6);
  });

  it("islands: Gi gives no z (0/0); Gi* keeps the region on its own (spdep include.self)", () => {
    const nbs = { ...grid.neighbors, lone: [] as string[] };
    const r17 = [...rows, { id: "lone", x: 20 }];
    expect(codeOf(() => runGetisOrdSpec(spec(r17, nbs, {})))).toBe("no_neighbors");
    const gi = runGetisOrdSpec(spec(r17, nbs, { star: false, allow_islands: true, permutations: 9 }))
      .result as Loose;
    expect(gi.n_islands).toBe(1);
    expect(gi.rows[16]).toMatchObject({
      id: "lone",
      g: 0,
      expected_g: 0,
      variance_g: 0,
      z: null,
      p: null,
      p_sim: null,
      cluster: "NS",
    });
    const star = runGetisOrdSpec(spec(r17, nbs, { allow_islands: true, permutations: 9 })).result as Loose;
    const xs = [...values, 20];
    const mean = xs.reduce((a, b) => a + b, 0) / 17;
    const s = Math.sqrt(xs.reduce((a, v) => a + (v - mean) ** 2, 0) / 17);
    expect(star.rows[16].z).toBeCloseTo((20 - mean) / s, 12);
    expect(star.rows[16].p_sim).toBeNull();
  });

  it("permutations: reproducible, p_sim in (0, 1], clusters by p_sim only on request", () => {
    const s = spec(rows, grid.neighbors, { permutations: 99, seed: 3 });
    const a = runGetisOrdSpec(s).result as Loose;
    expect(runGetisOrdSpec(s).result).toEqual(a);
    const plain = runGetisOrdSpec(spec(rows, grid.neighbors, {})).result as Loose;
    a.rows.forEach((row: Loose, i: number) => {
      expect(row.p_sim).toBeGreaterThan(0);
      expect(row.p_sim).toBeLessThanOrEqual(1);
      expect(row.cluster).toBe(plain.rows[i].cluster);
    });
    const perm = runGetisOrdSpec(
      spec(rows, grid.neighbors, { permutations: 99, seed: 3, inference: "permutation" }),
    ).result as Loose;
    perm.rows.forEach((row: Loose, i: number) => {
      expect(row.p_sim).toBe(a.rows[i].p_sim);
      expect(row.cluster).toBe(row.p_sim <= 0.05 ? (row.z > 0 ? "hot" : "cold") : "NS");
    });
    // the hottest corner of a clear gradient: no permutation beats it
    const hot = runGetisOrdSpec(
      spec(rows, grid.neighbors, { permutations: 99, seed: 3, alternative: "greater" }),
    ).result as Loose;
    expect(hot.rows[4].p_sim).toBeLessThan(0.1);
  });

  it("rejects a constant column", () => {
    expect(
      codeOf(() =>
        runGetisOrdSpec(
          spec(
            rows.map((r) => ({ ...r, x: 1 })),
            grid.neighbors,
            {},
          ),
        ),
      ),
    ).toBe("constant_column");
  });
});

describe("getis-ord: numerical stability", () => {
  // z of Gi and Gi* does not change when a constant is added to x; the Σx² − x̄² forms lose about six digits at
  // an offset of 1e6 against a spread of ~5, the deviation forms keep all but one or two
  const offsetRows = (c: number) => grid.ids.map((id, i) => ({ id, x: c + values[i] + i / 7 }));
  for (const star of [true, false]) {
    it(`${star ? "Gi*" : "Gi"} z is shift-invariant to 1e-9`, () => {
      const base = runGetisOrdSpec(spec(offsetRows(0), grid.neighbors, { star }, "B")).result as Loose;
      const shifted = runGetisOrdSpec(spec(offsetRows(1e6), grid.neighbors, { star }, "B")).result as Loose;
      base.rows.forEach((r: Loose, i: number) => {
        expect(Math.abs(shifted.rows[i].z - r.z)).toBeLessThan(1e-9 * Math.max(1, Math.abs(r.z)));
      });
    });
  }

  it("Gi of the one region differing from all others: z and p null (s_i² = 0)", () => {
    const r = runGetisOrdSpec(
      spec(
        grid.ids.map((id, i) => ({ id, x: i === 5 ? 0.3 : 0.1 })),
        grid.neighbors,
        { star: false },
      ),
    ).result as Loose;
    expect(r.rows[5].z).toBeNull();
    expect(r.rows[5].p).toBeNull();
    expect(r.rows[5].variance_g).toBe(0);
    expect(r.rows[0].z).not.toBeNull();
  });
});
