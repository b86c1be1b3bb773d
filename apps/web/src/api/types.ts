// Response shapes of the REST API (notes/api.md). Kept here until packages/api-contract exports them.
import type { RegionLevel } from "@ronghe/core";

export type { RegionLevel };

export interface Grant {
  role: "admin" | "analyst" | "data-entry" | "approver" | "viewer" | string;
  regionCode: string;
}

export interface SessionUser {
  username: string;
  displayName?: string | null;
  grants: Grant[];
}

export interface SessionBody {
  user: SessionUser;
  csrfToken: string;
}

export interface Region {
  code: string;
  name: string;
  level: RegionLevel;
  kind?: string | null;
  parentCode?: string | null;
  urClass?: string | null;
  lng?: number | null;
  lat?: number | null;
  hasGeometry?: boolean;
}

export interface Indicator {
  code: string;
  nameZh: string;
  nameEn: string;
  unit: string;
  direction: "+" | "-" | string;
  dimension?: string | null;
  role?: string | null;
  levels?: string[] | string | null;
  aggregation?: string | null;
  formula?: string | null;
}

export interface Observation {
  regionCode: string;
  regionName?: string;
  indicator: string;
  period: string | number;
  value: number | null;
  unit: string;
  status?: string;
  revision?: number;
  derived?: boolean;
  rolledUp?: boolean;
  source?: string | null;
}

export interface RegionFeatureProps {
  code: string;
  name: string;
  level: RegionLevel;
  kind?: string | null;
  urClass?: string | null;
}

export type RegionFeatures = GeoJSON.FeatureCollection<GeoJSON.Geometry, RegionFeatureProps>;

export interface ImportRowError {
  file?: string;
  row?: number | null;
  column?: string | null;
  value?: unknown;
  reason: string;
  code?: string;
}

export interface ImportSummary {
  rows: number;
  inserted: number;
  revised: number;
  unchanged: number;
  normalisedNumbers?: number;
}

export interface Scheme {
  name: string;
  title?: string;
  regionCode?: string;
  level?: RegionLevel;
  years?: number[] | string | { from: number; to: number } | null;
  /** the scheme itself, when the server lists whole schemes */
  scheme?: Record<string, unknown> | null;
}

export interface Job {
  id: string;
  kind: string;
  status: "queued" | "running" | "done" | "failed";
  progress: number;
  total: number | null;
  message?: string | null;
  result?: unknown;
  error?: { code: string; message: string } | null;
}

export interface EvaluationResult {
  regionCode: string;
  regionName: string;
  year: number;
  index: number | null;
  rank: number | null;
  subsystems?: { urban?: number | null; rural?: number | null } | null;
  coupling?: number | null;
  coordination?: number | null;
  level?: number | null;
  levelName?: string | null;
  obstacles?: { indicator: string; name?: string | null; value: number | null }[] | null;
}

export interface RankUncertainty {
  regionCode: string;
  year?: number;
  medianRank: number;
  p5: number;
  p95: number;
}

export interface EvaluationRun {
  id: string;
  scheme?: string | { name?: string; title?: string } | null;
  schemeName?: string | null;
  title?: string | null;
  regionCode?: string | null;
  level?: RegionLevel | null;
  status?: string;
  createdAt?: string | null;
  finishedAt?: string | null;
  /** all the run's years, also when `results` holds one year only */
  years?: number[] | null;
  /** the year `results` and `uncertainty` are restricted to (a year view); absent for the whole run */
  year?: number | null;
  results?: EvaluationResult[];
  uncertainty?: RankUncertainty[] | null;
  /** while published: who published it, when and why */
  publication?: { publishedAt: string | null; publishedBy: string | null; reason: string | null } | null;
  runHash?: string | null;
}

export interface ApprovalItem {
  regionCode: string;
  regionName?: string;
  period: string | number;
  indicators?: string[];
  count?: number;
  submittedBy?: string;
  submittedAt?: string;
}

