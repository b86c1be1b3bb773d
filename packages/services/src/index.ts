export type { Permission } from "./access.ts";
export { assertCan, assertMayAnywhere, can, readableRoots, roleAllows } from "./access.ts";
export { runAnalysis, runAnalysisText } from "./analysis/run-analysis.ts";
export type { ApprovalTarget, InboxItem, TransitionResult } from "./approval/index.ts";
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
export type { AuditEvent, AuditSearch } from "./audit/index.ts";
export { anonymousActor, recordAudit, searchAudit } from "./audit/index.ts";
export type {
  CreatedToken,
  CreateTokenInput,
  CreateUserInput,
  LoginInput,
  LoginResult,
  LoginThrottleOptions,
  ResolvedApiToken,
  ResolvedSession,
  UserView,
} from "./auth/index.ts";
export {
  API_TOKEN_PREFIX,
  actorForUser,
  createApiToken,
  createUserAccount,
  findApiToken,
  grantRole,
  grantsOf,
  hashPassword,
  isRole,
  LOCKOUT_MS,
  LOCKOUT_THRESHOLD,
  LoginThrottle,
  listApiTokens,
  listUserAccounts,
  login,
  logout,
  narrowGrants,
  PASSWORD_MAX_LENGTH,
  PASSWORD_MIN_LENGTH,
  recordApiTokenUse,
  requireUser,
  resolveApiToken,
  resolveSession,
  revokeApiToken,
  roleWithin,
  SESSION_TTL_MS,
  safeEqual,
  sha256Hex,
  USERNAME_PATTERN,
  verifyPassword,
} from "./auth/index.ts";
export type { Actor, Grant, Role, ServiceContext } from "./context.ts";
export { ROLES, SYSTEM_ACTOR } from "./context.ts";
export type { InputCrs } from "./data/crs.ts";
export { INPUT_CRS, parseCrs } from "./data/crs.ts";
export type { DemoResult } from "./data/demo.ts";
export { buildDemo, DEMO_REGION } from "./data/demo.ts";
export { decodeEchartsGeoJson } from "./data/echarts-geo.ts";
export type { ExportFormat, ExportResult } from "./data/export-observations.ts";
export { EXPORT_FORMATS, exportObservations, observationsToCsv } from "./data/export-observations.ts";
export type { ImportBoundariesOptions, ImportBoundariesResult } from "./data/import-boundaries.ts";
export { importBoundaries } from "./data/import-boundaries.ts";
export type { ImportRowError, RowReason } from "./data/import-errors.ts";
export { ROW_REASONS } from "./data/import-errors.ts";
export type { ImportIndicatorsOptions, ImportIndicatorsResult } from "./data/import-indicators.ts";
export { importIndicators } from "./data/import-indicators.ts";
export type {
  ImportObservationsOptions,
  ImportObservationsResult,
  ObservationChange,
  ObservationTableFormat,
} from "./data/import-observations.ts";
export {
  importObservations,
  importObservationTable,
  OBSERVATION_TABLE_FORMATS,
  prepareObservationImport,
} from "./data/import-observations.ts";
export type { ImportRegionsOptions, ImportRegionsResult } from "./data/import-regions.ts";
export { importRegions } from "./data/import-regions.ts";
export { builtinCatalogue, ensureBuiltinCatalogue, validateCatalogue } from "./data/indicator-catalogue.ts";
export type {
  ObservationsQuery,
  ObservationsResult,
  ObservationValue,
  ValueOrigin,
} from "./data/query-observations.ts";
export { observationHistory, parseYearRange, queryObservations } from "./data/query-observations.ts";
export type { Table, TableRow } from "./data/read-table.ts";
export { readTable } from "./data/read-table.ts";
export { regionKind, townshipKind, villageKind } from "./data/region-kind.ts";
export type { KindOverride } from "./data/region-kind-overrides.ts";
export { overrideRegionKinds, readKindOverrides } from "./data/region-kind-overrides.ts";
export type { ListRegionsOptions, RegionDetail } from "./data/regions.ts";
export { listRegions, searchRegions, showRegion } from "./data/regions.ts";
export type { DemoSetUp } from "./demo.ts";
export { setUpDemo } from "./demo.ts";
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
  averageRanks,
  canonicalJson,
  computeEvaluation,
  DEFAULT_UNCERTAINTY_SEED,
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
  RESULT_COLUMNS,
  rankUncertainty,
  SCHEME_WEIGHTINGS,
  SPATIAL_WEIGHT_TYPES,
  SUBSYSTEMS,
  UNCERTAINTY_NORMALISATIONS,
  UNCERTAINTY_WEIGHTINGS,
} from "./evaluation/index.ts";
export type {
  HeldGroup,
  PublicationOptions,
  PublicationRecord,
  PublishResult,
  UnpublishResult,
  UsedObservation,
} from "./evaluation/publish-run.ts";
export {
  PUBLISHED_STATUS,
  publishEvaluationRun,
  unpublishEvaluationRun,
  usedObservations,
} from "./evaluation/publish-run.ts";
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
  WarningsQuery,
  WarningView,
} from "./monitoring/index.ts";
export {
  assignWarning,
  closeWarning,
  commentWarning,
  DEMO_PLAN_FILE,
  getPlan,
  importDemoPlan,
  importPlan,
  listPlans,
  listWarnings,
  monitorPlan,
  PLAN_FILE_FORMATS,
} from "./monitoring/index.ts";
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
export {
  buildReport,
  CHROMIUM_ARGS,
  DEFAULT_SCHEMES,
  findChromium,
  findOnPath,
  pdfPageTexts,
  REPORT_LANGS,
  renderPdf,
  resolveReportScheme,
  SCHEMES_DIR,
} from "./report/index.ts";
export type { BuildWeightsOptions, BuiltWeights, WeightType } from "./weights/index.ts";
export { buildWeights, polygonCentroid, WEIGHT_TYPES } from "./weights/index.ts";
