// Target statuses as the monitoring board draws them: one colour per status from the Okabe–Ito palette (told
// apart with the common colour-vision deficiencies) plus a symbol, so that no status rests on colour alone.
// Also the board's filters, the cell lookup and the chart series of one target × region.
import type { PlanTargetSummary, TargetResult, TargetStatus, UsedObservation } from "../api/types.ts";
import type { MessageKey } from "../i18n/messages.ts";
import { formatNumber } from "./format.ts";

export const STATUS_ORDER: readonly TargetStatus[] = [
  "achieved",
  "on_track",
  "at_risk",
  "off_track",
  "no_data",
  "not_assessable",
];

export interface StatusStyle {
  /** cell background */
  color: string;
  /** text on the background (contrast ≥ 4.5:1) */
  text: string;
  /** shown in every cell and in the legend */
  symbol: string;
  /** message key of the label (Chinese: 已完成, 进度正常, 存在风险, 进度滞后, 无数据, 无法评估) */
  key: MessageKey;
}

export const STATUS_STYLES: Record<TargetStatus, StatusStyle> = {
  achieved: { color: "#009E73", text: "#000000", symbol: "✓", key: "monitor.status.achieved" },
  on_track: { color: "#56B4E9", text: "#000000", symbol: "→", key: "monitor.status.on_track" },
  at_risk: { color: "#E69F00", text: "#000000", symbol: "!", key: "monitor.status.at_risk" },
  off_track: { color: "#D55E00", text: "#000000", symbol: "✗", key: "monitor.status.off_track" },
  no_data: { color: "#E0E0E0", text: "#333333", symbol: "∅", key: "monitor.status.no_data" },
  not_assessable: {
    color: "#CC79A7",
    text: "#000000",
    symbol: "?",
    key: "monitor.status.not_assessable",
  },
};

/** Style of a status; an unknown status (a newer server) is drawn like "not assessable" rather than lost. */
export function statusStyle(status: string): StatusStyle {
  return (STATUS_STYLES as Record<string, StatusStyle>)[status] ?? STATUS_STYLES.not_assessable;
}

export function kindKey(kind: string): MessageKey {
  return kind === "binding" ? "monitor.kind.binding" : "monitor.kind.expected";
}

const FORM_KEYS: Record<string, MessageKey> = {
  level_at_least: "monitor.form.level_at_least",
  level_at_most: "monitor.form.level_at_most",
  avg_annual_growth_at_least: "monitor.form.avg_annual_growth_at_least",
  cumulative_at_least: "monitor.form.cumulative_at_least",
  ratio_at_most: "monitor.form.ratio_at_most",
  share_at_least: "monitor.form.share_at_least",
};

/** Message key of a target form's wording ("年均增长 ≥ {value}", …); the value is filled in by the caller. */
export function formKey(form: string): MessageKey {
  return FORM_KEYS[form] ?? "monitor.form.level_at_least";
}

/** Growth targets state a rate in % per year; every other form states a value in the indicator's unit. */
export function isGrowthForm(form: string): boolean {
  return form === "avg_annual_growth_at_least";
}

export interface TargetFilter {
  /** "" = all */
  department: string;
  /** "" = all, else binding | expected */
  kind: string;
}

export function filterTargets<T extends Pick<PlanTargetSummary, "department" | "kind">>(
  targets: readonly T[],
  filter: TargetFilter,
): T[] {
  return targets.filter(
    (t) =>
      (filter.department === "" || t.department === filter.department) &&
      (filter.kind === "" || t.kind === filter.kind),
  );
}

/** Departments named by the plan's targets, in first-seen order. */
export function departmentsOf(targets: readonly Pick<PlanTargetSummary, "department">[]): string[] {
  const out: string[] = [];
  for (const t of targets) if (t.department && !out.includes(t.department)) out.push(t.department);
  return out;
}

export function cellKey(targetId: string, region: string): string {
  return `${targetId}\u0000${region}`;
}

export function indexResults(results: readonly TargetResult[]): Map<string, TargetResult> {
  const m = new Map<string, TargetResult>();
  for (const r of results) m.set(cellKey(r.targetId, r.region), r);
  return m;
}

/** Status counts over the results of the shown targets. */
export function countStatuses(
  results: readonly Pick<TargetResult, "status" | "targetId">[],
  targetIds?: ReadonlySet<string>,
): Record<TargetStatus, number> {
  const c = Object.fromEntries(STATUS_ORDER.map((s) => [s, 0])) as Record<TargetStatus, number>;
  for (const r of results) {
    if (targetIds && !targetIds.has(r.targetId)) continue;
    if (r.status in c) c[r.status] += 1;
  }
  return c;
}

/** Years a plan can be monitored at: the first year after the earliest baseline to the last target year. */
export function planYears(
  targets: readonly Pick<PlanTargetSummary, "baselineYear" | "targetYear">[],
): number[] {
  if (targets.length === 0) return [];
  const from = Math.min(...targets.map((t) => t.baselineYear)) + 1;
  const to = Math.max(...targets.map((t) => t.targetYear));
  const out: number[] = [];
  for (let y = from; y <= to; y++) out.push(y);
  return out;
}

