// The observations a plan's evaluation needs, read through the data core (stored values, roll-ups of
// children and derived indicators, exactly as `ronghe observations` shows them) and handed to the engine as
// a synchronous data provider. Each value carries a revision id naming what it rests on, so every target
// evaluation says which observations it used:
//   stored     "POP-01@r2"                      indicator and current revision number
//   derived    "ECO-01@r1,ECO-02@r3"            the stored revisions behind the formula
//   rolled up  "LND-02:rolled_up(38/38)"        an aggregate of the children's values
// Only regions the actor may read are loaded. With read access on a target's region one query covers all its
// regions; otherwise each readable region is queried on its own (no out-of-scope value is ever read).
import { parseRegionCode, type RegionLevel } from "@ronghe/core";
import type { DataProvider, Observation as MonitorObservation, Plan as MonitorPlan } from "@ronghe/monitor";
import type { ObservationStatus } from "@ronghe/store";
import type { ServiceContext } from "../context.ts";
import { validateCatalogue } from "../data/indicator-catalogue.ts";
import { type ObservationValue, queryObservations } from "../data/query-observations.ts";
import { readsRegion } from "./plan-access.ts";

export interface PlanSeries {
  provider: DataProvider;
  /** every region a target of the plan is evaluated for, readable by the actor, sorted */
  regions: string[];
  regionNames: Map<string, string>;
  /** latest year with a value among the plan's series (null: none) */
  latestYear: number | null;
  /** true when the actor could read every region of the plan */
  complete: boolean;
}

export interface LoadPlanSeriesOptions {
  /** only stored values in these statuses count (default: the current value, whatever its status) */
  status?: ObservationStatus[];
}

export async function loadPlanSeries(
  ctx: ServiceContext,
  plan: MonitorPlan,
  options: LoadPlanSeriesOptions = {},
): Promise<PlanSeries> {
  const catalogue = await ctx.store.listIndicators();
  const refs = new Map(validateCatalogue(catalogue).map((f) => [f.code, f.references]));
  const withInputs = (codes: Iterable<string>): string[] => {
    const out = new Set<string>();
    const add = (c: string): void => {
      if (out.has(c)) return;
      out.add(c);
      for (const r of refs.get(c) ?? []) add(r);
    };
    for (const c of codes) add(c);
    return [...out];
  };

  // Targets grouped by where and at which level they are evaluated.
  const groups = new Map<string, { home: string; level: RegionLevel; indicators: Set<string> }>();
  for (const t of plan.targets) {
    const home = parseRegionCode(t.region ?? plan.region).code;
    const level = t.appliesToLevel ?? parseRegionCode(home).level;
    const key = `${home}|${level}`;
    const g = groups.get(key) ?? { home, level, indicators: new Set<string>() };
    g.indicators.add(t.indicator);
    groups.set(key, g);
  }

  const rows: ObservationValue[] = [];
  const regions = new Set<string>();
  let complete = true;
  for (const g of groups.values()) {
    const candidates =
      g.level === parseRegionCode(g.home).level
        ? [g.home]
        : (await ctx.store.descendants(g.home, { level: g.level })).map((r) => r.code);
    const indicators = withInputs(g.indicators);
    const query = { indicators, ...(options.status ? { status: options.status } : {}) };
    if (readsRegion(ctx.actor, g.home)) {
      for (const c of candidates) regions.add(c);
      rows.push(...(await queryObservations(ctx, { ...query, region: g.home, level: g.level })).rows);
    } else {
      complete = false;
      for (const c of candidates) {
        if (!readsRegion(ctx.actor, c)) continue;
        regions.add(c);
        rows.push(...(await queryObservations(ctx, { ...query, region: c })).rows);
      }
    }
  }

  const byKey = new Map<string, ObservationValue>();
  for (const r of rows) byKey.set(`${r.regionCode}|${r.indicatorCode}|${r.period}`, r);
  const provenance = (r: ObservationValue, seen: Set<string>): { revisions: string[]; sources: string[] } => {
    if (r.origin === "stored")
      return { revisions: [`${r.indicatorCode}@r${r.revision}`], sources: r.source ? [r.source] : [] };
    if (r.origin === "rolled_up") {
      const c = r.coverage;
      return {
        revisions: [`${r.indicatorCode}:rolled_up(${c ? `${c.withValue}/${c.children}` : "?"})`],
        sources: [],
      };
    }
    const revisions: string[] = [];
    const sources: string[] = [];
    for (const ref of refs.get(r.indicatorCode) ?? []) {
      const input = byKey.get(`${r.regionCode}|${ref}|${r.period}`);
      const key = `${ref}|${r.period}`;
      if (!input || seen.has(key)) continue;
      seen.add(key);
      const p = provenance(input, seen);
      for (const x of p.revisions) if (!revisions.includes(x)) revisions.push(x);
      for (const x of p.sources) if (!sources.includes(x)) sources.push(x);
    }
    return { revisions, sources };
  };

  const series = new Map<string, MonitorObservation[]>();
  const names = new Map<string, string>();
  let latestYear: number | null = null;
  const targetIndicators = new Set(plan.targets.map((t) => t.indicator));
  for (const r of rows) {
    names.set(r.regionCode, r.regionName);
    if (r.value === null || !Number.isFinite(r.value) || !targetIndicators.has(r.indicatorCode)) continue;
    const p = provenance(r, new Set());
    const key = `${r.indicatorCode}|${r.regionCode}`;
    const list = series.get(key) ?? [];
    list.push({
      year: r.period,
      value: r.value,
      revisionId: p.revisions.join(","),
      ...(p.sources.length > 0 ? { sourceId: p.sources.join("; ") } : {}),
    });
    series.set(key, list);
    if (latestYear === null || r.period > latestYear) latestYear = r.period;
  }
  for (const list of series.values()) list.sort((a, b) => a.year - b.year);

  const regionList = [...regions].sort();
  for (const r of await ctx.store.getRegions(regionList.filter((c) => !names.has(c))))
    names.set(r.code, r.name);
  return {
    provider: (indicator, region) => series.get(`${indicator}|${region}`) ?? [],
    regions: regionList,
    regionNames: names,
    latestYear,
    complete,
  };
}
