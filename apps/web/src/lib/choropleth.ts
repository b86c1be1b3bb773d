// Turns region values into fill colours and legend entries: quantile classes for continuous values,
// a fixed red→green ramp for coupling-coordination levels (失调 … 协调).
import { classify, MISSING_COLOR, paletteFor, quantileBreaks } from "./class-breaks.ts";
import { formatNumber, type Lang } from "./format.ts";

export interface Choropleth {
  fills: Record<string, string>;
  entries: { color: string; label: string }[];
  breaks: number[];
}

export function quantileChoropleth(
  values: Record<string, number | null | undefined>,
  opts: { k?: number; direction?: string; lang: Lang; missingLabel: string; digits?: number },
): Choropleth {
  const cb = quantileBreaks(Object.values(values), opts.k ?? 5);
  const colors = paletteFor(cb.classes, opts.direction);
  const fills: Record<string, string> = {};
  let missing = false;
  for (const [code, v] of Object.entries(values)) {
    const c = classify(v, cb.breaks);
    if (c < 0) missing = true;
    else fills[code] = colors[c];
  }
  const fmt = (x: number | null) =>
    formatNumber(x, opts.lang, opts.digits === undefined ? {} : { digits: opts.digits });
  const entries: { color: string; label: string }[] = [];
  for (let i = 0; i < cb.classes; i++) {
    const lo = i === 0 ? cb.min : cb.breaks[i - 1];
    const hi = i === cb.classes - 1 ? cb.max : cb.breaks[i];
    entries.push({ color: colors[i], label: lo === hi ? fmt(lo) : `${fmt(lo)} – ${fmt(hi)}` });
  }
  if (missing) entries.push({ color: MISSING_COLOR, label: opts.missingLabel });
  return { fills, entries, breaks: cb.breaks };
}

/** RdYlGn, 10 steps: level 1 (极度失调) red … level 10 (优质协调) green. */
const LEVEL_COLORS = [
  "#a50026",
  "#d73027",
  "#f46d43",
  "#fdae61",
  "#fee08b",
  "#d9ef8b",
  "#a6d96a",
  "#66bd63",
  "#1a9850",
  "#006837",
];

export function levelColor(level: number, maxLevel = 10): string {
  const i = Math.round(
    ((Math.min(Math.max(level, 1), maxLevel) - 1) * (LEVEL_COLORS.length - 1)) / Math.max(maxLevel - 1, 1),
  );
  return LEVEL_COLORS[i];
}

/** Categorical map of coordination levels; entries list only the levels present, ordered. */
export function levelChoropleth(
  rows: { code: string; level: number | null | undefined; levelName?: string | null }[],
  missingLabel: string,
  maxLevel = 10,
): Choropleth {
  const fills: Record<string, string> = {};
  const names = new Map<number, string>();
  let missing = false;
  for (const r of rows) {
    if (typeof r.level !== "number" || !Number.isFinite(r.level)) {
      missing = true;
      continue;
    }
    fills[r.code] = levelColor(r.level, maxLevel);
    if (!names.has(r.level)) names.set(r.level, r.levelName || String(r.level));
  }
  const entries = [...names.entries()]
    .sort((a, b) => a[0] - b[0])
    .map(([lvl, name]) => ({ color: levelColor(lvl, maxLevel), label: `${lvl} · ${name}` }));
  if (missing) entries.push({ color: MISSING_COLOR, label: missingLabel });
  return { fills, entries, breaks: [] };
}
