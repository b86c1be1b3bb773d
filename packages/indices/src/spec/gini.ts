// Spec adapter: method "gini" (analysis-spec.md §5).
import {
  type AnalysisOutcome,
  type AnalysisSpec,
  readBooleanParam,
  readColumnParam,
  readMissingParam,
  readTable,
} from "@ronghe/core";
import { gini } from "../gini.ts";
import { num, Warnings } from "./indicator-params.ts";

export function runGiniSpec(spec: AnalysisSpec): AnalysisOutcome {
  const column = readColumnParam(spec.params, "column");
  const population = readColumnParam(spec.params, "population", true);
  const correction = readBooleanParam(spec.params, "correction", false);
  const table = readTable(
    spec,
    { numeric: population ? [column, population] : [column] },
    readMissingParam(spec.params),
  );
  const warnings = new Warnings();
  warnings.dropped(table);
  const r = gini(table.numeric.get(column)!, {
    population: population ? table.numeric.get(population) : undefined,
    correction,
  });
  return {
    result: {
      n: table.ids.length,
      weighted: population !== undefined,
      correction,
      mean: num(r.mean),
      gini: num(r.gini),
    },
    warnings: warnings.list,
  };
}
