// Spec adapter: method "topsis" (analysis-spec.md §5).
import { type AnalysisOutcome, type AnalysisSpec, competitionRanks, readEnumParam } from "@ronghe/core";
import { resolveWeights } from "../resolve-weights.ts";
import { topsis } from "../topsis.ts";
import { num, readIndicatorColumns, readIndicators, readWeighting } from "./indicator-params.ts";

export function runTopsisSpec(spec: AnalysisSpec): AnalysisOutcome {
  const set = readIndicators(spec.params);
  const weighting = readWeighting(spec.params, set);
  const normalization = readEnumParam(spec.params, "normalization", ["vector", "minmax"] as const, "vector");
  const { table, columns, warnings } = readIndicatorColumns(spec, set);
  const { weights } = resolveWeights(columns, set.directions, weighting);
  const r = topsis(columns, set.directions, weights, normalization);
  const ranks = competitionRanks(r.closeness);
  return {
    result: {
      n: table.ids.length,
      indicators: set.indicators.map((d, j) => ({
        column: d.column,
        direction: d.direction,
        weight: num(weights[j]),
        ideal: num(r.ideal[j]),
        anti_ideal: num(r.antiIdeal[j]),
      })),
      rows: table.ids.map((id, i) => ({
        id,
        d_plus: num(r.dPlus[i]),
        d_minus: num(r.dMinus[i]),
        closeness: num(r.closeness[i]),
        rank: ranks[i],
      })),
    },
    warnings: warnings.list,
  };
}
