// Getis-Ord local G (Getis & Ord 1992, Ord & Getis 1995) with the moments of spdep localG (spec §5 getis-ord):
// Gi* when the weights include each region itself (built with includeSelf), Gi otherwise; optionally
// conditional-permutation pseudo p-values (spec §7).
import { conditionalPermutationCounts, pseudoP } from "./conditional-permutation.ts";
import { type Alternative, normalPValue } from "./normal.ts";
import { accurateMean } from "./spatial-input.ts";
import type { SpatialWeights } from "./spatial-weights.ts";

export interface GetisOrdOptions {
  alternative: Alternative;
  permutations: number;
  seed: number;
}

/** Per-row arrays; NaN marks an undefined value. */
export interface GetisOrdResult {
  g: Float64Array;
  expectedG: Float64Array;
  varianceG: Float64Array;
  z: Float64Array;
  p: Float64Array;
  pSim?: Float64Array;
}

export function getisOrd(x: Float64Array, w: SpatialWeights, options: GetisOrdOptions): GetisOrdResult {
  const n = x.length;
  const star = w.selfIncluded;
  const { offsets, neighbours, weights } = w;
  let sumX = 0;
  let sumX2 = 0;
  for (let k = 0; k < n; k++) {
    sumX += x[k];
    sumX2 += x[k] * x[k];
  }
  // Gi*: global mean and variance (divisor n), two-pass for accuracy
  const mean = accurateMean(x);
  let ss = 0;
  for (let k = 0; k < n; k++) ss += (x[k] - mean) ** 2;
  const s2 = ss / n;

  const g = new Float64Array(n);
  const expectedG = new Float64Array(n);
  const varianceG = new Float64Array(n);
  const z = new Float64Array(n);
  const p = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let lag = 0;
    let wi = 0;
    let s1 = 0;
    for (let e = offsets[i]; e < offsets[i + 1]; e++) {
      const wij = weights[e];
      lag += wij * x[neighbours[e]];
      wi += wij;
      s1 += wij * wij;
    }
    let xbar: number;
    let vLag: number;
    let denom: number;
    if (star) {
      xbar = mean;
      vLag = (s2 * (n * s1 - wi * wi)) / (n - 1);
      denom = sumX;
    } else {
      // moments over the other n − 1 values, written as spdep localG does
      xbar = (sumX - x[i]) / (n - 1);
      const si2 = (sumX2 - x[i] * x[i]) / (n - 1) - xbar * xbar;
      vLag = (si2 * ((n - 1) * s1 - wi * wi)) / (n - 2);
      denom = sumX - x[i];
    }
    const zi = (lag - wi * xbar) / Math.sqrt(vLag);
    z[i] = Number.isFinite(zi) ? zi : Number.NaN;
    p[i] = normalPValue(z[i], options.alternative);
    g[i] = lag / denom;
    expectedG[i] = (wi * xbar) / denom;
    varianceG[i] = vLag / (denom * denom);
  }
  const result: GetisOrdResult = { g, expectedG, varianceG, z, p };

  if (options.permutations > 0) {
    const R = options.permutations;
    // z and G are increasing in the lag (x̄, s and W_i do not change when only the neighbours' values move)
    const counts = conditionalPermutationCounts(w, x, R, options.seed);
    const pSim = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      pSim[i] = counts.ge[i] < 0 ? Number.NaN : pseudoP(counts.ge[i], counts.le[i], R, options.alternative);
    }
    result.pSim = pSim;
  }
  return result;
}
