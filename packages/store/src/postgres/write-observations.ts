// Bulk observation write on PostgreSQL. An observation's current row is its latest revision. Under a writer lock,
// read the current rows of the input's regions once, sort the input into new, changed and unchanged in memory,
// then COPY the new rows straight into `observations` (COPY into the real table is several times faster than
// INSERT … SELECT from a staging table; a large first load builds the key afterwards), and the changed rows into a
// temp table, from which one INSERT … SELECT copies their current rows into `observation_revisions` and one UPDATE
// makes them the next revision. The call's provenance is one change set (change-sets.ts), inserted only when
// something changes. Same outcome as sqlite/write-observations.ts row by row.
import type pg from "pg";
import {
  CHANGE_SET_COLUMNS,
  type ChangeSet,
  changeSetValues,
  sourceFileOverride,
  valueChangeSet,
} from "../change-sets.ts";
import { nowIso } from "../kysely-store.ts";
import {
  type ObservationInput,
  ROW_NEW,
  ROW_REVISED,
  ROW_UNCHANGED,
  type WriteCounts,
  type WriteDetail,
  type WriteMeta,
} from "../store.ts";
import { checkReferences, checkStatus, keyOf, positionOf, prepareObservations } from "../validate.ts";
import { columnEncoder, copyLines, copyRows, encodeCopy } from "./copy-rows.ts";

const OBSERVATION_COLUMNS = [
  "region_code",
  "indicator_code",
  "period",
  "revision",
  "value",
  "unit",
  "source",
  "note",
  "status",
  "change_id",
  "source_file_override",
  "source_row",
];

/**
 * Superseding current revisions copies their current rows (with their change sets) into observation_revisions
 * (the writers then update them to the next revision): `${SUPERSEDE} AS o WHERE …`.
 */
export const SUPERSEDE = `
INSERT INTO observation_revisions (${OBSERVATION_COLUMNS.join(", ")})
SELECT ${OBSERVATION_COLUMNS.join(", ")} FROM observations`;

/** Inserts one change set, returning its id: $1…$6 changeSetValues. */
export const INSERT_CHANGE_SET = `
INSERT INTO observation_changes (${CHANGE_SET_COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`;

export async function insertChangeSet(client: pg.PoolClient, set: ChangeSet): Promise<number> {
  const { rows } = await client.query(INSERT_CHANGE_SET, changeSetValues(set));
  return Number(rows[0].id);
}

const CURRENT = `
SELECT region_code, indicator_code, period, value, unit, source, note FROM observations
WHERE region_code = ANY($1::text[])`;

const CHANGED_COLUMNS = [
  "region_code",
  "indicator_code",
  "period",
  "value",
  "unit",
  "source",
  "note",
  "source_file_override",
  "source_row",
];

const CREATE_CHANGED = `
CREATE TEMP TABLE ronghe_obs_changed (
  region_code text, indicator_code text, period integer, value double precision, unit text, source text, note text,
  source_file_override text, source_row integer
) ON COMMIT DROP`;

const SUPERSEDE_CHANGED = `
${SUPERSEDE} AS o
WHERE EXISTS (SELECT 1 FROM ronghe_obs_changed c
              WHERE c.region_code = o.region_code AND c.indicator_code = o.indicator_code AND c.period = o.period)`;

// $1 status, $2 change set
const UPDATE_CHANGED = `
UPDATE observations o SET value = c.value, unit = c.unit, source = c.source, note = c.note, status = $1,
  revision = o.revision + 1, change_id = $2, source_file_override = c.source_file_override, source_row = c.source_row
FROM ronghe_obs_changed c
WHERE o.region_code = c.region_code AND o.indicator_code = c.indicator_code AND o.period = c.period`;

/** Writes of at least this many new rows into an empty table build the primary key after loading. */
const DEFER_KEY_ROWS = 50_000;

const ADD_KEY =
  "ALTER TABLE observations ADD CONSTRAINT observations_pk PRIMARY KEY (region_code, indicator_code, period)";

/** The codes of `wanted` missing from the table. */
async function missingCodes(
  client: pg.PoolClient,
  table: "regions" | "indicators",
  wanted: readonly string[],
): Promise<Set<string>> {
  const found = await client.query({
    text: `SELECT code FROM ${table} WHERE code = ANY($1::text[])`,
    values: [wanted],
    rowMode: "array",
  });
  if (found.rows.length === wanted.length) return new Set();
  const present = new Set(found.rows.map((r) => r[0] as string));
  return new Set(wanted.filter((c) => !present.has(c)));
}

/** The distinct region codes of the rows (which come in runs of one region). */
function distinctRegions(rows: readonly ObservationInput[]): string[] {
  const seen = new Set<string>();
  let last: string | undefined;
  for (const r of rows) {
    if (r.regionCode !== last) {
      last = r.regionCode;
      seen.add(last);
    }
  }
  return [...seen];
}

