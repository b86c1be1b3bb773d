// The one Store interface. Domain types are camelCase; the SQL rows behind them (snake_case) live in
// `rows.ts` with mappers in `mappers.ts`. Both backends (`sqlite/`, `postgres/`) implement exactly this.
//
// Conventions:
//   - timestamps are ISO-8601 UTC strings (`new Date().toISOString()`); callers may pass their own for determinism;
//   - JSON fields are plain values (`unknown`), stored as text and parsed back;
//   - region codes are canonical (see @ronghe/core `parseRegionCode`): 6 digits up to county, 9 township, 12 village;
//   - ids of users and audit entries are integers; every other id is a string (a UUID unless the caller gives one);
//   - "not found" on a get is `null`; updates of a missing id throw RongheError("not_found").
import type { IndicatorDefinition, RegionLevel } from "@ronghe/core";

export type StoreKind = "sqlite" | "postgres";

export interface OpenStoreOptions {
  /** PostgreSQL only: schema to create if absent and use (search_path). Default: the server's default (public). */
  schema?: string;
  /** PostgreSQL only: pool size (default 10). */
  maxConnections?: number;
}

// ───────────────────────────── regions ─────────────────────────────

export interface Region {
  /** canonical code: 6 digits (province/prefecture/county), 9 (township), 12 (village) */
  code: string;
  /** 12-digit statistical code (统计用区划代码) */
  statCode: string;
  parentCode: string | null;
  level: RegionLevel;
  name: string;
  /** e.g. 街道/镇/乡/居委会/村委会/区/县/市 */
  kind: string | null;
  /** true when `kind` was set by hand; a later bulk upsert without an override keeps it */
  kindOverridden: boolean;
  /** 城乡分类代码 (111..220) */
  urClass: string | null;
  urClassYear: number | null;
  /** WGS-84 degrees */
  lng: number | null;
  lat: number | null;
  /** GeoJSON geometry object as text (null when absent, or when the query asked to omit it) */
  geometry: string | null;
  /** whether a geometry is stored, also when the query omitted its text */
  hasGeometry: boolean;
  /** where the geometry came from (file, and e.g. "converted from GCJ-02") */
  geometrySource: string | null;
}

/**
 * A region to upsert. Fields left undefined or null never erase a known value (a re-import of the code list
 * keeps coordinates, classes and geometry loaded earlier). An existing hand-set kind (`kindOverridden`) is kept
 * unless this input itself has `kindOverridden: true`.
 */
export interface RegionInput {
  code: string;
  statCode: string;
  parentCode: string | null;
  level: RegionLevel;
  name: string;
  kind?: string | null;
  kindOverridden?: boolean;
  urClass?: string | null;
  urClassYear?: number | null;
  lng?: number | null;
  lat?: number | null;
  geometry?: string | null;
  geometrySource?: string | null;
}

/** Sets only the fields that are present (undefined = leave as is; null = clear). */
export interface RegionGeometryUpdate {
  code: string;
  geometry?: string | null;
  geometrySource?: string | null;
  lng?: number | null;
  lat?: number | null;
}

export interface DescendantsOptions {
  level?: RegionLevel;
  /** leave the (large) geometry text out; `hasGeometry` still says whether one is stored */
  omitGeometry?: boolean;
  limit?: number;
  offset?: number;
}

export interface SearchRegionsOptions {
  /** restrict to these subtrees (canonical codes; each includes itself) */
  withinCodes?: string[];
  level?: RegionLevel;
  limit?: number;
}

export type ProgressCallback = (done: number, total: number) => void;

export interface UpsertCounts {
  inserted: number;
  updated: number;
}

// ───────────────────────────── indicators ─────────────────────────────

// The domain definition from @ronghe/core, stored field for field (re-exported so store callers keep one import).
export type { Aggregation, IndicatorDirection, IndicatorRole } from "@ronghe/core";
export { AGGREGATIONS, INDICATOR_DIRECTIONS, INDICATOR_ROLES } from "@ronghe/core";
export type Indicator = IndicatorDefinition;

// ───────────────────────────── observations ─────────────────────────────

export const OBSERVATION_STATUSES = ["draft", "submitted", "approved", "locked"] as const;
export type ObservationStatus = (typeof OBSERVATION_STATUSES)[number];

