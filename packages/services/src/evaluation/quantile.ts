// R type-7 quantile (numpy "linear", the default of both): h = 1 + (n − 1)p on the sorted values, linear
// interpolation between the neighbouring order statistics. Same rule as the markov method's class breaks.

/** Type-7 quantile of `values` (need not be sorted) at probability p ∈ [0, 1]; null for an empty input. */
export function quantileType7(values: ArrayLike<number>, p: number): number | null {
  const n = values.length;
  if (n === 0) return null;
  const sorted = Float64Array.from(values).sort();
  const h = 1 + (n - 1) * p;
  const lo = Math.floor(h);
  const a = sorted[lo - 1];
  if (lo >= n || h === lo) return a;
  const b = sorted[lo];
  const f = h - lo;
  return a === b ? a : (1 - f) * a + f * b;
}
