// Bulk region upsert on SQLite: one prepared statement, run once per row inside the caller's transaction.
// Known values are never erased by NULLs, and a hand-set kind survives unless the input overrides it too.
import type BetterSqlite3 from "better-sqlite3";
import type { ProgressCallback, RegionInput, UpsertCounts } from "../store.ts";
import { prepareRegions } from "../validate.ts";

const UPSERT = `
INSERT INTO regions (code, stat_code, parent_code, level, name, kind, kind_overridden, ur_class, ur_class_year,
                     lng, lat, geometry, geometry_source)
VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
ON CONFLICT (code) DO UPDATE SET
  stat_code = excluded.stat_code,
  parent_code = excluded.parent_code,
  level = excluded.level,
  name = excluded.name,
  kind = CASE WHEN excluded.kind_overridden = 1 THEN excluded.kind
              WHEN regions.kind_overridden = 1 THEN regions.kind
              ELSE coalesce(excluded.kind, regions.kind) END,
  kind_overridden = CASE WHEN excluded.kind_overridden = 1 OR regions.kind_overridden = 1 THEN 1 ELSE 0 END,
  ur_class = coalesce(excluded.ur_class, regions.ur_class),
  ur_class_year = coalesce(excluded.ur_class_year, regions.ur_class_year),
  lng = coalesce(excluded.lng, regions.lng),
  lat = coalesce(excluded.lat, regions.lat),
  geometry = coalesce(excluded.geometry, regions.geometry),
  geometry_source = coalesce(excluded.geometry_source, regions.geometry_source)`;

const PROGRESS_EVERY = 10_000;

export function upsertRegionsSqlite(
  sqlite: BetterSqlite3.Database,
  input: readonly RegionInput[],
  onProgress?: ProgressCallback,
): UpsertCounts {
  const regions = prepareRegions(input);
  const count = sqlite.prepare("SELECT count(*) AS n FROM regions").pluck();
  const before = count.get() as number;
  const stmt = sqlite.prepare(UPSERT);
  const total = regions.length;
  for (let i = 0; i < total; i++) {
    const r = regions[i];
    stmt.run(
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
    );
    if (onProgress && (i + 1) % PROGRESS_EVERY === 0) onProgress(i + 1, total);
  }
  onProgress?.(total, total);
  const inserted = (count.get() as number) - before;
  return { inserted, updated: total - inserted };
}
