// Spec adapter: method "markov" (analysis-spec.md §5).
import {
  type AnalysisOutcome,
  type AnalysisSpec,
  RongheError,
  readColumnListParam,
  readEnumParam,
  readMissingParam,
  readNumberListParam,
  readNumberParam,
  readParam,
  readTable,
} from "@ronghe/core";
import { markovChain } from "../markov.ts";
import { classOf, quantileBreaks } from "../quantile-breaks.ts";
import { num, Warnings } from "./indicator-params.ts";

export function runMarkovSpec(spec: AnalysisSpec): AnalysisOutcome {
  const params = spec.params;
  const columns = readColumnListParam(params, "columns", 2);
  const classification = readEnumParam(
    params,
    "classification",
    ["quantile", "breaks", "given"] as const,
    "quantile",
  );
  const lag = readNumberParam(params, "lag", 1, { integer: true, min: 1 });
  if (lag >= columns.length) {
    throw new RongheError(
      "invalid_spec",
      `params.lag (${lag}) must be smaller than the number of periods (${columns.length})`,
      {},
    );
  }
  let k: number;
  let fixedBreaks: number[] | undefined;
  if (classification === "breaks") {
    fixedBreaks = readNumberListParam(params, "breaks");
    if (!fixedBreaks || fixedBreaks.length === 0) {
      throw new RongheError(
        "invalid_spec",
        'classification "breaks" needs params.breaks (increasing cut points)',
        {},
      );
    }
    for (let b = 1; b < fixedBreaks.length; b++) {
      if (!(fixedBreaks[b] > fixedBreaks[b - 1]))
        throw new RongheError("invalid_spec", "params.breaks must be strictly increasing", {});
    }
    k = fixedBreaks.length + 1;
    if (readParam(params, "k") !== undefined && readNumberParam(params, "k", k) !== k) {
      throw new RongheError("invalid_spec", `params.k must be ${k} (one more than the number of breaks)`, {});
    }
  } else k = readNumberParam(params, "k", 5, { integer: true, min: 2 });

  const table = readTable(spec, { numeric: columns }, readMissingParam(params));
  const warnings = new Warnings();
  warnings.dropped(table);
  const n = table.ids.length;
  const breaks: number[][] = [];
  const classes: Int32Array[] = columns.map((column) => {
    const y = table.numeric.get(column)!;
    const out = new Int32Array(n);
    if (classification === "given") {
      for (let i = 0; i < n; i++) {
        if (!Number.isInteger(y[i]) || y[i] < 1 || y[i] > k) {
          throw new RongheError(
            "invalid_spec",
            `row "${table.ids[i]}", column "${column}": class ${y[i]} is not an integer in 1…${k}`,
            {
              id: table.ids[i],
              column,
              value: y[i],
            },
          );
        }
        out[i] = y[i];
      }
      return out;
    }
    const cuts = fixedBreaks ?? quantileBreaks(y, k);
    if (!fixedBreaks) breaks.push(cuts);
    for (let i = 0; i < n; i++) out[i] = classOf(y[i], cuts);
    return out;
  });
  const r = markovChain(classes, k, lag);
  r.initialCounts.forEach((c, cls) => {
    if (c === 0) warnings.add(`empty_class:${cls + 1}`);
  });
  const result: Record<string, unknown> = {
    n,
    k,
    periods: columns.length,
    transitions_total: r.total,
  };
  if (classification === "quantile") result.breaks = breaks.map((b) => b.map((v) => num(v)));
  Object.assign(result, {
    transitions: r.transitions,
    probabilities: r.probabilities.map((row) => row.map((v) => num(v))),
    initial_counts: r.initialCounts,
    steady_state: r.steadyState ? r.steadyState.map((v) => num(v)) : null,
    rows: table.ids.map((id, i) => ({ id, classes: classes.map((c) => c[i]) })),
  });
  return { result, warnings: warnings.list };
}
