// Status change on PostgreSQL, set-based over the key arrays (unnest): same outcome as
// sqlite/set-observation-status.ts — a "status" revision carrying the same value for each key that changes.
import type pg from "pg";
import { nowIso } from "../kysely-store.ts";
import { toNumber } from "../mappers.ts";
import type { ObservationKey, ObservationStatus, StatusChangeCounts, StatusMeta } from "../store.ts";
import { checkStatus, uniqueKeys } from "../validate.ts";

const CREATE_KEYS = `
CREATE TEMP TABLE ronghe_status_keys ON COMMIT DROP AS
SELECT * FROM unnest($1::text[], $2::text[], $3::integer[]) AS k(region_code, indicator_code, period)`;

const MISSING = `
SELECT k.region_code, k.indicator_code, k.period FROM ronghe_status_keys k
WHERE NOT EXISTS (SELECT 1 FROM observations o
                  WHERE o.region_code = k.region_code AND o.indicator_code = k.indicator_code AND o.period = k.period)`;

// $1 status, $2 at, $3 author, $4 reason. Revisions first: they read the current revision number before the update.
const APPEND_REVISIONS = `
INSERT INTO observation_revisions (region_code, indicator_code, period, revision, change, value, unit, source, note,
  status, author, created_at, reason, source_file, source_row, import_id)
SELECT o.region_code, o.indicator_code, o.period, o.revision + 1, 'status', o.value, o.unit, o.source, o.note,
  $1, $3, $2, $4, NULL, NULL, NULL
FROM observations o
JOIN ronghe_status_keys k ON o.region_code = k.region_code AND o.indicator_code = k.indicator_code AND o.period = k.period
WHERE o.status <> $1`;

const UPDATE_CURRENT = `
UPDATE observations o SET status = $1, revision = o.revision + 1, updated_at = $2, updated_by = $3
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
  await client.query(APPEND_REVISIONS, [status, at, meta.author, meta.reason ?? null]);
  const changed = (await client.query(UPDATE_CURRENT, [status, at, meta.author])).rowCount ?? 0;
  await client.query("DROP TABLE pg_temp.ronghe_status_keys");
  return { changed, unchanged: keys.length - missing.length - changed, missing };
}
