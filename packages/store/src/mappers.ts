// Row ↔ domain mappers, shared by both dialects (rows.ts explains why one set suffices).
import type { RegionLevel } from "@ronghe/core";
import type {
  ApiTokenRow,
  AuditRow,
  EvaluationRunRow,
  ImportRow,
  IndicatorRow,
  JobRow,
  ObservationRevisionView,
  ObservationView,
  PlanRow,
  RegionRow,
  SessionRow,
  UserRow,
  WarningRow,
} from "./rows.ts";
import type {
  Aggregation,
  ApiToken,
  AuditEntry,
  EvaluationRun,
  ImportRecord,
  Indicator,
  IndicatorDirection,
  IndicatorRole,
  Job,
  JobStatus,
  Observation,
  ObservationRevision,
  ObservationStatus,
  Plan,
  PlanWarning,
  Region,
  RevisionChange,
  Session,
  User,
  WarningStatus,
} from "./store.ts";

type Selected<T> = { [K in keyof T]: T[K] extends import("kysely").Generated<infer U> ? U : T[K] };

/** SQL NULL for undefined/null, JSON text otherwise. */
export function toJson(value: unknown): string | null {
  return value === undefined || value === null ? null : JSON.stringify(value);
}

export function fromJson(text: string | null): unknown {
  return text === null ? null : JSON.parse(text);
}

/** PostgreSQL returns bigint aggregates as strings; SQLite as numbers. */
export function toNumber(value: unknown): number {
  return typeof value === "number" ? value : Number(value);
}

const nullableNumber = (value: unknown): number | null =>
  value === null || value === undefined ? null : toNumber(value);

export function toRegion(row: RegionRow & { has_geometry?: number | string | null }): Region {
  return {
    code: row.code,
    statCode: row.stat_code,
    parentCode: row.parent_code,
    level: row.level as RegionLevel,
    name: row.name,
    kind: row.kind,
    kindOverridden: toNumber(row.kind_overridden) === 1,
    urClass: row.ur_class,
    urClassYear: nullableNumber(row.ur_class_year),
    lng: nullableNumber(row.lng),
    lat: nullableNumber(row.lat),
    geometry: row.geometry,
    hasGeometry: row.geometry !== null || toNumber(row.has_geometry ?? 0) === 1,
    geometrySource: row.geometry_source,
  };
}

export function fromIndicator(ind: Indicator): IndicatorRow {
  return {
    code: ind.code,
    name_zh: ind.nameZh,
    name_en: ind.nameEn ?? null,
    unit: ind.unit,
    direction: ind.direction,
    dimension: ind.dimension ?? null,
    role: ind.role,
    levels: ind.levels.join(","),
    aggregation: ind.aggregation,
    weight_indicator: ind.weightIndicator ?? null,
    formula: ind.formula ?? null,
    description: ind.description ?? null,
    source: ind.source ?? null,
    builtin: ind.builtin ? 1 : 0,
    notes: ind.notes ?? null,
  };
}

export function toIndicator(row: IndicatorRow): Indicator {
  return {
    code: row.code,
    nameZh: row.name_zh,
    nameEn: row.name_en,
    unit: row.unit,
    direction: row.direction as IndicatorDirection,
    dimension: row.dimension,
    role: row.role as IndicatorRole,
    levels: row.levels === "" ? [] : (row.levels.split(",") as RegionLevel[]),
    aggregation: row.aggregation as Aggregation,
    weightIndicator: row.weight_indicator,
    formula: row.formula,
    description: row.description,
    source: row.source,
    builtin: toNumber(row.builtin) === 1,
    notes: row.notes,
  };
}

export function toObservation(row: ObservationView): Observation {
  return {
    regionCode: row.region_code,
    indicatorCode: row.indicator_code,
    period: toNumber(row.period),
    value: toNumber(row.value),
    unit: row.unit,
    source: row.source,
    note: row.note,
    status: row.status as ObservationStatus,
    revision: toNumber(row.revision),
    updatedAt: row.updated_at,
    updatedBy: row.updated_by,
  };
}

