// What both dialects' bulk region upserts share (sqlite/upsert-regions.ts, postgres/upsert-regions.ts): the
// columns, one input's values in that order, and the merge rules, whose SQL is the same in both dialects.
// Known values are never erased by NULLs, and a hand-set kind survives unless the input overrides it too.
import type { RegionInput } from "./store.ts";

export const REGION_COLUMNS = [
  "code",
  "stat_code",
  "parent_code",
  "level",
  "name",
  "kind",
  "kind_overridden",
  "ur_class",
  "ur_class_year",
  "lng",
  "lat",
  "geometry",
  "geometry_source",
] as const;

/** The values of one region in REGION_COLUMNS order. */
export function regionValues(r: RegionInput): unknown[] {
  return [
    r.code,
    r.statCode,
    r.parentCode ?? null,
    r.level,
    r.name,
    r.kind ?? null,
    r.kindOverridden ? 1 : 0,
    r.urClass ?? null,
    r.urClassYear ?? null,
    r.lng ?? null,
    r.lat ?? null,
    r.geometry ?? null,
    r.geometrySource ?? null,
  ];
}

/** `ON CONFLICT … DO UPDATE SET …` merging `excluded` into the stored row, named `stored` in the statement. */
export function regionMergeClause(stored: string): string {
  return `
ON CONFLICT (code) DO UPDATE SET
  stat_code = excluded.stat_code,
  parent_code = excluded.parent_code,
  level = excluded.level,
  name = excluded.name,
  kind = CASE WHEN excluded.kind_overridden = 1 THEN excluded.kind
              WHEN ${stored}.kind_overridden = 1 THEN ${stored}.kind
              ELSE coalesce(excluded.kind, ${stored}.kind) END,
  kind_overridden = CASE WHEN excluded.kind_overridden = 1 OR ${stored}.kind_overridden = 1 THEN 1 ELSE 0 END,
  ur_class = coalesce(excluded.ur_class, ${stored}.ur_class),
  ur_class_year = coalesce(excluded.ur_class_year, ${stored}.ur_class_year),
  lng = coalesce(excluded.lng, ${stored}.lng),
  lat = coalesce(excluded.lat, ${stored}.lat),
  geometry = coalesce(excluded.geometry, ${stored}.geometry),
  geometry_source = coalesce(excluded.geometry_source, ${stored}.geometry_source)`;
}
