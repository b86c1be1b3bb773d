// Bulk observation write on SQLite, inside the caller's transaction: per row, compare with the current state, then
// insert (new), revise (changed value/unit/source/note) or skip (unchanged). The current state is read once per
// region (one query per region instead of one per row); prepared statements keep 600k rows in the seconds range.
import type BetterSqlite3 from "better-sqlite3";
import { nowIso } from "../kysely-store.ts";
import type { ObservationRow } from "../rows.ts";
import type { ObservationInput, WriteCounts, WriteMeta } from "../store.ts";
import { checkStatus, prepareObservations, unknownIndicator, unknownRegion } from "../validate.ts";

type Current = Pick<ObservationRow, "value" | "unit" | "source" | "note" | "revision">;
type CurrentOfRegion = Pick<ObservationRow, "indicator_code" | "period"> & Current;

export function writeObservationsSqlite(
  sqlite: BetterSqlite3.Database,
  input: readonly ObservationInput[],
  meta: WriteMeta,
): WriteCounts {
  const rows = prepareObservations(input);
  const status = meta.status ?? "draft";
  checkStatus(status);
  const at = meta.at ?? nowIso();
  const selectRegion = sqlite.prepare(
    "SELECT indicator_code, period, value, unit, source, note, revision FROM observations WHERE region_code = ?",
  );
  const insert = sqlite.prepare(
    `INSERT INTO observations (region_code, indicator_code, period, value, unit, source, note, status, revision, updated_at, updated_by)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?)`,
  );
  const update = sqlite.prepare(
    `UPDATE observations SET value = ?, unit = ?, source = ?, note = ?, status = ?, revision = ?, updated_at = ?, updated_by = ?
     WHERE region_code = ? AND indicator_code = ? AND period = ?`,
  );
  const revise = sqlite.prepare(
    `INSERT INTO observation_revisions (region_code, indicator_code, period, revision, change, value, unit, source, note,
       status, author, created_at, reason, source_file, source_row, import_id)
     VALUES (?, ?, ?, ?, 'value', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  // References are checked here (no foreign keys on observations, see the migration), memoised per call.
  const regionExists = sqlite.prepare("SELECT 1 FROM regions WHERE code = ?").pluck();
  const indicatorExists = sqlite.prepare("SELECT 1 FROM indicators WHERE code = ?").pluck();
  // Row indexes by region (first appearance order): each region's current rows are read once.
  const byRegion = new Map<string, number[]>();
  const knownIndicators = new Set<string>();
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i];
    const group = byRegion.get(r.regionCode);
    if (group) group.push(i);
    else {
      if (regionExists.get(r.regionCode) === undefined) throw unknownRegion(r.regionCode);
      byRegion.set(r.regionCode, [i]);
    }
    if (!knownIndicators.has(r.indicatorCode)) {
      if (indicatorExists.get(r.indicatorCode) === undefined) throw unknownIndicator(r.indicatorCode);
      knownIndicators.add(r.indicatorCode);
    }
  }
  const reason = meta.reason ?? null;
  const importId = meta.importId ?? null;
  let inserted = 0;
  let revised = 0;
  for (const [region, group] of byRegion) {
    const found = selectRegion.all(region) as CurrentOfRegion[];
    const current =
      found.length === 0 ? null : new Map(found.map((c) => [`${c.indicator_code}|${c.period}`, c]));
    for (const i of group) {
      const r = rows[i];
      const unit = r.unit ?? null;
      const source = r.source ?? null;
      const note = r.note ?? null;
      const cur: Current | undefined = current?.get(`${r.indicatorCode}|${r.period}`);
      let revision: number;
      if (cur === undefined) {
        insert.run(
          r.regionCode,
          r.indicatorCode,
          r.period,
          r.value,
          unit,
          source,
          note,
          status,
          at,
          meta.author,
        );
        revision = 1;
        inserted++;
      } else if (cur.value === r.value && cur.unit === unit && cur.source === source && cur.note === note) {
        continue;
      } else {
        revision = cur.revision + 1;
        update.run(
          r.value,
          unit,
          source,
          note,
          status,
          revision,
          at,
          meta.author,
          r.regionCode,
          r.indicatorCode,
          r.period,
        );
        revised++;
      }
      revise.run(
        r.regionCode,
        r.indicatorCode,
        r.period,
        revision,
        r.value,
        unit,
        source,
        note,
        status,
        meta.author,
        at,
        reason,
        r.sourceFile ?? meta.sourceFile ?? null,
        r.sourceRow ?? null,
        importId,
      );
    }
  }
  return { inserted, revised, unchanged: input.length - inserted - revised };
}
