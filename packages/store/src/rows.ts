// Row types: the tables as SQL sees them (snake_case). Booleans are 0/1 integers and JSON is text in both
// dialects, so one set of mappers (mappers.ts) serves SQLite and PostgreSQL alike. Timestamps are ISO-8601 text.
import type { Generated } from "kysely";

export interface RegionRow {
  code: string;
  stat_code: string;
  parent_code: string | null;
  level: string;
  name: string;
  kind: string | null;
  kind_overridden: number;
  ur_class: string | null;
  ur_class_year: number | null;
  lng: number | null;
  lat: number | null;
  geometry: string | null;
  geometry_source: string | null;
}

export interface IndicatorRow {
  code: string;
  name_zh: string;
  name_en: string | null;
  unit: string;
  direction: string;
  dimension: string | null;
  role: string;
  /** comma-separated RegionLevel list */
  levels: string;
  aggregation: string;
  weight_indicator: string | null;
  formula: string | null;
  description: string | null;
  source: string | null;
  builtin: number;
  notes: string | null;
}

/** One change set: the provenance shared by every revision one write or status change made (migration 0005). */
export interface ObservationChangeRow {
  id: Generated<number>;
  at: string;
  author: string;
  /** "value" | "status" */
  change: string;
  reason: string | null;
  source_file: string | null;
  import_id: string | null;
}

/** The current revision of an observation; its provenance is its change set's. */
export interface ObservationRow {
  region_code: string;
  indicator_code: string;
  period: number;
  revision: number;
  value: number;
  unit: string | null;
  source: string | null;
  note: string | null;
  status: string;
  change_id: number;
  /** the row's own source file where it differs from its change set's; NULL: the change set's */
  source_file_override: string | null;
  source_row: number | null;
}

/** A superseded revision (same columns as ObservationRow); the latest one is the current row in `observations`. */
export type ObservationRevisionRow = ObservationRow;

/** A revision with its change set's provenance, as history reads return it. */
export interface ObservationRevisionView {
  region_code: string;
  indicator_code: string;
  period: number;
  revision: number;
  change: string;
  value: number;
  unit: string | null;
  source: string | null;
  note: string | null;
  status: string;
  author: string;
  created_at: string;
  reason: string | null;
  source_file: string | null;
  source_row: number | null;
  import_id: string | null;
}

/** A current value as queryObservations reads it (updated_at / updated_by: its change set's time and author). */
export interface ObservationView {
  region_code: string;
  indicator_code: string;
  period: number;
  value: number;
  unit: string | null;
  source: string | null;
  note: string | null;
  status: string;
  revision: number;
  updated_at: string;
  updated_by: string;
}

export interface ImportRow {
  id: string;
  file_name: string;
  format: string;
  kind: string;
  actor: string;
  started_at: string;
  row_count: number;
  dry_run: number;
  summary_json: string | null;
}

export interface UserRow {
  id: Generated<number>;
  username: string;
  password_hash: string;
  display_name: string | null;
  disabled: number;
  failed_logins: number;
  locked_until: string | null;
  created_at: string;
}

export interface GrantDbRow {
  user_id: number;
  role: string;
  region_code: string;
}

export interface SessionRow {
  id_hash: string;
  user_id: number;
  csrf_token: string;
  created_at: string;
  expires_at: string;
}

export interface ApiTokenRow {
  id: string;
  user_id: number;
  token_hash: string;
  name: string;
  role: string | null;
  region_code: string | null;
  created_at: string;
  last_used_at: string | null;
  revoked_at: string | null;
}

export interface AuditRow {
  id: Generated<number>;
  at: string;
  actor: string;
  actor_kind: string;
  action: string;
  target_type: string | null;
  target_id: string | null;
  region_code: string | null;
  before_json: string | null;
  after_json: string | null;
  ip: string | null;
}

export interface EvaluationRunRow {
  id: string;
  run_hash: string;
  inputs_hash: string;
  scheme_name: string;
  scheme_json: string | null;
  params_json: string | null;
  engine_version: string;
  created_at: string;
  actor: string;
  region_code: string | null;
  status: string;
  summary_json: string | null;
}

export interface EvaluationResultRow {
  run_id: string;
  region_code: string;
  year: number;
  payload_json: string | null;
}

export interface JobRow {
  id: string;
  kind: string;
  status: string;
  progress: number;
  total: number | null;
  message: string | null;
  result_json: string | null;
  error_json: string | null;
  created_at: string;
  updated_at: string;
  actor: string;
}

export interface PlanRow {
  id: string;
  name: string;
  illustrative: number;
  region_code: string;
  document_json: string | null;
  created_at: string;
  actor: string;
}

export interface WarningRow {
  id: string;
  plan_id: string;
  target_id: string | null;
  region_code: string;
  kind: string;
  status: string;
  assignee: string | null;
  evidence_json: string | null;
  comments_json: string | null;
  created_at: string;
  updated_at: string;
}

export interface SchemaMigrationRow {
  name: string;
  applied_at: string;
}

export interface Database {
  regions: RegionRow;
  indicators: IndicatorRow;
  observation_changes: ObservationChangeRow;
  observations: ObservationRow;
  observation_revisions: ObservationRevisionRow;
  imports: ImportRow;
  users: UserRow;
  grants: GrantDbRow;
  sessions: SessionRow;
  api_tokens: ApiTokenRow;
  audit: AuditRow;
  evaluation_runs: EvaluationRunRow;
  evaluation_results: EvaluationResultRow;
  jobs: JobRow;
  plans: PlanRow;
  plan_warnings: WarningRow;
  schema_migrations: SchemaMigrationRow;
  data_version: DataVersionRow;
}

export interface DataVersionRow {
  id: number;
  /** bigint: PostgreSQL returns it as a string */
  version: number | string;
  /** bigint, bumped by changes to who may do what (migration 0003) */
  auth_version: number | string;
}
