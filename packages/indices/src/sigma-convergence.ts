// σ convergence (Barro & Sala-i-Martin 1992), analysis-spec.md §5 sigma-convergence: the dispersion of each
// period, sd = sqrt(Σ(v − v̄)²/(n − ddof)) of v = ln y ("sd_log", default), of y ("sd") or sd(y)/mean(y) ("cv"),
// and the OLS slope of dispersion on time; converging when the slope is negative.
import { RongheError } from "@ronghe/core";

export type SigmaMeasure = "sd_log" | "cv" | "sd";

/** Dispersion of one period. Throws `non_positive_values` (sd_log on y ≤ 0) and `degenerate` (cv with mean 0). */
export function dispersion(y: ArrayLike<number>, measure: SigmaMeasure = "sd_log", ddof = 0): number {
  const n = y.length;
  if (n - ddof < 1)
    throw new RongheError("insufficient_data", `dispersion needs more than ${ddof} rows`, { n });
  const v = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    if (measure === "sd_log") {
      if (!(y[i] > 0)) {
        throw new RongheError("non_positive_values", `ln y needs y > 0 (row ${i + 1}: ${y[i]})`, { row: i });
      }
      v[i] = Math.log(y[i]);
    } else v[i] = y[i];
  }
  let mean = 0;
  for (let i = 0; i < n; i++) mean += v[i];
  mean /= n;
  let ss = 0;
  for (let i = 0; i < n; i++) ss += (v[i] - mean) ** 2;
  const sd = Math.sqrt(ss / (n - ddof));
  if (measure !== "cv") return sd;
  if (mean === 0)
    throw new RongheError("degenerate", "the coefficient of variation is undefined: the mean is 0", {});
  return sd / mean;
}

/** OLS slope of y on x; null when every x is equal. */
export function olsSlope(x: ArrayLike<number>, y: ArrayLike<number>): number | null {
  const n = x.length;
  let mx = 0;
  let my = 0;
  for (let i = 0; i < n; i++) {
    mx += x[i];
    my += y[i];
  }
  mx /= n;
  my /= n;
  let sxy = 0;
  let sxx = 0;
  for (let i = 0; i < n; i++) {
    sxy += (x[i] - mx) * (y[i] - my);
    sxx += (x[i] - mx) ** 2;
  }
  return sxx > 0 ? sxy / sxx : null;
}

export interface SigmaConvergenceResult {
  sigma: number[];
  slope: number;
  converging: boolean;
}

export function sigmaConvergence(
  periods: readonly ArrayLike<number>[],
  times: ArrayLike<number>,
  measure: SigmaMeasure = "sd_log",
  ddof = 0,
): SigmaConvergenceResult {
  const sigma = periods.map((y) => dispersion(y, measure, ddof));
  const slope = olsSlope(times, sigma);
  if (slope === null) throw new RongheError("invalid_spec", "times must not all be equal", {});
  return { sigma, slope, converging: slope < 0 };
}
