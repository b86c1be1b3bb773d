import { describe, expect, it } from "vitest";
import {
  codeOf,
  compareWithCase,
  denseMoran,
  denseWeights,
  type Loose,
  lattice,
  loadCase,
  spatialSpec,
} from "../test/helpers.ts";
import { runMoranSpec } from "./moran-spec.ts";
import { moransI } from "./morans-i.ts";
import { normalUpper } from "./normal.ts";
import { Xoshiro128 } from "./prng.ts";
import { buildSpatialWeights } from "./spatial-weights.ts";

const spec = (
  rows: Array<Record<string, unknown>>,
  neighbors: Record<string, string[]>,
  params: Record<string, unknown>,
  style?: "W" | "B",
) => spatialSpec("moran", rows, neighbors, params, style);

const grid = lattice(4, false);
const values = [3.1, 2.4, 5.5, 1.2, 8.8, 7.1, 6.3, 2.2, 0.5, 4.4, 9.9, 3.3, 2.8, 6.6, 1.9, 5.0];
const gridRows = grid.ids.map((id, i) => ({ id, x: values[i] }));

describe("moran", () => {
  it("matches the public reference case moran-stl-hr8893 (spdep / PySAL)", () => {
    const c = loadCase("moran-stl-hr8893");
    expect(compareWithCase(c.expectedPath, "moran", runMoranSpec(c.spec))).toBe("ok");
  });

  it.each(["W", "B"] as const)("agrees with the dense formulas, style %s", (style) => {
    const r = runMoranSpec(spec(gridRows, grid.neighbors, {}, style)).result as Loose;
    const d = denseMoran(values, denseWeights(grid.ids, grid.neighbors, style), true);
    expect(r.i).toBeCloseTo(d.I, 13);
    expect(r.expected_i).toBeCloseTo(-1 / 15, 15);
    expect(r.normality.variance).toBeCloseTo(d.vn, 13);
    expect(r.randomization.variance).toBeCloseTo(d.vr, 13);
    expect(r.normality.p).toBeCloseTo(normalUpper((d.I - d.EI) / Math.sqrt(d.vn)), 13);
    expect(r.permutation).toBeUndefined();
  });

  it("uses the asymmetric lists of k-nearest neighbours as given", () => {
    const knn: Record<string, string[]> = {};
    grid.ids.forEach((id, i) => {
      knn[id] = [grid.ids[(i + 1) % 16], grid.ids[(i + 5) % 16]];
    });
    const r = runMoranSpec(spec(gridRows, knn, { alternative: "two.sided" })).result as Loose;
    const d = denseMoran(values, denseWeights(grid.ids, knn, "W"), true);
    expect(r.i).toBeCloseTo(d.I, 13);
    expect(r.randomization.variance).toBeCloseTo(d.vr, 13);
    expect(r.randomization.p).toBeCloseTo(2 * normalUpper(Math.abs((d.I - d.EI) / Math.sqrt(d.vr))), 13);
  });

  it("reduces n by islands unless adjust_n is false", () => {
    const nbs = { ...grid.neighbors };
    const islandRows = [...gridRows, { id: "i1", x: 4 }, { id: "i2", x: 7 }];
    nbs.i1 = [];
    nbs.i2 = [];
    expect(codeOf(() => runMoranSpec(spec(islandRows, nbs, {})))).toBe("no_neighbors");
    const ids = [...grid.ids, "i1", "i2"];
    const xs = [...values, 4, 7];
    for (const adjust of [true, false]) {
      const r = runMoranSpec(spec(islandRows, nbs, { allow_islands: true, adjust_n: adjust }))
        .result as Loose;
      const d = denseMoran(xs, denseWeights(ids, nbs, "W"), adjust);
      expect(r.n).toBe(18);
      expect(r.n_islands).toBe(2);
      expect(r.i).toBeCloseTo(d.I, 13);
      expect(r.expected_i).toBeCloseTo(d.EI, 15);
      expect(r.normality.variance).toBeCloseTo(d.vn, 13);
      expect(r.randomization.variance).toBeCloseTo(d.vr, 13);
    }
  });

  it("drops rows with missing values from the data and from every neighbour list", () => {
    const rows = gridRows.map((r, i) => (i === 5 ? { id: r.id } : i === 10 ? { id: r.id, x: null } : r));
    expect(codeOf(() => runMoranSpec(spec(rows, grid.neighbors, {})))).toBe("missing_values");
    const r = runMoranSpec(spec(rows, grid.neighbors, { missing: "drop" })).result as Loose;
    const keep = grid.ids.filter((_, i) => i !== 5 && i !== 10);
    const d = denseMoran(
      values.filter((_, i) => i !== 5 && i !== 10),
      denseWeights(keep, grid.neighbors, "W"),
      true,
    );
    expect(r.n).toBe(14);
    expect(r.i).toBeCloseTo(d.I, 13);
    expect(r.randomization.variance).toBeCloseTo(d.vr, 13);
  });

  it("rejects constant columns, too few rows and bad parameters", () => {
    const constRows = gridRows.map((r) => ({ ...r, x: 2 }));
    expect(codeOf(() => runMoranSpec(spec(constRows, grid.neighbors, {})))).toBe("constant_column");
    const small = { a: ["b"], b: ["a", "c"], c: ["b"] };
    expect(
      codeOf(() =>
        runMoranSpec(
          spec(
            [
              { id: "a", x: 1 },
              { id: "b", x: 2 },
              { id: "c", x: 4 },
            ],
            small,
            {},
          ),
        ),
      ),
    ).toBe("insufficient_data");
    expect(codeOf(() => runMoranSpec(spec(gridRows, grid.neighbors, { alternative: "up" })))).toBe(
      "invalid_spec",
    );
    expect(codeOf(() => runMoranSpec(spec(gridRows, grid.neighbors, { permutations: 9.5 })))).toBe(
      "invalid_spec",
    );
    const noWeights = { ...spec(gridRows, grid.neighbors, {}), weights: undefined };
    expect(codeOf(() => runMoranSpec(noWeights))).toBe("invalid_weights");
  });

  it("all-island weights are degenerate", () => {
    const nbs = Object.fromEntries(grid.ids.map((id) => [id, [] as string[]]));
    expect(codeOf(() => runMoranSpec(spec(gridRows, nbs, { allow_islands: true })))).toBe(
      "degenerate_weights",
    );
  });

  it("permutation p is reproducible for a seed, in (0, 1], and follows the alternative", () => {
    const s = spec(gridRows, grid.neighbors, { permutations: 199, seed: 42 });
    const a = runMoranSpec(s).result as Loose;
    const b = runMoranSpec(s).result as Loose;
    expect(a.permutation).toEqual(b.permutation);
    expect(a.permutation.permutations).toBe(199);
    expect(a.permutation.seed).toBe(42);
    const p = a.permutation.p;
    expect(p).toBeGreaterThan(0);
    expect(p).toBeLessThanOrEqual(1);
    expect(Math.round(p * 200)).toBeCloseTo(p * 200, 9); // (M + 1)/(R + 1)
    const less = (
      runMoranSpec(spec(gridRows, grid.neighbors, { permutations: 199, seed: 42, alternative: "less" }))
        .result as Loose
    ).permutation.p;
    const two = (
      runMoranSpec(spec(gridRows, grid.neighbors, { permutations: 199, seed: 42, alternative: "two.sided" }))
        .result as Loose
    ).permutation.p;
    // same seed → same permuted statistics: the two tails overlap only in ties, and two-sided folds them
    expect(p + less).toBeGreaterThanOrEqual(1 + 1 / 200 - 1e-12);
    expect(two).toBeCloseTo(Math.min(1, 2 * Math.min(p, less)), 15);
    const other = (
      runMoranSpec(spec(gridRows, grid.neighbors, { permutations: 199, seed: 43 })).result as Loose
    ).permutation.p;
    expect(Math.abs(other - p)).toBeLessThan(0.2); // Monte Carlo error only
  });

  it("unequal row weights: I and the permutation counts equal a naive Σ w_ij z_i z_j over the spec's shuffles", () => {
    const b = buildSpatialWeights(grid.ids, grid.ids, grid.neighbors, { style: "W" });
    const weights = b.weights.map((x, e) => (e < b.offsets[1] ? x : x * (1 + (e % 3))));
    const w = { ...b, weights };
    const R = 99;
    const r = moransI(Float64Array.from(values), w, {
      alternative: "greater",
      adjustN: true,
      permutations: R,
      seed: 5,
    });
    const n = values.length;
    const mean = values.reduce((a, x) => a + x, 0) / n;
    const z = values.map((x) => x - mean);
    const cross = (zz: number[]) => {
      let c = 0;
      for (let i = 0; i < n; i++)
        for (let e = w.offsets[i]; e < w.offsets[i + 1]; e++) c += weights[e] * zz[i] * zz[w.neighbours[e]];
      return c;
    };
    const s0 = weights.reduce((a, x) => a + x, 0);
    const observed = cross(z);
    expect(r.i).toBeCloseTo(((n / s0) * observed) / z.reduce((a, x) => a + x * x, 0), 13);
    const rng = new Xoshiro128(5);
    const zp = [...z];
    let ge = 0;
    for (let k = 0; k < R; k++) {
      for (let pos = n - 1; pos > 0; pos--) {
        const j = rng.below(pos + 1);
        [zp[pos], zp[j]] = [zp[j], zp[pos]];
      }
      if (cross(zp) >= observed - 1e-9) ge++;
    }
    expect(r.permutation?.p).toBeCloseTo((ge + 1) / (R + 1), 15);
  });

  it("a strongly clustered pattern is significant under all three tests", () => {
    const g = lattice(8, true);
    const rows = g.ids.map((id) => {
      const [r, c] = id.split("-").map(Number);
      return { id, x: r + c };
    });
    const res = runMoranSpec(spec(rows, g.neighbors, { permutations: 99, seed: 1 })).result as Loose;
    expect(res.i).toBeGreaterThan(0.5);
    expect(res.normality.p).toBeLessThan(1e-6);
    expect(res.permutation.p).toBeCloseTo(0.01, 15);
  });
});
