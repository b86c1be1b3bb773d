// Classed Markov chain (Quah 1993; Rey's giddy), analysis-spec.md §5 markov: transitions of classes between
// period t and t + lag counted over every row, row-normalised probabilities and the steady state πP = π.

export interface MarkovResult {
  /** counts[from][to] */
  transitions: number[][];
  /** counts / row total; a class never left from stays all 0 */
  probabilities: number[][];
  /** row totals of the counts: observations starting in each class */
  initialCounts: number[];
  total: number;
  /** null when P has an all-zero row or the stationary distribution is not unique */
  steadyState: number[] | null;
}

/**
 * `classes[t][i]` is the class (1…k) of row i in period t.
 */
export function markovChain(classes: readonly ArrayLike<number>[], k: number, lag = 1): MarkovResult {
  const transitions = Array.from({ length: k }, () => new Array<number>(k).fill(0));
  let total = 0;
  for (let t = 0; t + lag < classes.length; t++) {
    const from = classes[t];
    const to = classes[t + lag];
    for (let i = 0; i < from.length; i++) {
      transitions[from[i] - 1][to[i] - 1]++;
      total++;
    }
  }
  const initialCounts = transitions.map((row) => row.reduce((a, b) => a + b, 0));
  const probabilities = transitions.map((row, r) =>
    row.map((c) => (initialCounts[r] > 0 ? c / initialCounts[r] : 0)),
  );
  const steadyState = initialCounts.some((c) => c === 0) ? null : stationaryDistribution(probabilities);
  return { transitions, probabilities, initialCounts, total, steadyState };
}

/**
 * Solves πP = π, Σπ = 1 by Gaussian elimination (partial pivoting) on [(Pᵀ − I); 1ᵀ] π = [0; 1].
 * Returns null unless that (k + 1) × k system has rank k (a unique stationary distribution).
 */
export function stationaryDistribution(p: readonly (readonly number[])[]): number[] | null {
  const k = p.length;
  const rows = k + 1;
  const a: number[][] = [];
  for (let r = 0; r < k; r++) {
    const row = new Array<number>(k + 1).fill(0);
    for (let c = 0; c < k; c++) row[c] = p[c][r] - (r === c ? 1 : 0);
    a.push(row);
  }
  a.push([...new Array<number>(k).fill(1), 1]);
  const eps = 1e-10;
  for (let col = 0; col < k; col++) {
    let pivot = col;
    for (let r = col + 1; r < rows; r++) if (Math.abs(a[r][col]) > Math.abs(a[pivot][col])) pivot = r;
    if (Math.abs(a[pivot][col]) < eps) return null;
    [a[col], a[pivot]] = [a[pivot], a[col]];
    for (let r = 0; r < rows; r++) {
      if (r === col) continue;
      const f = a[r][col] / a[col][col];
      if (f === 0) continue;
      for (let c = col; c <= k; c++) a[r][c] -= f * a[col][c];
    }
  }
  // the leftover equation must be consistent (0 = 0)
  if (Math.abs(a[k][k]) > 1e-8) return null;
  const pi = new Array<number>(k);
  for (let r = 0; r < k; r++) {
    const v = a[r][k] / a[r][r];
    pi[r] = Math.abs(v) < 1e-15 ? 0 : v;
  }
  return pi;
}
