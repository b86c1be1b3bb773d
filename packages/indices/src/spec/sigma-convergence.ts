// Spec adapter: method "sigma-convergence" (analysis-spec.md §5).
import {
  type AnalysisOutcome,
  type AnalysisSpec,
  RongheError,
  readColumnListParam,
  readEnumParam,
  readMissingParam,
  readNumberListParam,
  readNumberParam,
  readTable,
} from "@ronghe/core";
import { sigmaConvergence } from "../sigma-convergence.ts";
import { num, Warnings } from "./indicator-params.ts";

export function runSigmaConvergenceSpec(spec: AnalysisSpec): AnalysisOutcome {
  const columns = readColumnListParam(spec.params, "columns", 2);
  const times = readNumberListParam(spec.params, "times") ?? columns.map((_, t) => t);
  if (times.length !== columns.length) {
    throw new RongheError(
      "invalid_spec",
      `params.times has ${times.length} entries for ${columns.length} columns`,
      {},
    );
  }
  if (times.every((t) => t === times[0]))
    throw new RongheError("invalid_spec", "params.times must not all be equal", {});
  const measure = readEnumParam(spec.params, "measure", ["sd_log", "cv", "sd"] as const, "sd_log");
  const ddof = readNumberParam(spec.params, "ddof", 0, { integer: true, min: 0, max: 1 });
  const table = readTable(spec, { numeric: columns }, readMissingParam(spec.params));
  const warnings = new Warnings();
  warnings.dropped(table);
  const n = table.ids.length;
  if (n - ddof < 1 || n < 2) {
    throw new RongheError("insufficient_data", `σ convergence needs at least 2 rows, got ${n}`, { n });
  }
  const r = sigmaConvergence(
    columns.map((c) => table.numeric.get(c)!),
    times,
    measure,
    ddof,
  );
  return {
    result: {
      n,
      measure,
      ddof,
      periods: columns.map((column, t) => ({ column, time: times[t], sigma: num(r.sigma[t]) })),
      slope: num(r.slope),
      converging: r.converging,
    },
    warnings: warnings.list,
  };
}
