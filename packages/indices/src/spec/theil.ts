// Spec adapter: method "theil" (analysis-spec.md §5).
import {
  type AnalysisOutcome,
  type AnalysisSpec,
  readColumnParam,
  readMissingParam,
  readTable,
} from "@ronghe/core";
import { theil } from "../theil.ts";
import { num, Warnings } from "./indicator-params.ts";

export function runTheilSpec(spec: AnalysisSpec): AnalysisOutcome {
  const column = readColumnParam(spec.params, "column");
  const population = readColumnParam(spec.params, "population", true);
  const group = readColumnParam(spec.params, "group", true);
  const table = readTable(
    spec,
    { numeric: population ? [column, population] : [column], labels: group ? [group] : [] },
    readMissingParam(spec.params),
  );
  const warnings = new Warnings();
  warnings.dropped(table);
  const y = table.numeric.get(column)!;
  const p = population ? table.numeric.get(population)! : undefined;
  const names: string[] = [];
  let groupOf: Int32Array | undefined;
  if (group) {
    const labels = table.labels.get(group)!;
    const index = new Map<string, number>();
    groupOf = Int32Array.from(labels, (label) => {
      let g = index.get(label);
      if (g === undefined) {
        g = names.push(label) - 1;
        index.set(label, g);
      }
      return g;
    });
  }
  const r = theil(y, p, groupOf);
  const result: Record<string, unknown> = { n: table.ids.length, weighted: p !== undefined, t: num(r.t) };
  if (r.groups) {
    result.between = num(r.between);
    result.within = num(r.within);
    result.between_share = r.t > 0 ? num(r.between! / r.t) : null;
    result.groups = r.groups.map((g, k) => ({
      group: names[k],
      n: g.n,
      value_share: num(g.valueShare),
      population_share: num(g.populationShare),
      t: num(g.t),
      within_contribution: num(g.withinContribution),
    }));
  }
  return { result, warnings: warnings.list };
}
