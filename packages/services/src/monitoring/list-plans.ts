// Reading stored plans: the list (visible ones only) and one plan with its targets.
import type { Plan as MonitorPlan } from "@ronghe/monitor";
import type { Plan as StoredPlan } from "@ronghe/store";
import type { ServiceContext } from "../context.ts";
import { planVisible, readsRegion, visiblePlan } from "./plan-access.ts";
import { type PlanSource, readPlanDocument } from "./plan-document.ts";

export interface PlanSummary {
  id: string;
  name: string;
  illustrative: boolean;
  region: string;
  regionName: string | null;
  targets: number;
  departments: string[];
  /** as-of years with a recorded evaluation */
  monitoredYears: number[];
  createdAt: string;
  actor: string;
}

export interface PlanView extends PlanSummary {
  plan: MonitorPlan;
  source: PlanSource | null;
}

/** Plans visible to the actor, ordered by id. */
export async function listPlans(
  ctx: ServiceContext,
  options: { region?: string } = {},
): Promise<PlanSummary[]> {
  const plans = (await ctx.store.listPlans(options.region ? { regionCode: options.region } : {})).filter(
    (p) => planVisible(ctx.actor, p.regionCode),
  );
  // A plan's region name is shown only to those who may read that region (codes are not secret, names are).
  const names = await regionNames(ctx, plans);
  return plans
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
    .map((p) => summaryOf(p, names.get(p.regionCode) ?? null));
}

/** One plan with its targets; not_found when absent or outside the actor's scope. */
export async function getPlan(ctx: ServiceContext, planId: string): Promise<PlanView> {
  const stored = await visiblePlan(ctx, planId);
  const doc = readPlanDocument(stored);
  const names = await regionNames(ctx, [stored]);
  return {
    ...summaryOf(stored, names.get(stored.regionCode) ?? null),
    plan: doc.plan,
    source: doc.source ?? null,
  };
}

function summaryOf(p: StoredPlan, regionName: string | null): PlanSummary {
  const doc = readPlanDocument(p);
  return {
    id: p.id,
    name: p.name,
    illustrative: p.illustrative,
    region: p.regionCode,
    regionName,
    targets: doc.plan.targets.length,
    departments: doc.plan.departments,
    monitoredYears: Object.values(doc.snapshots)
      .map((s) => s.asOfYear)
      .sort((a, b) => a - b),
    createdAt: p.createdAt,
    actor: p.actor,
  };
}

async function regionNames(ctx: ServiceContext, plans: readonly StoredPlan[]): Promise<Map<string, string>> {
  const codes = [...new Set(plans.map((p) => p.regionCode))].filter((c) => readsRegion(ctx.actor, c));
  return new Map((await ctx.store.getRegions(codes)).map((r) => [r.code, r.name]));
}
