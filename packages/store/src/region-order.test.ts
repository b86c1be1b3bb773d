import { describe, expect, it } from "vitest";
import { inCodeOrder } from "./region-order.ts";

/** a seeded generator (mulberry32) */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const digits = (next: () => number, count: number) =>
  Array.from({ length: count }, () => String(Math.floor(next() * 10))).join("");

describe("inCodeOrder", () => {
  it("orders canonical codes as text does, prefixes first", () => {
    const next = random(7);
    const codes = new Set<string>([
      "500000",
      "500235",
      "500235000",
      "500235000000",
      "500235001",
      "500235001000",
    ]);
    // near neighbours: shared prefixes, trailing zeros, all three lengths
    while (codes.size < 3000) {
      const base = `50${digits(next, 4)}`;
      const length = [6, 9, 12][Math.floor(next() * 3)];
      const tail = next() < 0.3 ? "0".repeat(length - 6) : digits(next, length - 6);
      codes.add(base + tail);
    }
    const regions = [...codes].map((code) => ({ code }));
    const expected = [...codes].sort().map((code) => ({ code }));
    expect(inCodeOrder(regions)).toEqual(expected);
  });

  it("merges the runs of a code list given level by level", () => {
    const next = random(11);
    const levels = [6, 9, 12].map((length) => {
      const codes = new Set<string>();
      while (codes.size < 500) codes.add(`50${digits(next, length - 2)}`);
      return [...codes].sort();
    });
    const regions = levels.flat().map((code) => ({ code }));
    const expected = levels
      .flat()
      .sort()
      .map((code) => ({ code }));
    expect(inCodeOrder(regions)).toEqual(expected);
  });

  it("returns sorted input as it is", () => {
    const regions = [{ code: "110000" }, { code: "110100" }, { code: "110101" }, { code: "110101001" }];
    expect(inCodeOrder(regions)).toBe(regions);
  });
});
