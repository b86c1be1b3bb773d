// One entry point for the four weighting methods of analysis-spec.md §3, used by composite-index, topsis and
// obstacle-degree (and by evaluation schemes): entropy, critic, equal, or given weights re-normalised to 1.
import { RongheError } from "@ronghe/core";
import { type CriticOptions, criticWeights } from "./critic-weights.ts";
import { type EntropyOptions, entropyWeights } from "./entropy-weights.ts";
import type { Direction, WeightingMethod } from "./types.ts";

export interface WeightingOptions {
  method: WeightingMethod;
  /** raw weights for "given" (≥ 0, re-normalised to sum 1) */
  given?: ArrayLike<number>;
  entropy?: EntropyOptions;
  critic?: CriticOptions;
}

export interface ResolvedWeights {
  weights: Float64Array;
  /** columns found constant by the weighting method itself (entropy / critic only) */
  constant: boolean[];
}

/** Weights of raw (not normalised) columns; each method normalises as it defines. */
export function resolveWeights(
  columns: readonly Float64Array[],
  directions: readonly Direction[],
  options: WeightingOptions,
): ResolvedWeights {
  const m = columns.length;
  switch (options.method) {
    case "entropy": {
      const r = entropyWeights(columns, directions, options.entropy);
      return { weights: r.weights, constant: r.constant };
    }
    case "critic": {
      const r = criticWeights(columns, directions, options.critic);
      return { weights: r.weights, constant: r.constant };
    }
    case "equal":
      return { weights: new Float64Array(m).fill(1 / m), constant: new Array<boolean>(m).fill(false) };
    case "given":
      return { weights: normaliseGivenWeights(options.given), constant: new Array<boolean>(m).fill(false) };
  }
}

/** Given weights divided by their sum; throws `degenerate_weights` when they sum to 0. */
export function normaliseGivenWeights(given: ArrayLike<number> | undefined): Float64Array {
  if (!given)
    throw new RongheError("invalid_spec", 'weighting "given" needs a weight on every indicator', {});
  let sum = 0;
  for (let j = 0; j < given.length; j++) {
    if (!(given[j] >= 0) || !Number.isFinite(given[j])) {
      throw new RongheError("invalid_spec", `given weights must be finite and ≥ 0 (got ${given[j]})`, {
        index: j,
      });
    }
    sum += given[j];
  }
  if (!(sum > 0)) throw new RongheError("degenerate_weights", "the given weights sum to 0", {});
  const w = new Float64Array(given.length);
  for (let j = 0; j < given.length; j++) w[j] = given[j] / sum;
  return w;
}
