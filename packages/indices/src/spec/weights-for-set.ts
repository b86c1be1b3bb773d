// Weights of an indicator set, over all indicators or separately inside each group (summing to 1 per group).

import { resolveWeights, type WeightingOptions } from "../resolve-weights.ts";
import type { Columns } from "../types.ts";
import type { IndicatorSet } from "./indicator-params.ts";

export function weightsForSet(
  set: IndicatorSet,
  columns: Columns,
  weighting: WeightingOptions,
  withinGroup: boolean,
): Float64Array {
  if (!withinGroup) return resolveWeights(columns, set.directions, weighting).weights;
  const weights = new Float64Array(set.columns.length);
  for (let g = 0; g < set.groups.length; g++) {
    const members = set.groupOf.flatMap((gg, j) => (gg === g ? [j] : []));
    const sub = resolveWeights(
      members.map((j) => columns[j]),
      members.map((j) => set.directions[j]),
      { ...weighting, given: weighting.given ? members.map((j) => weighting.given![j]) : undefined },
    );
    members.forEach((j, k) => {
      weights[j] = sub.weights[k];
    });
  }
  return weights;
}
