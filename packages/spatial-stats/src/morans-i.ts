// Global Moran's I with the normality and randomisation moments of Cliff & Ord (1981), exactly as spdep
// moran.test (adjust.n), and a permutation test as spdep moran.mc (spec §5 moran).
import { RongheError } from "@ronghe/core";
import { type Alternative, normalPValue } from "./normal.ts";
import { LEMIRE_MAX, TWO_POW_MINUS_32, Xoshiro128 } from "./prng.ts";
import { accurateMean } from "./spatial-input.ts";
import { type SpatialWeights, weightConstants } from "./spatial-weights.ts";

export interface MoranOptions {
  alternative: Alternative;
  /** n* = n − islands (spdep adjust.n = TRUE) */
  adjustN: boolean;
  permutations: number;
  seed: number;
}

export interface MoranTest {
  variance: number;
  z: number;
  p: number;
}

export interface MoranResult {
  n: number;
  nIslands: number;
  i: number;
  expectedI: number;
  normality: MoranTest;
  randomization: MoranTest;
  /** present when permutations > 0 */
  permutation?: { permutations: number; seed: number; p: number };
}

/**
 * Per row: the common weight when all of the row's weights are equal (styles W and B), NaN otherwise. Lets the
 * cross-product sum each row's neighbour values and multiply once.
 */
function equalRowWeights(w: SpatialWeights): Float64Array {
  const { n, offsets, weights } = w;
  const rowWeight = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const start = offsets[i];
    const end = offsets[i + 1];
    const w0 = end > start ? weights[start] : 0;
    let equal = true;
    for (let e = start + 1; e < end; e++) if (weights[e] !== w0) equal = false;
    rowWeight[i] = equal ? w0 : Number.NaN;
  }
  return rowWeight;
}

/**
 * Σ_ij w_ij z_i z_j straight from the CSR arrays (no folded copy of the weights). The observed value and every
 * permuted value go through this same function, so an identical arrangement gives an identical sum.
 */
function crossProduct(w: SpatialWeights, rowWeight: Float64Array, z: Float64Array): number {
  const { offsets, neighbours, weights } = w;
  let total = 0;
  for (let i = 0, n = z.length; i < n; i++) {
    const start = offsets[i];
    const end = offsets[i + 1];
    const rw = rowWeight[i];
    let lag = 0;
    if (!Number.isNaN(rw)) {
      for (let e = start; e < end; e++) lag += z[neighbours[e]];
      lag *= rw;
    } else {
      for (let e = start; e < end; e++) lag += weights[e] * z[neighbours[e]];
    }
    total += z[i] * lag;
  }
  return total;
}

/**
 * R permutations of z by Fisher–Yates (from the last position down, in place, each starting from the previous
 * arrangement); counts permuted cross-products ≥ and ≤ the observed one. The generator step is Xoshiro128
 * nextUint32 + below() inlined with the state in locals (same numbers, no per-draw memory traffic).
 * No allocation besides the one working copy of z.
 */
function permutationCounts(
  w: SpatialWeights,
  rowWeight: Float64Array,
  z: Float64Array,
  observed: number,
  R: number,
  seed: number,
) {
  const n = z.length;
  const zp = Float64Array.from(z);
  const st = new Xoshiro128(seed).getState();
  let s0 = st[0];
  let s1 = st[1];
  let s2 = st[2];
  let s3 = st[3];
  let ge = 0;
  let le = 0;
  for (let r = 0; r < R; r++) {
    for (let k = n - 1; k > 0; k--) {
      const bound = k + 1;
      let j: number;
      for (;;) {
        const m5 = Math.imul(s1, 5);
        const x = Math.imul((m5 << 7) | (m5 >>> 25), 9) >>> 0;
        const t9 = s1 << 9;
        s2 ^= s0;
        s3 ^= s1;
        s1 ^= s2;
        s0 ^= s3;
        s2 ^= t9;
        s3 = (s3 << 11) | (s3 >>> 21);
        if (bound <= LEMIRE_MAX) {
          const low = Math.imul(x, bound) >>> 0;
          if (low < bound && low < (4294967296 - bound) % bound) continue;
          // x · bound < 2^53 and the scaling by 2^−32 are exact; the quotient is < 2^21, so |0 is the floor
          j = (x * bound * TWO_POW_MINUS_32) | 0;
        } else {
          j = (x & (0xffffffff >>> Math.clz32(bound - 1))) >>> 0;
          if (j >= bound) continue;
        }
        break;
      }
      const t = zp[k];
      zp[k] = zp[j];
      zp[j] = t;
    }
    const c = crossProduct(w, rowWeight, zp);
    if (c >= observed) ge++;
    if (c <= observed) le++;
  }
  return { ge, le };
}

export function moransI(x: Float64Array, w: SpatialWeights, options: MoranOptions): MoranResult {
  const n = x.length;
  const mean = accurateMean(x);
  const z = new Float64Array(n);
  let m2sum = 0;
  let m4sum = 0;
  for (let k = 0; k < n; k++) {
    const d = x[k] - mean;
    z[k] = d;
    const d2 = d * d;
    m2sum += d2;
    m4sum += d2 * d2;
  }
  const { s0, s1, s2 } = weightConstants(w);
  if (!(s0 > 0)) {
    throw new RongheError("degenerate_weights", "the weights sum to zero (every region is an island)");
  }
  const nStar = options.adjustN ? n - w.nIslands : n;
  const b2 = (n * m4sum) / (m2sum * m2sum);
  const rowWeight = equalRowWeights(w);
  const observed = crossProduct(w, rowWeight, z);
  const i = ((nStar / s0) * observed) / m2sum;
  const ei = -1 / (nStar - 1);

  const nn = nStar * nStar;
  const s02 = s0 * s0;
  const vNorm = (nn * s1 - nStar * s2 + 3 * s02) / (s02 * (nn - 1)) - ei * ei;
  const vRand =
    (nStar * ((nn - 3 * nStar + 3) * s1 - nStar * s2 + 3 * s02) -
      b2 * ((nn - nStar) * s1 - 2 * nStar * s2 + 6 * s02)) /
      ((nStar - 1) * (nStar - 2) * (nStar - 3) * s02) -
    ei * ei;
  const test = (variance: number): MoranTest => {
    const zz = (i - ei) / Math.sqrt(variance);
    return { variance, z: zz, p: normalPValue(zz, options.alternative) };
  };
  const result: MoranResult = {
    n,
    nIslands: w.nIslands,
    i,
    expectedI: ei,
    normality: test(vNorm),
    randomization: test(vRand),
  };

  const R = options.permutations;
  if (R > 0) {
    const { ge, le } = permutationCounts(w, rowWeight, z, observed, R, options.seed);
    const pGreater = (ge + 1) / (R + 1);
    const pLess = (le + 1) / (R + 1);
    const p =
      options.alternative === "greater"
        ? pGreater
        : options.alternative === "less"
          ? pLess
          : Math.min(1, 2 * Math.min(pGreater, pLess));
    result.permutation = { permutations: R, seed: options.seed, p };
  }
  return result;
}
