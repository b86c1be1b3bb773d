// A monitoring warning (@ronghe/monitor's MonitorWarning) in the store's plan_warnings row: kind = type,
// status = state, comments as they are; severity, year, indicator, message, resolution, the event history and
// the finding's evidence go into the evidence JSON.
import type {
  MonitorWarning,
  WarningComment,
  WarningEvent,
  WarningSeverity,
  WarningType,
} from "@ronghe/monitor";
import type { PlanWarning, PlanWarningInput, PlanWarningPatch } from "@ronghe/store";

interface StoredEvidence {
  severity: WarningSeverity;
  year: number;
  indicator: string;
  message: string;
  resolution: string | null;
  history: WarningEvent[];
  data: Record<string, unknown>;
}

/** What the API and CLI show for a warning. */
export interface WarningView {
  id: string;
  planId: string;
  targetId: string;
  region: string;
  regionName: string | null;
  type: WarningType;
  severity: WarningSeverity;
  status: MonitorWarning["state"];
  assignee: string | null;
  year: number;
  indicator: string;
  message: string;
  resolution: string | null;
  evidence: Record<string, unknown>;
  comments: WarningComment[];
  history: WarningEvent[];
  createdAt: string;
  updatedAt: string;
}

export function toMonitorWarning(row: PlanWarning): MonitorWarning {
  const ev = (row.evidence ?? {}) as Partial<StoredEvidence>;
  return {
    id: row.id,
    type: row.kind as WarningType,
    severity: ev.severity ?? "warning",
    state: row.status,
    planId: row.planId,
    targetId: row.targetId ?? "",
    indicator: ev.indicator ?? "",
    region: row.regionCode,
    year: ev.year ?? 0,
    message: ev.message ?? "",
    evidence: ev.data ?? {},
    assignee: row.assignee,
    resolution: ev.resolution ?? null,
    comments: Array.isArray(row.comments) ? (row.comments as WarningComment[]) : [],
    history: ev.history ?? [],
  };
}

function evidenceOf(w: MonitorWarning): StoredEvidence {
  return {
    severity: w.severity,
    year: w.year,
    indicator: w.indicator,
    message: w.message,
    resolution: w.resolution,
    history: w.history,
    data: w.evidence,
  };
}

export function warningInput(w: MonitorWarning, planId: string, at: string): PlanWarningInput {
  return {
    id: w.id,
    planId,
    targetId: w.targetId,
    regionCode: w.region,
    kind: w.type,
    status: w.state,
    assignee: w.assignee,
    evidence: evidenceOf(w),
    comments: w.comments,
    createdAt: at,
  };
}

export function warningPatch(w: MonitorWarning, at: string): PlanWarningPatch {
  return {
    status: w.state,
    assignee: w.assignee,
    evidence: evidenceOf(w),
    comments: w.comments,
    updatedAt: at,
  };
}

export function warningView(row: PlanWarning, regionName: string | null = null): WarningView {
  const w = toMonitorWarning(row);
  return {
    id: w.id,
    planId: row.planId,
    targetId: w.targetId,
    region: w.region,
    regionName,
    type: w.type,
    severity: w.severity,
    status: w.state,
    assignee: w.assignee,
    year: w.year,
    indicator: w.indicator,
    message: w.message,
    resolution: w.resolution,
    evidence: w.evidence,
    comments: w.comments,
    history: w.history,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}
