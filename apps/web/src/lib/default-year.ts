// The year a map opens on: the latest year in which at least half as many regions have a value as in the
// best-covered year, so that one new value entered for next year does not leave the map nearly empty.
export function defaultYear(counts: ReadonlyMap<number, number>): number | null {
  let max = 0;
  for (const c of counts.values()) if (c > max) max = c;
  if (max === 0) return null;
  let best: number | null = null;
  for (const [year, c] of counts) if (c * 2 >= max && (best === null || year > best)) best = year;
  return best;
}
