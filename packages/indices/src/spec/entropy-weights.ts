// Spec adapter: method "entropy-weights" (analysis-spec.md §5).
import type { AnalysisOutcome, AnalysisSpec } from "@ronghe/core";
import { entropyWeights } from "../entropy-weights.ts";
import { num, readEntropyOptions, readIndicatorColumns, readIndicators } from "./indicator-params.ts";

export function runEntropyWeightsSpec(spec: AnalysisSpec): AnalysisOutcome {
  const set = readIndicators(spec.params);
  const options = readEntropyOptions(spec.params);
  const { table, columns, warnings } = readIndicatorColumns(spec, set);
  const r = entropyWeights(columns, set.directions, options);
  return {
    result: {
      n: table.ids.length,
      indicators: set.indicators.map((d, j) => ({
        column: d.column,
        direction: d.direction,
        entropy: num(r.entropy[j]),
        divergence: num(r.divergence[j]),
        weight: num(r.weights[j]),
      })),
    },
    warnings: warnings.list,
  };
}
