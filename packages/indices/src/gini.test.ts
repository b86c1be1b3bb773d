import { describe, expect, it } from "vitest";
import { gini } from "./gini.ts";

describe("gini", () => {
  it("unweighted [1,2,3,4] = 0.25, corrected × n/(n−1)", () => {
    expect(gini([4, 1, 3, 2]).gini).toBeCloseTo(0.25, 15);
    expect(gini([4, 1, 3, 2], { correction: true }).gini).toBeCloseTo(1 / 3, 15);
    expect(gini([4, 1, 3, 2]).mean).toBe(2.5);
  });

  it("weighted = unweighted on the replicated population", () => {
    expect(gini([10, 20], { population: [3, 1] }).gini).toBeCloseTo(0.15, 15);
    expect(gini([10, 10, 10, 20]).gini).toBeCloseTo(0.15, 15);
  });

  it("ties and zeros", () => {
    expect(gini([5, 5, 5]).gini).toBe(0);
    expect(gini([0, 0, 0, 1]).gini).toBeCloseTo(0.75, 15);
  });

  it("rejects bad input", () => {
    expect(() => gini([1])).toThrowError(expect.objectContaining({ code: "insufficient_data" }));
    expect(() => gini([1, -2])).toThrowError(expect.objectContaining({ code: "negative_values" }));
    expect(() => gini([1, 2], { population: [1, 0] })).toThrowError(
      expect.objectContaining({ code: "non_positive_population" }),
    );
    expect(() => gini([1, 2], { population: [1, 1], correction: true })).toThrowError(
      expect.objectContaining({ code: "invalid_spec" }),
    );
  });
});
