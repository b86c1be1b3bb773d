// Evaluate one target in one region: progress, projection, status. Pure and deterministic; the caller passes
// the series and the "as of" year. Arithmetic per form (b baseline, t target value, v latest value, n = T − y0):
//   level / ratio / share:  progress = (v − b) / (t − b)   (the sign of t − b handles decreasing targets)
//   growth (r = t / 100):   required level L = b (1 + r)^n; progress = ln(v / b) / ln(L / b),
//                           i.e. the realised compound growth measured against the required one, so that
//                           growing at exactly r% a year keeps progress equal to the elapsed share
//   cumulative:             progress = Σ values of years y0+1 … latest / t
// Status thresholds are documented in README.md ("Status").
import { RongheError } from "@ronghe/core";
import { type CleanObservation, cleanSeries, missingYearsBetween } from "./series.ts";
import { compoundTrend, linearTrend, predictCompound, predictLinear } from "./trend.ts";
import {
  DEFAULT_THRESHOLDS,
  type EvaluateOptions,
  type ObservationRole,
  type Projection,
  type ProjectionMethod,
  type Series,
  type Status,
  type Target,
  type TargetEvaluation,
  type Thresholds,
  type UsedObservation,
} from "./types.ts";

export interface EvaluateTargetOptions extends EvaluateOptions {
  /** the concrete region evaluated (required when the target applies to a level below its region) */
  region?: string;
  planId?: string | null;
}

/** Relative tolerance for "meets the target": published values are rounded, 2.2 must meet "≤ 2.2". */
const REL_TOL = 1e-9;
export const DEFAULT_PROJECTION_K = 5;

