// Local Moran's I (LISA) with the analytical moments of spdep localmoran (spec §5 lisa): conditional
// randomisation (Sokal, Oden & Thomson 1998) by default or total randomisation (Anselin 1995), and optionally
// conditional-permutation pseudo p-values (spec §7).
import { conditionalPermutationCounts, pseudoP } from "./conditional-permutation.ts";
import { type Alternative, normalPValue } from "./normal.ts";
import { accurateMean } from "./spatial-input.ts";
import type { SpatialWeights } from "./spatial-weights.ts";

export type LisaVariance = "conditional" | "total";
export type Quadrant = "HH" | "LL" | "HL" | "LH" | "isolated";

export interface LocalMoranOptions {
  variance: LisaVariance;
  alternative: Alternative;
  permutations: number;
  seed: number;
}

/** Per-row arrays; NaN marks an undefined value (islands, zero variance). */
export interface LocalMoranResult {
  ii: Float64Array;
  expected: Float64Array;
  variance: Float64Array;
  z: Float64Array;
  p: Float64Array;
  quadrant: Quadrant[];
  /** pseudo p-values, only when permutations > 0 (NaN for islands) */
  pSim?: Float64Array;
}

export function localMoran(x: Float64Array, w: SpatialWeights, options: LocalMoranOptions): LocalMoranResult {
  const n = x.length;
  const { offsets, neighbours, weights, isIsland } = w;
  const mean = accurateMean(x);
  const z = new Float64Array(n);
  let sum2 = 0;
  let sum4 = 0;
  for (let k = 0; k < n; k++) {
    const d = x[k] - mean;
    z[k] = d;
    sum2 += d * d;
    sum4 += d * d * d * d;
  }
  const m2 = sum2 / n;
  const b2 = sum4 / n / (m2 * m2);

  const ii = new Float64Array(n);
  const expected = new Float64Array(n);
  const variance = new Float64Array(n);
  const zs = new Float64Array(n);
  const p = new Float64Array(n);
  const quadrant: Quadrant[] = new Array(n);
  for (let i = 0; i < n; i++) {
    let lag = 0;
    let wi = 0;
    let wi2 = 0;
    for (let e = offsets[i]; e < offsets[i + 1]; e++) {
      const wij = weights[e];
      lag += wij * z[neighbours[e]];
      wi += wij;
      wi2 += wij * wij;
    }
    const zi = z[i];
    if (isIsland[i]) {
      ii[i] = 0;
      expected[i] = variance[i] = zs[i] = p[i] = Number.NaN;
      quadrant[i] = "isolated";
      continue;
    }
    ii[i] = (zi / m2) * lag;
    let e: number;
    let v: number;
    if (options.variance === "conditional") {
      e = -(zi * zi * wi) / ((n - 1) * m2);
      v = (zi / m2) ** 2 * (n / (n - 2)) * (wi2 - (wi * wi) / (n - 1)) * (m2 - (zi * zi) / (n - 1));
    } else {
      e = -wi / (n - 1);
      v = ((n - b2) / (n - 1)) * wi2 + ((2 * b2 - n) / ((n - 1) * (n - 2))) * (wi * wi - wi2) - e * e;
    }
    expected[i] = e;
    variance[i] = v;
    const zi2 = (ii[i] - e) / Math.sqrt(v);
    zs[i] = Number.isFinite(zi2) ? zi2 : Number.NaN;
    p[i] = normalPValue(zs[i], options.alternative);
    quadrant[i] = zi > 0 ? (lag > 0 ? "HH" : "HL") : lag > 0 ? "LH" : "LL";
  }
  const result: LocalMoranResult = { ii, expected, variance, z: zs, p, quadrant };

  if (options.permutations > 0) {
    const R = options.permutations;
    const counts = conditionalPermutationCounts(w, z, R, options.seed);
    const pSim = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      if (counts.ge[i] < 0) {
        pSim[i] = Number.NaN;
        continue;
      }
      // I_i = (z_i/m2)·lag_i: the order of I_i follows the lag for z_i > 0, is reversed for z_i < 0, and
      // every permuted I_i ties with the observed one when z_i = 0
      const zi = z[i];
      const geI = zi > 0 ? counts.ge[i] : zi < 0 ? counts.le[i] : R;
      const leI = zi > 0 ? counts.le[i] : zi < 0 ? counts.ge[i] : R;
      pSim[i] = pseudoP(geI, leI, R, options.alternative);
    }
    result.pSim = pSim;
  }
  return result;
}
