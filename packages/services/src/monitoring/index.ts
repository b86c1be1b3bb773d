export type { ImportPlanOptions, ImportPlanResult, PlanFileInput } from "./import-plan.ts";
export { DEMO_PLAN_FILE, importDemoPlan, importPlan } from "./import-plan.ts";
export type { PlanSummary, PlanView } from "./list-plans.ts";
export { getPlan, listPlans } from "./list-plans.ts";
export type { WarningsQuery } from "./list-warnings.ts";
export { listWarnings } from "./list-warnings.ts";
export type {
  MonitorPlanOptions,
  PlanStatusView,
  StatusChange,
  StatusResult,
  TargetSummary,
} from "./monitor-plan.ts";
export { monitorPlan } from "./monitor-plan.ts";
export type { PlanFileFormat, PlanSource } from "./plan-document.ts";
export { PLAN_FILE_FORMATS } from "./plan-document.ts";
export { assignWarning, closeWarning, commentWarning } from "./warning-actions.ts";
export type { WarningView } from "./warning-record.ts";
