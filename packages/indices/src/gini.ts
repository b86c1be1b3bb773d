// Gini coefficient (analysis-spec.md §5 gini): G = Σ_i Σ_j q_i q_j |y_i − y_j| / (2μ), q = p/Σp (1/n
// unweighted), μ = Σ q_i y_i (= laeken gini, PySAL Gini). Computed in O(n log n) over the sorted values:
// Σ_{i<j} q_i q_j (y_(j) − y_(i)) = Σ_j q_(j) (y_(j) Q_<j − S_<j) with running sums Q and S.
import { RongheError } from "@ronghe/core";

export interface GiniOptions {
  population?: ArrayLike<number>;
  /** × n/(n − 1); unweighted only */
  correction?: boolean;
}

export interface GiniResult {
  gini: number;
  mean: number;
}

/** Throws `insufficient_data` (n < 2), `negative_values`, `non_positive_population`, `degenerate` (μ = 0). */
export function gini(y: ArrayLike<number>, options: GiniOptions = {}): GiniResult {
  const n = y.length;
  const p = options.population;
  if (n < 2) throw new RongheError("insufficient_data", `Gini needs at least 2 rows, got ${n}`, { n });
  if (p && options.correction) {
    throw new RongheError(
      "invalid_spec",
      "the small-sample correction applies to the unweighted Gini only",
      {},
    );
  }
  let pTotal = 0;
  for (let i = 0; i < n; i++) {
    if (y[i] < 0)
      throw new RongheError("negative_values", `Gini needs values ≥ 0 (row ${i + 1}: ${y[i]})`, { row: i });
    if (p && !(p[i] > 0)) {
      throw new RongheError("non_positive_population", `population must be > 0 (row ${i + 1}: ${p[i]})`, {
        row: i,
      });
    }
    pTotal += p ? p[i] : 1;
  }
  const order = Int32Array.from({ length: n }, (_, i) => i).sort((a, b) => y[a] - y[b]);
  let mean = 0;
  let cumQ = 0;
  let cumQY = 0;
  let pairSum = 0; // Σ_{i<j} q_i q_j |y_i − y_j|
  for (let k = 0; k < n; k++) {
    const i = order[k];
    const q = (p ? p[i] : 1) / pTotal;
    pairSum += q * (y[i] * cumQ - cumQY);
    cumQ += q;
    cumQY += q * y[i];
    mean += q * y[i];
  }
  if (!(mean > 0)) throw new RongheError("degenerate", "Gini is undefined: the mean is 0", {});
  let g = pairSum / mean; // (2 · pairSum) / (2μ)
  if (options.correction) g *= n / (n - 1);
  return { gini: g, mean };
}
