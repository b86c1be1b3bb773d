// `ronghe import boundaries FILE --level LEVEL`: polygons from GeoJSON or ECharts' compressed GeoJSON, matched
// to regions by a code property (code, adcode, region_code, or the feature id) or else by name among the
// regions of that level (within `parent` when given; a unique name stem like 梁平 also matches 梁平县 → 梁平区).
// GCJ-02 / BD-09 input is converted to WGS-84 and the result says so. All-or-nothing.
import { parseRegionCode, type RegionLevel, RongheError } from "@ronghe/core";
import type { Region } from "@ronghe/store";
import { assertCan } from "../access.ts";
import type { ServiceContext } from "../context.ts";
import { type InputCrs, toWgs84Geometry } from "./crs.ts";
import { decodeEchartsGeoJson, isEchartsEncoded } from "./echarts-geo.ts";
import { type ImportRowError, importRejected } from "./import-errors.ts";

export interface ImportBoundariesOptions {
  fileName: string;
  bytes: Uint8Array;
  level: RegionLevel;
  /** CRS of the file (default wgs84) */
  crs?: InputCrs;
  /** match names only among this region's descendants */
  parent?: string;
  /** explicit feature name → region code (e.g. renamed districts) */
  nameMap?: Readonly<Record<string, string>>;
  /** provenance note stored with the geometry */
  sourceNote?: string;
  dryRun?: boolean;
}

export interface ImportBoundariesResult {
  file: string;
  level: RegionLevel;
  features: number;
  matchedByCode: number;
  matchedByName: number;
  updated: number;
  /** features converted from GCJ-02/BD-09 to WGS-84 */
  converted: number;
  crs: InputCrs;
  echartsEncoded: boolean;
  dryRun: boolean;
  codes: string[];
}

const CODE_PROPERTIES = ["code", "adcode", "region_code", "areaCode", "statCode"];
const SUFFIX =
  /(土家族苗族自治县|苗族土家族自治县|土家族自治县|自治县|自治州|自治旗|特区|林区|新区|区|县|市|旗|盟|州|地区|街道|镇|乡|村|社区)$/u;

function stem(name: string): string {
  return name.trim().replace(SUFFIX, "");
}

export async function importBoundaries(
  ctx: ServiceContext,
  options: ImportBoundariesOptions,
): Promise<ImportBoundariesResult> {
  const file = options.fileName;
  const crs = options.crs ?? "wgs84";
  let json: { type?: string; UTF8Encoding?: unknown; features?: unknown };
  try {
    json = JSON.parse(new TextDecoder("utf-8").decode(options.bytes).replace(/^\uFEFF/, ""));
  } catch (error) {
    if (options.bytes.length === 0) throw new RongheError("empty_file", `${file} is empty`, { file });
    throw new RongheError("unreadable_file", `${file} is not valid JSON: ${(error as Error).message}`, {
      file,
    });
  }
  if (!json || !Array.isArray(json.features)) {
    throw new RongheError("unreadable_file", `${file} is not a GeoJSON FeatureCollection`, { file });
  }
  if (json.features.length === 0) throw new RongheError("empty_file", `${file} has no features`, { file });
  const echartsEncoded = isEchartsEncoded(json);
  const collection = decodeEchartsGeoJson(json as never);

  let candidates: Region[];
  if (options.parent) {
    const parent = parseRegionCode(options.parent).code;
    assertCan(ctx.actor, "read", parent);
    candidates = await ctx.store.descendants(parent, { level: options.level });
  } else candidates = [];
  const byName = new Map<string, Region[]>();
  const byStem = new Map<string, Region[]>();
  for (const r of candidates) {
    byName.set(r.name, [...(byName.get(r.name) ?? []), r]);
    byStem.set(stem(r.name), [...(byStem.get(stem(r.name)) ?? []), r]);
  }

  const errors: ImportRowError[] = [];
  const updates: Array<{ code: string; geometry: string }> = [];
  let matchedByCode = 0;
  let matchedByName = 0;
  let converted = 0;
  const seen = new Set<string>();
  for (let i = 0; i < collection.features.length; i++) {
    const feature = collection.features[i];
    const row = i + 1;
    const props = (feature.properties ?? {}) as Record<string, unknown>;
    const name = typeof props.name === "string" ? props.name : "";
    let region: Region | null = null;
    const mapped = name && options.nameMap?.[name];
    if (mapped) {
      region = await ctx.store.getRegion(mapped);
      if (region) matchedByName++;
    }
    if (!region) {
      const codeValue =
        CODE_PROPERTIES.map((k) => props[k]).find((v) => v !== undefined && v !== null && v !== "") ??
        feature.id;
      if (codeValue !== undefined && codeValue !== null && /^\d+$/.test(String(codeValue))) {
        try {
          const code = parseRegionCode(String(codeValue)).code;
          const found = await ctx.store.getRegion(code);
          if (found && found.level === options.level) {
            region = found;
            matchedByCode++;
          }
        } catch {
          // not a region code: fall back to the name
        }
      }
    }
    if (!region && name) {
      let matches = byName.get(name) ?? [];
      if (matches.length === 0 && !options.parent) {
        matches = (await ctx.store.searchRegions(name, { level: options.level, limit: 10 })).filter(
          (r) => r.name === name,
        );
      }
      if (matches.length === 0) matches = byStem.get(stem(name)) ?? [];
      if (matches.length === 1) {
        region = matches[0];
        matchedByName++;
      }
    }
    if (!region) {
      errors.push({
        file,
        row,
        column: "properties.name",
        value: name || String(feature.id ?? ""),
        reason: "unknown_region",
        message: `feature ${row} matches no ${options.level}`,
      });
      continue;
    }
    if (!feature.geometry) {
      errors.push({
        file,
        row,
        column: "geometry",
        value: name,
        reason: "invalid_input",
        message: "feature has no usable geometry",
      });
      continue;
    }
    if (seen.has(region.code)) {
      errors.push({
        file,
        row,
        column: "properties.name",
        value: name,
        reason: "conflicting_duplicate",
        message: `${region.code} matched twice`,
      });
      continue;
    }
    seen.add(region.code);
    assertCan(ctx.actor, "write", region.code);
    const geometry = toWgs84Geometry(feature.geometry, crs);
    if (crs !== "wgs84") converted++;
    updates.push({ code: region.code, geometry: JSON.stringify(geometry) });
  }
  if (errors.length > 0) throw importRejected(file, errors);

  const note = [
    options.sourceNote ?? file,
    echartsEncoded ? "ECharts UTF8Encoding decoded" : null,
    crs !== "wgs84" ? `converted from ${crs.toUpperCase()} to WGS-84` : null,
  ]
    .filter(Boolean)
    .join("; ");
  let updated = 0;
  if (!options.dryRun) {
    const res = await ctx.store.setRegionGeometry(
      updates.map((u) => ({ code: u.code, geometry: u.geometry, geometrySource: note })),
    );
    updated = res.updated;
  }
  return {
    file,
    level: options.level,
    features: collection.features.length,
    matchedByCode,
    matchedByName,
    updated,
    converted,
    crs,
    echartsEncoded,
    dryRun: options.dryRun ?? false,
    codes: updates.map((u) => u.code),
  };
}
