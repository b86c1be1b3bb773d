// Weighted-sum composite index (analysis-spec.md §5 composite-index) on already normalised columns.
//   global:       score_i = Σ_j w_j x'_ij, group_scores[g] = Σ_{j∈g} w_j x'_ij (they add up to the score);
//   within_group: weights sum to 1 inside each group, U_g = Σ_{j∈g} w_j x'_ij is the subsystem index and
//                 score = Σ_g gw_g U_g with group weights summing to 1.
export interface CompositeIndexOptions {
  /** group index (0…G−1) of each indicator; omit for no groups */
  groupOf?: ArrayLike<number>;
  groupCount?: number;
  scope?: "global" | "within_group";
  /** within_group: weight of each group (re-normalised to 1); default equal */
  groupWeights?: ArrayLike<number>;
}

export interface CompositeIndexResult {
  score: Float64Array;
  /** one column per group (empty without groups) */
  groupScores: Float64Array[];
}

export function compositeIndex(
  normalised: readonly Float64Array[],
  weights: ArrayLike<number>,
  options: CompositeIndexOptions = {},
): CompositeIndexResult {
  const m = normalised.length;
  const n = m > 0 ? normalised[0].length : 0;
  const groupCount = options.groupOf
    ? (options.groupCount ?? Math.max(-1, ...Array.from(options.groupOf)) + 1)
    : 0;
  const groupScores: Float64Array[] = [];
  for (let g = 0; g < groupCount; g++) groupScores.push(new Float64Array(n));
  const score = new Float64Array(n);

  if (groupCount === 0) {
    for (let j = 0; j < m; j++) {
      const x = normalised[j];
      const w = weights[j];
      for (let i = 0; i < n; i++) score[i] += w * x[i];
    }
    return { score, groupScores };
  }
  const groupOf = options.groupOf!;
  for (let j = 0; j < m; j++) {
    const x = normalised[j];
    const w = weights[j];
    const target = groupScores[groupOf[j]];
    for (let i = 0; i < n; i++) target[i] += w * x[i];
  }
  if (options.scope === "within_group") {
    const gw = new Float64Array(groupCount);
    let total = 0;
    for (let g = 0; g < groupCount; g++) {
      gw[g] = options.groupWeights ? options.groupWeights[g] : 1;
      total += gw[g];
    }
    for (let g = 0; g < groupCount; g++) {
      const u = groupScores[g];
      const w = gw[g] / total;
      for (let i = 0; i < n; i++) score[i] += w * u[i];
    }
  } else {
    for (let g = 0; g < groupCount; g++) {
      const u = groupScores[g];
      for (let i = 0; i < n; i++) score[i] += u[i];
    }
  }
  return { score, groupScores };
}
