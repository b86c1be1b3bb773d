import { describe, expect, it } from "vitest";
import { classify, paletteFor, quantileBreaks, quantileSorted } from "./class-breaks.ts";

describe("quantileBreaks", () => {
  it("splits 1..10 into quintiles with type-7 interpolation", () => {
    const b = quantileBreaks([10, 1, 2, 3, 4, 5, 6, 7, 8, 9], 5);
    expect(b.min).toBe(1);
    expect(b.max).toBe(10);
    // h = 9 * i/5 → 1.8, 3.6, 5.4, 7.2 (0-based order statistics) → 2.8, 4.6, 6.4, 8.2
    expect(b.breaks.map((x) => Number(x.toFixed(10)))).toEqual([2.8, 4.6, 6.4, 8.2]);
    expect(b.classes).toBe(5);
  });

  it("ignores null, undefined and non-finite values", () => {
    const b = quantileBreaks([null, 3, undefined, Number.NaN, 1, Number.POSITIVE_INFINITY, 2], 2);
    expect(b.breaks).toEqual([2]);
    expect(b.min).toBe(1);
    expect(b.max).toBe(3);
  });

  it("merges equal breaks so no class is empty", () => {
    const b = quantileBreaks([5, 5, 5, 5, 5, 5, 9], 5);
    expect(b.breaks).toEqual([]);
    expect(b.classes).toBe(1);
    const c = quantileBreaks([1, 1, 1, 2, 3, 4], 4);
    for (let i = 1; i < c.breaks.length; i++) expect(c.breaks[i]).toBeGreaterThan(c.breaks[i - 1]);
    expect(c.breaks[0]).toBeGreaterThan(1);
  });

  it("has no classes without values and rejects bad k", () => {
    expect(quantileBreaks([], 5)).toEqual({ min: null, max: null, breaks: [], classes: 0 });
    expect(() => quantileBreaks([1], 0)).toThrow(RangeError);
  });

  it("puts about the same number of values in each class", () => {
    const values = Array.from({ length: 100 }, (_, i) => (i * 37) % 101);
    const b = quantileBreaks(values, 4);
    const counts = [0, 0, 0, 0];
    for (const v of values) counts[classify(v, b.breaks)]++;
    for (const c of counts) expect(Math.abs(c - 25)).toBeLessThanOrEqual(1);
  });
});

describe("classify", () => {
  it("uses half-open classes and -1 for missing", () => {
    const br = [10, 20];
    expect(classify(9.99, br)).toBe(0);
    expect(classify(10, br)).toBe(1);
    expect(classify(19.99, br)).toBe(1);
    expect(classify(20, br)).toBe(2);
    expect(classify(1e9, br)).toBe(2);
    expect(classify(null, br)).toBe(-1);
    expect(classify(Number.NaN, br)).toBe(-1);
  });
});

describe("quantileSorted and paletteFor", () => {
  it("interpolates and spans palettes", () => {
    expect(quantileSorted([0, 10], 0.25)).toBe(2.5);
    expect(() => quantileSorted([], 0.5)).toThrow(RangeError);
    const p = paletteFor(5);
    expect(p).toHaveLength(5);
    expect(new Set(p).size).toBe(5);
    expect(paletteFor(3, "-")[0]).not.toBe(paletteFor(3, "+")[0]);
    expect(paletteFor(0)).toEqual([]);
  });
});
