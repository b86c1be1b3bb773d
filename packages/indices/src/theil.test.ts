import { describe, expect, it } from "vitest";
import { theil } from "./theil.ts";
import { urbanRuralTheil } from "./urban-rural-theil.ts";

describe("theil", () => {
  it("unweighted: (1/n) Σ (y/ȳ) ln(y/ȳ)", () => {
    const y = [1, 1, 2];
    const mean = 4 / 3;
    const expected = y.reduce((a, v) => a + (v / mean) * Math.log(v / mean), 0) / 3;
    expect(theil(y).t).toBeCloseTo(expected, 15);
  });

  it("zeros contribute 0·ln 0 = 0", () => {
    expect(theil([0, 2]).t).toBeCloseTo(Math.LN2, 15);
  });

  it("weighted Theil equals the unweighted Theil of the replicated population", () => {
    const weighted = theil([10, 20], [3, 1]).t;
    expect(weighted).toBeCloseTo(theil([10, 10, 10, 20]).t, 14);
  });

  it("decomposes into between + within, with group shares", () => {
    const r = theil([1, 3, 2, 8, 5], [1, 2, 1, 1, 3], [0, 0, 1, 1, 1]);
    expect(r.between! + r.within!).toBeCloseTo(r.t, 14);
    const g = r.groups!;
    expect(g[0].n).toBe(2);
    expect(g[0].valueShare).toBeCloseTo(7 / 32, 15);
    expect(g[0].populationShare).toBeCloseTo(3 / 8, 15);
    expect(g[1].t).toBeCloseTo(theil([2, 8, 5], [1, 1, 3]).t, 15);
  });

  it("rejects negative values, non-positive population and all-zero values", () => {
    const code = (fn: () => unknown) => {
      try {
        fn();
      } catch (e) {
        return (e as { code: string }).code;
      }
    };
    expect(code(() => theil([1, -1]))).toBe("negative_values");
    expect(code(() => theil([1, 2], [1, 0]))).toBe("non_positive_population");
    expect(code(() => theil([0, 0]))).toBe("degenerate");
  });
});

describe("urbanRuralTheil", () => {
  it("is 0 when urban and rural incomes are equal", () => {
    const r = urbanRuralTheil(30000, 30000, 40, 60);
    expect(r.theil).toBeCloseTo(0, 15);
    expect(r.incomeRatio).toBe(1);
  });

  it("hand-worked: y_u = 2 y_r, equal populations", () => {
    const r = urbanRuralTheil(2, 1, 1, 1);
    expect(r.theil).toBeCloseTo((2 / 3) * Math.log(4 / 3) + (1 / 3) * Math.log(2 / 3), 15);
    expect(r.urbanIncomeShare).toBeCloseTo(2 / 3, 15);
    expect(urbanRuralTheil(1, 0, 1, 1).incomeRatio).toBeNull();
  });
});
