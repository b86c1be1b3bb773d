import { describe, expect, it } from "vitest";
import { ascendingOrder } from "./ascending-order.ts";

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

/** the reference: positions sorted by (key, position) */
const reference = (key: Float64Array) =>
  Array.from(key, (_, i) => i).sort((a, b) => key[a] - key[b] || a - b);

describe("ascendingOrder", () => {
  it("orders keys in a few runs or many, equal keys by position", () => {
    const next = random(3);
    for (const runs of [2, 3, 5, 32, 33, 200]) {
      // `runs` ascending runs of small integer keys (so keys repeat across and within runs)
      const parts = Array.from({ length: runs }, () =>
        Array.from({ length: 1 + Math.floor(next() * 40) }, () => Math.floor(next() * 50)).sort(
          (a, b) => a - b,
        ),
      );
      const key = Float64Array.from(parts.flat());
      const order = ascendingOrder(key);
      expect(order === null ? Array.from(key, (_, i) => i) : Array.from(order)).toEqual(reference(key));
    }
  });

  it("is null for keys that already ascend", () => {
    expect(ascendingOrder(Float64Array.from([1, 2, 2, 5]))).toBeNull();
    expect(ascendingOrder(new Float64Array(0))).toBeNull();
  });
});
