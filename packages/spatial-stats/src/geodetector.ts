// GeoDetector (Wang et al. 2010; CRAN package geodetector), spec §5 geodetector: factor detector (q, F, λ, p from
// the non-central F), interaction detector and risk detector (Welch t-tests between strata).
import { studentTwoSidedP } from "./beta.ts";
import { noncentralFUpper } from "./noncentral-f.ts";

export type InteractionType =
  | "independent"
  | "nonlinear_enhance"
  | "bivariate_enhance"
  | "univariate_weaken"
  | "nonlinear_weaken";

/** Strata of one factor: code per row (0…L−1, in order of first appearance) and the labels. */
export interface Strata {
  codes: Int32Array;
  labels: string[];
}

export function strataOf(labels: readonly string[]): Strata {
  const index = new Map<string, number>();
  const codes = new Int32Array(labels.length);
  const names: string[] = [];
  for (let i = 0; i < labels.length; i++) {
    let c = index.get(labels[i]);
    if (c === undefined) {
      c = names.length;
      index.set(labels[i], c);
      names.push(labels[i]);
    }
    codes[i] = c;
  }
  return { codes, labels: names };
}

/** Strata of two factors crossed (every observed combination is one stratum). */
export function crossStrata(a: Strata, b: Strata): Strata {
  const lb = b.labels.length;
  const index = new Map<number, number>();
  const codes = new Int32Array(a.codes.length);
  const labels: string[] = [];
  for (let i = 0; i < codes.length; i++) {
    const key = a.codes[i] * lb + b.codes[i];
    let c = index.get(key);
    if (c === undefined) {
      c = labels.length;
      index.set(key, c);
      labels.push(`${a.labels[a.codes[i]]}|${b.labels[b.codes[i]]}`);
    }
    codes[i] = c;
  }
  return { codes, labels };
}

export interface StratumStats {
  n: Float64Array;
  mean: Float64Array;
  /** Σ (y − ȳ_h)² within the stratum; exactly 0 when all its values are equal */
  ss: Float64Array;
}

export function stratumStats(y: Float64Array, s: Strata): StratumStats {
  const L = s.labels.length;
  const n = new Float64Array(L);
  const sum = new Float64Array(L);
  const min = new Float64Array(L).fill(Number.POSITIVE_INFINITY);
  const max = new Float64Array(L).fill(Number.NEGATIVE_INFINITY);
  for (let i = 0; i < y.length; i++) {
    const c = s.codes[i];
    n[c]++;
    sum[c] += y[i];
    if (y[i] < min[c]) min[c] = y[i];
    if (y[i] > max[c]) max[c] = y[i];
  }
  const mean = new Float64Array(L);
  for (let h = 0; h < L; h++) mean[h] = sum[h] / n[h];
  // correction pass (as R's mean) and squared deviations
  const corr = new Float64Array(L);
  for (let i = 0; i < y.length; i++) corr[s.codes[i]] += y[i] - mean[s.codes[i]];
  for (let h = 0; h < L; h++) mean[h] = min[h] === max[h] ? min[h] : mean[h] + corr[h] / n[h];
  const ss = new Float64Array(L);
  for (let i = 0; i < y.length; i++) {
    const c = s.codes[i];
    if (min[c] !== max[c]) ss[c] += (y[i] - mean[c]) ** 2;
  }
  return { n, mean, ss };
}

/** q = 1 − SSW/SST. */
export function qStatistic(stats: StratumStats, sst: number): number {
  let ssw = 0;
  for (let h = 0; h < stats.ss.length; h++) ssw += stats.ss[h];
  return 1 - ssw / sst;
}

export interface FactorResult {
  strata: number;
  q: number;
  /** null when q = 1 */
  f: number | null;
  lambda: number;
  p: number;
}

/** Factor detector of one factor; `sampleVariance` is the (n − 1) variance of y, `sst` = Σ(y − ȳ)². */
export function factorDetector(
  y: Float64Array,
  s: Strata,
  sst: number,
  sampleVariance: number,
): FactorResult {
  const N = y.length;
  const L = s.labels.length;
  const stats = stratumStats(y, s);
  const q = qStatistic(stats, sst);
  let sumMean2 = 0;
  let sumRootNMean = 0;
  for (let h = 0; h < L; h++) {
    sumMean2 += stats.mean[h] * stats.mean[h];
    sumRootNMean += Math.sqrt(stats.n[h]) * stats.mean[h];
  }
  const lambda = (sumMean2 - (sumRootNMean * sumRootNMean) / N) / sampleVariance;
  if (q >= 1) return { strata: L, q: 1, f: null, lambda, p: 0 };
  const f = ((N - L) / (L - 1)) * (q / (1 - q));
  // λ ≥ 0 by Cauchy–Schwarz; rounding can leave −1e−16, which the distribution does not accept
  const p = noncentralFUpper(f, L - 1, N - L, Math.max(0, lambda));
  return { strata: L, q, f, lambda, p };
}

const EPS = 1e-10;

/** Interaction type, rules tested in the spec's order with ε = 1e−10. */
export function interactionType(qa: number, qb: number, qab: number): InteractionType {
  if (Math.abs(qab - (qa + qb)) <= EPS) return "independent";
  if (qab > qa + qb) return "nonlinear_enhance";
  if (qab > Math.max(qa, qb) + EPS) return "bivariate_enhance";
  if (qab >= Math.min(qa, qb) - EPS) return "univariate_weaken";
  return "nonlinear_weaken";
}

const NUMBER_TEXT = /^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/;

/** Compares two strings by Unicode code point (not UTF-16 unit, which differs above U+FFFF). */
export function compareCodePoints(a: string, b: string): number {
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    const ca = a.codePointAt(i) as number;
    const cb = b.codePointAt(j) as number;
    if (ca !== cb) return ca - cb;
    i += ca > 0xffff ? 2 : 1;
    j += cb > 0xffff ? 2 : 1;
  }
  return a.length - i - (b.length - j);
}

/** Stratum order of the risk detector: numeric when every label is a number, else by code point. */
export function riskOrder(labels: readonly string[]): number[] {
  const order = labels.map((_, h) => h);
  const numeric = labels.every((l) => NUMBER_TEXT.test(l));
  order.sort((a, b) => {
    if (numeric) {
      const d = Number(labels[a]) - Number(labels[b]);
      if (d !== 0) return d;
    }
    return compareCodePoints(labels[a], labels[b]);
  });
  return order;
}

export interface WelchResult {
  t: number | null;
  df: number | null;
  p: number | null;
}

/** Welch's unequal-variance t-test from sample sizes, means and sample variances (n − 1). */
export function welchTest(
  na: number,
  ma: number,
  va: number,
  nb: number,
  mb: number,
  vb: number,
): WelchResult {
  if (na < 2 || nb < 2 || (va === 0 && vb === 0)) return { t: null, df: null, p: null };
  const ua = va / na;
  const ub = vb / nb;
  const se2 = ua + ub;
  const t = (ma - mb) / Math.sqrt(se2);
  const df = (se2 * se2) / ((ua * ua) / (na - 1) + (ub * ub) / (nb - 1));
  const p = studentTwoSidedP(t, df);
  return { t, df, p: Number.isFinite(p) ? p : null };
}
