// The monitoring vocabulary: plans, targets, observations, evaluations. Plain data only, so that the store,
// the server and the report can persist and send every object as JSON.
import type { RegionLevel } from "@ronghe/core";

/**
 * How a target is stated in a Chinese plan:
 * - `level_at_least` / `level_at_most`: the indicator reaches ≥ / ≤ the value by the target year;
 * - `avg_annual_growth_at_least`: 年均增长 ≥ value % per year from the baseline year to the target year;
 * - `cumulative_at_least`: 累计 ≥ value, summing the annual values of baseline+1 … target year;
 * - `ratio_at_most`: a ratio (e.g. 城乡收入比) ≤ value;
 * - `share_at_least`: a share in % (占比) ≥ value.
 */
export const TARGET_FORMS = [
  "level_at_least",
  "level_at_most",
  "avg_annual_growth_at_least",
  "cumulative_at_least",
  "ratio_at_most",
  "share_at_least",
] as const;
export type TargetForm = (typeof TARGET_FORMS)[number];

/** 约束性 (binding) or 预期性 (expected / indicative). A binding miss raises an alarm, an expected one a warning. */
export const TARGET_KINDS = ["binding", "expected"] as const;
export type TargetKind = (typeof TARGET_KINDS)[number];

export const TARGET_KIND_LABELS_ZH: Record<TargetKind, string> = { binding: "约束性", expected: "预期性" };

export interface Baseline {
  year: number;
  /** stated baseline value; null or absent with `fromData` = read the observation of the baseline year */
  value?: number | null;
  fromData?: boolean;
}

export interface Target {
  id: string;
  /** indicator code as stored (catalogue code, local `CQ-` code, or a derived indicator) */
  indicator: string;
  name: string;
  /** the region the target is stated for; defaults to the plan's region */
  region?: string;
  /** when set, the target applies to each region at this level below `region` (each is evaluated separately) */
  appliesToLevel?: RegionLevel;
  baseline: Baseline;
  targetYear: number;
  /** level, ratio or share for level-type forms; % per year for growth; summed amount for cumulative */
  targetValue: number;
  form: TargetForm;
  kind: TargetKind;
  department?: string;
  /** unit of the indicator values (for growth forms the target value itself is % per year) */
  unit?: string;
  /** month (1–12) of the year after the reporting year by whose end that year's value is due */
  dueMonth?: number;
}

export interface Plan {
  id: string;
  name: string;
  /** true for demonstration plans that are not an official document */
  illustrative: boolean;
  region: string;
  departments: string[];
  targets: Target[];
  description?: string;
}

/** One observation as handed in by the caller; ids are echoed back so results can cite their inputs. */
export interface Observation {
  year: number;
  value: number | null;
  revisionId?: string | number;
  sourceId?: string;
}

export type Series = readonly Observation[];

/** `(indicator, region) → series`; return an empty array (or null) when nothing is stored. */
export type DataProvider = (indicator: string, region: string) => Series | null | undefined;

export const STATUSES = [
  "achieved",
  "on_track",
  "at_risk",
  "off_track",
  "no_data",
  "not_assessable",
] as const;
/**
 * achieved: target met (at the target year, or already by the latest observation: 提前完成);
 * on_track / at_risk / off_track: see README thresholds; no_data: nothing to measure with;
 * not_assessable: data exist but the form's arithmetic is undefined (e.g. growth from a zero baseline).
 */
export type Status = (typeof STATUSES)[number];

export const STATUS_LABELS_ZH: Record<Status, string> = {
  achieved: "已完成",
  on_track: "进度正常",
  at_risk: "存在风险",
  off_track: "进度滞后",
  no_data: "无数据",
  not_assessable: "无法评估",
};

export interface Thresholds {
  /** at risk when the projection misses the target by at most this share of the baseline→target distance */
  riskMissShare: number;
  /** at risk when progress lags the elapsed share of the period by at most this (0.10 = 10 percentage points) */
  riskLag: number;
}

export const DEFAULT_THRESHOLDS: Thresholds = { riskMissShare: 0.1, riskLag: 0.1 };

