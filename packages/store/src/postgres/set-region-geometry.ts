// Bulk geometry/point update on PostgreSQL: one UPDATE … FROM unnest(arrays); a field is set only where its
// flag is true (same rule as sqlite/set-region-geometry.ts).
import type pg from "pg";
import type { RegionGeometryUpdate } from "../store.ts";
import { prepareGeometryUpdates } from "../validate.ts";

const UPDATE = `
UPDATE regions r SET
  geometry = CASE WHEN u.set_geometry THEN u.geometry ELSE r.geometry END,
  geometry_source = CASE WHEN u.set_source THEN u.geometry_source ELSE r.geometry_source END,
  lng = CASE WHEN u.set_lng THEN u.lng ELSE r.lng END,
  lat = CASE WHEN u.set_lat THEN u.lat ELSE r.lat END
FROM unnest($1::text[], $2::boolean[], $3::text[], $4::boolean[], $5::text[], $6::boolean[], $7::double precision[],
            $8::boolean[], $9::double precision[])
  AS u(code, set_geometry, geometry, set_source, geometry_source, set_lng, lng, set_lat, lat)
WHERE r.code = u.code
RETURNING r.code`;

export async function setRegionGeometryPostgres(
  client: pg.PoolClient,
  input: readonly RegionGeometryUpdate[],
): Promise<{ updated: number; missing: string[] }> {
  const updates = prepareGeometryUpdates(input);
  if (updates.length === 0) return { updated: 0, missing: [] };
  const res = await client.query(UPDATE, [
    updates.map((u) => u.code),
    updates.map((u) => u.geometry !== undefined),
    updates.map((u) => u.geometry ?? null),
    updates.map((u) => u.geometrySource !== undefined),
    updates.map((u) => u.geometrySource ?? null),
    updates.map((u) => u.lng !== undefined),
    updates.map((u) => u.lng ?? null),
    updates.map((u) => u.lat !== undefined),
    updates.map((u) => u.lat ?? null),
  ]);
  const done = new Set(res.rows.map((r) => r.code as string));
  return { updated: done.size, missing: updates.filter((u) => !done.has(u.code)).map((u) => u.code) };
}
