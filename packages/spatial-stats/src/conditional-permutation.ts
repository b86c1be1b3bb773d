// Conditional permutation for local statistics (spec §7): region i keeps its own value; its |N_i| neighbours
// receive values drawn without replacement from the other n − 1 regions (Anselin 1995; PySAL esda `crand`).
// As in PySAL, the randomness is shared across rows: permutation r draws ONE ordered sample of K = max|N_i|
// distinct indices from 0 … n − 2 (partial Fisher–Yates over a scratch array that is never reset), and every
// row i takes its first |N_i| entries, mapping index j to region j if j < i, else j + 1 (so i is never drawn).
// Each row still gets a uniform draw without replacement; only rows' draws are correlated. Cost O(R · K) random
// numbers plus O(R · Σ|N_i|) additions, instead of O(R · Σ|N_i|) random numbers.
// Permutations are processed in blocks (sample block of bounded size, so R · K never has to fit in memory);
// rows whose weights are all equal sum the drawn values and multiply once; the tie tolerance (spec §7) absorbs
// the different rounding against the observed lag.
import type { Alternative } from "./normal.ts";
import { Xoshiro128 } from "./prng.ts";
import type { SpatialWeights } from "./spatial-weights.ts";

export interface PermutationCounts {
  /** per row: permuted lags ≥ the observed lag (within the tie tolerance); −1 where the row has no neighbours */
  ge: Int32Array;
  /** per row: permuted lags ≤ the observed lag (within the tie tolerance); −1 where the row has no neighbours */
  le: Int32Array;
}

/** Relative tie tolerance: a permuted lag within 1e−12 · Σ_j|w_ij| · max|v| of the observed counts both ways. */
export const TIE_TOLERANCE = 1e-12;

/** Sample entries per block (Int32): small enough to stay in cache while every row reads the block. */
const BLOCK_ENTRIES = 1 << 15;

/**
 * Counts, for every row, how many of R conditionally permuted lags Σ_j w_ij v_π(j) (self entry excluded when
 * `selfIncluded`: it stays on v_i) reach the observed lag from above and from below.
 * The R index samples are drawn in order from one generator seeded with `seed` and shared by all rows, so the
 * counts are a pure function of (values, weights, R, seed).
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
  let maxAbs = 0;
  let maxCard = 0;
  for (let k = 0; k < n; k++) {
    maxAbs = Math.max(maxAbs, Math.abs(values[k]));
    maxCard = Math.max(maxCard, offsets[k + 1] - offsets[k] - skipSelf);
  }
  // per row: observed lag ± tolerance, and whether all weights are equal (then lag = w · Σ drawn values)
  const hi = new Float64Array(n);
  const lo = new Float64Array(n);
  const equal = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const start = offsets[i] + skipSelf;
    const end = offsets[i + 1];
    if (end - start <= 0) {
      ge[i] = -1;
      le[i] = -1;
      continue;
    }
    let observed = 0;
    let wAbs = 0;
    const w0 = weights[start];
    let eq = 1;
    for (let e = start; e < end; e++) {
      observed += weights[e] * values[neighbours[e]];
      wAbs += Math.abs(weights[e]);
      if (weights[e] !== w0) eq = 0;
    }
    const tol = TIE_TOLERANCE * wAbs * maxAbs;
    hi[i] = observed + tol;
    lo[i] = observed - tol;
    equal[i] = eq;
  }
  if (maxCard === 0 || permutations <= 0) return { ge, le };
  if (maxCard > n - 1) throw new RangeError("a row has more neighbours than other regions"); // weights invariant

  const m = n - 1;
  const rng = new Xoshiro128(seed);
  const idx = new Int32Array(m);
  for (let k = 0; k < m; k++) idx[k] = k;
  const blockR = Math.max(1, Math.floor(BLOCK_ENTRIES / maxCard));
  const sample = new Int32Array(Math.min(blockR, permutations) * maxCard);

  for (let r0 = 0; r0 < permutations; r0 += blockR) {
    const rows = Math.min(blockR, permutations - r0);
    // draws: permutation by permutation, K positions each (partial Fisher–Yates of the n − 1 slots)
    for (let r = 0; r < rows; r++) {
      const base = r * maxCard;
      for (let t = 0; t < maxCard; t++) {
        const j = t + rng.below(m - t);
        const v = idx[j];
        idx[j] = idx[t];
        idx[t] = v;
        sample[base + t] = v;
      }
    }
    // sums: row i reads the first k_i indices of each sample; j → j + 1 when j ≥ i (branch-free)
    for (let i = 0; i < n; i++) {
      if (ge[i] < 0) continue;
      const start = offsets[i] + skipSelf;
      const k = offsets[i + 1] - start;
      const h = hi[i];
      const l = lo[i];
      let countGe = 0;
      let countLe = 0;
      if (equal[i] === 1) {
        const w0 = weights[start];
        for (let r = 0, base = 0; r < rows; r++, base += maxCard) {
          let s = 0;
          for (let e = 0; e < k; e++) {
            const j = sample[base + e];
            s += values[j + 1 + ((j - i) >> 31)];
          }
          s *= w0;
          if (s >= l) countGe++;
          if (s <= h) countLe++;
        }
      } else {
        for (let r = 0, base = 0; r < rows; r++, base += maxCard) {
          let s = 0;
          for (let e = 0; e < k; e++) {
            const j = sample[base + e];
            s += weights[start + e] * values[j + 1 + ((j - i) >> 31)];
          }
          if (s >= l) countGe++;
          if (s <= h) countLe++;
        }
      }
      ge[i] += countGe;
      le[i] += countLe;
    }
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
