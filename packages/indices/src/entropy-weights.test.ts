import { describe, expect, it } from "vitest";
import { entropyWeights } from "./entropy-weights.ts";

const f = (xs: number[]) => Float64Array.from(xs);
const codeOf = (fn: () => unknown) => {
  try {
    fn();
  } catch (e) {
    return (e as { code?: string }).code;
  }
};

describe("entropyWeights", () => {
  it("uses 0·ln 0 = 0 with shift 0 (x' = 0, 0.5, 1 → p = 0, 1/3, 2/3)", () => {
    const e = -((1 / 3) * Math.log(1 / 3) + (2 / 3) * Math.log(2 / 3)) / Math.log(3);
    const r = entropyWeights([f([1, 2, 3]), f([10, 20, 40])], ["+", "+"], { shift: 0 });
    expect(r.entropy[0]).toBeCloseTo(e, 14);
    expect(r.divergence[0]).toBeCloseTo(1 - e, 14);
    // x' of [10,20,40] = 0, 1/3, 1 → p = 0, 1/4, 3/4
    const e2 = -(0.25 * Math.log(0.25) + 0.75 * Math.log(0.75)) / Math.log(3);
    expect(r.entropy[1]).toBeCloseTo(e2, 14);
    expect(r.weights[0] + r.weights[1]).toBeCloseTo(1, 15);
    expect(r.weights[0] / r.weights[1]).toBeCloseTo((1 - e) / (1 - e2), 12);
  });

  it("reverses cost columns (negative values allowed) and shifts by 0.0001 by default", () => {
    const benefit = entropyWeights([f([-3, -1, 4]), f([0, 1, 2])], ["+", "+"]);
    const cost = entropyWeights([f([3, 1, -4]), f([0, 1, 2])], ["-", "+"]);
    expect(cost.entropy[0]).toBeCloseTo(benefit.entropy[0], 14);
    // x' = 0, 2/7, 1 shifted
    const a = [0.0001, 2 / 7 + 0.0001, 1.0001];
    const s = a[0] + a[1] + a[2];
    const e = -a.reduce((acc, v) => acc + (v / s) * Math.log(v / s), 0) / Math.log(3);
    expect(benefit.entropy[0]).toBeCloseTo(e, 14);
  });

  it("gives a constant column e = 1 and weight 0 exactly", () => {
    const r = entropyWeights([f([5, 5, 5, 5]), f([1, 2, 3, 9])], ["+", "-"]);
    expect(r.entropy[0]).toBe(1);
    expect(r.weights[0]).toBe(0);
    expect(r.weights[1]).toBe(1);
    expect(r.constant).toEqual([true, false]);
  });

  it("sum normalisation uses raw proportions and ignores direction", () => {
    const r = entropyWeights([f([1, 1, 2])], ["-"], { normalization: "sum" });
    const e = -(2 * 0.25 * Math.log(0.25) + 0.5 * Math.log(0.5)) / Math.log(3);
    expect(r.entropy[0]).toBeCloseTo(e, 14);
    expect(codeOf(() => entropyWeights([f([1, -1, 2])], ["+"], { normalization: "sum" }))).toBe(
      "negative_values",
    );
  });

  it("rejects too few rows and all-constant data", () => {
    expect(codeOf(() => entropyWeights([f([1])], ["+"]))).toBe("insufficient_data");
    expect(codeOf(() => entropyWeights([f([2, 2]), f([3, 3])], ["+", "+"]))).toBe("degenerate_weights");
  });
});
