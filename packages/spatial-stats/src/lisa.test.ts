import { describe, expect, it } from "vitest";
import {
  codeOf,
  compareWithCase,
  denseLisa,
  denseWeights,
  type Loose,
  lattice,
  loadCase,
  spatialSpec,
} from "../test/helpers.ts";
import { conditionalPermutationCounts } from "./conditional-permutation.ts";
import { runLisaSpec } from "./lisa-spec.ts";
import { normalPValue } from "./normal.ts";
import { Xoshiro128 } from "./prng.ts";
import { buildSpatialWeights, type SpatialWeights } from "./spatial-weights.ts";

const spec = (
  rows: Array<Record<string, unknown>>,
  neighbors: Record<string, string[]>,
  params: Record<string, unknown>,
  style: "W" | "B" = "W",
) => spatialSpec("lisa", rows, neighbors, params, style);

const grid = lattice(5, true);
const values = [9, 8.5, 7, 2, 1, 8, 9.5, 6, 2.5, 1.5, 7, 6.5, 5, 3, 2, 3, 2, 4, 5.5, 6, 1, 2, 3, 6, 7.5];
const rows = grid.ids.map((id, i) => ({ id, x: values[i] }));

describe("lisa", () => {
  it("matches the public reference case lisa-stl-hr8893 (spdep localmoran)", () => {
    const c = loadCase("lisa-stl-hr8893");
    expect(compareWithCase(c.expectedPath, "lisa", runLisaSpec(c.spec))).toBe("ok");
  });

  it.each([
    ["conditional", "W"],
    ["total", "W"],
    ["conditional", "B"],
    ["total", "B"],
  ] as const)("agrees with the dense formulas (%s variance, style %s)", (variance, style) => {
    const r = runLisaSpec(spec(rows, grid.neighbors, { variance, alternative: "greater" }, style))
      .result as Loose;
    const d = denseLisa(values, denseWeights(grid.ids, grid.neighbors, style), variance);
    r.rows.forEach((row: Loose, i: number) => {
      expect(row.id).toBe(grid.ids[i]);
      expect(row.ii).toBeCloseTo(d[i].ii, 12);
      expect(row.expected).toBeCloseTo(d[i].e, 12);
      expect(row.variance).toBeCloseTo(d[i].v, 12);
      expect(row.z).toBeCloseTo(d[i].z, 10);
      expect(row.p).toBeCloseTo(normalPValue(d[i].z, "greater"), 12);
      const q = (d[i].zi > 0 ? "H" : "L") + (d[i].lag > 0 ? "H" : "L");
      expect(row.quadrant).toBe(q);
      expect(row.cluster).toBe(row.p <= 0.05 ? q : "NS");
      expect(row.p_sim).toBeUndefined();
    });
    const counts = { HH: 0, LL: 0, HL: 0, LH: 0, NS: 0, isolated: 0 } as Record<string, number>;
    for (const row of r.rows) counts[row.cluster]++;
    expect(r.counts).toEqual(counts);
    expect(r.permutation).toBeUndefined();
  });

  it("marks islands isolated with null moments when allowed", () => {
    const nbs = { ...grid.neighbors, lone: [] as string[] };
    const withIsland = [...rows, { id: "lone", x: 4 }];
    expect(codeOf(() => runLisaSpec(spec(withIsland, nbs, {})))).toBe("no_neighbors");
    const r = runLisaSpec(spec(withIsland, nbs, { allow_islands: true, permutations: 19 })).result as Loose;
    const lone = r.rows[25];
    expect(lone).toEqual({
      id: "lone",
      ii: 0,
      expected: null,
      variance: null,
      z: null,
      p: null,
      p_sim: null,
      quadrant: "isolated",
      cluster: "isolated",
    });
    expect(r.n_islands).toBe(1);
    expect(r.counts.isolated).toBe(1);
    // the island still counts in n and in the moments of the others (spdep)
    const d = denseLisa([...values, 4], denseWeights([...grid.ids, "lone"], nbs, "W"), "conditional");
    expect(r.rows[0].ii).toBeCloseTo(d[0].ii, 12);
    expect(r.rows[0].variance).toBeCloseTo(d[0].v, 12);
  });

  it("a region whose neighbours are all dropped becomes an island", () => {
    const nbs: Record<string, string[]> = { a: ["b"], b: ["a", "c"], c: ["b", "d"], d: ["c", "e"], e: ["d"] };
    const r5 = [
      { id: "a", x: 1 },
      { id: "b", x: null },
      { id: "c", x: 3 },
      { id: "d", x: 7 },
      { id: "e", x: 2 },
    ];
    expect(codeOf(() => runLisaSpec(spec(r5, nbs, { missing: "drop" })))).toBe("no_neighbors");
    const r = runLisaSpec(spec(r5, nbs, { missing: "drop", allow_islands: true })).result as Loose;
    expect(r.n).toBe(4);
    expect(r.rows.map((x: Loose) => x.id)).toEqual(["a", "c", "d", "e"]);
    expect(r.rows[0].cluster).toBe("isolated");
  });

  it("conditional permutation: reproducible, p_sim in (0, 1], analytical p kept", () => {
    const s = spec(rows, grid.neighbors, { permutations: 99, seed: 7 });
    const a = runLisaSpec(s).result as Loose;
    const b = runLisaSpec(s).result as Loose;
    expect(a).toEqual(b);
    expect(a.permutation).toEqual({ permutations: 99, seed: 7, inference: "analytical" });
    const plain = runLisaSpec(spec(rows, grid.neighbors, {})).result as Loose;
    a.rows.forEach((row: Loose, i: number) => {
      expect(row.p).toBe(plain.rows[i].p);
      expect(row.cluster).toBe(plain.rows[i].cluster); // analytical p still decides
      expect(row.p_sim).toBeGreaterThan(0);
      expect(row.p_sim).toBeLessThanOrEqual(1);
      expect(Number.isInteger(Math.round(row.p_sim * 100 * 1e9) / 1e9)).toBe(true);
    });
    const c = runLisaSpec(spec(rows, grid.neighbors, { permutations: 99, seed: 8 })).result as Loose;
    expect(c.rows.map((r: Loose) => r.p_sim)).not.toEqual(a.rows.map((r: Loose) => r.p_sim));
  });

  it("inference: permutation classifies clusters by p_sim", () => {
    const r = runLisaSpec(
      spec(rows, grid.neighbors, { permutations: 99, seed: 7, inference: "permutation", significance: 0.1 }),
    ).result as Loose;
    for (const row of r.rows) expect(row.cluster).toBe(row.p_sim <= 0.1 ? row.quadrant : "NS");
    expect(codeOf(() => runLisaSpec(spec(rows, grid.neighbors, { inference: "permutation" })))).toBe(
      "invalid_spec",
    );
  });

  // naive spec §7: per permutation one sample of K = max k_i distinct indices of 0 … n − 2 (partial Fisher–Yates,
  // array never reset), shared by all rows; row i takes the first k_i, index j → region j (j < i) or j + 1
  function naiveCounts(w: SpatialWeights, v: Float64Array, R: number, seed: number) {
    const rng = new Xoshiro128(seed);
    const n = v.length;
    const rowsOf = Array.from({ length: n }, (_, i) => {
      const start = w.offsets[i];
      const end = w.offsets[i + 1];
      return Array.from({ length: end - start }, (_, e) => [w.neighbours[start + e], w.weights[start + e]]);
    });
    const K = Math.max(...rowsOf.map((r) => r.length));
    const idx = Array.from({ length: n - 1 }, (_, k) => k);
    const samples: number[][] = [];
    for (let r = 0; r < R; r++) {
      for (let t = 0; t < K; t++) {
        const j = t + rng.below(n - 1 - t);
        [idx[t], idx[j]] = [idx[j], idx[t]];
      }
      samples.push(idx.slice(0, K));
    }
    const ge: number[] = [];
    const le: number[] = [];
    rowsOf.forEach((entries, i) => {
      const obs = entries.reduce((a, [j, wij]) => a + wij * v[j], 0);
      let g = 0;
      let l = 0;
      samples.forEach((sample, r) => {
        const drawn = sample.slice(0, entries.length).map((j) => (j < i ? j : j + 1));
        if (r < 50) {
          expect(new Set(drawn).size).toBe(entries.length); // without replacement
          expect(drawn).not.toContain(i); // i keeps its own value
        }
        const s = entries.reduce((a, [, wij], e) => a + wij * v[drawn[e]], 0);
        if (s >= obs - 1e-9) g++;
        if (s <= obs + 1e-9) l++;
      });
      ge.push(g);
      le.push(l);
    });
    return { ge, le };
  }

  it("the permutation engine equals a naive implementation of spec §7 draw for draw", () => {
    const w = buildSpatialWeights(grid.ids, grid.ids, grid.neighbors, { style: "W" });
    const v = Float64Array.from(values, (x) => x - 5);
    const got = conditionalPermutationCounts(w, v, 30, 99);
    const want = naiveCounts(w, v, 30, 99);
    expect([Array.from(got.ge), Array.from(got.le)]).toEqual([want.ge, want.le]);
    // a different seed gives different draws
    const other = conditionalPermutationCounts(w, v, 30, 100);
    expect([Array.from(other.ge), Array.from(other.le)]).not.toEqual([want.ge, want.le]);
    // more permutations than one block of samples (4096 at K = 8): blocks continue the same draw sequence
    const many = conditionalPermutationCounts(w, v, 5000, 99);
    const wantMany = naiveCounts(w, v, 5000, 99);
    expect([Array.from(many.ge), Array.from(many.le)]).toEqual([wantMany.ge, wantMany.le]);
  });

  it("rows with unequal weights take the same draws, each drawn value with its neighbour's weight", () => {
    const b = buildSpatialWeights(grid.ids, grid.ids, grid.neighbors, { style: "W" });
    // unequal weights in every row but the first (which stays equal, so both kinds of row are mixed)
    const weights = b.weights.map((x, e) => (e < b.offsets[1] ? x : x * (1 + (e % 3))));
    const w = { ...b, weights };
    const v = Float64Array.from(values, (x) => x - 5);
    const got = conditionalPermutationCounts(w, v, 20, 3);
    const want = naiveCounts(w, v, 20, 3);
    expect([Array.from(got.ge), Array.from(got.le)]).toEqual([want.ge, want.le]);
  });

  it("p_sim of a region whose value is the mean is 1 (every permutation ties)", () => {
    const xs = [9, 8, 7, 2, 1, 8, 9, 6, 2, 1, 7, 6, 5, 3, 2, 3, 2, 4, 5, 6, 1, 2, 3, 6, 0];
    xs[24] = 125 - xs.slice(0, 24).reduce((a, b) => a + b, 0); // mean exactly 5 = xs[12]
    const r = runLisaSpec(
      spec(
        grid.ids.map((id, i) => ({ id, x: xs[i] })),
        grid.neighbors,
        { permutations: 49 },
      ),
    ).result as Loose;
    expect(r.rows[12].ii).toBe(0);
    expect(r.rows[12].p_sim).toBe(1);
    expect(r.rows[0].p_sim).toBeLessThan(1);
  });
});
