export { ROLES, SYSTEM_ACTOR } from "./context.ts";
export type { Actor, Grant, Role, ServiceContext } from "./context.ts";
export { assertCan, assertMayAnywhere, can, readableRoots, roleAllows } from "./access.ts";
export type { Permission } from "./access.ts";
export {
  API_TOKEN_PREFIX,
  LOCKOUT_MS,
  LOCKOUT_THRESHOLD,
  LoginThrottle,
  PASSWORD_MAX_LENGTH,
  PASSWORD_MIN_LENGTH,
  SESSION_TTL_MS,
  USERNAME_PATTERN,
  actorForUser,
  createApiToken,
  createUserAccount,
  grantRole,
  grantsOf,
  hashPassword,
  isRole,
  listApiTokens,
  listUserAccounts,
  login,
  logout,
  narrowGrants,
  requireUser,
  resolveApiToken,
  resolveSession,
  revokeApiToken,
  roleWithin,
  safeEqual,
  sha256Hex,
  verifyPassword,
} from "./auth/index.ts";
export type { CreateTokenInput, CreateUserInput, CreatedToken, LoginInput, LoginResult, LoginThrottleOptions, ResolvedSession, UserView } from "./auth/index.ts";
export {
  approvalInbox,
  approveData,
  assertEditable,
  lockData,
  submitData,
  unapproveData,
  unlockData,
  withApprovalGuard,
} from "./approval/index.ts";
export type { ApprovalTarget, InboxItem, TransitionResult } from "./approval/index.ts";
export { anonymousActor, recordAudit, searchAudit } from "./audit/index.ts";
export type { AuditEvent, AuditSearch } from "./audit/index.ts";
export { runAnalysis, runAnalysisText } from "./analysis/run-analysis.ts";
export {
  DEFAULT_UNCERTAINTY_SEED,
  RESULT_COLUMNS,
  SCHEME_WEIGHTINGS,
  SPATIAL_WEIGHT_TYPES,
  SUBSYSTEMS,
  UNCERTAINTY_NORMALISATIONS,
  UNCERTAINTY_WEIGHTINGS,
  averageRanks,
  canonicalJson,
  computeEvaluation,
  engineVersion,
  evaluateScheme,
  evaluationCsv,
  evaluationRecords,
  evaluationXlsx,
  getEvaluationRunView,
  listEvaluationRuns,
  parseScheme,
  parseSchemeText,
  quantileType7,
  rankUncertainty,
} from "./evaluation/index.ts";
export type {
  DroppedRegionYear,
  EvaluateOptions,
  EvaluationComputation,
  EvaluationRow,
  EvaluationRunListItem,
  EvaluationRunView,
  EvaluationScheme,
  EvaluationSummary,
  Panel,
  RankUncertainty,
  ResolvedIndicator,
  ResultRecord,
  RunParameters,
  SchemeIndicator,
  UncertaintyOptions,
} from "./evaluation/index.ts";
export {
  PUBLISHED_STATUS,
  publishEvaluationRun,
  unpublishEvaluationRun,
  usedObservations,
} from "./evaluation/publish-run.ts";
export type {
  HeldGroup,
  PublicationOptions,
  PublicationRecord,
  PublishResult,
  UnpublishResult,
  UsedObservation,
} from "./evaluation/publish-run.ts";
export { WEIGHT_TYPES, buildWeights, polygonCentroid } from "./weights/index.ts";
export type { BuildWeightsOptions, BuiltWeights, WeightType } from "./weights/index.ts";
export { buildDemo, DEMO_REGION } from "./data/demo.ts";
export type { DemoResult } from "./data/demo.ts";
export { importRegions } from "./data/import-regions.ts";
export type { ImportRegionsOptions, ImportRegionsResult } from "./data/import-regions.ts";
export { overrideRegionKinds, readKindOverrides } from "./data/region-kind-overrides.ts";
export type { KindOverride } from "./data/region-kind-overrides.ts";
export { regionKind, townshipKind, villageKind } from "./data/region-kind.ts";
export { listRegions, searchRegions, showRegion } from "./data/regions.ts";
export type { ListRegionsOptions, RegionDetail } from "./data/regions.ts";
export { builtinCatalogue, ensureBuiltinCatalogue, validateCatalogue } from "./data/indicator-catalogue.ts";
export { importIndicators } from "./data/import-indicators.ts";
export type { ImportIndicatorsOptions, ImportIndicatorsResult } from "./data/import-indicators.ts";
export {
  OBSERVATION_TABLE_FORMATS,
  diffObservations,
  importObservationTable,
  importObservations,
  prepareObservationImport,
} from "./data/import-observations.ts";
export type {
  ImportObservationsOptions,
  ImportObservationsResult,
  ObservationChange,
  ObservationTableFormat,
} from "./data/import-observations.ts";
export { ROW_REASONS } from "./data/import-errors.ts";
export type { ImportRowError, RowReason } from "./data/import-errors.ts";
export { readTable } from "./data/read-table.ts";
export type { Table, TableRow } from "./data/read-table.ts";
export { observationHistory, parseYearRange, queryObservations } from "./data/query-observations.ts";
export type { ObservationValue, ObservationsQuery, ObservationsResult, ValueOrigin } from "./data/query-observations.ts";
export { EXPORT_FORMATS, exportObservations, observationsToCsv } from "./data/export-observations.ts";
export type { ExportFormat, ExportResult } from "./data/export-observations.ts";
export { importBoundaries } from "./data/import-boundaries.ts";
export type { ImportBoundariesOptions, ImportBoundariesResult } from "./data/import-boundaries.ts";
export { decodeEchartsGeoJson } from "./data/echarts-geo.ts";
export { INPUT_CRS, parseCrs } from "./data/crs.ts";
export type { InputCrs } from "./data/crs.ts";
export {
  DEMO_PLAN_FILE,
  PLAN_FILE_FORMATS,
  assignWarning,
  closeWarning,
  commentWarning,
  getPlan,
  importDemoPlan,
  importPlan,
  listPlans,
  listWarnings,
  monitorPlan,
} from "./monitoring/index.ts";
export type {
  ImportPlanOptions,
  ImportPlanResult,
  MonitorPlanOptions,
  PlanFileFormat,
  PlanFileInput,
  PlanSource,
  PlanStatusView,
  PlanSummary,
  PlanView,
  StatusChange,
  StatusResult,
  TargetSummary,
  WarningView,
  WarningsQuery,
} from "./monitoring/index.ts";
export {
  CHROMIUM_ARGS,
  DEFAULT_SCHEMES,
  REPORT_LANGS,
  SCHEMES_DIR,
  buildReport,
  findChromium,
  findOnPath,
  pdfPageTexts,
  renderPdf,
  resolveReportScheme,
} from "./report/index.ts";
export type {
  BuildReportOptions,
  RenderPdfOptions,
  RenderPdfResult,
  ReportData,
  ReportLang,
  ReportResult,
  ResolvedScheme,
  SchemeSource,
} from "./report/index.ts";
export { setUpDemo } from "./demo.ts";
export type { DemoSetUp } from "./demo.ts";
