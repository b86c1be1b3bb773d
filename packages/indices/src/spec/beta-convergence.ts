// Spec adapter: method "beta-convergence" (analysis-spec.md §5).
import {
  type AnalysisOutcome,
  type AnalysisSpec,
  readColumnParam,
  readMissingParam,
  readNumberParam,
  readTable,
  requireNumberParam,
} from "@ronghe/core";
import { betaConvergence } from "../beta-convergence.ts";
import { num, Warnings } from "./indicator-params.ts";

export function runBetaConvergenceSpec(spec: AnalysisSpec): AnalysisOutcome {
  const initial = readColumnParam(spec.params, "initial");
  const final = readColumnParam(spec.params, "final");
  const years = requireNumberParam(spec.params, "years", { above: 0 });
  const significance = readNumberParam(spec.params, "significance", 0.05, { above: 0, max: 1 });
  const table = readTable(spec, { numeric: [initial, final] }, readMissingParam(spec.params));
  const warnings = new Warnings();
  warnings.dropped(table);
  const r = betaConvergence(table.numeric.get(initial)!, table.numeric.get(final)!, years, significance);
  return {
    result: {
      n: table.ids.length,
      years,
      alpha: num(r.alpha),
      beta: num(r.beta),
      se_beta: num(r.seBeta),
      t_beta: num(r.tBeta),
      p_beta: num(r.pBeta),
      r_squared: num(r.rSquared),
      speed: num(r.speed),
      half_life: num(r.halfLife),
      converging: r.converging,
    },
    warnings: warnings.list,
  };
}
