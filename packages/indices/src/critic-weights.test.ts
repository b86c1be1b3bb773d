import { describe, expect, it } from "vitest";
import { criticWeights } from "./critic-weights.ts";

const f = (xs: number[]) => Float64Array.from(xs);

describe("criticWeights", () => {
  it("matches a hand-worked case: two perfectly opposed columns", () => {
    // a = 0,1,2 → x' = 0, .5, 1; b = 2,1,0 → x' = 1, .5, 0; r = −1 → conflict 2 each; std = 0.5
    const r = criticWeights([f([0, 1, 2]), f([2, 1, 0])], ["+", "+"]);
    expect(r.std[0]).toBeCloseTo(0.5, 15);
    expect(r.conflict[0]).toBeCloseTo(2, 15);
    expect(r.information[1]).toBeCloseTo(1, 15);
    expect(r.weights[0]).toBeCloseTo(0.5, 15);
  });

  it("reverses cost columns before correlating unless reverse_cost is false", () => {
    const cols = [f([0, 1, 2]), f([2, 1, 0]), f([0, 2, 1])];
    const reversed = criticWeights(cols, ["+", "-", "+"]);
    const plain = criticWeights(cols, ["+", "-", "+"], { reverseCost: false });
    // reversed: columns 0 and 1 agree (r = +1); plain: they are opposed (r = −1); r with column 2 is ±0.5
    expect(reversed.conflict[0]).toBeCloseTo(0 + 0.5, 14);
    expect(plain.conflict[0]).toBeCloseTo(2 + 0.5, 14);
    expect(reversed.std[1]).toBeCloseTo(plain.std[1], 15);
    // two perfectly agreeing columns carry no conflict at all → degenerate
    expect(() => criticWeights(cols.slice(0, 2), ["+", "-"])).toThrowError(
      expect.objectContaining({ code: "degenerate_weights" }),
    );
  });

  it("absolute correlation uses |r|", () => {
    const cols = [f([0, 1, 2, 4]), f([4, 2, 1, 0]), f([1, 3, 2, 2])];
    const signed = criticWeights(cols, ["+", "+", "+"]);
    const abs = criticWeights(cols, ["+", "+", "+"], { correlation: "absolute" });
    expect(abs.conflict[0]).toBeLessThan(signed.conflict[0]);
  });

  it("a constant column has std 0 and r = 0 with the others", () => {
    const r = criticWeights([f([1, 2, 4]), f([7, 7, 7]), f([3, 1, 2])], ["+", "+", "+"]);
    expect(r.std[1]).toBe(0);
    expect(r.weights[1]).toBe(0);
    // column 0 conflict = (1 − r01 = 1) + (1 − r02)
    const x0 = [0, 1 / 3, 1];
    const x2 = [1, 0, 0.5];
    const m0 = x0.reduce((a, b) => a + b) / 3;
    const m2 = x2.reduce((a, b) => a + b) / 3;
    let sxy = 0;
    let sxx = 0;
    let syy = 0;
    for (let i = 0; i < 3; i++) {
      sxy += (x0[i] - m0) * (x2[i] - m2);
      sxx += (x0[i] - m0) ** 2;
      syy += (x2[i] - m2) ** 2;
    }
    expect(r.conflict[0]).toBeCloseTo(1 + 1 - sxy / Math.sqrt(sxx * syy), 14);
  });
});
