import { describe, expect, it } from "vitest";
import { markovChain, stationaryDistribution } from "./markov.ts";
import { classOf, quantileBreaks } from "./quantile-breaks.ts";

describe("quantileBreaks (type 7) and right-closed classes", () => {
  it("interpolates like R quantile(type = 7)", () => {
    expect(quantileBreaks([1, 3, 2, 5], 2)).toEqual([2.5]);
    // R: quantile(c(1,2,3,4,10), c(.25,.5,.75)) = 2 3 4
    expect(quantileBreaks([10, 1, 4, 2, 3], 4)).toEqual([2, 3, 4]);
    expect(quantileBreaks([1, 2, 3, 4, 5, 6], 4)).toEqual([2.25, 3.5, 4.75]);
  });

  it("puts a value equal to a cut point in the lower class; repeated cuts leave empty classes", () => {
    const b = quantileBreaks([1, 1, 1, 2], 2);
    expect(b).toEqual([1]);
    expect(classOf(1, b)).toBe(1);
    expect(classOf(2, b)).toBe(2);
    expect(quantileBreaks([1, 1, 1, 1], 4)).toEqual([1, 1, 1]);
    expect(classOf(1, [1, 1, 1])).toBe(1);
  });
});

describe("markovChain", () => {
  it("counts transitions of the spec example (quantile k = 2)", () => {
    const periods = [
      [1, 3, 2, 5],
      [2, 1, 5, 4],
      [4, 2, 3, 1],
    ].map((p) => {
      const b = quantileBreaks(p, 2);
      return p.map((v) => classOf(v, b));
    });
    expect(periods).toEqual([
      [1, 2, 1, 2],
      [1, 1, 2, 2],
      [2, 1, 2, 1],
    ]);
    const r = markovChain(periods, 2);
    expect(r.transitions).toEqual([
      [2, 2],
      [2, 2],
    ]);
    expect(r.total).toBe(8);
    expect(r.initialCounts).toEqual([4, 4]);
    expect(r.steadyState![0]).toBeCloseTo(0.5, 15);
  });

  it("lag and empty classes (no steady state)", () => {
    const r = markovChain(
      [
        [1, 1],
        [2, 1],
        [1, 2],
      ],
      3,
      2,
    );
    expect(r.transitions).toEqual([
      [1, 1, 0],
      [0, 0, 0],
      [0, 0, 0],
    ]);
    expect(r.probabilities[1]).toEqual([0, 0, 0]);
    expect(r.steadyState).toBeNull();
  });

  it("steady state solves πP = π; null when not unique", () => {
    const pi = stationaryDistribution([
      [0.9, 0.1],
      [0.5, 0.5],
    ])!;
    expect(pi[0]).toBeCloseTo(5 / 6, 14);
    expect(pi[1]).toBeCloseTo(1 / 6, 14);
    expect(
      stationaryDistribution([
        [1, 0],
        [0, 1],
      ]),
    ).toBeNull();
  });
});
