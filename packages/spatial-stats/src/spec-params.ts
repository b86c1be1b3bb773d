// Parameters shared by the spatial methods' spec adapters (spec §5 and §7), read with core's helpers so that a
// bad value is `invalid_spec` naming the parameter.
import {
  type MissingRule,
  RongheError,
  readBooleanParam,
  readEnumParam,
  readMissingParam,
  readNumberParam,
} from "@ronghe/core";
import { ALTERNATIVES, type Alternative } from "./normal.ts";

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

/** The parameters of the local statistics (lisa, getis-ord): test, significance, islands and inference. */
export interface LocalTestParams {
  alternative: Alternative;
  significance: number;
  allowIslands: boolean;
  permutations: number;
  seed: number;
  /** which p-value decides a cluster: the analytical one or the permutation one */
  inference: "analytical" | "permutation";
  missing: MissingRule;
}

export function readLocalTestParams(params: Record<string, unknown>): LocalTestParams {
  const alternative = readEnumParam(params, "alternative", ALTERNATIVES, "two.sided");
  const significance = readSignificance(params);
  const allowIslands = readBooleanParam(params, "allow_islands", false);
  const { permutations, seed } = readPermutations(params);
  const inference = readEnumParam(params, "inference", ["analytical", "permutation"] as const, "analytical");
  if (inference === "permutation" && permutations === 0) {
    throw new RongheError("invalid_spec", 'params.inference "permutation" needs params.permutations > 0', {
      param: "inference",
    });
  }
  const missing = readMissingParam(params);
  return { alternative, significance, allowIslands, permutations, seed, inference, missing };
}

/** The p-value of row i that decides its cluster under `inference`. */
export function decidingP(
  r: { p: ArrayLike<number>; pSim?: ArrayLike<number> },
  i: number,
  inference: LocalTestParams["inference"],
): number {
  return inference === "permutation" && r.pSim ? r.pSim[i] : r.p[i];
}
