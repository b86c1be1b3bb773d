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
  years?: number[] | null;
  results?: EvaluationResult[];
  uncertainty?: RankUncertainty[] | null;
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
