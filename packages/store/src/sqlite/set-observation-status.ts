// Status change on SQLite: each key whose status differs gets a "status" revision carrying the same value, so the
// history shows who changed the status, when and why.
import type BetterSqlite3 from "better-sqlite3";
import { nowIso } from "../kysely-store.ts";
import type { ObservationRow } from "../rows.ts";
import type { ObservationKey, ObservationStatus, StatusChangeCounts, StatusMeta } from "../store.ts";
import { checkStatus, uniqueKeys } from "../validate.ts";

type Current = Pick<ObservationRow, "value" | "unit" | "source" | "note" | "status" | "revision">;

export function setObservationStatusSqlite(
  sqlite: BetterSqlite3.Database,
  input: readonly ObservationKey[],
  status: ObservationStatus,
  meta: StatusMeta,
): StatusChangeCounts {
  checkStatus(status);
  const keys = uniqueKeys(input);
  const at = meta.at ?? nowIso();
  const select = sqlite.prepare(
    "SELECT value, unit, source, note, status, revision FROM observations WHERE region_code = ? AND indicator_code = ? AND period = ?",
  );
  const update = sqlite.prepare(
    `UPDATE observations SET status = ?, revision = ?, updated_at = ?, updated_by = ?
     WHERE region_code = ? AND indicator_code = ? AND period = ?`,
  );
  const revise = sqlite.prepare(
    `INSERT INTO observation_revisions (region_code, indicator_code, period, revision, change, value, unit, source, note,
       status, author, created_at, reason, source_file, source_row, import_id)
     VALUES (?, ?, ?, ?, 'status', ?, ?, ?, ?, ?, ?, ?, ?, NULL, NULL, NULL)`,
  );
  let changed = 0;
  let unchanged = 0;
  const missing: ObservationKey[] = [];
  for (const k of keys) {
    const cur = select.get(k.regionCode, k.indicatorCode, k.period) as Current | undefined;
    if (cur === undefined) {
      missing.push(k);
      continue;
    }
    if (cur.status === status) {
      unchanged++;
      continue;
    }
    const revision = cur.revision + 1;
    update.run(status, revision, at, meta.author, k.regionCode, k.indicatorCode, k.period);
    revise.run(
      k.regionCode,
      k.indicatorCode,
      k.period,
      revision,
      cur.value,
      cur.unit,
      cur.source,
      cur.note,
      status,
      meta.author,
      at,
      meta.reason ?? null,
    );
    changed++;
  }
  return { changed, unchanged, missing };
}