export interface ObservationKey {
  regionCode: string;
  indicatorCode: string;
  /** year */
  period: number;
}

export interface ObservationInput extends ObservationKey {
  /** finite number (NaN/Infinity are rejected) */
  value: number;
  unit?: string | null;
  source?: string | null;
  note?: string | null;
  /** overrides WriteMeta.sourceFile for this row */
  sourceFile?: string | null;
  /** 1-based row in the source file */
  sourceRow?: number | null;
}

export interface WriteMeta {
  author: string;
  reason?: string | null;
  sourceFile?: string | null;
  importId?: string | null;
  /** status of new revisions (default "draft") */
  status?: ObservationStatus;
  /** timestamp of the revisions (default now) */
  at?: string;
  /** also return what happened to each input row (WriteCounts.detail) */
  detail?: boolean;
}

/** What a write did to one input row: WriteDetail.change codes. */
export const ROW_NEW = 0;
export const ROW_REVISED = 1;
export const ROW_UNCHANGED = 2;

/** Per input row (same indexes as the input), when WriteMeta.detail is set. */
export interface WriteDetail {
  /** 0 new (ROW_NEW), 1 revised (ROW_REVISED), 2 unchanged (ROW_UNCHANGED, also a repeat of an earlier row) */
  change: Uint8Array;
  /** the value before the write, NaN where there was none */
  before: Float64Array;
}

export interface WriteCounts {
  inserted: number;
  revised: number;
  unchanged: number;
  detail?: WriteDetail;
}

/** The current state of one observation (its latest revision). */
export interface Observation extends ObservationKey {
  value: number;
  unit: string | null;
  source: string | null;
  note: string | null;
  status: ObservationStatus;
  /** current revision number (1..) */
  revision: number;
  updatedAt: string;
  updatedBy: string;
}

/** "value": value/unit/source/note changed (or first write); "status": only the status changed. */
export type RevisionChange = "value" | "status";

export interface ObservationRevision extends ObservationKey {
  revision: number;
  change: RevisionChange;
  value: number;
  unit: string | null;
  source: string | null;
  note: string | null;
  status: ObservationStatus;
  author: string;
  createdAt: string;
  reason: string | null;
  sourceFile: string | null;
  sourceRow: number | null;
  importId: string | null;
}

export interface ObservationQuery {
  regionCodes?: string[];
  /** a region code: that region and its whole subtree */
  subtreeOf?: string;
  level?: RegionLevel;
  indicators?: string[];
  fromYear?: number;
  toYear?: number;
  status?: ObservationStatus | ObservationStatus[];
  limit?: number;
  offset?: number;
}

export interface StatusMeta {
  author: string;
  reason?: string | null;
  at?: string;
}

export interface StatusChangeCounts {
  /** observations whose status changed (one status revision each) */
  changed: number;
  /** already in that status */
  unchanged: number;
  /** keys with no observation */
  missing: ObservationKey[];
}

// ───────────────────────────── imports ─────────────────────────────

export interface ImportRecord {
  id: string;
  fileName: string;
  format: string;
  kind: string;
  actor: string;
  startedAt: string;
  rowCount: number;
  dryRun: boolean;
  summary: unknown;
}

export type ImportInput = Omit<ImportRecord, "id" | "startedAt" | "rowCount" | "dryRun" | "summary"> &
  Partial<Pick<ImportRecord, "id" | "startedAt" | "rowCount" | "dryRun" | "summary">>;

// ───────────────────────────── accounts ─────────────────────────────

export interface User {
  id: number;
  username: string;
  passwordHash: string;
  displayName: string | null;
  disabled: boolean;
  failedLogins: number;
  lockedUntil: string | null;
  createdAt: string;
}

export interface UserInput {
  username: string;
  passwordHash: string;
  displayName?: string | null;
  disabled?: boolean;
  createdAt?: string;
}

export type UserPatch = Partial<
  Pick<User, "passwordHash" | "displayName" | "disabled" | "failedLogins" | "lockedUntil">
>;

export interface GrantRow {
  userId: number;
  /** a services Role ("admin", "analyst", "data-entry", "approver", "viewer") */
  role: string;
  regionCode: string;
}

