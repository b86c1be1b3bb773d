// Reading stored evaluation runs. A run is visible to whoever may read its region (out of scope = not found).
import { RongheError } from "@ronghe/core";
import { can } from "../access.ts";
import type { ServiceContext } from "../context.ts";
import { type EvaluationRunView, viewOf } from "./evaluate-scheme.ts";

export interface EvaluationRunListItem {
  id: string;
  run_hash: string;
  scheme_name: string;
  region: string | null;
  engine_version: string;
  created_at: string;
  actor: string;
  status: string;
}

/** Newest first. */
export async function listEvaluationRuns(
  ctx: ServiceContext,
  options: { region?: string; limit?: number } = {},
): Promise<EvaluationRunListItem[]> {
  const runs = await ctx.store.listEvaluationRuns({
    ...(options.region ? { regionCode: options.region } : {}),
    ...(options.limit ? { limit: options.limit } : {}),
  });
  return runs
    .filter((run) =>
      run.regionCode === null ? ctx.actor.kind === "system" : can(ctx.actor, "read", run.regionCode),
    )
    .map((run) => ({
      id: run.id,
      run_hash: run.runHash,
      scheme_name: run.schemeName,
      region: run.regionCode,
      engine_version: run.engineVersion,
      created_at: run.createdAt,
      actor: run.actor,
      status: run.status,
    }));
}

/** One run with its rows; `not_found` when absent or out of the actor's scope. */
export async function getEvaluationRunView(ctx: ServiceContext, id: string): Promise<EvaluationRunView> {
  const run = await ctx.store.getEvaluationRun(id);
  const visible =
    run && (run.regionCode === null ? ctx.actor.kind === "system" : can(ctx.actor, "read", run.regionCode));
  if (!run || !visible)
    throw new RongheError("not_found", `评价运行不存在 / no evaluation run ${id}`, { id });
  return viewOf(ctx, run);
}