/** Progress as a percentage (raw: may be below 0 or above 100); null stays null. */
export function progressPercent(progress: number | null | undefined): number | null {
  return typeof progress === "number" && Number.isFinite(progress) ? progress * 100 : null;
}

/** Width of a progress bar in % (clamped to 0–100, for display only). */
export function progressBarWidth(progress: number | null | undefined): number {
  const p = progressPercent(progress);
  return p === null ? 0 : Math.max(0, Math.min(100, p));
}

export interface TargetChartSeries {
  /** observed values up to the as-of year (cumulative form: running sums after the baseline year) */
  actual: [number, number][];
  /** the level to reach (level forms: the target value; growth: the required level; cumulative: the amount) */
  targetLevel: number | null;
  /** growth form: the required path baseline × (1 + r)^(year − baseline year) */
  requiredPath: [number, number][];
  /** [[last observed year, value], [target year, projected value]] when there is a projection */
  projection: [number, number][];
  cumulative: boolean;
}

/**
 * Chart series of one target × region. `series` is the region's full series (from the observations API) or,
 * when that is not available, the observations the evaluation used. Values after the as-of year are left out,
 * as the evaluation left them out.
 */
export function targetChartSeries(
  r: Pick<
    TargetResult,
    | "form"
    | "asOfYear"
    | "baselineYear"
    | "baselineValue"
    | "targetYear"
    | "targetValue"
    | "requiredValue"
    | "projection"
  >,
  series: readonly Pick<UsedObservation, "year" | "value">[],
): TargetChartSeries {
  const byYear = new Map<number, number>();
  for (const o of series)
    if (Number.isFinite(o.value) && o.year <= r.asOfYear && !byYear.has(o.year)) byYear.set(o.year, o.value);
  const years = [...byYear.keys()].sort((a, b) => a - b);
  const cumulative = r.form === "cumulative_at_least";
  let actual: [number, number][];
  if (cumulative) {
    let sum = 0;
    actual = [];
    for (const y of years) {
      if (y <= r.baselineYear || y > r.targetYear) continue;
      sum += byYear.get(y) as number;
      actual.push([y, sum]);
    }
  } else actual = years.map((y) => [y, byYear.get(y) as number]);

  const requiredPath: [number, number][] = [];
  if (isGrowthForm(r.form) && r.baselineValue !== null && r.baselineValue > 0) {
    for (let y = r.baselineYear; y <= r.targetYear; y++)
      requiredPath.push([y, r.baselineValue * (1 + r.targetValue / 100) ** (y - r.baselineYear)]);
  }
  const targetLevel = isGrowthForm(r.form) ? r.requiredValue : r.targetValue;
  const last = actual[actual.length - 1];
  const projection: [number, number][] =
    r.projection && last && Number.isFinite(r.projection.value) && r.projection.year > last[0]
      ? [last, [r.projection.year, r.projection.value]]
      : [];
  return {
    actual,
    targetLevel: typeof targetLevel === "number" && Number.isFinite(targetLevel) ? targetLevel : null,
    requiredPath,
    projection,
    cumulative,
  };
}

/** Significant prefix of a statistical region code (province 2, prefecture 4, county 6, township 9 digits). */
function codePrefix(code: string): string {
  if (code.length === 6) {
    if (code.endsWith("0000")) return code.slice(0, 2);
    if (code.endsWith("00")) return code.slice(0, 4);
    return code;
  }
  if (code.length === 12 && code.endsWith("000")) return code.slice(0, 9);
  return code;
}

/** Whether `code` is `ancestor` or lies inside it, by the administrative code (no request needed). */
export function regionContains(ancestor: string, code: string): boolean {
  if (ancestor === code) return true;
  const p = codePrefix(ancestor);
  return p.length < code.length && code.startsWith(p) && codePrefix(code).length > p.length;
}

/**
 * Progress for display, truncated toward zero (99.6 % shows as 99 %, not 100 %, so a target that is not
 * reached never reads as done); null for no progress.
 */
export function progressText(
  progress: number | null | undefined,
  lang: "zh" | "en",
  digits = 0,
): string | null {
  const p = progressPercent(progress);
  if (p === null) return null;
  const f = 10 ** digits;
  const v = Math.trunc(p * f) / f;
  return `${formatNumber(v === 0 ? 0 : v, lang, { digits })}%`;
}

/** Axis bounds that hold every value with a 10 % margin, rounded outwards to a step of 1, 2 or 5 × 10ⁿ. */
export function niceAxisBounds(values: readonly number[]): { min: number; max: number } | null {
  const v = values.filter((x) => Number.isFinite(x));
  if (v.length === 0) return null;
  let lo = Math.min(...v);
  let hi = Math.max(...v);
  const span = hi - lo || Math.abs(hi) || 1;
  lo -= span * 0.1;
  hi += span * 0.1;
  const raw = (hi - lo) / 8;
  const exp = Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * 10 ** exp).find((s) => s >= raw) as number;
  // round to the step's decimals so that 47 × 0.05 prints as 2.35
  const decimals = Math.max(0, -exp);
  const min = Number((Math.floor(lo / step) * step).toFixed(decimals));
  const max = Number((Math.ceil(hi / step) * step).toFixed(decimals));
  // keep a positive series' axis at or above zero
  return { min: Math.min(...v) >= 0 && min < 0 ? 0 : min, max };
}
