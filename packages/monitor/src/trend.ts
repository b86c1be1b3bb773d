// Trend lines for projections: ordinary least squares on (year, value) — linear — or on (year, ln value) —
// compound (log-linear), whose slope b gives the implied annual growth e^b − 1.
/** y = yMean + slope · (x − xMean): the centred form avoids cancellation with calendar years as x. */
export interface TrendFit {
  slope: number;
  xMean: number;
  yMean: number;
}

/** OLS fit of y on x; null when fewer than two distinct x. Years are centred to keep the sums well conditioned. */
export function fitLine(xs: readonly number[], ys: readonly number[]): TrendFit | null {
  const n = xs.length;
  if (n < 2 || ys.length !== n) return null;
  let mx = 0;
  let my = 0;
  for (let i = 0; i < n; i++) {
    mx += xs[i];
    my += ys[i];
  }
  mx /= n;
  my /= n;
  let sxx = 0;
  let sxy = 0;
  for (let i = 0; i < n; i++) {
    const dx = xs[i] - mx;
    sxx += dx * dx;
    sxy += dx * (ys[i] - my);
  }
  if (sxx === 0) return null;
  const slope = sxy / sxx;
  return { slope, xMean: mx, yMean: my };
}

export function linearTrend(years: readonly number[], values: readonly number[]): TrendFit | null {
  return fitLine(years, values);
}

/** Log-linear fit; null when any value is ≤ 0 (log undefined). */
export function compoundTrend(years: readonly number[], values: readonly number[]): TrendFit | null {
  if (values.some((v) => !(v > 0))) return null;
  return fitLine(
    years,
    values.map((v) => Math.log(v)),
  );
}

export function predictLinear(fit: TrendFit, year: number): number {
  return fit.yMean + fit.slope * (year - fit.xMean);
}

export function predictCompound(fit: TrendFit, year: number): number {
  return Math.exp(fit.yMean + fit.slope * (year - fit.xMean));
}
