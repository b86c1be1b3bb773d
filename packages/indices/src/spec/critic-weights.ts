// Spec adapter: method "critic-weights" (analysis-spec.md §5).
import type { AnalysisOutcome, AnalysisSpec } from "@ronghe/core";
import { criticWeights } from "../critic-weights.ts";
import { num, readCriticOptions, readIndicatorColumns, readIndicators } from "./indicator-params.ts";

export function runCriticWeightsSpec(spec: AnalysisSpec): AnalysisOutcome {
  const set = readIndicators(spec.params);
  const options = readCriticOptions(spec.params);
  const { table, columns, warnings } = readIndicatorColumns(spec, set);
  const r = criticWeights(columns, set.directions, options);
  return {
    result: {
      n: table.ids.length,
      indicators: set.indicators.map((d, j) => ({
        column: d.column,
        direction: d.direction,
        std: num(r.std[j]),
        conflict: num(r.conflict[j]),
        information: num(r.information[j]),
        weight: num(r.weights[j]),
      })),
    },
    warnings: warnings.list,
  };
}
