// Ordering keys that mostly arrive sorted. Bulk inputs come in a few ascending runs (the code list of China: one
// per level), which pairwise merging puts in order in a few linear passes, far cheaper than sorting 665k numbers;
// input in many runs is sorted by comparison instead.

/** beyond this many ascending runs the keys are sorted by comparison */
const MAX_MERGED_RUNS = 32;

/**
 * The positions of `key` in ascending key order (equal keys by position), or null when the keys already ascend.
 */
export function ascendingOrder(key: Float64Array): Uint32Array | null {
  const n = key.length;
  const runs = [0];
  for (let i = 1; i < n; i++) if (key[i] < key[i - 1]) runs.push(i);
  if (runs.length === 1) return null;
  const order = new Uint32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  if (runs.length > MAX_MERGED_RUNS) return order.sort((a, b) => key[a] - key[b] || a - b);
  return mergeRuns(order, key, runs);
}

/** Merges the ascending runs (starting at `runs`) of `order` by `key`, pairwise until one is left. */
function mergeRuns(order: Uint32Array, key: Float64Array, runs: number[]): Uint32Array {
  const n = order.length;
  let from: Uint32Array = order;
  let to: Uint32Array = new Uint32Array(n);
  let bounds = [...runs, n];
  while (bounds.length > 2) {
    const next = [0];
    for (let r = 0; r + 1 < bounds.length; r += 2) {
      const lo = bounds[r];
      const mid = bounds[r + 1];
      const hi = r + 2 < bounds.length ? bounds[r + 2] : mid;
      let a = lo;
      let b = mid;
      let out = lo;
      // ties take the earlier run's entry first: equal keys stay in position order
      while (a < mid && b < hi) to[out++] = key[from[b]] < key[from[a]] ? from[b++] : from[a++];
      while (a < mid) to[out++] = from[a++];
      while (b < hi) to[out++] = from[b++];
      next.push(hi);
    }
    [from, to] = [to, from];
    bounds = next;
  }
  return from;
}
