// Property test over random small inputs: every spatial method returns either a spec error code or a result
// whose numbers are all finite (null where undefined), with rows in input order after dropping.
import type { AnalysisSpec } from "@ronghe/core";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { runGetisOrdSpec } from "./getis-ord-spec.ts";
import { runLisaSpec } from "./lisa-spec.ts";
import { runMoranSpec } from "./moran-spec.ts";

const SPEC_CODES = new Set(["no_neighbors", "insufficient_data", "constant_column", "degenerate_weights"]);

function allFinite(value: unknown): boolean {
  if (typeof value === "number") return Number.isFinite(value);
  if (Array.isArray(value)) return value.every(allFinite);
  if (value !== null && typeof value === "object") return Object.values(value).every(allFinite);
  return true;
}

const input = fc.integer({ min: 2, max: 9 }).chain((n) =>
  fc.record({
    values: fc.array(fc.option(fc.constantFrom(-3, 0, 1, 1, 2.5, 7, 1e6), { freq: 6 }), {
      minLength: n,
      maxLength: n,
    }),
    links: fc.array(fc.tuple(fc.nat(n - 1), fc.nat(n - 1)), { maxLength: 3 * n }),
    style: fc.constantFrom("W" as const, "B" as const),
    params: fc.record({
      allow_islands: fc.boolean(),
      adjust_n: fc.boolean(),
      star: fc.boolean(),
      variance: fc.constantFrom("conditional", "total"),
      permutations: fc.constantFrom(0, 9),
    }),
  }),
);

describe("spatial methods on random input", () => {
  it("never emit NaN or Infinity and fail only with spec codes", () => {
    let successes = 0;
    fc.assert(
      fc.property(input, ({ values, links, style, params }) => {
        const n = values.length;
        const ids = values.map((_, i) => `r${i}`);
        const sets = ids.map(() => new Set<number>());
        for (const [a, b] of links) if (a !== b) sets[a].add(b);
        const neighbors = Object.fromEntries(ids.map((id, i) => [id, [...sets[i]].map((j) => ids[j])]));
        const rows = ids.map((id, i) => (values[i] === null ? { id } : { id, x: values[i] }));
        const kept = ids.filter((_, i) => values[i] !== null);
        for (const [method, run] of [
          ["moran", runMoranSpec],
          ["lisa", runLisaSpec],
          ["getis-ord", runGetisOrdSpec],
        ] as const) {
          const spec: AnalysisSpec = {
            method,
            params: { column: "x", missing: "drop", ...params },
            data: { rows },
            weights: { neighbors, style },
          };
          try {
            const { result } = run(spec);
            successes++;
            expect(allFinite(result)).toBe(true);
            expect(result.n).toBe(kept.length);
            if (method !== "moran")
              expect((result.rows as Array<{ id: string }>).map((r) => r.id)).toEqual(kept);
          } catch (e) {
            const code = (e as { code?: string }).code ?? String(e);
            expect(SPEC_CODES.has(code), `${method}: ${code} ${String(e)}`).toBe(true);
          }
        }
        return n > 0;
      }),
      { numRuns: 300, seed: 20240601 },
    );
    expect(successes).toBeGreaterThan(100); // the property is not only about errors
  });
});
