export type { DetectWarningsOptions, JumpOptions } from "./detect-warnings.ts";
export { detectWarnings, dueDate } from "./detect-warnings.ts";
export type { EvaluatePlanOptions } from "./evaluate-plan.ts";
export { evaluatePlan, targetRegions } from "./evaluate-plan.ts";
export type { EvaluateTargetOptions } from "./evaluate-target.ts";
export { DEFAULT_PROJECTION_K, evaluateTarget } from "./evaluate-target.ts";
export type { ParsePlanOptions, ParsePlanRowsOptions, PlanError } from "./parse-plan.ts";
export { parsePlan, parsePlanRows } from "./parse-plan.ts";
export type { RobustScale } from "./robust.ts";
export { median, robustScale, robustZ } from "./robust.ts";
export { cleanSeries, missingYearsBetween } from "./series.ts";
export type { TrendFit } from "./trend.ts";
export { compoundTrend, linearTrend, predictCompound, predictLinear } from "./trend.ts";
export type {
  Baseline,
  DataProvider,
  EvaluateOptions,
  MonitorWarning,
  Observation,
  ObservationRole,
  Plan,
  PlanEvaluation,
  Projection,
  ProjectionMethod,
  ProjectionMethodOption,
  Series,
  Status,
  Target,
  TargetEvaluation,
  TargetForm,
  TargetKind,
  Thresholds,
  UsedObservation,
  WarningComment,
  WarningEvent,
  WarningSeverity,
  WarningState,
  WarningType,
} from "./types.ts";
export {
  DEFAULT_THRESHOLDS,
  STATUS_LABELS_ZH,
  STATUSES,
  TARGET_FORMS,
  TARGET_KIND_LABELS_ZH,
  TARGET_KINDS,
  WARNING_STATES,
  WARNING_TYPES,
} from "./types.ts";
export type { CatalogueIndicator } from "./units.ts";
export { isAmountIndicator, isPercentUnit, isRatioIndicator, normaliseUnit, sameUnit } from "./units.ts";
export type { Act } from "./warning-lifecycle.ts";
export { assignWarning, closeWarning, commentWarning, reopenWarning } from "./warning-lifecycle.ts";