export interface Session {
  /** hash of the cookie value; the raw id is never stored */
  idHash: string;
  userId: number;
  csrfToken: string;
  createdAt: string;
  expiresAt: string;
}

export interface ApiToken {
  id: string;
  userId: number;
  tokenHash: string;
  name: string;
  /** narrowing: a role below the owner's, and/or a region inside the owner's scope */
  role: string | null;
  regionCode: string | null;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

export type ApiTokenInput = Omit<
  ApiToken,
  "id" | "createdAt" | "lastUsedAt" | "revokedAt" | "role" | "regionCode"
> &
  Partial<Pick<ApiToken, "id" | "createdAt" | "role" | "regionCode">>;

// ───────────────────────────── audit ─────────────────────────────

export interface AuditEntry {
  id: number;
  at: string;
  actor: string;
  /** "user" | "token" | "system" | "anonymous" */
  actorKind: string;
  action: string;
  targetType: string | null;
  targetId: string | null;
  regionCode: string | null;
  before: unknown;
  after: unknown;
  ip: string | null;
}

export type AuditInput = Omit<
  AuditEntry,
  "id" | "at" | "targetType" | "targetId" | "regionCode" | "before" | "after" | "ip"
> &
  Partial<Pick<AuditEntry, "at" | "targetType" | "targetId" | "regionCode" | "before" | "after" | "ip">>;

export interface AuditQuery {
  /** keep entries whose region code starts with one of these (subtree prefixes, see @ronghe/core subtreePrefix) */
  regionPrefixes?: string[];
  actor?: string;
  action?: string;
  /** inclusive ISO timestamps */
  from?: string;
  to?: string;
  limit?: number;
  offset?: number;
}

// ───────────────────────────── evaluation runs ─────────────────────────────

export interface EvaluationRun {
  id: string;
  runHash: string;
  inputsHash: string;
  schemeName: string;
  scheme: unknown;
  params: unknown;
  engineVersion: string;
  createdAt: string;
  actor: string;
  regionCode: string | null;
  status: string;
  summary: unknown;
}

export type EvaluationRunInput = Omit<
  EvaluationRun,
  "id" | "createdAt" | "status" | "summary" | "regionCode"
> &
  Partial<Pick<EvaluationRun, "id" | "createdAt" | "status" | "summary" | "regionCode">>;

export interface EvaluationResult {
  regionCode: string;
  year: number;
  payload: unknown;
}

// ───────────────────────────── jobs ─────────────────────────────

export const JOB_STATUSES = ["queued", "running", "succeeded", "failed", "cancelled"] as const;
export type JobStatus = (typeof JOB_STATUSES)[number];

export interface Job {
  id: string;
  kind: string;
  status: JobStatus;
  progress: number;
  total: number | null;
  message: string | null;
  result: unknown;
  error: unknown;
  createdAt: string;
  updatedAt: string;
  actor: string;
}

export interface JobInput {
  kind: string;
  actor: string;
  id?: string;
  status?: JobStatus;
  total?: number | null;
  message?: string | null;
  createdAt?: string;
}

export type JobPatch = Partial<
  Pick<Job, "status" | "progress" | "total" | "message" | "result" | "error">
> & {
  updatedAt?: string;
};

// ───────────────────────────── plans and warnings ─────────────────────────────

export interface Plan {
  id: string;
  name: string;
  /** an illustrative (non-official) plan, e.g. the demo */
  illustrative: boolean;
  regionCode: string;
  /** the whole plan with its targets; validated by @ronghe/monitor, opaque here */
  document: unknown;
  createdAt: string;
  actor: string;
}

export type PlanInput = Omit<Plan, "id" | "createdAt"> & Partial<Pick<Plan, "id" | "createdAt">>;

export const WARNING_STATUSES = ["open", "assigned", "closed"] as const;
export type WarningStatus = (typeof WARNING_STATUSES)[number];

export interface PlanWarning {
  id: string;
  planId: string;
  targetId: string | null;
  regionCode: string;
  kind: string;
  status: WarningStatus;
  assignee: string | null;
  evidence: unknown;
  /** a list of comments, shape decided by the monitor service */
  comments: unknown;
  createdAt: string;
  updatedAt: string;
}

export type PlanWarningInput = Omit<
  PlanWarning,
  "id" | "status" | "assignee" | "comments" | "createdAt" | "updatedAt" | "targetId"
> &
  Partial<Pick<PlanWarning, "id" | "status" | "assignee" | "comments" | "createdAt" | "targetId">>;

export type PlanWarningPatch = Partial<Pick<PlanWarning, "status" | "assignee" | "evidence" | "comments">> & {
  updatedAt?: string;
};

export interface WarningQuery {
  planId?: string;
  targetId?: string;
  status?: WarningStatus | WarningStatus[];
  regionPrefixes?: string[];
  limit?: number;
}

// ───────────────────────────── the store ─────────────────────────────

export interface RawResult {
  rows: Record<string, unknown>[];
}

export interface StoreVersions {
  data: number;
  auth: number;
}

export interface Store {
  readonly kind: StoreKind;

