// Quantile class breaks for choropleths. Breaks are the interior thresholds (k classes → up to k − 1 breaks);
// a value v falls in class i when breaks[i-1] <= v < breaks[i] (the last class is closed above).
// Quantiles use linear interpolation between order statistics (R type 7, numpy default), and equal breaks
// are merged so that no class is empty by construction.

/** Finite values only, sorted ascending. */
function sortedFinite(values: Iterable<number | null | undefined>): number[] {
  const out: number[] = [];
  for (const v of values) if (typeof v === "number" && Number.isFinite(v)) out.push(v);
  return out.sort((a, b) => a - b);
}

/** Type-7 quantile of an ascending array (p in [0, 1]). */
export function quantileSorted(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) throw new RangeError("quantile of an empty array");
  const h = (sorted.length - 1) * p;
  const lo = Math.floor(h);
  const hi = Math.ceil(h);
  return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
}

export interface ClassBreaks {
  /** smallest and largest finite value; null when there is none */
  min: number | null;
  max: number | null;
  /** ascending interior thresholds, unique */
  breaks: number[];
  /** number of classes = breaks.length + 1 (0 when there are no values) */
  classes: number;
}

export function quantileBreaks(values: Iterable<number | null | undefined>, k: number): ClassBreaks {
  if (!Number.isInteger(k) || k < 1) throw new RangeError(`k must be a positive integer, got ${k}`);
  const sorted = sortedFinite(values);
  if (sorted.length === 0) return { min: null, max: null, breaks: [], classes: 0 };
  const min = sorted[0];
  const max = sorted[sorted.length - 1];
  const breaks: number[] = [];
  for (let i = 1; i < k; i++) {
    const q = quantileSorted(sorted, i / k);
    // a break equal to the minimum would leave the first class empty; equal breaks would leave gaps
    if (q > min && (breaks.length === 0 || q > breaks[breaks.length - 1])) breaks.push(q);
  }
  return { min, max, breaks, classes: breaks.length + 1 };
}

/** Class index of a value, or -1 for a missing value. */
export function classify(value: number | null | undefined, breaks: readonly number[]): number {
  if (typeof value !== "number" || !Number.isFinite(value)) return -1;
  let i = 0;
  while (i < breaks.length && value >= breaks[i]) i++;
  return i;
}

/** Sequential palettes (ColorBrewer YlGnBu / OrRd), light to dark, by class count 1..7. */
const YLGNBU = ["#ffffcc", "#c7e9b4", "#7fcdbb", "#41b6c4", "#1d91c0", "#225ea8", "#0c2c84"];
const ORRD = ["#fef0d9", "#fdd49e", "#fdbb84", "#fc8d59", "#ef6548", "#d7301f", "#990000"];

/** `n` colours spread across a 7-step palette; "negative" indicators use the warm ramp. */
export function paletteFor(n: number, direction: "+" | "-" | string = "+"): string[] {
  const base = direction === "-" ? ORRD : YLGNBU;
  if (n <= 0) return [];
  if (n === 1) return [base[3]];
  const out: string[] = [];
  for (let i = 0; i < n; i++) out.push(base[Math.round((i * (base.length - 1)) / (n - 1))]);
  return out;
}

export const MISSING_COLOR = "#d9d9d9";
