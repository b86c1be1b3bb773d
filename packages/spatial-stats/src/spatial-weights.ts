// Spatial weights of analysis spec §1 as a compressed sparse row (CSR) matrix.
//
//   offsets     Uint32Array(n + 1)   row i's entries are k = offsets[i] … offsets[i + 1] − 1
//   neighbours  Uint32Array(nnz)     column j of entry k (an index into the rows used)
//   weights     Float64Array(nnz)    w_ij of entry k
//
//   row:        0        1           2
//   offsets:   [0,       2,          5,   6]
//   neighbours:[1, 2,    0, 2, 3,    1]        (region 0 ~ 1, 2; region 1 ~ 0, 2, 3; …)
//   weights:   [½, ½,    ⅓, ⅓, ⅓,    1]        (style W)
//
// With `selfIncluded` (Gi*), entry offsets[i] of every row is i itself; the other entries follow in the order
// of the spec's list. Islands (no neighbours besides self) have `isIsland[i] = 1`.
import { RongheError } from "@ronghe/core";

export type WeightStyle = "W" | "B";

export interface SpatialWeights {
  n: number;
  offsets: Uint32Array;
  neighbours: Uint32Array;
  weights: Float64Array;
  style: WeightStyle;
  selfIncluded: boolean;
  /** 1 where the region has no neighbour other than itself (after missing-value dropping) */
  isIsland: Uint8Array;
  nIslands: number;
}

export interface BuildWeightsOptions {
  style: WeightStyle;
  /** add each region to its own list before styling (spdep include.self, for Gi*) */
  includeSelf?: boolean;
}

/**
 * Checks the spec's `neighbors` against every row id of the spec (spec §1: each row id has a list, every listed
 * id is a row id, no duplicates, no self-reference) and returns the CSR weights restricted to `usedIds` (rows
 * left after dropping missing values; dropped regions are removed from every list, as spdep `subset.listw`),
 * then styled. Islands are reported, not rejected: the caller applies `allow_islands`.
 */
export function buildSpatialWeights(
  allIds: readonly string[],
  usedIds: readonly string[],
  neighbors: Readonly<Record<string, ReadonlyArray<string | number>>>,
  options: BuildWeightsOptions,
): SpatialWeights {
  const allSet = new Set(allIds);
  for (const key of Object.keys(neighbors)) {
    if (!allSet.has(key)) {
      throw new RongheError("invalid_weights", `weights.neighbors has id "${key}", which is not a row id`, {
        id: key,
      });
    }
  }
  const index = new Map<string, number>();
  for (let i = 0; i < usedIds.length; i++) index.set(usedIds[i], i);

  const n = usedIds.length;
  const includeSelf = options.includeSelf === true;
  // first pass: validate every list (also of dropped rows) and count kept entries
  const lists: Array<ReadonlyArray<string | number>> = new Array(n);
  for (const id of allIds) {
    const list = neighbors[id];
    if (!Object.hasOwn(neighbors, id) || !Array.isArray(list)) {
      throw new RongheError("invalid_weights", `weights.neighbors has no list for row id "${id}"`, { id });
    }
    const seen = new Set<string>();
    for (const raw of list) {
      const nb = String(raw);
      if (nb === id) {
        throw new RongheError("invalid_weights", `region "${id}" lists itself as a neighbour`, { id });
      }
      if (!allSet.has(nb)) {
        throw new RongheError("invalid_weights", `neighbour "${nb}" of region "${id}" is not a row id`, {
          id,
          neighbor: nb,
        });
      }
      if (seen.has(nb)) {
        throw new RongheError("invalid_weights", `region "${id}" lists neighbour "${nb}" twice`, {
          id,
          neighbor: nb,
        });
      }
      seen.add(nb);
    }
    const i = index.get(id);
    if (i !== undefined) lists[i] = list;
  }

  const offsets = new Uint32Array(n + 1);
  for (let i = 0; i < n; i++) {
    let count = includeSelf ? 1 : 0;
    for (const raw of lists[i]) if (index.has(String(raw))) count++;
    offsets[i + 1] = offsets[i] + count;
  }
  const nnz = offsets[n];
  const neighbours = new Uint32Array(nnz);
  const weights = new Float64Array(nnz);
  const isIsland = new Uint8Array(n);
  let nIslands = 0;
  for (let i = 0; i < n; i++) {
    let k = offsets[i];
    if (includeSelf) neighbours[k++] = i;
    for (const raw of lists[i]) {
      const j = index.get(String(raw));
      if (j !== undefined) neighbours[k++] = j;
    }
    const start = offsets[i];
    const count = k - start;
    const own = includeSelf ? count - 1 : count;
    if (own === 0) {
      isIsland[i] = 1;
      nIslands++;
    }
    const w = options.style === "W" && count > 0 ? 1 / count : 1;
    for (let e = start; e < k; e++) weights[e] = w;
  }
  return {
    n,
    offsets,
    neighbours,
    weights,
    style: options.style,
    selfIncluded: includeSelf,
    isIsland,
    nIslands,
  };
}

