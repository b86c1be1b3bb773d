// Status change on SQLite: each key whose status differs gets a new "status" revision carrying the same value, so
// the history shows who changed the status, when and why (the call's change set). The current row is the latest
// revision: it is copied into observation_revisions, then updated in place.
import type BetterSqlite3 from "better-sqlite3";
import { statusChangeSet } from "../change-sets.ts";
import { nowIso } from "../kysely-store.ts";
import type { ObservationKey, ObservationStatus, StatusChangeCounts, StatusMeta } from "../store.ts";
import { checkStatus, uniqueKeys } from "../validate.ts";
import { CUR_STATUS, lazyChangeSet, selectCurrent, supersede } from "./write-observations.ts";

export function setObservationStatusSqlite(
  sqlite: BetterSqlite3.Database,
  input: readonly ObservationKey[],
  status: ObservationStatus,
  meta: StatusMeta,
): StatusChangeCounts {
  checkStatus(status);
  const keys = uniqueKeys(input);
  const changeId = lazyChangeSet(sqlite, statusChangeSet(meta, meta.at ?? nowIso()));
  const select = selectCurrent(sqlite);
  const copyToRevisions = supersede(sqlite);
  const update = sqlite.prepare(
    `UPDATE observations SET status = ?, revision = revision + 1, change_id = ?, source_file_override = NULL,
       source_row = NULL
     WHERE region_code = ? AND indicator_code = ? AND period = ?`,
  );
  let changed = 0;
  let unchanged = 0;
  const missing: ObservationKey[] = [];
  for (const k of keys) {
    const current = select.get(k.regionCode, k.indicatorCode, k.period);
    if (current === undefined) {
      missing.push(k);
      continue;
    }
    if (current[CUR_STATUS] === status) {
      unchanged++;
      continue;
    }
    copyToRevisions(k.regionCode, current);
    update.run(status, changeId(), k.regionCode, k.indicatorCode, k.period);
    changed++;
  }
  return { changed, unchanged, missing };
}
