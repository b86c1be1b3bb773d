// `ronghe monitor --plan ID [--year Y]` and GET /api/plans/{id}/status: evaluate every target of a stored plan
// in every region it applies to (targets × regions grid: status, progress, projection and the observations
// used), then detect early warnings against the previous recorded evaluation of the plan and record the new
// ones. Recording (the snapshot and the warnings) happens only for an actor who may analyze the plan's whole
// region; anyone else who can see the plan gets a read-only view of the regions they may read.
//
// The previous evaluation is the recorded snapshot of the same as-of year (a re-run after the data changed)
// or else of the latest earlier year, so a run reports only what changed since. A finding whose warning is
// still open or assigned is not repeated. A closed warning found again is reopened when something new
// happened (a status change, or a jump on a value with a different revision); a closed missing-report or an
// unchanged jump stays closed.
import { RongheError } from "@ronghe/core";
import {
  detectWarnings,
  evaluatePlan,
  type Plan as MonitorPlan,
  type MonitorWarning,
  reopenWarning,
  STATUS_LABELS_ZH,
  STATUSES,
  type Status,
  type TargetEvaluation,
  type Thresholds,
  targetRegions,
} from "@ronghe/monitor";
import type { ObservationStatus, PlanWarning } from "@ronghe/store";
import { assertCan, can } from "../access.ts";
import { recordAudit } from "../audit/record-audit.ts";
import type { ServiceContext } from "../context.ts";
import { loadPlanSeries } from "./load-plan-series.ts";
import { readsRegion, visiblePlan } from "./plan-access.ts";
import { previousSnapshot, readPlanDocument, snapshotEvaluations, snapshotOf } from "./plan-document.ts";
import {
  toMonitorWarning,
  type WarningView,
  warningInput,
  warningPatch,
  warningView,
} from "./warning-record.ts";

export interface MonitorPlanOptions {
  /** as-of year: later observations are ignored (default: the latest year with data, at most the last target year) */
  year?: number;
  /** YYYY-MM-DD deciding which reports are overdue (default: the earlier of today and 31 Dec of year + 1) */
  asOfDate?: string;
  /** only stored values in these statuses count (default: current values whatever their status) */
  status?: ObservationStatus[];
  /** record the snapshot and warnings (default: when the actor may analyze the plan region; true insists) */
  record?: boolean;
  projection?: { method?: "auto" | "linear" | "compound"; k?: number };
  thresholds?: Partial<Thresholds>;
}

export interface TargetSummary {
  id: string;
  name: string;
  indicator: string;
  form: string;
  kind: string;
  department: string | null;
  unit: string | null;
  region: string;
  appliesToLevel: string | null;
  baselineYear: number;
  baselineValue: number | null;
  targetYear: number;
  targetValue: number;
}

export type StatusResult = TargetEvaluation & { regionName: string; statusLabel: string };

export interface StatusChange {
  targetId: string;
  region: string;
  from: Status | null;
  to: Status;
}

