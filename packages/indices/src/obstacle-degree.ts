// Obstacle degree (障碍度), analysis-spec.md §5 obstacle-degree: factor contribution F_j = w_j, deviation
// I_ij = 1 − x'_ij, O_ij = F_j I_ij / Σ_j F_j I_ij (a fraction; all 0 when the denominator is 0).
import { nearlyEqual } from "@ronghe/core";

/** One Float64Array of O per indicator (column-major, like the input). */
export function obstacleDegree(
  normalised: readonly Float64Array[],
  weights: ArrayLike<number>,
): Float64Array[] {
  const m = normalised.length;
  const n = m > 0 ? normalised[0].length : 0;
  const out: Float64Array[] = [];
  const denom = new Float64Array(n);
  for (let j = 0; j < m; j++) {
    const x = normalised[j];
    const w = weights[j];
    const o = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      o[i] = w * (1 - x[i]);
      denom[i] += o[i];
    }
    out.push(o);
  }
  for (let j = 0; j < m; j++) {
    const o = out[j];
    for (let i = 0; i < n; i++) o[i] = denom[i] > 0 ? o[i] / denom[i] : 0;
  }
  return out;
}

/**
 * Indices of the `topN` largest obstacles of one row (O > 1e−12), largest first; tied values (as for ranks)
 * keep indicator order.
 */
export function topObstacles(values: ArrayLike<number>, topN: number): number[] {
  const idx: number[] = [];
  for (let j = 0; j < values.length; j++) if (values[j] > 1e-12) idx.push(j);
  idx.sort((a, b) => values[b] - values[a] || a - b);
  // runs of tied values (each equal to its predecessor up to rounding noise) go back to indicator order
  for (let start = 0; start < idx.length; ) {
    let end = start + 1;
    while (end < idx.length && nearlyEqual(values[idx[end - 1]], values[idx[end]])) end++;
    if (end - start > 1) {
      const run = idx.slice(start, end).sort((a, b) => a - b);
      for (let r = 0; r < run.length; r++) idx[start + r] = run[r];
    }
    start = end;
  }
  return idx.slice(0, topN);
}
