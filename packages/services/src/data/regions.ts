// Reading the region tree: one region with its ancestors, the regions below one at a given level, and a
// search by Chinese name limited to what the actor may read.
import { LEVEL_DEPTH, parseRegionCode, REGION_LEVELS, type RegionLevel, RongheError } from "@ronghe/core";
import type { Region } from "@ronghe/store";
import { assertCan, readableRoots } from "../access.ts";
import type { ServiceContext } from "../context.ts";

export interface RegionDetail {
  region: Region;
  ancestors: Region[];
  /** number of regions below, per level */
  descendantCounts: Partial<Record<RegionLevel, number>>;
}

export async function showRegion(ctx: ServiceContext, code: string): Promise<RegionDetail> {
  const canonical = parseRegionCode(code).code;
  assertCan(ctx.actor, "read", canonical);
  const region = await ctx.store.getRegion(canonical);
  if (!region) throw new RongheError("not_found", `region ${canonical} not found`, { region: canonical });
  const ancestors = await ctx.store.ancestors(canonical);
  const descendantCounts: Partial<Record<RegionLevel, number>> = {};
  for (const level of REGION_LEVELS) {
    if (LEVEL_DEPTH[level] <= LEVEL_DEPTH[region.level]) continue;
    descendantCounts[level] = await ctx.store.countDescendants(canonical, { level });
  }
  return { region, ancestors, descendantCounts };
}

export interface ListRegionsOptions {
  parent: string;
  /** default: the level right below the parent */
  level?: RegionLevel;
  limit?: number;
  offset?: number;
}

export async function listRegions(
  ctx: ServiceContext,
  options: ListRegionsOptions,
): Promise<{ parent: Region; level: RegionLevel; total: number; regions: Region[] }> {
  const code = parseRegionCode(options.parent).code;
  assertCan(ctx.actor, "read", code);
  const parent = await ctx.store.getRegion(code);
  if (!parent) throw new RongheError("not_found", `region ${code} not found`, { region: code });
  const level = options.level ?? REGION_LEVELS[LEVEL_DEPTH[parent.level]];
  if (!level || LEVEL_DEPTH[level] <= LEVEL_DEPTH[parent.level]) {
    throw new RongheError(
      "invalid_input",
      `level ${options.level ?? "(below village)"} is not below ${parent.level}`,
      { level: options.level ?? null },
    );
  }
  const total = await ctx.store.countDescendants(code, { level });
  const regions = await ctx.store.descendants(code, {
    level,
    limit: options.limit,
    offset: options.offset,
    omitGeometry: true,
  });
  return { parent, level, total, regions };
}

export async function searchRegions(
  ctx: ServiceContext,
  text: string,
  options: { level?: RegionLevel; limit?: number } = {},
): Promise<Region[]> {
  const query = text.trim();
  if (query === "") throw new RongheError("invalid_input", "search text is empty", {});
  const roots = readableRoots(ctx.actor);
  return ctx.store.searchRegions(query, {
    ...(roots ? { withinCodes: roots } : {}),
    level: options.level,
    limit: options.limit ?? 50,
  });
}
