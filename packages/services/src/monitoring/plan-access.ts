// Who sees which plan. A plan is a policy document, not data: it is visible to whoever may read its region,
// and also to those whose scope lies inside it (a district sees the municipal plan whose targets apply to
// it). Its data stay scoped: status rows and warnings are only those of regions the actor may read.
import { isWithin, RongheError } from "@ronghe/core";
import type { Plan as StoredPlan } from "@ronghe/store";
import { can } from "../access.ts";
import type { Actor, ServiceContext } from "../context.ts";

export function planVisible(actor: Actor, planRegion: string): boolean {
  if (actor.kind === "system") return true;
  return actor.grants.some((g) => isWithin(planRegion, g.regionCode) || isWithin(g.regionCode, planRegion));
}

/** The stored plan, or not_found when absent or outside the actor's scope (the same answer, no leak). */
export async function visiblePlan(ctx: ServiceContext, planId: string): Promise<StoredPlan> {
  const plan = await ctx.store.getPlan(planId);
  if (!plan || !planVisible(ctx.actor, plan.regionCode)) {
    throw new RongheError("not_found", `规划不存在 / no plan ${planId}`, { planId });
  }
  return plan;
}

/** True when the actor may read the region's data. */
export function readsRegion(actor: Actor, region: string): boolean {
  return can(actor, "read", region);
}
