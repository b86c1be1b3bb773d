// Shannon entropy weights (Zeleny 1982; Xu 2004), analysis-spec.md §5 entropy-weights and §4:
//   minmax (default): p_ij = (x'_ij + shift) / Σ_i (x'_ij + shift), x' min-max with cost reversed, shift 0.0001;
//   sum:              p_ij = x_ij / Σ_i x_ij (raw proportions, x ≥ 0, direction ignored);
//   e_j = −(1/ln n) Σ_i p_ij ln p_ij (0·ln 0 = 0), d_j = 1 − e_j, w_j = d_j / Σ d.
// A constant column has p = 1/n exactly, so it is given e = 1, d = 0 without rounding noise.
import { RongheError } from "@ronghe/core";
import type { Direction } from "./types.ts";

export interface EntropyOptions {
  /** "minmax" (default) or "sum" */
  normalization?: "minmax" | "sum";
  /** added to x' before the proportions (minmax only); default 0.0001 */
  shift?: number;
}

export interface EntropyWeightsResult {
  entropy: Float64Array;
  divergence: Float64Array;
  weights: Float64Array;
  /** columns whose values are all equal */
  constant: boolean[];
}

export const DEFAULT_ENTROPY_SHIFT = 0.0001;

/**
 * Entropy weights of column-major data (each column one indicator over the same n ≥ 2 rows).
 * Throws `insufficient_data` (n < 2), `negative_values` ("sum" on x < 0), `degenerate_weights` (all d = 0).
 */
export function entropyWeights(
  columns: readonly Float64Array[],
  directions: readonly Direction[],
  options: EntropyOptions = {},
): EntropyWeightsResult {
  const normalization = options.normalization ?? "minmax";
  const shift = options.shift ?? DEFAULT_ENTROPY_SHIFT;
  const m = columns.length;
  const n = m > 0 ? columns[0].length : 0;
  if (n < 2)
    throw new RongheError("insufficient_data", `entropy weights need at least 2 rows, got ${n}`, { n });
  const lnN = Math.log(n);
  const entropy = new Float64Array(m);
  const divergence = new Float64Array(m);
  const constant: boolean[] = [];

  for (let j = 0; j < m; j++) {
    const x = columns[j];
    let min = x[0];
    let max = x[0];
    let sum = 0;
    for (let i = 0; i < n; i++) {
      const v = x[i];
      if (v < min) min = v;
      if (v > max) max = v;
      sum += v;
    }
    const isConstant = !(max > min);
    constant.push(isConstant);
    if (normalization === "sum" && min < 0) {
      throw new RongheError(
        "negative_values",
        `entropy with "sum" normalisation needs values ≥ 0 (column ${j + 1})`,
        {
          index: j,
          min,
        },
      );
    }
    if (isConstant) {
      entropy[j] = 1;
      divergence[j] = 0;
      continue;
    }
    let plnp = 0;
    if (normalization === "sum") {
      for (let i = 0; i < n; i++) {
        const p = x[i] / sum;
        if (p > 0) plnp += p * Math.log(p);
      }
    } else {
      // x' + shift = alpha·x + beta, so Σ_i (x'_i + shift) follows from Σ x without another pass
      const range = max - min;
      const alpha = directions[j] === "-" ? -1 / range : 1 / range;
      const beta = (directions[j] === "-" ? max / range : -min / range) + shift;
      const total = alpha * sum + n * beta;
      const a = alpha / total;
      const b = beta / total;
      for (let i = 0; i < n; i++) {
        const p = a * x[i] + b;
        if (p > 0) plnp += p * Math.log(p);
      }
    }
    entropy[j] = -plnp / lnN;
    divergence[j] = 1 - entropy[j];
  }

  let dSum = 0;
  for (let j = 0; j < m; j++) dSum += divergence[j];
  if (!(dSum > 0)) {
    throw new RongheError(
      "degenerate_weights",
      "every indicator is constant: entropy weights are all zero",
      {},
    );
  }
  const weights = new Float64Array(m);
  for (let j = 0; j < m; j++) weights[j] = divergence[j] / dSum;
  return { entropy, divergence, weights, constant };
}
