// Bulk geometry/point update on SQLite: one prepared statement; each field is set only when the update has it.
import type BetterSqlite3 from "better-sqlite3";
import type { RegionGeometryUpdate } from "../store.ts";
import { prepareGeometryUpdates } from "../validate.ts";

const UPDATE = `
UPDATE regions SET
  geometry = CASE WHEN ? = 1 THEN ? ELSE geometry END,
  geometry_source = CASE WHEN ? = 1 THEN ? ELSE geometry_source END,
  lng = CASE WHEN ? = 1 THEN ? ELSE lng END,
  lat = CASE WHEN ? = 1 THEN ? ELSE lat END
WHERE code = ?`;

export function setRegionGeometrySqlite(
  sqlite: BetterSqlite3.Database,
  input: readonly RegionGeometryUpdate[],
): { updated: number; missing: string[] } {
  const updates = prepareGeometryUpdates(input);
  const stmt = sqlite.prepare(UPDATE);
  const flag = (v: unknown) => (v === undefined ? 0 : 1);
  let updated = 0;
  const missing: string[] = [];
  for (const u of updates) {
    const res = stmt.run(
      flag(u.geometry),
      u.geometry ?? null,
      flag(u.geometrySource),
      u.geometrySource ?? null,
      flag(u.lng),
      u.lng ?? null,
      flag(u.lat),
      u.lat ?? null,
      u.code,
    );
    if (res.changes > 0) updated++;
    else missing.push(u.code);
  }
  return { updated, missing };
}
