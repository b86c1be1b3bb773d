// The data-core use cases the routes call (regions, indicators, observations, imports, exports). Each function
// takes a ServiceContext and checks scope before touching the store. `defaultDataServices` binds the data
// core's use cases (showRegion, listRegions, searchRegions, queryObservations, observationHistory,
// importObservations) and adapts them to the API's shapes; the scope-checked store-backed versions below
// cover the rest (features, indicators, form writes) and serve as the reference in tests.

import { isWithin, parseRegionCode, type RegionLevel, RongheError } from "@ronghe/core";
import {
  assertCan,
  importObservations,
  listRegions,
  observationHistory,
  queryObservations,
  readableRoots,
  recordAudit,
  type ServiceContext,
  searchRegions,
  showRegion,
} from "@ronghe/services";
import type { Indicator, Observation, ObservationRevision, Region, WriteCounts } from "@ronghe/store";

export interface RegionView {
  code: string;
  name: string;
  level: RegionLevel;
  kind: string | null;
  parentCode: string | null;
  urClass: string | null;
  lng: number | null;
  lat: number | null;
  hasGeometry: boolean;
}

export interface ObservationView {
  regionCode: string;
  regionName: string;
  indicator: string;
  period: number;
  value: number | null;
  unit: string | null;
  status: string | null;
  revision: number | null;
  derived: boolean;
  rolledUp: boolean;
  source: string | null;
}

export interface ObservationQueryInput {
  region: string;
  level?: RegionLevel;
  indicators?: string[];
  from?: number;
  to?: number;
}

export interface ObservationWriteInput {
  items: Array<{
    regionCode: string;
    indicator: string;
    period: number;
    value: number;
    unit?: string;
    source?: string;
    note?: string;
  }>;
  reason: string;
  sourceFile?: string | null;
}

export interface ImportInput {
  bytes: Uint8Array;
  /** a display name only (already stripped of any path); never used to touch the filesystem */
  fileName: string;
  format: "long" | "wide";
  dryRun: boolean;
  source: string | null;
}

export interface DataServices {
  getRegion(ctx: ServiceContext, code: string): Promise<RegionView>;
  regionChildren(
    ctx: ServiceContext,
    code: string,
    options: { level?: RegionLevel; limit?: number; offset?: number },
  ): Promise<{ items: RegionView[]; total: number }>;
  regionAncestors(ctx: ServiceContext, code: string): Promise<RegionView[]>;
  searchRegions(
    ctx: ServiceContext,
    q: string,
    options: { within?: string; level?: RegionLevel; limit?: number },
  ): Promise<RegionView[]>;
  regionFeatures(ctx: ServiceContext, code: string, level?: RegionLevel): Promise<GeoJSON.FeatureCollection>;
  listIndicators(ctx: ServiceContext): Promise<Indicator[]>;
  queryObservations(ctx: ServiceContext, query: ObservationQueryInput): Promise<ObservationView[]>;
  writeObservations(ctx: ServiceContext, input: ObservationWriteInput): Promise<WriteCounts>;
  observationHistory(
    ctx: ServiceContext,
    region: string,
    indicator: string,
    period: number,
  ): Promise<ObservationRevision[]>;
  /** all-or-nothing; RongheError("import_rejected", …, {errors:[{file,row,column,value,reason}]}) on bad rows */
  importObservations(ctx: ServiceContext, input: ImportInput): Promise<unknown>;
}

export function presentRegion(r: Region): RegionView {
  return {
    code: r.code,
    name: r.name,
    level: r.level,
    kind: r.kind,
    parentCode: r.parentCode,
    urClass: r.urClass,
    lng: r.lng,
    lat: r.lat,
    hasGeometry: r.hasGeometry,
  };
}

const LEVEL_ORDER: RegionLevel[] = ["province", "prefecture", "county", "township", "village"];

