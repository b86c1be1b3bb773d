// Reading stored evaluation runs. A run is visible to whoever may read its region (out of scope = not found).
import { RongheError } from "@ronghe/core";
import { can } from "../access.ts";
import type { ServiceContext } from "../context.ts";
import { type EvaluationRunView, viewOf } from "./evaluate-scheme.ts";
import type { PublicationRecord } from "./publish-run.ts";

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

export interface RunViewOptions {
  /**
   * One year of the run ("latest": its last): the rows and the per-year parts of the summary of that year
   * only. Absent: the whole run.
   */
  year?: number | "latest";
}

/**
 * One run with its rows; `not_found` when absent or out of the actor's scope, or when `options.year` is not a
 * year of the run. With a year, the view also says which year it shows (`year`).
 */
export async function getEvaluationRunView(
  ctx: ServiceContext,
  id: string,
  options: RunViewOptions = {},
): Promise<EvaluationRunView & { year?: number }> {
  const run = await ctx.store.getEvaluationRun(id);
  const visible =
    run && (run.regionCode === null ? ctx.actor.kind === "system" : can(ctx.actor, "read", run.regionCode));
  if (!run || !visible)
    throw new RongheError("not_found", `评价运行不存在 / no evaluation run ${id}`, { id });
  const view = await viewOf(ctx, run);
  return options.year === undefined ? view : yearView(view, options.year);
}

/**
 * The view restricted to one year: rows, dropped region-years, spatial statistics, per-year weights (pooled
 * weights, year null, hold for every year and stay), the rank uncertainty and, while published, the held
 * (locked) data groups of that year. `summary.years` still lists all the run's years, so a client can offer
 * the others; `units`, the warnings (run-wide notes), the uncertainty's draw counts and the publication's
 * `observations` (both over all years) are kept as they are.
 */
function yearView(view: EvaluationRunView, year: number | "latest"): EvaluationRunView & { year: number } {
  const years = view.summary.years;
  const shown = year === "latest" ? (years.length > 0 ? Math.max(...years) : null) : year;
  if (shown === null || !years.includes(shown)) {
    throw new RongheError(
      "not_found",
      `评价运行 ${view.id} 无 ${year} 年结果 / evaluation run ${view.id} has no year ${year} (years: ${years.join(", ") || "none"})`,
      { id: view.id, year, years },
    );
  }
  const { summary } = view;
  // added to the stored summary by publishEvaluationRun, absent from the type of a run's own summary
  const publication = (summary as { publication?: PublicationRecord }).publication;
  return {
    ...view,
    year: shown,
    summary: {
      ...summary,
      dropped: summary.dropped.filter((d) => d.year === shown),
      weights: summary.weights.filter((w) => w.year === null || w.year === shown),
      spatial: summary.spatial.filter((s) => s.year === shown),
      uncertainty:
        summary.uncertainty === null
          ? null
          : { ...summary.uncertainty, years: summary.uncertainty.years.filter((u) => u.year === shown) },
      ...(publication && Array.isArray(publication.held)
        ? { publication: { ...publication, held: publication.held.filter((h) => h.period === shown) } }
        : {}),
    },
    rows: view.rows.filter((r) => r.year === shown),
  };
}
