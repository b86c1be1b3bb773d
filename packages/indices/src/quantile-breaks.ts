// Quantile cut points, R type 7 / numpy "linear" (analysis-spec.md §5 markov): sorted x₍₁₎ ≤ … ≤ x₍ₙ₎,
// h = 1 + (n − 1)·(c/k), lo = floor(h); b = x₍lo₎ when h = lo or x₍lo+1₎ = x₍lo₎, else (1 − f)x₍lo₎ + f x₍lo+1₎.

/** The k − 1 interior cut points Q(c/k), c = 1…k − 1, of the values. */
export function quantileBreaks(values: ArrayLike<number>, k: number): number[] {
  const sorted = Float64Array.from(values).sort();
  const n = sorted.length;
  const breaks: number[] = [];
  for (let c = 1; c < k; c++) {
    const h = 1 + (n - 1) * (c / k);
    const lo = Math.floor(h);
    const a = sorted[lo - 1];
    if (h === lo || lo >= n || sorted[lo] === a) {
      breaks.push(a);
      continue;
    }
    const f = h - lo;
    breaks.push((1 - f) * a + f * sorted[lo]);
  }
  return breaks;
}

/** Class 1…k of y: 1 + the number of cut points strictly below y (right-closed classes). */
export function classOf(y: number, breaks: ArrayLike<number>): number {
  let c = 1;
  for (let b = 0; b < breaks.length; b++) if (breaks[b] < y) c++;
  return c;
}