const fallback: DataServices = {
  async getRegion(ctx, code) {
    const canonical = parseRegionCode(code).code;
    assertCan(ctx.actor, "read", canonical);
    const region = await ctx.store.getRegion(canonical);
    if (region === null) throw new RongheError("not_found", "region not found", {});
    return presentRegion(region);
  },
  async regionChildren(ctx, code, options) {
    const { code: canonical, level } = parseRegionCode(code);
    assertCan(ctx.actor, "read", canonical);
    const target = options.level ?? LEVEL_ORDER[LEVEL_ORDER.indexOf(level) + 1];
    if (target === undefined) return { items: [], total: 0 };
    const [items, total] = await Promise.all([
      ctx.store.descendants(canonical, {
        level: target,
        limit: options.limit ?? 5000,
        offset: options.offset,
      }),
      ctx.store.countDescendants(canonical, { level: target }),
    ]);
    return { items: items.map(presentRegion), total };
  },
  async regionAncestors(ctx, code) {
    const canonical = parseRegionCode(code).code;
    assertCan(ctx.actor, "read", canonical);
    const roots = readableRoots(ctx.actor);
    const all = await ctx.store.ancestors(canonical);
    return all
      .filter((a) => roots === null || roots.some((root) => isWithin(a.code, root)))
      .map(presentRegion);
  },
  async searchRegions(ctx, q, options) {
    const roots = readableRoots(ctx.actor);
    let within: string[] | undefined = roots ?? undefined;
    if (options.within !== undefined) {
      const w = parseRegionCode(options.within).code;
      assertCan(ctx.actor, "read", w);
      within = [w];
    }
    if (within !== undefined && within.length === 0) return [];
    const found = await ctx.store.searchRegions(q, {
      withinCodes: within,
      level: options.level,
      limit: options.limit ?? 50,
    });
    return found.map(presentRegion);
  },
  async regionFeatures(ctx, code, level) {
    const { items } = await fallback.regionChildren(ctx, code, { level, limit: 50_000 });
    const regions = await ctx.store.getRegions(items.map((i) => i.code));
    const features: GeoJSON.Feature[] = [];
    for (const r of regions) {
      const geometry: GeoJSON.Geometry | null = r.geometry
        ? (JSON.parse(r.geometry) as GeoJSON.Geometry)
        : r.lng !== null && r.lat !== null
          ? { type: "Point", coordinates: [r.lng, r.lat] }
          : null;
      if (geometry === null) continue;
      features.push({
        type: "Feature",
        geometry,
        properties: { code: r.code, name: r.name, level: r.level, kind: r.kind, urClass: r.urClass },
      });
    }
    return { type: "FeatureCollection", features };
  },
  async listIndicators(ctx) {
    return ctx.store.listIndicators();
  },
  async queryObservations(ctx, query) {
    const region = parseRegionCode(query.region).code;
    assertCan(ctx.actor, "read", region);
    const rows = await ctx.store.queryObservations({
      subtreeOf: region,
      level: query.level,
      indicators: query.indicators,
      fromYear: query.from,
      toYear: query.to,
    });
    return presentObservations(ctx, rows);
  },
  async writeObservations(ctx, input) {
    const rows = input.items.map((item) => {
      const code = parseRegionCode(item.regionCode).code;
      assertCan(ctx.actor, "write", code);
      return {
        regionCode: code,
        indicatorCode: item.indicator,
        period: item.period,
        value: item.value,
        unit: item.unit ?? null,
        source: item.source ?? null,
        note: item.note ?? null,
      };
    });
    // ctx.store is approval-guarded (withApprovalGuard): frozen rows make this throw invalid_state.
    return ctx.store.transaction(async (tx) => {
      const counts = await tx.writeObservations(rows, {
        author: ctx.actor.username,
        reason: input.reason,
        sourceFile: input.sourceFile ?? null,
        status: "draft",
      });
      for (const regionCode of [...new Set(rows.map((r) => r.regionCode))].slice(0, 100)) {
        const mine = rows.filter((r) => r.regionCode === regionCode);
        await recordAudit(tx, ctx.actor, {
          action: "observations.write",
          targetType: "observations",
          targetId: regionCode,
          regionCode,
          after: {
            reason: input.reason,
            count: mine.length,
            indicators: [...new Set(mine.map((r) => r.indicatorCode))],
          },
        });
      }
      return counts;
    });
  },
  async observationHistory(ctx, region, indicator, period) {
    const code = parseRegionCode(region).code;
    assertCan(ctx.actor, "read", code);
    return ctx.store.observationHistory(code, indicator, period);
  },
  async importObservations() {
    throw new RongheError("invalid_state", "imports are not available in this build", {});
  },
};

async function presentObservations(ctx: ServiceContext, rows: Observation[]): Promise<ObservationView[]> {
  const names = new Map(
    (await ctx.store.getRegions([...new Set(rows.map((r) => r.regionCode))])).map((r) => [r.code, r.name]),
  );
  return rows.map((o) => ({
    regionCode: o.regionCode,
    regionName: names.get(o.regionCode) ?? o.regionCode,
    indicator: o.indicatorCode,
    period: o.period,
    value: Number.isFinite(o.value) ? o.value : null,
    unit: o.unit,
    status: o.status,
    revision: o.revision,
    derived: false,
    rolledUp: false,
    source: o.source,
  }));
}

