// Bulk region upsert on PostgreSQL: COPY into a temp table, then one INSERT … ON CONFLICT. Same merge rules as
// sqlite/upsert-regions.ts: NULLs never erase known values; a hand-set kind survives unless overridden again.
import type pg from "pg";
import { toNumber } from "../mappers.ts";
import type { ProgressCallback, RegionInput, UpsertCounts } from "../store.ts";
import { prepareRegions } from "../validate.ts";
import { copyRows } from "./copy-rows.ts";

const COLUMNS = [
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

const CREATE_TEMP = `
CREATE TEMP TABLE ronghe_regions_in (
  code text, stat_code text, parent_code text, level text, name text, kind text, kind_overridden integer,
  ur_class text, ur_class_year integer, lng double precision, lat double precision, geometry text, geometry_source text
) ON COMMIT DROP`;

const MERGE = `
INSERT INTO regions AS r (${COLUMNS.join(", ")})
SELECT ${COLUMNS.join(", ")} FROM ronghe_regions_in
ON CONFLICT (code) DO UPDATE SET
  stat_code = excluded.stat_code,
  parent_code = excluded.parent_code,
  level = excluded.level,
  name = excluded.name,
  kind = CASE WHEN excluded.kind_overridden = 1 THEN excluded.kind
              WHEN r.kind_overridden = 1 THEN r.kind
              ELSE coalesce(excluded.kind, r.kind) END,
  kind_overridden = CASE WHEN excluded.kind_overridden = 1 OR r.kind_overridden = 1 THEN 1 ELSE 0 END,
  ur_class = coalesce(excluded.ur_class, r.ur_class),
  ur_class_year = coalesce(excluded.ur_class_year, r.ur_class_year),
  lng = coalesce(excluded.lng, r.lng),
  lat = coalesce(excluded.lat, r.lat),
  geometry = coalesce(excluded.geometry, r.geometry),
  geometry_source = coalesce(excluded.geometry_source, r.geometry_source)`;

export async function upsertRegionsPostgres(
  client: pg.PoolClient,
  input: readonly RegionInput[],
  onProgress?: ProgressCallback,
): Promise<UpsertCounts> {
  const regions = prepareRegions(input);
  const total = regions.length;
  if (total === 0) {
    onProgress?.(0, 0);
    return { inserted: 0, updated: 0 };
  }
  await client.query("DROP TABLE IF EXISTS pg_temp.ronghe_regions_in");
  await client.query(CREATE_TEMP);
  await copyRows(
    client,
    "ronghe_regions_in",
    COLUMNS,
    total,
    (i) => {
      const r = regions[i];
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
    },
    // COPY is most of the time; the merge below is reported as the final step.
    onProgress && ((done) => onProgress(Math.min(done, total - 1), total)),
  );
  const before = toNumber((await client.query("SELECT count(*) AS n FROM regions")).rows[0].n);
  await client.query(MERGE);
  const after = toNumber((await client.query("SELECT count(*) AS n FROM regions")).rows[0].n);
  await client.query("DROP TABLE pg_temp.ronghe_regions_in");
  onProgress?.(total, total);
  const inserted = after - before;
  return { inserted, updated: total - inserted };
}
