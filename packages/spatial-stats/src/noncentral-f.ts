// Upper tail of the non-central F distribution, P(F'(df1, df2, λ) > f), for GeoDetector's factor p-value.
//
// F' = (X1/df1)/(X2/df2) with X1 ~ χ'²(df1, λ) is a Poisson(λ/2) mixture of central Beta variables:
//   P(F' ≤ f) = Σ_j Pois(j; λ/2) · I_x(df1/2 + j, df2/2),   x = df1·f / (df1·f + df2).
//
// Two evaluations of that series live here:
// - `noncentralFUpper` is what the spec's p means: R's pf(f, df1, df2, ncp = λ, lower.tail = FALSE), which the
//   CRAN geodetector package calls and which the reference values come from. R (pnbeta.c, AS 226 with
//   Frick's R84 changes) sums the lower tail from j0 = ⌊c − 7√c⌋ upwards until its error bound falls below
//   1e−9 and returns 1 − sum, so it can exceed the exact tail by up to ~1e−9. We follow it step by step.
// - `noncentralFUpperExact` sums the upper tails outward from the Poisson mode to ~1e−17 relative; tests use
//   it to check that the R-compatible value stays within R's own error bound.
import { incompleteBeta, logBeta, logGamma } from "./beta.ts";

const R_ERRMAX = 1e-9;
const R_ITRMAX = 10_000;

export function noncentralFUpper(f: number, df1: number, df2: number, lambda: number): number {
  if (!(df1 > 0) || !(df2 > 0) || !(lambda >= 0) || !Number.isFinite(lambda) || Number.isNaN(f))
    return Number.NaN;
  if (f <= 0) return 1;
  if (!Number.isFinite(f)) return 0;
  const yy = (df1 / df2) * f;
  const x = yy / (1 + yy);
  const ox = 1 / (1 + yy);
  const a = df1 / 2;
  const b = df2 / 2;
  const c = lambda / 2;
  const x0 = Math.floor(Math.max(c - 7 * Math.sqrt(c), 0));
  const a0 = a + x0;
  let temp = incompleteBeta(x, a0, b, ox).lower;
  let gx = Math.exp(
    a0 * Math.log(x) + b * (x < 0.5 ? Math.log1p(-x) : Math.log(ox)) - logBeta(a0, b) - Math.log(a0),
  );
  let q = a0 > a ? Math.exp(-c + x0 * Math.log(c) - logGamma(x0 + 1)) : Math.exp(-c);
  let sumq = 1 - q;
  let ans = q * temp;
  let j = x0;
  let errbd: number;
  do {
    j++;
    temp -= gx;
    gx *= (x * (a + b + j - 1)) / (a + j);
    q *= c / j;
    sumq -= q;
    ans += temp * q;
    errbd = (temp - gx) * sumq;
  } while (errbd > R_ERRMAX && j < R_ITRMAX + x0);
  return 1 - Math.min(ans, 1);
}

export function noncentralFUpperExact(f: number, df1: number, df2: number, lambda: number): number {
  if (!(df1 > 0) || !(df2 > 0) || !(lambda >= 0) || Number.isNaN(f)) return Number.NaN;
  if (f <= 0) return 1;
  if (!Number.isFinite(f)) return 0;
  const a = df1 / 2;
  const b = df2 / 2;
  const den = df1 * f + df2;
  const x = (df1 * f) / den;
  const y = df2 / den;
  const c = lambda / 2;
  const upperBeta = (j: number) => incompleteBeta(x, a + j, b, y).upper;
  if (c === 0) return upperBeta(0);

  const mode = Math.floor(c);
  const logW0 = -c + mode * Math.log(c) - logGamma(mode + 1);
  const w0 = Math.exp(logW0);
  let sum = w0 * upperBeta(mode);
  const eps = 1e-17;

  // upward: the Beta tails grow with j (≤ 1), so the rest is bounded by the Poisson tail mass.
  let w = w0;
  for (let j = mode + 1; j < mode + 1_000_000; j++) {
    w *= c / j;
    sum += w * upperBeta(j);
    const ratio = c / (j + 1);
    const restBound = (w * ratio) / (1 - ratio);
    if (restBound <= eps * sum) break;
  }
  // downward: weights and Beta tails both shrink, so stop when a term no longer counts.
  w = w0;
  for (let j = mode - 1; j >= 0; j--) {
    w *= (j + 1) / c;
    const term = w * upperBeta(j);
    sum += term;
    // remaining terms are each smaller than this one and decrease at least geometrically by j/c
    const ratio = j / c;
    if (term * (ratio < 1 ? 1 / (1 - ratio) : j + 1) <= eps * sum) break;
  }
  return Math.min(1, sum);
}
