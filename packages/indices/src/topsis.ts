// TOPSIS (Hwang & Yoon 1981), analysis-spec.md §5 topsis.
//   vector (default): r_ij = x_ij / sqrt(Σ_i x_ij²) (norm 0 → 0), v = w·r, ideal = max v for benefit, min for cost;
//   minmax (Opricovic & Tzeng 2004): v = w·x' with cost reversed, ideal = column max, anti-ideal = column min.
//   d± = Euclidean distance to ideal / anti-ideal, closeness = d− / (d+ + d−).
import { RongheError } from "@ronghe/core";
import type { Direction } from "./types.ts";

export interface TopsisResult {
  ideal: Float64Array;
  antiIdeal: Float64Array;
  dPlus: Float64Array;
  dMinus: Float64Array;
  closeness: Float64Array;
  /** columns that were constant (min-max normalisation only) */
  constant: boolean[];
}

/** Raw columns in, TOPSIS distances out. Throws `degenerate` when d+ + d− = 0 (all rows identical). */
export function topsis(
  columns: readonly Float64Array[],
  directions: readonly Direction[],
  weights: ArrayLike<number>,
  normalization: "vector" | "minmax" = "vector",
): TopsisResult {
  const m = columns.length;
  const n = m > 0 ? columns[0].length : 0;
  if (n < 2) throw new RongheError("insufficient_data", `TOPSIS needs at least 2 rows, got ${n}`, { n });
  const ideal = new Float64Array(m);
  const antiIdeal = new Float64Array(m);
  const dPlus = new Float64Array(n); // squared sums first
  const dMinus = new Float64Array(n);
  const constant: boolean[] = [];

  for (let j = 0; j < m; j++) {
    const x = columns[j];
    const w = weights[j];
    let min = x[0];
    let max = x[0];
    let ss = 0;
    for (let i = 0; i < n; i++) {
      const xi = x[i];
      if (xi < min) min = xi;
      if (xi > max) max = xi;
      ss += xi * xi;
    }
    // v = scale·x + offset in both normalisations, so ideal and anti-ideal follow from min and max of x
    let scale: number;
    let offset: number;
    if (normalization === "minmax") {
      const range = max - min;
      constant.push(!(range > 0));
      if (!(range > 0)) {
        scale = 0;
        offset = w; // x' = 1 for a constant column
      } else if (directions[j] === "-") {
        scale = -w / range;
        offset = (w * max) / range;
      } else {
        scale = w / range;
        offset = (-w * min) / range;
      }
    } else {
      constant.push(false);
      scale = ss > 0 ? w / Math.sqrt(ss) : 0;
      offset = 0;
    }
    const vLo = Math.min(scale * min + offset, scale * max + offset);
    const vHi = Math.max(scale * min + offset, scale * max + offset);
    // with min-max the cost columns are already reversed, so larger v is better in every column
    const cost = normalization === "vector" && directions[j] === "-";
    const best = cost ? vLo : vHi;
    const worst = cost ? vHi : vLo;
    ideal[j] = best;
    antiIdeal[j] = worst;
    for (let i = 0; i < n; i++) {
      const v = scale * x[i] + offset;
      const a = v - best;
      const b = v - worst;
      dPlus[i] += a * a;
      dMinus[i] += b * b;
    }
  }
  const closeness = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    dPlus[i] = Math.sqrt(dPlus[i]);
    dMinus[i] = Math.sqrt(dMinus[i]);
    const s = dPlus[i] + dMinus[i];
    if (!(s > 0)) {
      throw new RongheError(
        "degenerate",
        "TOPSIS is undefined: every row is at the ideal and the anti-ideal (all rows identical)",
        {
          row: i,
        },
      );
    }
    closeness[i] = dMinus[i] / s;
  }
  return { ideal, antiIdeal, dPlus, dMinus, closeness, constant };
}