export interface AuditEntry {
  id?: string | number;
  at?: string;
  time?: string;
  actor?: string | null;
  action: string;
  target?: string | null;
  targetType?: string | null;
  targetId?: string | null;
  regionCode?: string | null;
  ip?: string | null;
  before?: unknown;
  after?: unknown;
  details?: unknown;
  ok?: boolean;
}

export interface Items<T> {
  items: T[];
  total?: number;
}

// Monitoring (docs/monitoring.md). Shapes of @ronghe/services' PlanStatusView and WarningView.

export type TargetStatus = "achieved" | "on_track" | "at_risk" | "off_track" | "no_data" | "not_assessable";
export type TargetKind = "binding" | "expected";
export type TargetForm =
  | "level_at_least"
  | "level_at_most"
  | "avg_annual_growth_at_least"
  | "cumulative_at_least"
  | "ratio_at_most"
  | "share_at_least";

export interface PlanListItem {
  id: string;
  name: string;
  illustrative: boolean;
  region: string;
  regionName: string | null;
  targets: number;
  departments: string[];
  monitoredYears: number[];
  createdAt?: string;
  actor?: string;
}

export interface PlanTargetSummary {
  id: string;
  name: string;
  indicator: string;
  form: TargetForm | string;
  kind: TargetKind | string;
  department: string | null;
  unit: string | null;
  region: string;
  appliesToLevel: string | null;
  baselineYear: number;
  baselineValue: number | null;
  targetYear: number;
  targetValue: number;
}

export interface UsedObservation {
  year: number;
  value: number;
  revisionId?: string | number;
  sourceId?: string;
  roles: string[];
}

export interface TargetProjection {
  method: "linear_ols" | "log_linear_ols" | string;
  years: number[];
  slope: number;
  annualGrowthPct: number | null;
  year: number;
  value: number;
  meetsTarget: boolean;
  missShare: number | null;
}

export interface TargetResult {
  planId: string | null;
  targetId: string;
  targetName: string;
  indicator: string;
  region: string;
  regionName: string;
  form: TargetForm | string;
  kind: TargetKind | string;
  department: string | null;
  unit: string | null;
  dueMonth: number | null;
  asOfYear: number;
  baselineYear: number;
  baselineValue: number | null;
  targetYear: number;
  targetValue: number;
  requiredValue: number | null;
  latestYear: number | null;
  latestValue: number | null;
  cumulativeValue: number | null;
  realisedGrowthPct: number | null;
  progress: number | null;
  expectedProgress: number | null;
  projection: TargetProjection | null;
  status: TargetStatus;
  statusLabel: string;
  reasons: string[];
  explanation: string;
  observations: UsedObservation[];
  missingYears: number[];
}

export interface PlanStatus {
  plan: { id: string; name: string; illustrative: boolean; region: string; description: string | null };
  asOfYear: number;
  asOfDate: string;
  targets: PlanTargetSummary[];
  regions: { code: string; name: string }[];
  results: TargetResult[];
  counts: Record<TargetStatus, number>;
  scope: "complete" | "partial";
  recorded: boolean;
  previous: { asOfYear: number; at: string } | null;
  changes: { targetId: string; region: string; from: TargetStatus | null; to: TargetStatus }[];
  warnings: { opened: MonitorWarning[]; reopened: MonitorWarning[] };
}

export type WarningType = "status_change" | "missing_report" | "implausible_jump";
export type WarningStatus = "open" | "assigned" | "closed";

export interface MonitorWarning {
  id: string;
  planId: string;
  targetId: string;
  region: string;
  regionName: string | null;
  type: WarningType | string;
  severity: "alarm" | "warning" | string;
  status: WarningStatus;
  assignee: string | null;
  year: number;
  indicator: string;
  message: string;
  resolution: string | null;
  evidence: Record<string, unknown>;
  comments: { actor: string; at: string; text: string }[];
  history: { action: string; actor: string; at: string; assignee?: string; text?: string }[];
  createdAt: string;
  updatedAt: string;
}

/** result of a report job (GET /api/jobs/{id} when done) */
export interface ReportJobResult {
  fileName: string;
  format: "pdf" | "html";
  bytes: number;
  pages: number | null;
  runId: string;
  runHash: string;
  regionCode: string;
  year: number;
}
