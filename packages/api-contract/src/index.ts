export {
  AuditEntrySchema,
  AuditListSchema,
  AuditQuerySchema,
  CreatedTokenSchema,
  CreateTokenBodySchema,
  CreateUserBodySchema,
  GrantBodySchema,
  TokenListSchema,
  TokenParamsSchema,
  TokenSchema,
  UserListSchema,
  UsernameParamsSchema,
  UserSchema,
} from "./accounts.ts";
export type { ApprovalBody } from "./approvals.ts";
export { ApprovalBodySchema, InboxSchema, TransitionResultSchema } from "./approvals.ts";
export type { ErrorBody, GrantDto } from "./common.ts";
export {
  CsvListSchema,
  ErrorBodySchema,
  GrantSchema,
  RegionCodeSchema,
  ROLE_VALUES,
  RoleSchema,
  YearSchema,
} from "./common.ts";
export type { JobDto } from "./jobs.ts";
export {
  EvaluationBodySchema,
  JOB_STATUS_VALUES,
  JobAcceptedSchema,
  JobParamsSchema,
  JobSchema,
} from "./jobs.ts";
export { LIMITS } from "./limits.ts";
export type { ObservationColumns, ObservationRow } from "./observation-columns.ts";
export { fromObservationColumns, OBSERVATION_FIELDS, toObservationColumns } from "./observation-columns.ts";
export type { ObservationWriteBody } from "./observations.ts";
export {
  ExportQuerySchema,
  HistoryListSchema,
  HistoryQuerySchema,
  IndicatorListSchema,
  IndicatorSchema,
  ObservationColumnsSchema,
  ObservationListSchema,
  ObservationQuerySchema,
  ObservationSchema,
  ObservationWriteBodySchema,
  ObservationWriteItemSchema,
  RevisionSchema,
  WriteCountsSchema,
} from "./observations.ts";
export type { RegionDto } from "./regions.ts";
export {
  ChildrenQuerySchema,
  FeaturesQuerySchema,
  REGION_LEVEL_VALUES,
  RegionItemsSchema,
  RegionLevelSchema,
  RegionListSchema,
  RegionParamsSchema,
  RegionSchema,
  RegionSearchQuerySchema,
} from "./regions.ts";
export type { LoginBody, SessionResponse } from "./session.ts";
export { LoginBodySchema, SessionResponseSchema, SessionUserSchema } from "./session.ts";