export function evaluateTarget(
  target: Target,
  series: Series | null | undefined,
  options: EvaluateTargetOptions,
): TargetEvaluation {
  const { asOfYear } = options;
  if (!Number.isInteger(asOfYear))
    throw new RongheError("invalid_input", "asOfYear must be an integer year", { asOfYear });
  const k = options.projection?.k ?? DEFAULT_PROJECTION_K;
  if (!Number.isInteger(k) || k < 2)
    throw new RongheError("invalid_input", "projection k must be an integer ≥ 2", { k });
  const thresholds: Thresholds = { ...DEFAULT_THRESHOLDS, ...options.thresholds };
  for (const [name, value] of Object.entries(thresholds)) {
    if (!(value >= 0 && value <= 1))
      throw new RongheError("invalid_input", `threshold ${name} must be in [0, 1]`, { name, value });
  }
  const region = options.region ?? target.region;
  if (!region)
    throw new RongheError("invalid_input", `target ${target.id} has no region`, { targetId: target.id });

  const y0 = target.baseline.year;
  const T = target.targetYear;
  const n = T - y0;
  if (!Number.isInteger(y0) || !Number.isInteger(T) || n <= 0) {
    throw new RongheError(
      "invalid_plan",
      `target ${target.id}: target year must be after the baseline year`,
      {
        targetId: target.id,
        baselineYear: y0,
        targetYear: T,
      },
    );
  }
  const t = target.targetValue;
  const form = target.form;
  const cap = Math.min(asOfYear, T);
  const obs = cleanSeries(series, cap);

  const used = new Map<number, UsedObservation>();
  const use = (o: CleanObservation, role: ObservationRole): void => {
    const u = used.get(o.year);
    if (u) {
      if (!u.roles.includes(role)) u.roles.push(role);
      return;
    }
    const entry: UsedObservation = { year: o.year, value: o.value, roles: [role] };
    if (o.revisionId !== undefined) entry.revisionId = o.revisionId;
    if (o.sourceId !== undefined) entry.sourceId = o.sourceId;
    used.set(o.year, entry);
  };

  const reasons: string[] = [];
  const result: TargetEvaluation = {
    planId: options.planId ?? null,
    targetId: target.id,
    targetName: target.name,
    indicator: target.indicator,
    region,
    form,
    kind: target.kind,
    department: target.department ?? null,
    unit: target.unit ?? null,
    dueMonth: target.dueMonth ?? null,
    asOfYear,
    baselineYear: y0,
    baselineValue: null,
    targetYear: T,
    targetValue: t,
    requiredValue: null,
    latestYear: null,
    latestValue: null,
    cumulativeValue: null,
    realisedGrowthPct: null,
    progress: null,
    expectedProgress: null,
    projection: null,
    status: "no_data",
    reasons,
    explanation: "",
    observations: [],
    missingYears: asOfYear > y0 ? missingYearsBetween(obs, y0 + 1, cap) : [],
    thresholds,
  };
  const finish = (status: Status, explanation: string): TargetEvaluation => {
    result.status = status;
    result.explanation = explanation;
    result.observations = [...used.values()].sort((a, b) => a.year - b.year);
    return sanitize(result);
  };

  // Baseline: a stated value wins unless the plan says to take it from the data.
  const baseObs = obs.find((o) => o.year === y0);
  const stated = target.baseline.value;
  let b: number | null = null;
  if (!target.baseline.fromData && stated !== null && stated !== undefined) {
    b = stated;
    if (baseObs && !nearlyEqual(baseObs.value, stated)) reasons.push("baseline_differs_from_data");
  } else if (baseObs && form !== "cumulative_at_least") {
    // the cumulative form sums the years after the baseline; the baseline year's own value plays no part
    b = baseObs.value;
    use(baseObs, "baseline");
  }
  result.baselineValue = b;

  if (asOfYear <= y0) {
    reasons.push("as_of_not_after_baseline");
    return finish("no_data", `无数据：评估年份 ${asOfYear} 未晚于基期 ${y0}`);
  }
  if (b === null && form !== "cumulative_at_least") {
    reasons.push("baseline_missing");
    return finish("no_data", `无数据：缺少基期 ${y0} 年数值`);
  }
  const post = obs.filter((o) => o.year > y0);
  if (post.length === 0) {
    reasons.push(obs.length === 0 ? "no_observations" : "no_observation_after_baseline");
    return finish("no_data", `无数据：基期 ${y0} 年之后至 ${cap} 年无观测值`);
  }
  const latest = post[post.length - 1];
  use(latest, "latest");
  result.latestYear = latest.year;
  result.latestValue = latest.value;
  const expected = (latest.year - y0) / n;
  result.expectedProgress = expected;

  // Form arithmetic: what is compared (current), when it meets, how far along it is.
  let current: number;
  let required: number;
  let meets: (x: number) => boolean;
  let progressOf: (x: number) => number | null;
  let metAtBaseline: boolean;
  const tolOf = (x: number): number => REL_TOL * Math.max(1, Math.abs(x));

  if (form === "avg_annual_growth_at_least") {
    const base = b as number;
    if (base === 0) {
      reasons.push("baseline_zero");
      return finish("not_assessable", `无法评估：基期值为 0，年均增长率无定义`);
    }
    if (base < 0) {
      reasons.push("baseline_negative");
      return finish("not_assessable", `无法评估：基期值为负，年均增长率无定义`);
    }
    const r = t / 100;
    if (!(r > -1))
      throw new RongheError("invalid_plan", `target ${target.id}: growth rate must exceed −100 %`, {
        targetId: target.id,
        value: t,
      });
    if (latest.value <= 0) {
      reasons.push("value_not_positive");
      return finish("not_assessable", `无法评估：${latest.year} 年值不为正，年均增长率无定义`);
    }
    required = base * (1 + r) ** n;
    current = latest.value;
    result.realisedGrowthPct = ((latest.value / base) ** (1 / (latest.year - y0)) - 1) * 100;
    const logDistance = n * Math.log1p(r);
    metAtBaseline = r <= 0;
    meets = (x) => x >= required - tolOf(required);
    progressOf = (x) => (metAtBaseline || !(x > 0) ? null : Math.log(x / base) / logDistance);
  } else if (form === "cumulative_at_least") {
    let sum = 0;
    for (const o of post) {
      sum += o.value;
      use(o, "sum");
    }
    result.cumulativeValue = sum;
    required = t;
    current = sum;
    metAtBaseline = t <= 0;
    meets = (x) => x >= t - tolOf(t);
    progressOf = (x) => (metAtBaseline ? null : x / t);
  } else {
    const base = b as number;
    const up = form === "level_at_least" || form === "share_at_least";
    required = t;
    current = latest.value;
    meets = up ? (x) => x >= t - tolOf(t) : (x) => x <= t + tolOf(t);
    metAtBaseline = meets(base);
    progressOf = (x) => (metAtBaseline ? null : (x - base) / (t - base));
  }
  if (result.missingYears.some((y) => y < latest.year)) reasons.push("gaps_in_series");
  result.requiredValue = required;
  const progress = progressOf(current);
  result.progress = progress;
  if (metAtBaseline) reasons.push("target_met_at_baseline");

  const what =
    form === "cumulative_at_least"
      ? `${y0 + 1}—${latest.year} 年累计 ${fmt(current)}`
      : form === "avg_annual_growth_at_least"
        ? `${latest.year} 年值 ${fmt(current)}（${y0} 年以来年均增长 ${(result.realisedGrowthPct as number).toFixed(2)}%）`
        : `${latest.year} 年值 ${fmt(current)}`;
  const goal =
    form === "avg_annual_growth_at_least"
      ? `年均增长 ${fmt(t)}%（${T} 年需达到 ${fmt(required)}）`
      : form === "cumulative_at_least"
        ? `${y0 + 1}—${T} 年累计 ${fmt(required)}`
        : `${form === "level_at_most" || form === "ratio_at_most" ? "≤" : "≥"} ${fmt(required)}`;
  if (latest.year === T) {
    if (meets(current)) {
      reasons.push("met_at_target_year");
      return finish("achieved", `已完成：${what}，达到目标 ${goal}`);
    }
    reasons.push("missed_at_target_year");
    return finish("off_track", `未完成：${what}，未达到目标 ${goal}`);
  }
  if (asOfYear >= T) reasons.push("target_year_not_reported");
  if (meets(current)) {
    reasons.push("met_early");
    return finish("achieved", `已完成（提前）：${what}，已达到目标 ${goal}`);
  }

  // Projection from the last k observed years (any year ≤ cap, pre-baseline years included).
  const window = obs.slice(-k);
  for (const o of window) use(o, "trend");
  const projection = project(
    window,
    form,
    options.projection?.method ?? "auto",
    latest.year,
    T,
    current,
    meets,
    progressOf,
  );
  result.projection = projection;
  const lag = progress === null ? null : expected - progress;
  const eps = 1e-12;
  let status: Status;
  if (projection?.meetsTarget) {
    reasons.push("projection_meets_target");
    status = "on_track";
  } else if (projection === null && lag !== null && lag <= eps) {
    reasons.push("projection_unavailable", "progress_ahead_of_time");
    status = "on_track";
  } else {
    if (projection === null) reasons.push("projection_unavailable");
    const smallMiss = projection?.missShare != null && projection.missShare <= thresholds.riskMissShare + eps;
    const smallLag = lag !== null && lag <= thresholds.riskLag + eps;
    if (smallMiss) reasons.push("projection_misses_within_threshold");
    if (smallLag) reasons.push("progress_lag_within_threshold");
    status = smallMiss || smallLag ? "at_risk" : "off_track";
    if (status === "off_track") reasons.push(projection ? "projection_misses_target" : "progress_lags");
  }
  const proj = projection
    ? `按近 ${projection.years.length} 年${projection.method === "linear_ols" ? "线性" : "复合增长"}趋势推算 ${T} 年为 ${fmt(projection.value)}`
    : "观测不足，无法推算趋势";
  const prog = progress === null ? "" : `；完成进度 ${pct(progress)}，时间进度 ${pct(expected)}`;
  const head = status === "on_track" ? "进度正常" : status === "at_risk" ? "存在风险" : "进度滞后";
  return finish(status, `${head}：${what}，目标 ${goal}；${proj}${prog}`);
}

