// How a plan lives in the store. The plans table holds id, name, region and the illustrative flag; its JSON
// `document` holds the validated plan, where it came from, and the monitoring snapshots. The store has no
// table for monitoring runs, so the last recorded evaluation of each as-of year is kept here in compact form:
// enough for the next run to report only what changed (status, latest year, the revisions used).
import { RongheError } from "@ronghe/core";
import {
  DEFAULT_THRESHOLDS,
  type Plan as MonitorPlan,
  STATUSES,
  type Status,
  type TargetEvaluation,
} from "@ronghe/monitor";
import type { Plan as StoredPlan } from "@ronghe/store";

export const PLAN_FILE_FORMATS = ["yaml", "json", "xlsx", "csv"] as const;
export type PlanFileFormat = (typeof PLAN_FILE_FORMATS)[number];

export interface PlanSource {
  fileName: string | null;
  format: PlanFileFormat;
  /** SHA-256 of the imported bytes */
  sha256: string;
  importedAt: string;
  actor: string;
}

/** One target × region of a recorded evaluation. */
export interface SnapshotEntry {
  targetId: string;
  region: string;
  status: Status;
  latestYear: number | null;
  latestValue: number | null;
  progress: number | null;
  /** revision ids of the observations the evaluation used (see load-plan-series.ts) */
  revisions: string[];
}

export interface MonitoringSnapshot {
  asOfYear: number;
  asOfDate: string;
  at: string;
  actor: string;
  results: SnapshotEntry[];
}

export interface PlanDocument {
  version: 1;
  plan: MonitorPlan;
  source: PlanSource;
  /** keyed by as-of year */
  snapshots: Record<string, MonitoringSnapshot>;
}

export function readPlanDocument(stored: StoredPlan): PlanDocument {
  const doc = stored.document as Partial<PlanDocument> | null;
  if (doc?.version !== 1 || !doc.plan || !Array.isArray(doc.plan.targets)) {
    throw new RongheError("invalid_state", `plan ${stored.id} has no readable plan document; re-import it`, {
      planId: stored.id,
    });
  }
  return { version: 1, plan: doc.plan, source: doc.source as PlanSource, snapshots: doc.snapshots ?? {} };
}

export function snapshotOf(results: readonly TargetEvaluation[]): SnapshotEntry[] {
  return results.map((r) => ({
    targetId: r.targetId,
    region: r.region,
    status: r.status,
    latestYear: r.latestYear,
    latestValue: r.latestValue,
    progress: r.progress,
    revisions: r.observations.map((o) => String(o.revisionId ?? `${r.indicator}@${o.year}`)),
  }));
}

/**
 * The snapshot a run compares with: the one of the same as-of year (a re-run after data changed), else the
 * latest earlier year (the previous monitoring round); none when nothing earlier was recorded.
 */
export function previousSnapshot(doc: PlanDocument, asOfYear: number): MonitoringSnapshot | null {
  const same = doc.snapshots[String(asOfYear)];
  if (same) return same;
  let best: MonitoringSnapshot | null = null;
  for (const s of Object.values(doc.snapshots)) {
    if (s.asOfYear < asOfYear && (best === null || s.asOfYear > best.asOfYear)) best = s;
  }
  return best;
}

/**
 * Rebuilds full evaluations from a compact snapshot so that detectWarnings can compare with them. Only the
 * identity, status and latest year come from the snapshot (the fields the comparison reads); the rest is the
 * target's definition, and the observations are left empty.
 */
export function snapshotEvaluations(
  plan: MonitorPlan,
  snapshot: MonitoringSnapshot | null,
): TargetEvaluation[] {
  if (!snapshot) return [];
  const targets = new Map(plan.targets.map((t) => [t.id, t]));
  const out: TargetEvaluation[] = [];
  for (const e of snapshot.results) {
    const t = targets.get(e.targetId);
    if (!t || !(STATUSES as readonly string[]).includes(e.status)) continue;
    out.push({
      planId: plan.id,
      targetId: t.id,
      targetName: t.name,
      indicator: t.indicator,
      region: e.region,
      form: t.form,
      kind: t.kind,
      department: t.department ?? null,
      unit: t.unit ?? null,
      dueMonth: t.dueMonth ?? null,
      asOfYear: snapshot.asOfYear,
      baselineYear: t.baseline.year,
      baselineValue: t.baseline.value ?? null,
      targetYear: t.targetYear,
      targetValue: t.targetValue,
      requiredValue: null,
      latestYear: e.latestYear,
      latestValue: e.latestValue,
      cumulativeValue: null,
      realisedGrowthPct: null,
      progress: e.progress,
      expectedProgress: null,
      projection: null,
      status: e.status,
      reasons: [],
      explanation: "",
      observations: [],
      missingYears: [],
      thresholds: DEFAULT_THRESHOLDS,
    });
  }
  return out;
}