  /** Runs `fn` all-or-nothing. Nested calls use savepoints. */
  transaction<T>(fn: (tx: Store) => Promise<T>): Promise<T>;
  close(): Promise<void>;
  /** For benchmarks and tools only: dialect-native SQL (`?` placeholders on SQLite, `$1` on PostgreSQL). */
  raw(sql: string, params?: readonly unknown[]): Promise<RawResult>;
  /**
   * A counter that every data-changing method (observations and their status, regions, geometry, indicators,
   * evaluation runs, plans, warnings) increases inside its own transaction. Equal values mean no such change was
   * committed in between, by this process or any other using the same database. Reads never change it.
   */
  dataVersion(): Promise<number>;
  /**
   * The data version and the auth version, read in one query. The auth version moves, inside the change's own
   * transaction, whenever something changes what an already resolved session or API token may do: a user's
   * `disabled` flag, a grant added or removed, a session deleted, a token revoked. Creating users, sessions or
   * tokens and per-use bookkeeping (failed logins, lockouts, a token's last use) leave it alone.
   */
  versions(): Promise<StoreVersions>;

  // regions
  upsertRegions(regions: readonly RegionInput[], onProgress?: ProgressCallback): Promise<UpsertCounts>;
  getRegion(code: string): Promise<Region | null>;
  /** in the order of `codes`, missing ones left out */
  getRegions(codes: readonly string[]): Promise<Region[]>;
  /** which of these codes are stored regions (imports check tens of thousands at once) */
  presentRegionCodes(codes: readonly string[]): Promise<Set<string>>;
  /** root first (province … parent); empty for a province or an unknown code */
  ancestors(code: string): Promise<Region[]>;
  /** direct children, ordered by statCode */
  children(code: string): Promise<Region[]>;
  /** the strict subtree (the region itself excluded), ordered by statCode */
  descendants(code: string, options?: DescendantsOptions): Promise<Region[]>;
  countDescendants(code: string, options?: { level?: RegionLevel }): Promise<number>;
  /** all regions of a level (e.g. the provinces), ordered by statCode */
  listRegions(options?: { level?: RegionLevel; limit?: number; offset?: number }): Promise<Region[]>;
  /** Chinese name substring, shallow levels first */
  searchRegions(text: string, options?: SearchRegionsOptions): Promise<Region[]>;
  setRegionGeometry(
    updates: readonly RegionGeometryUpdate[],
  ): Promise<{ updated: number; missing: string[] }>;
  countRegions(): Promise<Record<RegionLevel, number>>;

  // indicators
  upsertIndicators(indicators: readonly Indicator[]): Promise<UpsertCounts>;
  getIndicator(code: string): Promise<Indicator | null>;
  listIndicators(): Promise<Indicator[]>;

  // observations
  /**
   * One transaction, all or nothing. Same key twice with different content in one call →
   * RongheError("conflicting_duplicate"); an unknown region or indicator → "unknown_region" / "unknown_indicator";
   * a non-finite value → "invalid_input".
   */
  writeObservations(rows: readonly ObservationInput[], meta: WriteMeta): Promise<WriteCounts>;
  /**
   * What writeObservations would do with these rows, row by row (new, revised, unchanged, the value before),
   * by the writer's own comparison, writing nothing: an import's dry run. Keys are validated as for a write;
   * region and indicator references are not (nothing is written, and an unknown one has no stored row).
   */
  classifyObservations(rows: readonly ObservationInput[]): Promise<WriteCounts & { detail: WriteDetail }>;
  /** current values, ordered by region statCode, indicator, period */
  queryObservations(query: ObservationQuery): Promise<Observation[]>;
  /** all revisions, oldest first */
  observationHistory(
    regionCode: string,
    indicatorCode: string,
    period: number,
  ): Promise<ObservationRevision[]>;
  /** Writes a status revision (change "status", same value) for each key whose status differs. */
  setObservationStatus(
    keys: readonly ObservationKey[],
    status: ObservationStatus,
    meta: StatusMeta,
  ): Promise<StatusChangeCounts>;

