// Years a report can be asked for in a region: those of the shipped schemes whose region holds it (the
// server picks the region's default scheme). Schemes give years as {from, to}, "2010-2020" or a list.
import type { Scheme } from "../api/types.ts";
import { regionContains } from "./monitor-status.ts";

export function schemeYears(years: Scheme["years"]): number[] {
  if (Array.isArray(years)) return years.filter((y) => Number.isInteger(y));
  let from: number | null = null;
  let to: number | null = null;
  if (typeof years === "string") {
    const m = /^\s*(\d{4})\s*(?:[-–—]\s*(\d{4}))?\s*$/.exec(years);
    if (m) {
      from = Number(m[1]);
      to = m[2] ? Number(m[2]) : from;
    }
  } else if (years && typeof years === "object") {
    from = Number.isInteger(years.from) ? years.from : null;
    to = Number.isInteger(years.to) ? years.to : null;
  }
  if (from === null || to === null || to < from || to - from > 200) return [];
  const out: number[] = [];
  for (let y = from; y <= to; y++) out.push(y);
  return out;
}

export function reportYears(schemes: readonly Scheme[], regionCode: string): number[] {
  const set = new Set<number>();
  for (const s of schemes)
    if (s.regionCode && regionContains(s.regionCode, regionCode))
      for (const y of schemeYears(s.years)) set.add(y);
  return [...set].sort((a, b) => a - b);
}
