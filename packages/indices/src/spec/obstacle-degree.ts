// Spec adapter: method "obstacle-degree" (analysis-spec.md §5).
import { type AnalysisOutcome, type AnalysisSpec, readEnumParam, readNumberParam } from "@ronghe/core";
import { minmaxNormaliseAll } from "../minmax-normalise.ts";
import { obstacleDegree, topObstacles } from "../obstacle-degree.ts";
import { resolveWeights } from "../resolve-weights.ts";
import { num, readIndicatorColumns, readIndicators, readWeighting } from "./indicator-params.ts";

export function runObstacleDegreeSpec(spec: AnalysisSpec): AnalysisOutcome {
  const set = readIndicators(spec.params);
  const weighting = readWeighting(spec.params, set);
  const normalization = readEnumParam(spec.params, "normalization", ["minmax", "none"] as const, "minmax");
  const topN = readNumberParam(spec.params, "top_n", 3, { integer: true, min: 0 });
  const { table, columns, warnings } = readIndicatorColumns(spec, set);
  const { weights } = resolveWeights(columns, set.directions, weighting);
  const normalised =
    normalization === "minmax" ? minmaxNormaliseAll(columns, set.directions).values : columns;
  const o = obstacleDegree(normalised, weights);
  const n = table.ids.length;
  const m = set.columns.length;
  const grouped = set.groups.length > 0;
  const rowValues = new Float64Array(m);
  const rows = table.ids.map((id, i) => {
    for (let j = 0; j < m; j++) rowValues[j] = o[j][i];
    const row: Record<string, unknown> = {
      id,
      obstacles: Object.fromEntries(set.columns.map((c, j) => [c, num(rowValues[j])])),
    };
    if (grouped) {
      const sums = new Float64Array(set.groups.length);
      for (let j = 0; j < m; j++) sums[set.groupOf[j]] += rowValues[j];
      row.group_obstacles = Object.fromEntries(set.groups.map((g, k) => [g, num(sums[k])]));
    }
    row.top = topObstacles(rowValues, topN).map((j) => set.columns[j]);
    return row;
  });
  const mean = set.columns.map((_, j) => {
    let s = 0;
    for (let i = 0; i < n; i++) s += o[j][i];
    return s / n;
  });
  return {
    result: {
      n,
      indicators: set.indicators.map((d, j) => ({
        column: d.column,
        direction: d.direction,
        ...(grouped ? { group: d.group } : {}),
        weight: num(weights[j]),
      })),
      rows,
      mean_obstacles: Object.fromEntries(set.columns.map((c, j) => [c, num(mean[j])])),
    },
    warnings: warnings.list,
  };
}