export function toRevision(row: ObservationRevisionView): ObservationRevision {
  return {
    regionCode: row.region_code,
    indicatorCode: row.indicator_code,
    period: toNumber(row.period),
    revision: toNumber(row.revision),
    change: row.change as RevisionChange,
    value: toNumber(row.value),
    unit: row.unit,
    source: row.source,
    note: row.note,
    status: row.status as ObservationStatus,
    author: row.author,
    createdAt: row.created_at,
    reason: row.reason,
    sourceFile: row.source_file,
    sourceRow: nullableNumber(row.source_row),
    importId: row.import_id,
  };
}

export function toImport(row: ImportRow): ImportRecord {
  return {
    id: row.id,
    fileName: row.file_name,
    format: row.format,
    kind: row.kind,
    actor: row.actor,
    startedAt: row.started_at,
    rowCount: toNumber(row.row_count),
    dryRun: toNumber(row.dry_run) === 1,
    summary: fromJson(row.summary_json),
  };
}

export function toUser(row: Selected<UserRow>): User {
  return {
    id: toNumber(row.id),
    username: row.username,
    passwordHash: row.password_hash,
    displayName: row.display_name,
    disabled: toNumber(row.disabled) === 1,
    failedLogins: toNumber(row.failed_logins),
    lockedUntil: row.locked_until,
    createdAt: row.created_at,
  };
}

export function toSession(row: SessionRow): Session {
  return {
    idHash: row.id_hash,
    userId: toNumber(row.user_id),
    csrfToken: row.csrf_token,
    createdAt: row.created_at,
    expiresAt: row.expires_at,
  };
}

export function toApiToken(row: ApiTokenRow): ApiToken {
  return {
    id: row.id,
    userId: toNumber(row.user_id),
    tokenHash: row.token_hash,
    name: row.name,
    role: row.role,
    regionCode: row.region_code,
    createdAt: row.created_at,
    lastUsedAt: row.last_used_at,
    revokedAt: row.revoked_at,
  };
}

export function toAudit(row: Selected<AuditRow>): AuditEntry {
  return {
    id: toNumber(row.id),
    at: row.at,
    actor: row.actor,
    actorKind: row.actor_kind,
    action: row.action,
    targetType: row.target_type,
    targetId: row.target_id,
    regionCode: row.region_code,
    before: fromJson(row.before_json),
    after: fromJson(row.after_json),
    ip: row.ip,
  };
}

export function toEvaluationRun(row: EvaluationRunRow): EvaluationRun {
  return {
    id: row.id,
    runHash: row.run_hash,
    inputsHash: row.inputs_hash,
    schemeName: row.scheme_name,
    scheme: fromJson(row.scheme_json),
    params: fromJson(row.params_json),
    engineVersion: row.engine_version,
    createdAt: row.created_at,
    actor: row.actor,
    regionCode: row.region_code,
    status: row.status,
    summary: fromJson(row.summary_json),
  };
}

export function toJob(row: JobRow): Job {
  return {
    id: row.id,
    kind: row.kind,
    status: row.status as JobStatus,
    progress: toNumber(row.progress),
    total: nullableNumber(row.total),
    message: row.message,
    result: fromJson(row.result_json),
    error: fromJson(row.error_json),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    actor: row.actor,
  };
}

export function toPlan(row: PlanRow): Plan {
  return {
    id: row.id,
    name: row.name,
    illustrative: toNumber(row.illustrative) === 1,
    regionCode: row.region_code,
    document: fromJson(row.document_json),
    createdAt: row.created_at,
    actor: row.actor,
  };
}

export function toWarning(row: WarningRow): PlanWarning {
  return {
    id: row.id,
    planId: row.plan_id,
    targetId: row.target_id,
    regionCode: row.region_code,
    kind: row.kind,
    status: row.status as WarningStatus,
    assignee: row.assignee,
    evidence: fromJson(row.evidence_json),
    comments: fromJson(row.comments_json),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}
