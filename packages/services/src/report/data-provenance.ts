// What data a run used, for the appendix: the values of the scheme's indicators for its units and years as the
// data services read them (stored, rolled up or derived), the sources of the stored ones, their revisions and
// statuses, and the latest time any of them was written.
import type { ServiceContext } from "../context.ts";
import { queryObservations } from "../data/query-observations.ts";
import { theilCodes } from "../evaluation/load-panel.ts";
import type { EvaluationScheme } from "../evaluation/scheme.ts";

export interface DataProvenance {
  /** values read (all origins) */
  values: number;
  byOrigin: { stored: number; rolled_up: number; derived: number };
  sources: Array<{ source: string; count: number }>;
  byStatus: Record<string, number>;
  /** stored values whose current revision is > 1 (revised at least once) */
  revised: number;
  maxRevision: number | null;
  /** latest write time of a stored value used */
  latestUpdate: string | null;
  indicators: string[];
}

export async function dataProvenance(ctx: ServiceContext, scheme: EvaluationScheme): Promise<DataProvenance> {
  const codes = [...new Set([...scheme.indicators.map((i) => i.code), ...theilCodes(scheme)])];
  const { rows } = await queryObservations(ctx, {
    region: scheme.region,
    level: scheme.level,
    indicators: codes,
    fromYear: scheme.years.from,
    toYear: scheme.years.to,
  });
  const byOrigin = { stored: 0, rolled_up: 0, derived: 0 };
  const sources = new Map<string, number>();
  const byStatus: Record<string, number> = {};
  let revised = 0;
  let maxRevision: number | null = null;
  const storedKeys = new Set<string>();
  let values = 0;
  for (const r of rows) {
    if (r.value === null) continue;
    values++;
    byOrigin[r.origin]++;
    if (r.origin !== "stored") continue;
    storedKeys.add(`${r.regionCode}|${r.indicatorCode}|${r.period}`);
    const s = r.source ?? "(no source)";
    sources.set(s, (sources.get(s) ?? 0) + 1);
    if (r.status) byStatus[r.status] = (byStatus[r.status] ?? 0) + 1;
    if (r.revision !== null) {
      if (r.revision > 1) revised++;
      if (maxRevision === null || r.revision > maxRevision) maxRevision = r.revision;
    }
  }
  // Write times are on the stored observations only.
  const storedCodes = [...new Set(rows.filter((r) => r.origin === "stored").map((r) => r.indicatorCode))];
  let latestUpdate: string | null = null;
  if (storedCodes.length > 0) {
    const stored = await ctx.store.queryObservations({
      subtreeOf: scheme.region,
      indicators: storedCodes,
      fromYear: scheme.years.from,
      toYear: scheme.years.to,
    });
    for (const o of stored) {
      if (!storedKeys.has(`${o.regionCode}|${o.indicatorCode}|${o.period}`)) continue;
      if (latestUpdate === null || o.updatedAt > latestUpdate) latestUpdate = o.updatedAt;
    }
  }
  return {
    values,
    byOrigin,
    sources: [...sources]
      .map(([source, count]) => ({ source, count }))
      .sort((a, b) => b.count - a.count || (a.source < b.source ? -1 : 1)),
    byStatus,
    revised,
    maxRevision,
    latestUpdate,
    indicators: codes,
  };
}
