// Conditional permutation for local statistics (spec §7): region i keeps its own value; its |N_i| neighbours
// receive values drawn without replacement from the other n − 1 regions (Anselin 1995; PySAL esda, spdep
// localmoran_perm with no_repeat_in_row = TRUE). Per permutation and row only |N_i| values are drawn, by a
// partial Fisher–Yates pass over one scratch index array that is never reset (any starting order gives a
// uniform draw); a drawn index equal to i is skipped, which leaves the other draws uniform over the rest.
// Cost O(R · Σ|N_i|), no allocation inside the loops. Rows whose weights are all equal sum the drawn values and
// multiply once; the tie tolerance (spec §7) absorbs the different rounding against the observed lag.
import type { Alternative } from "./normal.ts";
import { LEMIRE_MAX, TWO_POW_MINUS_32, Xoshiro128 } from "./prng.ts";
import type { SpatialWeights } from "./spatial-weights.ts";

export interface PermutationCounts {
  /** per row: permuted lags ≥ the observed lag (within the tie tolerance); −1 where the row has no neighbours */
  ge: Int32Array;
  /** per row: permuted lags ≤ the observed lag (within the tie tolerance); −1 where the row has no neighbours */
  le: Int32Array;
}

/** Relative tie tolerance: a permuted lag within 1e−12 · Σ_j|w_ij| · max|v| of the observed counts both ways. */
export const TIE_TOLERANCE = 1e-12;

/**
 * Counts, for every row, how many of R conditionally permuted lags Σ_j w_ij v_π(j) (self entry excluded when
 * `selfIncluded`: it stays on v_i) reach the observed lag from above and from below.
 * Rows are processed in order and permutations within a row in order, all from one generator seeded with
 * `seed`, so the counts are a pure function of (values, weights, R, seed).
 */
export function conditionalPermutationCounts(
  w: SpatialWeights,
  values: Float64Array,
  permutations: number,
  seed: number,
): PermutationCounts {
  const { n, offsets, neighbours, weights } = w;
  const skipSelf = w.selfIncluded ? 1 : 0;
  const ge = new Int32Array(n);
  const le = new Int32Array(n);
  const idx = new Int32Array(n);
  for (let k = 0; k < n; k++) idx[k] = k;
  let maxAbs = 0;
  let maxDegree = 0;
  for (let k = 0; k < n; k++) {
    maxAbs = Math.max(maxAbs, Math.abs(values[k]));
    maxDegree = Math.max(maxDegree, offsets[k + 1] - offsets[k]);
  }
  // per draw position t (t ≤ degree: k_i draws plus at most one skip of i itself): bound b = n − t, b/2^32
  // (exact, so x · b/2^32 = x · b / 2^32 with x · b < 2^53) and Lemire's rejection threshold (2^32 − b) mod b,
  // which is < b, so `low < threshold` alone is the documented test; n > 2^21 uses the general step
  const tableLength = n <= LEMIRE_MAX ? Math.min(n, maxDegree + 1) : 0;
  const scale = new Float64Array(tableLength);
  const reject = new Float64Array(tableLength);
  for (let t = 0; t < tableLength; t++) {
    scale[t] = (n - t) * TWO_POW_MINUS_32;
    reject[t] = (4294967296 - (n - t)) % (n - t);
  }
  // generator state in locals: the step below is Xoshiro128 nextUint32 + below() inlined (same numbers)
  const st = new Xoshiro128(seed).getState();
  let s0 = st[0];
  let s1 = st[1];
  let s2 = st[2];
  let s3 = st[3];

  for (let i = 0; i < n; i++) {
    const start = offsets[i] + skipSelf;
    const end = offsets[i + 1];
    const k = end - start;
    if (k <= 0) {
      ge[i] = -1;
      le[i] = -1;
      continue;
    }
    let observed = 0;
    let wAbs = 0;
    const w0 = weights[start];
    let equal = true;
    for (let e = start; e < end; e++) {
      observed += weights[e] * values[neighbours[e]];
      wAbs += Math.abs(weights[e]);
      if (weights[e] !== w0) equal = false;
    }
    const tol = TIE_TOLERANCE * wAbs * maxAbs;
    const hi = observed + tol;
    const lo = observed - tol;
    let countGe = 0;
    let countLe = 0;
    if (k < tableLength) {
      // fast path (n ≤ 2^21): the draw step reads its bound's constants from the tables; when all weights of
      // the row are equal (styles W and B) the lag is w · Σ drawn values, one multiply per permutation
      for (let r = 0; r < permutations; r++) {
        let s = 0;
        let t = 0;
        let taken = 0;
        while (taken < k) {
          const m5 = Math.imul(s1, 5);
          const x = Math.imul((m5 << 7) | (m5 >>> 25), 9) >>> 0;
          const t9 = s1 << 9;
          s2 ^= s0;
          s3 ^= s1;
          s1 ^= s2;
          s0 ^= s3;
          s2 ^= t9;
          s3 = (s3 << 11) | (s3 >>> 21);
          if (Math.imul(x, n - t) >>> 0 < reject[t]) continue;
          const j = t + ((x * scale[t]) | 0);
          const v = idx[j];
          idx[j] = idx[t];
          idx[t] = v;
          t++;
          if (v !== i) {
            s += equal ? values[v] : weights[start + taken] * values[v];
            taken++;
          }
        }
        if (equal) s *= w0;
        if (s >= lo) countGe++;
        if (s <= hi) countLe++;
      }
    } else {
      // general step (n > 2^21: masked rejection)
      for (let r = 0; r < permutations; r++) {
        let s = 0;
        let t = 0;
        for (let e = start; e < end; e++) {
          let v: number;
          do {
            const bound = n - t;
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
                j = t + Math.floor(x * bound * TWO_POW_MINUS_32);
              } else {
                j = (x & (0xffffffff >>> Math.clz32(bound - 1))) >>> 0;
                if (j >= bound) continue;
                j += t;
              }
              break;
            }
            v = idx[j];
            idx[j] = idx[t];
            idx[t] = v;
            t++;
          } while (v === i);
          s += weights[e] * values[v];
        }
        if (s >= lo) countGe++;
        if (s <= hi) countLe++;
      }
    }
    ge[i] = countGe;
    le[i] = countLe;
  }
  return { ge, le };
}

/** Pseudo p = (M + 1)/(R + 1), M counted in the direction of the alternative; two-sided = min(1, 2·min). */
export function pseudoP(
  countGe: number,
  countLe: number,
  permutations: number,
  alternative: Alternative,
): number {
  const pGreater = (countGe + 1) / (permutations + 1);
  const pLess = (countLe + 1) / (permutations + 1);
  if (alternative === "greater") return pGreater;
  if (alternative === "less") return pLess;
  return Math.min(1, 2 * Math.min(pGreater, pLess));
}