// ───── the data core's use cases (packages/services/src/data), bound by name when exported ─────

interface CoreObservationValue {
  regionCode: string;
  regionName: string;
  indicatorCode: string;
  period: number;
  value: number | null;
  unit: string;
  origin: "stored" | "rolled_up" | "derived";
  status: string | null;
  revision: number | null;
  source: string | null;
}

interface DataCore {
  showRegion(ctx: ServiceContext, code: string): Promise<{ region: Region; ancestors: Region[] }>;
  listRegions(
    ctx: ServiceContext,
    o: { parent: string; level?: RegionLevel; limit?: number; offset?: number },
  ): Promise<{ total: number; regions: Region[] }>;
  searchRegions(
    ctx: ServiceContext,
    text: string,
    o: { level?: RegionLevel; limit?: number },
  ): Promise<Region[]>;
  queryObservations(
    ctx: ServiceContext,
    q: { region: string; level?: RegionLevel; indicators?: string[]; fromYear?: number; toYear?: number },
  ): Promise<{ rows: CoreObservationValue[] }>;
  observationHistory(
    ctx: ServiceContext,
    key: { region: string; indicator: string; period: number },
  ): Promise<ObservationRevision[]>;
  importObservations(
    ctx: ServiceContext,
    file: { fileName: string; bytes: Uint8Array },
    o: { format?: "long" | "wide"; source?: string; dryRun?: boolean; reason?: string },
  ): Promise<unknown>;
}

function bind(core: Partial<DataCore>): DataServices {
  const out: DataServices = { ...fallback };
  const {
    showRegion,
    listRegions,
    searchRegions,
    queryObservations,
    observationHistory,
    importObservations,
  } = core;
  if (showRegion) {
    out.getRegion = async (ctx, code) => presentRegion((await showRegion(ctx, code)).region);
    out.regionAncestors = async (ctx, code) => {
      const roots = readableRoots(ctx.actor);
      const { ancestors } = await showRegion(ctx, code);
      return ancestors
        .filter((a) => roots === null || roots.some((root) => isWithin(a.code, root)))
        .map(presentRegion);
    };
  }
  if (listRegions) {
    out.regionChildren = async (ctx, code, o) => {
      const r = await listRegions(ctx, {
        parent: code,
        level: o.level,
        limit: o.limit ?? 5000,
        offset: o.offset,
      });
      return { items: r.regions.map(presentRegion), total: r.total };
    };
  }
  if (searchRegions) {
    out.searchRegions = async (ctx, q, o) => {
      let within: string | null = null;
      if (o.within !== undefined) {
        within = parseRegionCode(o.within).code;
        assertCan(ctx.actor, "read", within);
      }
      const found = await searchRegions(ctx, q, { level: o.level, limit: within === null ? o.limit : 1000 });
      const kept = within === null ? found : found.filter((r) => isWithin(r.code, within));
      return kept.slice(0, o.limit ?? 50).map(presentRegion);
    };
  }
  if (queryObservations) {
    out.queryObservations = async (ctx, q) => {
      const r = await queryObservations(ctx, {
        region: q.region,
        level: q.level,
        indicators: q.indicators,
        fromYear: q.from,
        toYear: q.to,
      });
      return r.rows.map((o) => ({
        regionCode: o.regionCode,
        regionName: o.regionName,
        indicator: o.indicatorCode,
        period: o.period,
        value: o.value !== null && Number.isFinite(o.value) ? o.value : null,
        unit: o.unit,
        status: o.status,
        revision: o.revision,
        derived: o.origin === "derived",
        rolledUp: o.origin === "rolled_up",
        source: o.source,
      }));
    };
  }
  if (observationHistory) {
    out.observationHistory = (ctx, region, indicator, period) =>
      observationHistory(ctx, { region, indicator, period });
  }
  if (importObservations) {
    out.importObservations = (ctx, input) =>
      importObservations(
        ctx,
        { fileName: input.fileName, bytes: input.bytes },
        {
          format: input.format,
          source: input.source ?? undefined,
          dryRun: input.dryRun,
          reason: `import ${input.fileName}`,
        },
      );
  }
  return out;
}

/** The data services in use: the data core's, with the fallbacks above for anything it does not offer. */
export function defaultDataServices(): DataServices {
  return bind({
    showRegion,
    listRegions,
    searchRegions,
    queryObservations,
    observationHistory,
    importObservations,
  });
}
