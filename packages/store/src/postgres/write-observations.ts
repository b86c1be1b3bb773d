// Bulk observation write on PostgreSQL, set-based: COPY the rows into a temp table, keep those that are new or
// differ from the current state, then insert or update the current rows and append one revision each. Same outcome as
// sqlite/write-observations.ts row by row.
import type pg from "pg";
import { nowIso } from "../kysely-store.ts";
import { toNumber } from "../mappers.ts";
import type { ObservationInput, WriteCounts, WriteMeta } from "../store.ts";
import { checkStatus, prepareObservations, unknownIndicator, unknownRegion } from "../validate.ts";
import { copyRows } from "./copy-rows.ts";

const IN_COLUMNS = [
  "region_code",
  "indicator_code",
  "period",
  "value",
  "unit",
  "source",
  "note",
  "source_file",
  "source_row",
];

const CREATE_IN = `
CREATE TEMP TABLE ronghe_obs_in (
  region_code text, indicator_code text, period integer, value double precision, unit text, source text, note text,
  source_file text, source_row integer
) ON COMMIT DROP`;

// Rows to write, with their new revision number. IS DISTINCT FROM treats NULL = NULL as equal, like the SQLite path.
const CREATE_CHANGED = `
CREATE TEMP TABLE ronghe_obs_changed ON COMMIT DROP AS
SELECT i.*, coalesce(o.revision, 0) + 1 AS revision, (o.region_code IS NULL) AS is_new
FROM ronghe_obs_in i
LEFT JOIN observations o
  ON o.region_code = i.region_code AND o.indicator_code = i.indicator_code AND o.period = i.period
WHERE o.region_code IS NULL
   OR o.value IS DISTINCT FROM i.value
   OR o.unit IS DISTINCT FROM i.unit
   OR o.source IS DISTINCT FROM i.source
   OR o.note IS DISTINCT FROM i.note`;

const COUNT_CHANGED = `
SELECT count(*) FILTER (WHERE is_new) AS inserted, count(*) FILTER (WHERE NOT is_new) AS revised FROM ronghe_obs_changed`;

// $1 status, $2 at, $3 author. New keys get a plain INSERT (cheaper than ON CONFLICT's speculative insertion),
// changed keys an UPDATE.
const INSERT_NEW = `
INSERT INTO observations (region_code, indicator_code, period, value, unit, source, note, status, revision, updated_at, updated_by)
SELECT region_code, indicator_code, period, value, unit, source, note, $1, revision, $2, $3 FROM ronghe_obs_changed
WHERE is_new`;

const UPDATE_CHANGED = `
UPDATE observations o SET value = c.value, unit = c.unit, source = c.source, note = c.note,
  status = $1, revision = c.revision, updated_at = $2, updated_by = $3
FROM ronghe_obs_changed c
WHERE NOT c.is_new AND o.region_code = c.region_code AND o.indicator_code = c.indicator_code AND o.period = c.period`;

// $1 status, $2 at, $3 author, $4 reason, $5 default source file, $6 import id
const APPEND_REVISIONS = `
INSERT INTO observation_revisions (region_code, indicator_code, period, revision, change, value, unit, source, note,
  status, author, created_at, reason, source_file, source_row, import_id)
SELECT region_code, indicator_code, period, revision, 'value', value, unit, source, note,
  $1, $3, $2, $4, coalesce(source_file, $5), source_row, $6
FROM ronghe_obs_changed`;

const UNKNOWN_REGION = `
SELECT i.region_code FROM ronghe_obs_in i LEFT JOIN regions r ON r.code = i.region_code WHERE r.code IS NULL LIMIT 1`;
const UNKNOWN_INDICATOR = `
SELECT i.indicator_code FROM ronghe_obs_in i LEFT JOIN indicators d ON d.code = i.indicator_code WHERE d.code IS NULL LIMIT 1`;

async function checkReferences(client: pg.PoolClient): Promise<void> {
  const region = (await client.query(UNKNOWN_REGION)).rows[0];
  if (region) throw unknownRegion(region.region_code);
  const indicator = (await client.query(UNKNOWN_INDICATOR)).rows[0];
  if (indicator) throw unknownIndicator(indicator.indicator_code);
}

export async function writeObservationsPostgres(
  client: pg.PoolClient,
  input: readonly ObservationInput[],
  meta: WriteMeta,
): Promise<WriteCounts> {
  const rows = prepareObservations(input);
  const status = meta.status ?? "draft";
  checkStatus(status);
  if (rows.length === 0) return { inserted: 0, revised: 0, unchanged: 0 };
  const at = meta.at ?? nowIso();
  // Writers compute revision numbers from the current rows; one writer at a time keeps them gap- and clash-free.
  // Readers are not blocked.
  await client.query("LOCK TABLE observations IN SHARE ROW EXCLUSIVE MODE");
  await client.query("DROP TABLE IF EXISTS pg_temp.ronghe_obs_in");
  await client.query("DROP TABLE IF EXISTS pg_temp.ronghe_obs_changed");
  await client.query(CREATE_IN);
  await copyRows(client, "ronghe_obs_in", IN_COLUMNS, rows.length, (i) => {
    const r = rows[i];
    return [
      r.regionCode,
      r.indicatorCode,
      r.period,
      r.value,
      r.unit,
      r.source,
      r.note,
      r.sourceFile,
      r.sourceRow,
    ];
  });
  // Temp tables have no statistics; without them the planner may pick a nested loop over 600k rows.
  if (rows.length > 1000) await client.query("ANALYZE ronghe_obs_in");
  await checkReferences(client);
  await client.query(CREATE_CHANGED);
  const counts = (await client.query(COUNT_CHANGED)).rows[0];
  const inserted = toNumber(counts.inserted);
  const revised = toNumber(counts.revised);
  if (inserted + revised > 0) {
    if (inserted > 0) await client.query(INSERT_NEW, [status, at, meta.author]);
    if (revised > 0) await client.query(UPDATE_CHANGED, [status, at, meta.author]);
    await client.query(APPEND_REVISIONS, [
      status,
      at,
      meta.author,
      meta.reason ?? null,
      meta.sourceFile ?? null,
      meta.importId ?? null,
    ]);
  }
  await client.query("DROP TABLE pg_temp.ronghe_obs_in");
  await client.query("DROP TABLE pg_temp.ronghe_obs_changed");
  return { inserted, revised, unchanged: input.length - inserted - revised };
}
