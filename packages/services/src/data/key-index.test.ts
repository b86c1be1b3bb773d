import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { KeyIndex } from "./key-index.ts";

describe("KeyIndex", () => {
  it("finds each key's first row as a Map would, for keys up to 2^53 and many collisions", () => {
    const key = fc.oneof(
      fc.integer({ min: 0, max: 64 }),
      fc.integer({ min: 0, max: 2 ** 31 }),
      fc.maxSafeNat(),
      // keys that differ only above bit 32
      fc.integer({ min: 0, max: 2 ** 20 }).map((h) => h * 2 ** 32 + 7),
    );
    fc.assert(
      fc.property(fc.array(key, { maxLength: 3000 }), (keys) => {
        const index = new KeyIndex(keys.length);
        const model = new Map<number, number>();
        keys.forEach((k, row) => {
          const expected = model.get(k) ?? -1;
          if (expected < 0) model.set(k, row);
          expect(index.getOrAdd(k, row)).toBe(expected);
        });
      }),
      { seed: 20261130, numRuns: 200 },
    );
  });
});
