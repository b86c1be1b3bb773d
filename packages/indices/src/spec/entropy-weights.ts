// Spec adapter: method "entropy-weights" (analysis-spec.md §5).
import type { AnalysisOutcome, AnalysisSpec } from "@ronghe/core";
import { entropyWeights } from "../entropy-weights.ts";
import {
  constantColumns,
  num,
  readEntropyOptions,
  readIndicators,
  readIndicatorTable,
  Warnings,
} from "./indicator-params.ts";

export function runEntropyWeightsSpec(spec: AnalysisSpec): AnalysisOutcome {
  const set = readIndicators(spec.params);
  const options = readEntropyOptions(spec.params);
  const table = readIndicatorTable(spec, set.columns);
  const columns = set.columns.map((c) => table.numeric.get(c)!);
  const warnings = new Warnings();
  warnings.dropped(table);
  warnings.constantColumns(set.columns, constantColumns(columns));
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
