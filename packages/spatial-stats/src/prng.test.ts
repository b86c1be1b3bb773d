import { describe, expect, it } from "vitest";
import { Xoshiro128 } from "./prng.ts";

describe("Xoshiro128 (xoshiro128** seeded by SplitMix32)", () => {
  // values from an independent Python implementation of the documented seeding and generator
  it.each([
    [12345, [1093274547, 203003357, 3741353573, 3803725158, 4178738660, 810247443]],
    [0, [1789933344, 44971166, 2521387044, 3848737593, 1138324114, 749234105]],
    [42, [660444221, 3652823732, 77672526, 910233633, 2297337756, 3786072677]],
  ])("seed %d gives the reference stream", (seed, expected) => {
    const rng = new Xoshiro128(seed);
    expect(expected.map(() => rng.nextUint32())).toEqual(expected);
  });

  it("draws bounded integers as documented (Lemire below 2^21, mask above)", () => {
    const rng = new Xoshiro128(12345);
    expect([10, 1000, 7, 3000000, 5000000, 2].map((b) => rng.below(b))).toEqual([
      2, 47, 6, 1211876, 4941075, 0,
    ]);
  });

  it("is roughly uniform", () => {
    const rng = new Xoshiro128(7);
    const counts = new Array(7).fill(0);
    const draws = 70000;
    for (let k = 0; k < draws; k++) counts[rng.below(7)]++;
    // chi-square with 6 df: 99.99th percentile ≈ 27.9
    const chi2 = counts.reduce((a, c) => a + (c - draws / 7) ** 2 / (draws / 7), 0);
    expect(chi2).toBeLessThan(27.9);
    const u = rng.nextDouble();
    expect(u >= 0 && u < 1).toBe(true);
  });

  it("maps seeds beyond 32 bits and negative seeds to distinct streams", () => {
    const a = new Xoshiro128(2 ** 40 + 5).nextUint32();
    const b = new Xoshiro128(5).nextUint32();
    const c = new Xoshiro128(-5).nextUint32();
    expect(new Set([a, b, c]).size).toBe(3);
  });
});
