// Parameters shared by the spatial methods' spec adapters (spec §5 and §7), read with core's helpers so that a
// bad value is `invalid_spec` naming the parameter.
import { readNumberParam } from "@ronghe/core";

/** Upper bound on params.permutations: keeps one spec from occupying a server for hours. */
export const MAX_PERMUTATIONS = 1_000_000;

export function readPermutations(params: Record<string, unknown>): { permutations: number; seed: number } {
  const permutations = readNumberParam(params, "permutations", 0, {
    integer: true,
    min: 0,
    max: MAX_PERMUTATIONS,
  });
  const seed = readNumberParam(params, "seed", 12345, {
    integer: true,
    min: -Number.MAX_SAFE_INTEGER,
    max: Number.MAX_SAFE_INTEGER,
  });
  return { permutations, seed };
}

export function readSignificance(params: Record<string, unknown>): number {
  return readNumberParam(params, "significance", 0.05, { above: 0, max: 1 });
}