  // imports
  createImport(record: ImportInput): Promise<ImportRecord>;
  updateImport(id: string, patch: Partial<Pick<ImportRecord, "rowCount" | "summary">>): Promise<ImportRecord>;
  getImport(id: string): Promise<ImportRecord | null>;
  listImports(options?: { limit?: number }): Promise<ImportRecord[]>;

  // users, grants, sessions, tokens
  /** RongheError("already_exists") when the username is taken */
  createUser(user: UserInput): Promise<User>;
  getUser(id: number): Promise<User | null>;
  getUserByUsername(username: string): Promise<User | null>;
  listUsers(): Promise<User[]>;
  updateUser(id: number, patch: UserPatch): Promise<User>;
  addGrant(grant: GrantRow): Promise<void>;
  removeGrant(grant: GrantRow): Promise<boolean>;
  listGrants(userId: number): Promise<GrantRow[]>;
  createSession(session: Session): Promise<void>;
  getSession(idHash: string): Promise<Session | null>;
  deleteSession(idHash: string): Promise<void>;
  deleteUserSessions(userId: number): Promise<number>;
  /** deletes sessions with expiresAt <= now */
  deleteExpiredSessions(now: string): Promise<number>;
  createApiToken(token: ApiTokenInput): Promise<ApiToken>;
  getApiTokenByHash(tokenHash: string): Promise<ApiToken | null>;
  getApiToken(id: string): Promise<ApiToken | null>;
  listApiTokens(userId: number): Promise<ApiToken[]>;
  touchApiToken(id: string, at: string): Promise<void>;
  revokeApiToken(id: string, at: string): Promise<boolean>;

  // audit
  appendAudit(entry: AuditInput): Promise<AuditEntry>;
  /** newest first */
  queryAudit(query: AuditQuery): Promise<AuditEntry[]>;

  // evaluation runs
  saveEvaluationRun(run: EvaluationRunInput, results: readonly EvaluationResult[]): Promise<EvaluationRun>;
  updateEvaluationRun(
    id: string,
    patch: Partial<Pick<EvaluationRun, "status" | "summary">>,
  ): Promise<EvaluationRun>;
  getEvaluationRun(id: string): Promise<EvaluationRun | null>;
  /** newest first */
  listEvaluationRuns(options?: { regionCode?: string; limit?: number }): Promise<EvaluationRun[]>;
  /** ordered by region code, year */
  getEvaluationResults(runId: string): Promise<EvaluationResult[]>;
  /** the newest run with this runHash */
  findRunByHash(runHash: string): Promise<EvaluationRun | null>;

  // jobs
  createJob(job: JobInput): Promise<Job>;
  updateJob(id: string, patch: JobPatch): Promise<Job>;
  getJob(id: string): Promise<Job | null>;
  /** newest first */
  listJobs(options?: { status?: JobStatus | JobStatus[]; kind?: string; limit?: number }): Promise<Job[]>;

  // plans and warnings
  /** insert, or replace the plan with the same id */
  savePlan(plan: PlanInput): Promise<Plan>;
  getPlan(id: string): Promise<Plan | null>;
  listPlans(options?: { regionCode?: string }): Promise<Plan[]>;
  /** deletes the plan and its warnings */
  deletePlan(id: string): Promise<boolean>;
  createWarning(warning: PlanWarningInput): Promise<PlanWarning>;
  updateWarning(id: string, patch: PlanWarningPatch): Promise<PlanWarning>;
  getWarning(id: string): Promise<PlanWarning | null>;
  /** newest first */
  listWarnings(query?: WarningQuery): Promise<PlanWarning[]>;
}
