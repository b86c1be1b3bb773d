// Status change on PostgreSQL, set-based over the key arrays (unnest): same outcome as
// sqlite/set-observation-status.ts — a "status" revision carrying the same value for each key that changes, made
// by copying the current row (the latest revision) into observation_revisions and updating it in place, all
// pointing to the call's one change set.
import type pg from "pg";
import { statusChangeSet } from "../change-sets.ts";
import { nowIso } from "../kysely-store.ts";
import { toNumber } from "../mappers.ts";
import type { ObservationKey, ObservationStatus, StatusChangeCounts, StatusMeta } from "../store.ts";
import { checkStatus, uniqueKeys } from "../validate.ts";
import { insertChangeSet, SUPERSEDE } from "./write-observations.ts";

const CREATE_KEYS = `
CREATE TEMP TABLE ronghe_status_keys ON COMMIT DROP AS
SELECT * FROM unnest($1::text[], $2::text[], $3::integer[]) AS k(region_code, indicator_code, period)`;

const MISSING = `
SELECT k.region_code, k.indicator_code, k.period FROM ronghe_status_keys k
WHERE NOT EXISTS (SELECT 1 FROM observations o
                  WHERE o.region_code = k.region_code AND o.indicator_code = k.indicator_code AND o.period = k.period)`;

// $1 status. The current rows to supersede are copied into observation_revisions before the update.
const SUPERSEDE_CHANGING = `
${SUPERSEDE} AS o
WHERE o.status <> $1 AND EXISTS (SELECT 1 FROM ronghe_status_keys k
  WHERE o.region_code = k.region_code AND o.indicator_code = k.indicator_code AND o.period = k.period)`;

// $1 status, $2 change set
const UPDATE_CURRENT = `
UPDATE observations o SET status = $1, revision = o.revision + 1, change_id = $2, source_file_override = NULL,
  source_row = NULL
FROM ronghe_status_keys k
WHERE o.region_code = k.region_code AND o.indicator_code = k.indicator_code AND o.period = k.period AND o.status <> $1`;

export async function setObservationStatusPostgres(
  client: pg.PoolClient,
  input: readonly ObservationKey[],
  status: ObservationStatus,
  meta: StatusMeta,
): Promise<StatusChangeCounts> {
  checkStatus(status);
  const keys = uniqueKeys(input);
  if (keys.length === 0) return { changed: 0, unchanged: 0, missing: [] };
  const at = meta.at ?? nowIso();
  // Writers compute revision numbers from the current rows; one writer at a time keeps them gap- and clash-free.
  // Readers are not blocked.
  await client.query("LOCK TABLE observations IN SHARE ROW EXCLUSIVE MODE");
  await client.query("DROP TABLE IF EXISTS pg_temp.ronghe_status_keys");
  await client.query(CREATE_KEYS, [
    keys.map((k) => k.regionCode),
    keys.map((k) => k.indicatorCode),
    keys.map((k) => k.period),
  ]);
  const missing = (await client.query(MISSING)).rows.map((r) => ({
    regionCode: r.region_code as string,
    indicatorCode: r.indicator_code as string,
    period: toNumber(r.period),
  }));
  const superseded = (await client.query(SUPERSEDE_CHANGING, [status])).rowCount ?? 0;
  let changed = 0;
  // The change set only when some status changes: a call that changes nothing leaves none behind.
  if (superseded > 0) {
    const changeId = await insertChangeSet(client, statusChangeSet(meta, at));
    changed = (await client.query(UPDATE_CURRENT, [status, changeId])).rowCount ?? 0;
  }
  await client.query("DROP TABLE pg_temp.ronghe_status_keys");
  return { changed, unchanged: keys.length - missing.length - changed, missing };
}