export interface PlanStatusView {
  plan: { id: string; name: string; illustrative: boolean; region: string; description: string | null };
  asOfYear: number;
  asOfDate: string;
  targets: TargetSummary[];
  regions: Array<{ code: string; name: string }>;
  /** one per target × region, in plan order then region code */
  results: StatusResult[];
  counts: Record<Status, number>;
  /** "partial": only the regions the actor may read */
  scope: "complete" | "partial";
  recorded: boolean;
  /** the recorded evaluation this run was compared with */
  previous: { asOfYear: number; at: string } | null;
  /** status differences from `previous` (empty without one) */
  changes: StatusChange[];
  warnings: { opened: WarningView[]; reopened: WarningView[] };
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

export async function monitorPlan(
  ctx: ServiceContext,
  planId: string,
  options: MonitorPlanOptions = {},
): Promise<PlanStatusView> {
  const stored = await visiblePlan(ctx, planId);
  const doc = readPlanDocument(stored);
  const plan = doc.plan;
  const series = await loadPlanSeries(ctx, plan, { status: options.status });

  const lastTargetYear = Math.max(...plan.targets.map((t) => t.targetYear));
  const year = options.year ?? Math.min(series.latestYear ?? lastTargetYear, lastTargetYear);
  if (!Number.isInteger(year) || year < 1900 || year > 2200) {
    throw new RongheError("invalid_input", `year must be an integer between 1900 and 2200, not ${year}`, {
      year,
    });
  }
  const now = new Date().toISOString();
  const today = now.slice(0, 10);
  const asOfDate = options.asOfDate ?? minString(today, `${year + 1}-12-31`);
  if (!ISO_DATE.test(asOfDate) || Number.isNaN(Date.parse(asOfDate))) {
    throw new RongheError("invalid_input", `as-of date must be YYYY-MM-DD, not "${asOfDate}"`, { asOfDate });
  }
  if (asOfDate > today)
    throw new RongheError("invalid_input", `as-of date ${asOfDate} is in the future`, { asOfDate });

  const mayRecord = series.complete && can(ctx.actor, "analyze", plan.region);
  if (options.record === true && !mayRecord) {
    assertCan(ctx.actor, "analyze", plan.region);
    throw new RongheError("forbidden", "recording needs read access to every region of the plan", {});
  }
  const record = options.record !== false && mayRecord;

  // Only targets with at least one readable region are evaluated (a target without `appliesToLevel` is
  // evaluated for its own region).
  const evaluable: MonitorPlan = {
    ...plan,
    targets: plan.targets.filter((t) =>
      t.appliesToLevel
        ? series.regions.length > 0 && targetRegions(plan, t, series.regions).length > 0
        : readsRegion(ctx.actor, t.region ?? plan.region),
    ),
  };
  const evaluation = evaluatePlan(evaluable, series.provider, {
    asOfYear: year,
    regions: series.regions,
    ...(options.projection ? { projection: options.projection } : {}),
    ...(options.thresholds ? { thresholds: options.thresholds } : {}),
  });
  const results = evaluation.results;

  const snapshot = previousSnapshot(doc, year);
  const previous = snapshotEvaluations(plan, snapshot);
  const prevStatus = new Map(previous.map((e) => [`${e.targetId}|${e.region}`, e.status]));
  const changes: StatusChange[] = [];
  if (snapshot) {
    for (const r of results) {
      const from = prevStatus.get(`${r.targetId}|${r.region}`) ?? null;
      if (from !== r.status) changes.push({ targetId: r.targetId, region: r.region, from, to: r.status });
    }
  }

  const opened: PlanWarning[] = [];
  const reopened: PlanWarning[] = [];
  if (record) {
    const known = await ctx.store.listWarnings({ planId: plan.id, limit: 1_000_000 });
    const byId = new Map(known.map((w) => [w.id, w]));
    const live: MonitorWarning[] = known.filter((w) => w.status !== "closed").map(toMonitorWarning);
    const found = detectWarnings(previous, results, series.provider, {
      asOfDate,
      existing: live,
      actor: ctx.actor.username,
    });
    await ctx.store.transaction(async (tx) => {
      for (const f of found) {
        const old = byId.get(f.id);
        if (!old) {
          opened.push(await tx.createWarning(warningInput(f, plan.id, now)));
          continue;
        }
        if (!foundAgain(old, f)) continue;
        const again = reopenWarning(toMonitorWarning(old), {
          actor: ctx.actor.username,
          at: now,
          reason: "再次出现 / found again",
        });
        const merged: MonitorWarning = {
          ...again,
          message: f.message,
          severity: f.severity,
          evidence: f.evidence,
        };
        reopened.push(await tx.updateWarning(old.id, warningPatch(merged, now)));
      }
      // The snapshot goes into the plan document, read again inside the transaction so that a concurrent
      // import is not overwritten with stale content.
      const current = await tx.getPlan(plan.id);
      if (!current)
        throw new RongheError("not_found", `规划不存在 / no plan ${plan.id}`, { planId: plan.id });
      const fresh = readPlanDocument(current);
      fresh.snapshots[String(year)] = {
        asOfYear: year,
        asOfDate,
        at: now,
        actor: ctx.actor.username,
        results: snapshotOf(results),
      };
      await tx.savePlan({ ...current, document: fresh });
      await recordAudit(tx, ctx.actor, {
        action: "monitor.run",
        targetType: "plan",
        targetId: plan.id,
        regionCode: plan.region,
        after: {
          asOfYear: year,
          asOfDate,
          results: results.length,
          changes: changes.length,
          opened: opened.map((w) => w.id),
          reopened: reopened.map((w) => w.id),
        },
      });
    });
  }

  const counts = Object.fromEntries(STATUSES.map((s) => [s, 0])) as Record<Status, number>;
  for (const r of results) counts[r.status]++;
  const name = (code: string) => series.regionNames.get(code) ?? code;
  const regionCodes = [...new Set(results.map((r) => r.region))].sort();
  return {
    plan: {
      id: plan.id,
      name: plan.name,
      illustrative: plan.illustrative,
      region: plan.region,
      description: plan.description ?? null,
    },
    asOfYear: year,
    asOfDate,
    targets: evaluable.targets.map((t) => ({
      id: t.id,
      name: t.name,
      indicator: t.indicator,
      form: t.form,
      kind: t.kind,
      department: t.department ?? null,
      unit: t.unit ?? null,
      region: t.region ?? plan.region,
      appliesToLevel: t.appliesToLevel ?? null,
      baselineYear: t.baseline.year,
      baselineValue: t.baseline.value ?? null,
      targetYear: t.targetYear,
      targetValue: t.targetValue,
    })),
    regions: regionCodes.map((code) => ({ code, name: name(code) })),
    results: results.map((r) => ({
      ...r,
      regionName: name(r.region),
      statusLabel: STATUS_LABELS_ZH[r.status],
    })),
    counts,
    scope: series.complete ? "complete" : "partial",
    recorded: record,
    previous: snapshot ? { asOfYear: snapshot.asOfYear, at: snapshot.at } : null,
    changes,
    warnings: {
      opened: opened.map((w) => warningView(w, name(w.regionCode))),
      reopened: reopened.map((w) => warningView(w, name(w.regionCode))),
    },
  };
}

/** A closed warning found again: reopen it only when something new happened (see the header). */
function foundAgain(old: PlanWarning, finding: MonitorWarning): boolean {
  if (old.status !== "closed") return false;
  if (finding.type === "status_change") return true;
  if (finding.type === "implausible_jump") {
    return toMonitorWarning(old).evidence.revisionId !== finding.evidence.revisionId;
  }
  return false;
}

function minString(a: string, b: string): string {
  return a < b ? a : b;
}