function project(
  window: CleanObservation[],
  form: Target["form"],
  option: "auto" | "linear" | "compound",
  latestYear: number,
  T: number,
  current: number,
  meets: (x: number) => boolean,
  progressOf: (x: number) => number | null,
): Projection | null {
  const method: ProjectionMethod =
    option === "linear"
      ? "linear_ols"
      : option === "compound"
        ? "log_linear_ols"
        : form === "avg_annual_growth_at_least"
          ? "log_linear_ols"
          : "linear_ols";
  const years = window.map((o) => o.year);
  const values = window.map((o) => o.value);
  const fit = method === "linear_ols" ? linearTrend(years, values) : compoundTrend(years, values);
  if (!fit) return null;
  const predict = (y: number): number =>
    method === "linear_ols" ? predictLinear(fit, y) : predictCompound(fit, y);
  let value: number;
  if (form === "cumulative_at_least") {
    // Observed sum plus the projected annual values of the years still to come; past gaps stay unfilled.
    value = current;
    for (let y = latestYear + 1; y <= T; y++) value += predict(y);
  } else {
    value = predict(T);
  }
  if (!Number.isFinite(value)) return null;
  const p = progressOf(value);
  return {
    method,
    years,
    slope: fit.slope,
    annualGrowthPct: method === "log_linear_ols" ? Math.expm1(fit.slope) * 100 : null,
    year: T,
    value,
    meetsTarget: meets(value),
    missShare: p === null ? null : 1 - p,
  };
}

function nearlyEqual(a: number, b: number): boolean {
  return Math.abs(a - b) <= REL_TOL * Math.max(1, Math.abs(a), Math.abs(b));
}

function fmt(x: number): string {
  if (!Number.isFinite(x)) return "—";
  return String(Number(x.toPrecision(6)));
}

function pct(x: number): string {
  return `${(x * 100).toFixed(1)}%`;
}

/** Numbers in output are finite or null, never NaN or ±Infinity. */
function sanitize(e: TargetEvaluation): TargetEvaluation {
  const keys = [
    "baselineValue",
    "requiredValue",
    "latestValue",
    "cumulativeValue",
    "realisedGrowthPct",
    "progress",
    "expectedProgress",
  ] as const;
  for (const key of keys) {
    const v = e[key];
    if (v !== null && !Number.isFinite(v)) e[key] = null;
  }
  if (e.projection) {
    if (e.projection.missShare !== null && !Number.isFinite(e.projection.missShare))
      e.projection.missShare = null;
    if (e.projection.annualGrowthPct !== null && !Number.isFinite(e.projection.annualGrowthPct))
      e.projection.annualGrowthPct = null;
    if (!Number.isFinite(e.projection.slope)) e.projection = null;
  }
  return e;
}
