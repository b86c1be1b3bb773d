// CRITIC weights (Diakoulaki, Mavrotas & Papayannakis 1995), analysis-spec.md §5 critic-weights:
//   x' min-max (cost reversed when reverseCost, the default), std_j sample sd (n − 1) of x'_j,
//   r_jk Pearson correlation of the x' columns (|r| when correlation = "absolute"; a constant column has r = 0
//   with every other column), conflict_j = Σ_k (1 − r_jk), information_j = std_j · conflict_j,
//   w_j = information_j / Σ information.
import { RongheError } from "@ronghe/core";
import { minmaxNormalise } from "./minmax-normalise.ts";
import type { Direction } from "./types.ts";

export interface CriticOptions {
  /** reverse cost columns before the correlations (Diakoulaki 1995); false reproduces Tuş & Adalı 2019 */
  reverseCost?: boolean;
  correlation?: "signed" | "absolute";
}

export interface CriticWeightsResult {
  std: Float64Array;
  conflict: Float64Array;
  information: Float64Array;
  weights: Float64Array;
  constant: boolean[];
}

/** Throws `insufficient_data` (n < 3) and `degenerate_weights` (all information 0). */
export function criticWeights(
  columns: readonly Float64Array[],
  directions: readonly Direction[],
  options: CriticOptions = {},
): CriticWeightsResult {
  const reverseCost = options.reverseCost ?? true;
  const absolute = options.correlation === "absolute";
  const m = columns.length;
  const n = m > 0 ? columns[0].length : 0;
  if (n < 3)
    throw new RongheError("insufficient_data", `CRITIC weights need at least 3 rows, got ${n}`, { n });

  const centred: Float64Array[] = [];
  const std = new Float64Array(m);
  const ss = new Float64Array(m);
  const constant: boolean[] = [];
  for (let j = 0; j < m; j++) {
    const norm = minmaxNormalise(columns[j], reverseCost ? directions[j] : "+");
    constant.push(norm.constant);
    const v = norm.values;
    let mean = 0;
    for (let i = 0; i < n; i++) mean += v[i];
    mean /= n;
    let s = 0;
    for (let i = 0; i < n; i++) {
      v[i] -= mean;
      s += v[i] * v[i];
    }
    if (norm.constant) s = 0;
    centred.push(v);
    ss[j] = s;
    std[j] = Math.sqrt(s / (n - 1));
  }

  const conflict = new Float64Array(m);
  for (let j = 0; j < m; j++) {
    for (let k = j + 1; k < m; k++) {
      let r = 0;
      if (ss[j] > 0 && ss[k] > 0) {
        const a = centred[j];
        const b = centred[k];
        let cross = 0;
        for (let i = 0; i < n; i++) cross += a[i] * b[i];
        r = cross / Math.sqrt(ss[j] * ss[k]);
        if (r > 1) r = 1;
        else if (r < -1) r = -1;
        if (absolute) r = Math.abs(r);
      }
      conflict[j] += 1 - r;
      conflict[k] += 1 - r;
    }
    // r_jj = 1 contributes 0 (a constant column's own term is irrelevant: its std is 0)
  }

  const information = new Float64Array(m);
  let total = 0;
  for (let j = 0; j < m; j++) {
    information[j] = std[j] * conflict[j];
    total += information[j];
  }
  if (!(total > 0)) {
    throw new RongheError("degenerate_weights", "CRITIC information is zero for every indicator", {});
  }
  const weights = new Float64Array(m);
  for (let j = 0; j < m; j++) weights[j] = information[j] / total;
  return { std, conflict, information, weights, constant };
}
