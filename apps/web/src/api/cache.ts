// Small per-session caches of lists that rarely change.
import { api } from "./client.ts";
import type { Indicator, Items } from "./types.ts";

let indicators: Promise<Indicator[]> | null = null;

export function loadIndicators(): Promise<Indicator[]> {
  if (!indicators) {
    indicators = api.get<Items<Indicator>>("/api/indicators").then((r) => r.items);
    indicators.catch(() => {
      indicators = null;
    });
  }
  return indicators;
}

export function clearCaches(): void {
  indicators = null;
}

/** Levels an indicator is defined for; [] when unknown (then it is offered everywhere). */
export function indicatorLevels(ind: Indicator): string[] {
  const l = ind.levels;
  if (Array.isArray(l)) return l;
  if (typeof l === "string") return l.split(/[;,，；\s]+/).filter((x) => /^[a-z]+$/.test(x));
  return [];
}
