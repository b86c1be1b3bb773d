// Robust location and scale for outlier tests: median, MAD, and the modified z-score of Iglewicz & Hoaglin
// (1993): M = 0.6745 (x − median) / MAD. When MAD = 0 (over half the values equal) the mean absolute
// deviation is used instead: M = (x − median) / (1.253314 · MeanAD), as in IBM's robust-z convention.
export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const s = [...values].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 === 1 ? s[m] : (s[m - 1] + s[m]) / 2;
}

export interface RobustScale {
  median: number;
  mad: number;
  /** mean absolute deviation from the median (fallback scale) */
  meanAd: number;
  n: number;
}

export function robustScale(values: readonly number[]): RobustScale | null {
  const med = median(values);
  if (med === null) return null;
  const dev = values.map((v) => Math.abs(v - med));
  const mad = median(dev) as number;
  const meanAd = dev.reduce((a, b) => a + b, 0) / dev.length;
  return { median: med, mad, meanAd, n: values.length };
}

/**
 * Modified z of x against a robust scale. When every reference value equals the median, x = median gives 0
 * and any other x gives ±Infinity (callers report that as null with a note, never as a number).
 */
export function robustZ(x: number, scale: RobustScale): number {
  const d = x - scale.median;
  if (scale.mad > 0) return (0.6745 * d) / scale.mad;
  if (scale.meanAd > 0) return d / (1.253314 * scale.meanAd);
  return d === 0 ? 0 : Math.sign(d) * Number.POSITIVE_INFINITY;
}
