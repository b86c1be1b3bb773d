// Spec adapter: method "urban-rural-theil" (analysis-spec.md §5).
import {
  type AnalysisOutcome,
  type AnalysisSpec,
  RongheError,
  readColumnParam,
  readMissingParam,
  readTable,
} from "@ronghe/core";
import { urbanRuralTheil } from "../urban-rural-theil.ts";
import { num, Warnings } from "./indicator-params.ts";

export function runUrbanRuralTheilSpec(spec: AnalysisSpec): AnalysisOutcome {
  const cols = {
    ui: readColumnParam(spec.params, "urban_income"),
    ri: readColumnParam(spec.params, "rural_income"),
    up: readColumnParam(spec.params, "urban_population"),
    rp: readColumnParam(spec.params, "rural_population"),
  };
  const table = readTable(
    spec,
    { numeric: [cols.ui, cols.ri, cols.up, cols.rp] },
    readMissingParam(spec.params),
  );
  const warnings = new Warnings();
  warnings.dropped(table);
  const [ui, ri, up, rp] = [cols.ui, cols.ri, cols.up, cols.rp].map((c) => table.numeric.get(c)!);
  const rows = table.ids.map((id, i) => {
    for (const [values, column] of [
      [ui, cols.ui],
      [ri, cols.ri],
    ] as const) {
      if (values[i] < 0) {
        throw new RongheError("negative_values", `income "${column}" is negative in row "${id}"`, {
          id,
          column,
          value: values[i],
        });
      }
    }
    for (const [values, column] of [
      [up, cols.up],
      [rp, cols.rp],
    ] as const) {
      if (!(values[i] > 0)) {
        throw new RongheError(
          "non_positive_population",
          `population "${column}" must be > 0 in row "${id}"`,
          {
            id,
            column,
            value: values[i],
          },
        );
      }
    }
    const r = urbanRuralTheil(ui[i], ri[i], up[i], rp[i]);
    return {
      id,
      theil: num(r.theil),
      income_ratio: num(r.incomeRatio),
      urban_income_share: num(r.urbanIncomeShare),
      urban_population_share: num(r.urbanPopulationShare),
    };
  });
  return { result: { n: table.ids.length, rows }, warnings: warnings.list };
}
