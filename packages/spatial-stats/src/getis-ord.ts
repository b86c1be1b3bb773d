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
  for (let k = 0; k < n; k++) sumX += x[k];
  // moments from deviations of the two-pass mean: Σ_j w_ij x_j − W_i x̄ = Σ_j w_ij z_j, and over the other
  // n − 1 values Σ_{j≠i}(x_j − x̄_i)² = SS − n z_i²/(n − 1) and x̄_i − x̄ = −z_i/(n − 1). Same quantities as the
  // spec's (and spdep's) Σx² − x̄² forms, without their cancellation when the mean is large against the spread.
  const mean = accurateMean(x);
  const dev = new Float64Array(n);
  let ss = 0;
  for (let k = 0; k < n; k++) {
    dev[k] = x[k] - mean;
    ss += dev[k] * dev[k];
  }
  const s2 = ss / n;
  // Gi: the other n − 1 values are all equal only when x_i is the single value that differs (s_i² = 0 exactly)
  let lo = Number.POSITIVE_INFINITY;
  let hi = Number.NEGATIVE_INFINITY;
  for (let k = 0; k < n; k++) {
    if (x[k] < lo) lo = x[k];
    if (x[k] > hi) hi = x[k];
  }
  let nLo = 0;
  let nHi = 0;
  for (let k = 0; k < n; k++) {
    if (x[k] === lo) nLo++;
    if (x[k] === hi) nHi++;
  }
  const othersConstant = (i: number) =>
    (x[i] === lo && nLo === 1 && nHi === n - 1) || (x[i] === hi && nHi === 1 && nLo === n - 1);

  const g = new Float64Array(n);
  const expectedG = new Float64Array(n);
  const varianceG = new Float64Array(n);
  const z = new Float64Array(n);
  const p = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let lag = 0;
    let lagDev = 0;
    let wi = 0;
    let s1 = 0;
    for (let e = offsets[i]; e < offsets[i + 1]; e++) {
      const wij = weights[e];
      lag += wij * x[neighbours[e]];
      lagDev += wij * dev[neighbours[e]];
      wi += wij;
      s1 += wij * wij;
    }
    let xbar: number;
    let vLag: number;
    let centred: number;
    let denom: number;
    if (star) {
      xbar = mean;
      vLag = (s2 * (n * s1 - wi * wi)) / (n - 1);
      centred = lagDev;
      denom = sumX;
    } else {
      const zi = dev[i];
      xbar = mean - zi / (n - 1);
      const si2 = othersConstant(i) ? 0 : Math.max(0, (ss - (n * zi * zi) / (n - 1)) / (n - 1));
      vLag = (si2 * ((n - 1) * s1 - wi * wi)) / (n - 2);
      // lag − W_i x̄_i, exactly 0 when the other values are all equal
      centred = othersConstant(i) ? 0 : lagDev + (wi * zi) / (n - 1);
      denom = sumX - x[i];
    }
    const zi = centred / Math.sqrt(vLag);
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