export type ProjectionMethodOption = "auto" | "linear" | "compound";
export type ProjectionMethod = "linear_ols" | "log_linear_ols";

export interface EvaluateOptions {
  /** last year whose observations count (later ones are ignored, so past evaluations can be replayed) */
  asOfYear: number;
  projection?: { method?: ProjectionMethodOption; k?: number };
  thresholds?: Partial<Thresholds>;
}

export type ObservationRole = "baseline" | "latest" | "trend" | "sum" | "target_year";

export interface UsedObservation {
  year: number;
  value: number;
  revisionId?: string | number;
  sourceId?: string;
  roles: ObservationRole[];
}

export interface Projection {
  method: ProjectionMethod;
  /** years fitted (the last k observed, at most `k`) */
  years: number[];
  /** fitted slope per year: units/year (linear) or log-units/year (compound) */
  slope: number;
  /** implied annual growth rate in % (compound only) */
  annualGrowthPct: number | null;
  year: number;
  /** projected indicator value at the target year (cumulative: projected total over the period) */
  value: number;
  meetsTarget: boolean;
  /** share of the distance still missing at the target year (≤ 0 when met) */
  missShare: number | null;
}

export interface TargetEvaluation {
  planId: string | null;
  targetId: string;
  targetName: string;
  indicator: string;
  region: string;
  form: TargetForm;
  kind: TargetKind;
  department: string | null;
  unit: string | null;
  /** month of the following year by whose end a year's value is due (missing-report warnings) */
  dueMonth: number | null;
  asOfYear: number;
  baselineYear: number;
  baselineValue: number | null;
  targetYear: number;
  targetValue: number;
  /** the level that meets the target at the target year (growth: baseline × (1+r)^n; cumulative: the amount) */
  requiredValue: number | null;
  latestYear: number | null;
  latestValue: number | null;
  /** cumulative form: the sum of observed annual values after the baseline year */
  cumulativeValue: number | null;
  /** growth form: realised average annual growth since the baseline, in % */
  realisedGrowthPct: number | null;
  /** share of the distance covered (raw: may be < 0 or > 1); null when the distance is undefined */
  progress: number | null;
  /** elapsed share of the period at the latest observation */
  expectedProgress: number | null;
  projection: Projection | null;
  status: Status;
  /** machine-readable reasons for the status, e.g. "projection_meets_target", "baseline_zero" */
  reasons: string[];
  /** one sentence for people, Chinese */
  explanation: string;
  observations: UsedObservation[];
  /** years in (baseline, min(asOf, target)] with no usable value; nothing is interpolated */
  missingYears: number[];
  thresholds: Thresholds;
}

export interface PlanEvaluation {
  planId: string;
  planName: string;
  illustrative: boolean;
  asOfYear: number;
  /** one result per target × region, in plan order then region order */
  results: TargetEvaluation[];
}

export const WARNING_TYPES = ["status_change", "missing_report", "implausible_jump"] as const;
export type WarningType = (typeof WARNING_TYPES)[number];
/** alarm: a binding (约束性) target went off track; warning: everything else */
export type WarningSeverity = "alarm" | "warning";
export const WARNING_STATES = ["open", "assigned", "closed"] as const;
export type WarningState = (typeof WARNING_STATES)[number];

export interface WarningEvent {
  action: "open" | "assign" | "comment" | "close" | "reopen";
  actor: string;
  /** ISO date or date-time passed in by the caller */
  at: string;
  assignee?: string;
  text?: string;
}

export interface WarningComment {
  actor: string;
  at: string;
  text: string;
}

export interface MonitorWarning {
  /** deterministic: the same finding on the same data gets the same id (callers dedupe on it) */
  id: string;
  type: WarningType;
  severity: WarningSeverity;
  state: WarningState;
  planId: string | null;
  targetId: string;
  indicator: string;
  region: string;
  /** the data year concerned (jump, missing report) or the evaluation's as-of year (status change) */
  year: number;
  message: string;
  evidence: Record<string, unknown>;
  assignee: string | null;
  resolution: string | null;
  comments: WarningComment[];
  history: WarningEvent[];
}