export async function writeObservationsPostgres(
  client: pg.PoolClient,
  input: readonly ObservationInput[],
  meta: WriteMeta,
  { dryRun = false }: { dryRun?: boolean } = {},
): Promise<WriteCounts> {
  // The region reference check goes to the server first and runs there while the rows' keys are prepared here
  // (20k codes: ~65 ms on each side). A dry run writes nothing that could refer to a missing region.
  const regionCheck =
    dryRun || input.length === 0 ? null : missingCodes(client, "regions", distinctRegions(input));
  regionCheck?.catch(() => {}); // awaited below; a failure is reported there, not as an unhandled rejection
  const p = prepareObservations(input);
  const status = meta.status ?? "draft";
  checkStatus(status);
  const detail: WriteDetail | undefined = meta.detail
    ? { change: new Uint8Array(input.length), before: new Float64Array(input.length) }
    : undefined;
  const { order } = p;
  if (order.length === 0) return { inserted: 0, revised: 0, unchanged: 0, ...(detail ? { detail } : {}) };
  // A dry run reads and compares only: no lock, and nothing written that could refer to a missing region.
  if (!dryRun) {
    // Writers compute revision numbers from the current rows; one writer at a time keeps them gap- and
    // clash-free. Readers are not blocked.
    await client.query("LOCK TABLE observations IN SHARE ROW EXCLUSIVE MODE");
    // References are checked here (no foreign keys on observations, see the initial migration).
    checkReferences(
      input,
      (await regionCheck) as Set<string>,
      await missingCodes(client, "indicators", p.indicators),
    );
  }

  const found = await client.query({ text: CURRENT, values: [p.regions], rowMode: "array" });
  const current = found.rows as unknown[][];
  // For each position of `order`, the index of its current row in `current`, or -1.
  const currentAt = new Int32Array(order.length).fill(-1);
  for (let j = 0; j < current.length; j++) {
    const c = current[j];
    const pos = positionOf(p, keyOf(p, c[0] as string, c[1] as string, c[2] as number));
    if (pos >= 0) currentAt[pos] = j;
  }
  // Positions in `order` of the new and of the changed rows, in key order.
  const fresh = new Int32Array(order.length);
  const changed = new Int32Array(order.length);
  let inserted = 0;
  let revised = 0;
  for (let k = 0; k < order.length; k++) {
    const i = order[k];
    const j = currentAt[k];
    if (j < 0) {
      fresh[inserted++] = k;
      if (detail) {
        detail.change[i] = ROW_NEW;
        detail.before[i] = Number.NaN;
      }
      continue;
    }
    const r = input[i];
    const cur = current[j];
    if (detail) detail.before[i] = cur[3] as number;
    if (
      cur[3] === r.value &&
      cur[4] === (r.unit ?? null) &&
      cur[5] === (r.source ?? null) &&
      cur[6] === (r.note ?? null)
    ) {
      if (detail) detail.change[i] = ROW_UNCHANGED;
      continue;
    }
    changed[revised++] = k;
    if (detail) detail.change[i] = ROW_REVISED;
  }
  if (detail && p.repeatOf) {
    for (let i = 0; i < input.length; i++) {
      if (p.repeatOf[i] < 0) continue;
      detail.change[i] = ROW_UNCHANGED;
      detail.before[i] = input[i].value;
    }
  }

  if (dryRun || inserted + revised === 0) {
    return { inserted, revised, unchanged: input.length - inserted - revised, ...(detail ? { detail } : {}) };
  }
  const changeSet = valueChangeSet(meta, meta.at ?? nowIso());
  const changeId = await insertChangeSet(client, changeSet);
  const setFile = changeSet.sourceFile;
  if (inserted > 0) {
    // COPY lines built directly: the call's constant columns are encoded once, repeated cells once per run.
    const constant = [status, changeId].map(encodeCopy).join("\t");
    const region = columnEncoder();
    const indicator = columnEncoder();
    const unit = columnEncoder();
    const source = columnEncoder();
    const note = columnEncoder();
    const file = columnEncoder();
    // Into an empty table (the first load), the key's index is built once after the COPY instead of row by row.
    // The writer lock keeps other writers out meanwhile, and readers wait for the commit (they would have read an
    // empty table); DDL is transactional, so a failed or killed write leaves the table and its key as they were.
    const deferKey =
      inserted >= DEFER_KEY_ROWS &&
      current.length === 0 &&
      (await client.query("SELECT NOT EXISTS (SELECT 1 FROM observations) AS empty")).rows[0].empty === true;
    if (deferKey) await client.query("ALTER TABLE observations DROP CONSTRAINT observations_pk");
    await copyLines(client, "observations", OBSERVATION_COLUMNS, inserted, (n) => {
      const r = input[order[fresh[n]]];
      const row = r.sourceRow ?? null;
      return `${region(r.regionCode)}\t${indicator(r.indicatorCode)}\t${r.period}\t1\t${r.value}\t${unit(r.unit)}\t${source(r.source)}\t${note(r.note)}\t${constant}\t${file(sourceFileOverride(r.sourceFile, setFile))}\t${row === null ? "\\N" : row}`;
    });
    if (deferKey) await client.query(ADD_KEY);
  }
  if (revised > 0) {
    await client.query("DROP TABLE IF EXISTS pg_temp.ronghe_obs_changed");
    await client.query(CREATE_CHANGED);
    await copyRows(client, "ronghe_obs_changed", CHANGED_COLUMNS, revised, (n) => {
      const r = input[order[changed[n]]];
      return [
        r.regionCode,
        r.indicatorCode,
        r.period,
        r.value,
        r.unit,
        r.source,
        r.note,
        sourceFileOverride(r.sourceFile, setFile),
        r.sourceRow,
      ];
    });
    // Temp tables have no statistics; without them the planner may pick a nested loop over many rows.
    if (revised > 1000) await client.query("ANALYZE pg_temp.ronghe_obs_changed");
    // Both statements hash-join the changed keys with the table; with the default 4 MB of work memory a large
    // revision spills the hashes to disk in batches (a re-import revising 600k values: 8.9 s → 6.7 s).
    if (revised > 50_000) await client.query("SET LOCAL work_mem = '64MB'");
    await client.query(SUPERSEDE_CHANGED);
    await client.query(UPDATE_CHANGED, [status, changeId]);
    await client.query("DROP TABLE pg_temp.ronghe_obs_changed");
  }
  return {
    inserted,
    revised,
    unchanged: input.length - inserted - revised,
    ...(detail ? { detail } : {}),
  };
}
