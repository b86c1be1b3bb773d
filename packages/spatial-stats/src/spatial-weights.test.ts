import { describe, expect, it } from "vitest";
import { codeOf, denseWeights } from "../test/helpers.ts";
import { buildSpatialWeights, spatialLag, weightConstants } from "./spatial-weights.ts";

const ids = ["a", "b", "c", "d"];
const nb = { a: ["b", "c"], b: ["a", "c", "d"], c: ["a", "b", "d"], d: ["b", "c"] };

describe("buildSpatialWeights", () => {
  it("lays out CSR rows in list order, row-standardised", () => {
    const w = buildSpatialWeights(ids, ids, nb, { style: "W" });
    expect(Array.from(w.offsets)).toEqual([0, 2, 5, 8, 10]);
    expect(Array.from(w.neighbours)).toEqual([1, 2, 0, 2, 3, 0, 1, 3, 1, 2]);
    expect(w.weights[0]).toBe(0.5);
    expect(w.weights[2]).toBeCloseTo(1 / 3, 15);
    expect(w.nIslands).toBe(0);
  });

  it("rejects lists that break spec §1", () => {
    expect(codeOf(() => buildSpatialWeights(ids, ids, { ...nb, e: [] }, { style: "W" }))).toBe(
      "invalid_weights",
    );
    const { d: _d, ...missingD } = nb;
    expect(codeOf(() => buildSpatialWeights(ids, ids, missingD, { style: "W" }))).toBe("invalid_weights");
    expect(codeOf(() => buildSpatialWeights(ids, ids, { ...nb, a: ["a", "b"] }, { style: "W" }))).toBe(
      "invalid_weights",
    );
    expect(codeOf(() => buildSpatialWeights(ids, ids, { ...nb, a: ["b", "b"] }, { style: "W" }))).toBe(
      "invalid_weights",
    );
    expect(codeOf(() => buildSpatialWeights(ids, ids, { ...nb, a: ["x"] }, { style: "W" }))).toBe(
      "invalid_weights",
    );
  });

  it("accepts numeric ids as their decimal text", () => {
    const w = buildSpatialWeights(["1", "2"], ["1", "2"], { "1": [2], "2": [1] }, { style: "B" });
    expect(Array.from(w.neighbours)).toEqual([1, 0]);
  });

  it("drops removed regions from every list before styling (spdep subset.listw)", () => {
    const used = ["a", "b", "d"]; // c dropped
    const w = buildSpatialWeights(ids, used, nb, { style: "W" });
    expect(Array.from(w.offsets)).toEqual([0, 1, 3, 4]);
    expect(Array.from(w.weights)).toEqual([1, 0.5, 0.5, 1]);
    const only = buildSpatialWeights(ids, ["a", "d"], nb, { style: "W" });
    expect(only.nIslands).toBe(2); // a and d only touched through b and c
  });

  it("adds self first for Gi* before styling", () => {
    const w = buildSpatialWeights(ids, ids, nb, { style: "W", includeSelf: true });
    expect(w.neighbours[0]).toBe(0);
    expect(w.weights[0]).toBeCloseTo(1 / 3, 15);
    const island = buildSpatialWeights(
      ["a", "b"],
      ["a", "b"],
      { a: [], b: [] },
      { style: "B", includeSelf: true },
    );
    expect(island.nIslands).toBe(2);
    expect(Array.from(island.weights)).toEqual([1, 1]);
  });

  it("computes S0, S1, S2 for asymmetric lists like the dense definition", () => {
    const knn = { a: ["b"], b: ["c"], c: ["b"], d: ["c"] };
    for (const style of ["W", "B"] as const) {
      const w = buildSpatialWeights(ids, ids, { ...knn, a: ["b", "d"] }, { style });
      const W = denseWeights(ids, { ...knn, a: ["b", "d"] }, style);
      let s0 = 0;
      let s1 = 0;
      let s2 = 0;
      for (let i = 0; i < 4; i++) {
        let rs = 0;
        let cs = 0;
        for (let j = 0; j < 4; j++) {
          s0 += W[i][j];
          s1 += 0.5 * (W[i][j] + W[j][i]) ** 2;
          rs += W[i][j];
          cs += W[j][i];
        }
        s2 += (rs + cs) ** 2;
      }
      const c = weightConstants(w);
      expect(c.s0).toBeCloseTo(s0, 14);
      expect(c.s1).toBeCloseTo(s1, 14);
      expect(c.s2).toBeCloseTo(s2, 14);
    }
    const lag = spatialLag(
      buildSpatialWeights(ids, ids, knn, { style: "W" }),
      Float64Array.from([1, 2, 3, 4]),
    );
    expect(Array.from(lag)).toEqual([2, 3, 2, 3]);
  });
});
