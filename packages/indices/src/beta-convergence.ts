// Absolute β convergence (Barro & Sala-i-Martin 1992), analysis-spec.md §5 beta-convergence:
// OLS of g_i = ln(y_final/y_initial)/T on ln y_initial; two-sided t test of β with n − 2 df;
// speed = −ln(1 + βT)/T and half-life = ln 2 / speed when β < 0 and 1 + βT > 0.
import { RongheError } from "@ronghe/core";
import { studentTTwoSided } from "./distributions.ts";

export interface BetaConvergenceResult {
  alpha: number;
  beta: number;
  seBeta: number;
  /** null when the fit is exact (se = 0) */
  tBeta: number | null;
  pBeta: number | null;
  rSquared: number | null;
  speed: number | null;
  halfLife: number | null;
  converging: boolean;
}

/** Throws `insufficient_data` (n < 3), `non_positive_values`, `degenerate` (all initial values equal). */
export function betaConvergence(
  initial: ArrayLike<number>,
  final: ArrayLike<number>,
  years: number,
  significance = 0.05,
): BetaConvergenceResult {
  const n = initial.length;
  if (n < 3)
    throw new RongheError("insufficient_data", `β convergence needs at least 3 rows, got ${n}`, { n });
  const x = new Float64Array(n);
  const g = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    if (!(initial[i] > 0) || !(final[i] > 0)) {
      throw new RongheError("non_positive_values", `β convergence needs values > 0 (row ${i + 1})`, {
        row: i,
      });
    }
    x[i] = Math.log(initial[i]);
    g[i] = Math.log(final[i] / initial[i]) / years;
  }
  let mx = 0;
  let mg = 0;
  for (let i = 0; i < n; i++) {
    mx += x[i];
    mg += g[i];
  }
  mx /= n;
  mg /= n;
  let sxx = 0;
  let sxg = 0;
  let sgg = 0;
  for (let i = 0; i < n; i++) {
    const dx = x[i] - mx;
    const dg = g[i] - mg;
    sxx += dx * dx;
    sxg += dx * dg;
    sgg += dg * dg;
  }
  if (!(sxx > 0))
    throw new RongheError("degenerate", "every initial value is the same: the slope is undefined", {});
  const beta = sxg / sxx;
  const alpha = mg - beta * mx;
  let rss = 0;
  for (let i = 0; i < n; i++) rss += (g[i] - alpha - beta * x[i]) ** 2;
  const seBeta = Math.sqrt(rss / (n - 2) / sxx);
  let tBeta: number | null = null;
  let pBeta: number | null = null;
  if (seBeta > 0) {
    tBeta = beta / seBeta;
    pBeta = studentTTwoSided(tBeta, n - 2);
  } else if (beta !== 0) pBeta = 0;
  const rSquared = sgg > 0 ? 1 - rss / sgg : null;
  let speed: number | null = null;
  let halfLife: number | null = null;
  if (beta < 0 && 1 + beta * years > 0) {
    speed = -Math.log(1 + beta * years) / years;
    halfLife = Math.LN2 / speed;
  }
  return {
    alpha,
    beta,
    seBeta,
    tBeta,
    pBeta,
    rSquared,
    speed,
    halfLife,
    converging: beta < 0 && pBeta !== null && pBeta <= significance,
  };
}