/** Spatial lag Σ_j w_ij v_j of every row (0 for rows without neighbours). */
export function spatialLag(w: SpatialWeights, values: Float64Array): Float64Array {
  const { n, offsets, neighbours, weights } = w;
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let s = 0;
    for (let e = offsets[i]; e < offsets[i + 1]; e++) s += weights[e] * values[neighbours[e]];
    out[i] = s;
  }
  return out;
}

/**
 * Global weight constants of Cliff & Ord: S0 = Σ w_ij, S1 = ½ Σ (w_ij + w_ji)², S2 = Σ_i (w_i· + w_·i)².
 * Works for asymmetric lists (k-nearest): w_ji is looked up in the row of j, sorted once by column.
 */
export function weightConstants(w: SpatialWeights): { s0: number; s1: number; s2: number } {
  const { n, offsets, neighbours, weights } = w;
  const nnz = offsets[n];
  // per-row copies sorted by column, for binary search of w_ji
  const cols = new Uint32Array(nnz);
  const vals = new Float64Array(nnz);
  const order: number[] = [];
  for (let i = 0; i < n; i++) {
    const start = offsets[i];
    const end = offsets[i + 1];
    order.length = 0;
    for (let e = start; e < end; e++) order.push(e);
    order.sort((a, b) => neighbours[a] - neighbours[b]);
    for (let t = 0; t < order.length; t++) {
      cols[start + t] = neighbours[order[t]];
      vals[start + t] = weights[order[t]];
    }
  }
  const rowSum = new Float64Array(n);
  const colSum = new Float64Array(n);
  let s0 = 0;
  let s1 = 0;
  for (let i = 0; i < n; i++) {
    for (let e = offsets[i]; e < offsets[i + 1]; e++) {
      const j = neighbours[e];
      const wij = weights[e];
      s0 += wij;
      rowSum[i] += wij;
      colSum[j] += wij;
      // w_ji by binary search in row j
      let lo = offsets[j];
      let hi = offsets[j + 1] - 1;
      let wji = 0;
      while (lo <= hi) {
        const mid = (lo + hi) >>> 1;
        const c = cols[mid];
        if (c === i) {
          wji = vals[mid];
          break;
        }
        if (c < i) lo = mid + 1;
        else hi = mid - 1;
      }
      // ½ Σ_ij (w_ij + w_ji)² = Σ_ij w_ij² + Σ_ij w_ij w_ji: both terms vanish unless (i, j) is stored
      s1 += wij * wij + wij * wji;
    }
  }
  let s2 = 0;
  for (let i = 0; i < n; i++) {
    const t = rowSum[i] + colSum[i];
    s2 += t * t;
  }
  return { s0, s1, s2 };
}
