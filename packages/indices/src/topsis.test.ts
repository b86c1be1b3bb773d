import { describe, expect, it } from "vitest";
import { topsis } from "./topsis.ts";

const f = (xs: number[]) => Float64Array.from(xs);

describe("topsis", () => {
  it("vector normalisation: hand-worked two-row case", () => {
    // column [3,4] → r = .6,.8; cost column [1,1] → r = .7071 each (no spread)
    const r = topsis([f([3, 4]), f([1, 1])], ["+", "-"], [0.5, 0.5]);
    expect(r.ideal[0]).toBeCloseTo(0.4, 15);
    expect(r.antiIdeal[0]).toBeCloseTo(0.3, 15);
    expect(r.ideal[1]).toBeCloseTo(0.5 / Math.SQRT2, 15);
    expect(Array.from(r.closeness)).toEqual([0, 1]);
  });

  it("cost columns take the minimum as ideal", () => {
    const r = topsis([f([1, 2, 3])], ["-"], [1]);
    expect(r.ideal[0]).toBeLessThan(r.antiIdeal[0]);
    expect(r.closeness[0]).toBeCloseTo(1, 15);
    expect(r.closeness[2]).toBeCloseTo(0, 15);
  });

  it("min-max: Opricovic & Tzeng (2004) example gives 0.5, 0.617, 0.5", () => {
    const r = topsis([f([1, 2, 5]), f([3000, 3750, 4500])], ["-", "+"], [0.5, 0.5], "minmax");
    expect(r.closeness[0]).toBeCloseTo(0.5, 12);
    expect(r.closeness[1]).toBeCloseTo(0.617, 3);
    expect(r.closeness[2]).toBeCloseTo(0.5, 12);
  });

  it("a zero-norm column contributes nothing; identical rows are degenerate", () => {
    const r = topsis([f([0, 0]), f([1, 2])], ["+", "+"], [0.5, 0.5]);
    expect(r.ideal[0]).toBe(0);
    expect(Array.from(r.closeness)).toEqual([0, 1]);
    expect(() => topsis([f([1, 1]), f([2, 2])], ["+", "-"], [0.5, 0.5])).toThrowError(
      expect.objectContaining({ code: "degenerate" }),
    );
  });
});
