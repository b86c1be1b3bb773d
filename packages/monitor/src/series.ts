// Observation series hygiene: sort by year, drop unusable values, refuse ambiguous duplicates. Nothing is
// interpolated: gaps stay gaps and are reported as missing years.
import { RongheError } from "@ronghe/core";
import type { Observation, Series } from "./types.ts";

export interface CleanObservation extends Observation {
  value: number;
}

/** Observations with a finite value and year ≤ `maxYear`, sorted by year. Two values for one year throw. */
export function cleanSeries(series: Series | null | undefined, maxYear: number): CleanObservation[] {
  if (!series) return [];
  const out: CleanObservation[] = [];
  const seen = new Map<number, number>();
  for (const o of series) {
    if (!Number.isInteger(o.year)) {
      throw new RongheError("invalid_input", `observation year ${String(o.year)} is not an integer`, {
        year: o.year,
      });
    }
    if (o.value === null || o.value === undefined || !Number.isFinite(o.value) || o.year > maxYear) continue;
    const prior = seen.get(o.year);
    if (prior !== undefined) {
      if (prior === o.value) continue;
      throw new RongheError(
        "conflicting_duplicate",
        `two values for ${o.year} (${prior} and ${o.value}); pass one revision per year`,
        { year: o.year, values: [prior, o.value] },
      );
    }
    seen.set(o.year, o.value);
    out.push(o as CleanObservation);
  }
  out.sort((a, b) => a.year - b.year);
  return out;
}

/** Years from `from` to `to` (inclusive) with no observation in `obs`. */
export function missingYearsBetween(obs: readonly { year: number }[], from: number, to: number): number[] {
  const have = new Set(obs.map((o) => o.year));
  const missing: number[] = [];
  for (let y = from; y <= to; y++) if (!have.has(y)) missing.push(y);
  return missing;
}
