// Bulk observation write on SQLite, inside the caller's transaction. An observation's current row is its latest
// revision: a new key is inserted as revision 1; a changed one first copies its current row into
// observation_revisions, then takes the new value as the next revision; an unchanged one is skipped. The call's
// provenance is one change set (change-sets.ts) that its new revisions point to. Rows go in key order (the
// b-tree's), new ones in multi-row INSERTs, and each region's current rows are read once (one query per region).
import type BetterSqlite3 from "better-sqlite3";
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
  type WriteMeta,
} from "../store.ts";
import {
  checkReferences,
  checkStatus,
  keyOf,
  positionOf,
  prepareObservations,
  regionGroupEnd,
} from "../validate.ts";
import { NewRowInserter } from "./insert-new-rows.ts";

/**
 * An observation's current row (its latest revision) as an array, read in raw mode (no object per row), in the
 * order of observation_revisions' columns after region_code: superseding it binds the array as it is (the
 * superseded revision keeps its change set).
 */
export type CurrentRow = unknown[];
// positions in CurrentRow (see CURRENT_COLUMNS)
const CUR_VALUE = 3;
const CUR_UNIT = 4;
const CUR_SOURCE = 5;
const CUR_NOTE = 6;
export const CUR_STATUS = 7;

const CURRENT_COLUMNS = `indicator_code, period, revision, value, unit, source, note, status, change_id,
  source_file_override, source_row`;

/** The current row of one key (raw). */
export function selectCurrent(
  sqlite: BetterSqlite3.Database,
): BetterSqlite3.Statement<[string, string, number], CurrentRow> {
  return sqlite
    .prepare<[string, string, number], CurrentRow>(
      `SELECT ${CURRENT_COLUMNS} FROM observations WHERE region_code = ? AND indicator_code = ? AND period = ?`,
    )
    .raw(true);
}

/**
 * Copies a current row into observation_revisions (before it becomes the next revision). Values are bound, not
 * selected (INSERT … SELECT): a multi-row statement opens a statement journal, whose release inside a savepoint
 * (an import's transaction) costs time that grows with the transaction's pages.
 */
export function supersede(sqlite: BetterSqlite3.Database): (region: string, current: CurrentRow) => void {
  const insert = sqlite.prepare(
    `INSERT INTO observation_revisions (region_code, ${CURRENT_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  return (region, current) => {
    insert.run(region, ...current);
  };
}

/**
 * The id of the call's change set, inserted on first use: a call that changes nothing leaves none behind. It
 * is rolled back with the caller's transaction.
 */
export function lazyChangeSet(sqlite: BetterSqlite3.Database, set: ChangeSet): () => number {
  let id: number | undefined;
  return () => {
    id ??= Number(
      sqlite
        .prepare(`INSERT INTO observation_changes (${CHANGE_SET_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?)`)
        .run(...changeSetValues(set)).lastInsertRowid,
    );
    return id;
  };
}

export function writeObservationsSqlite(
  sqlite: BetterSqlite3.Database,
  input: readonly ObservationInput[],
  meta: WriteMeta,
  { dryRun = false }: { dryRun?: boolean } = {},
): WriteCounts {
  const p = prepareObservations(input);
  const status = meta.status ?? "draft";
  checkStatus(status);
  const changeSet = valueChangeSet(meta, meta.at ?? nowIso());
  // References are checked here (no foreign keys on observations, see the initial migration).
  // One statement per table over all the call's codes (a JSON array): 20k point queries cost 5× more.
  const missing = (table: "regions" | "indicators", codes: readonly string[]) =>
    new Set(
      sqlite
        .prepare(`SELECT value FROM json_each(?) WHERE value NOT IN (SELECT code FROM ${table})`)
        .pluck()
        .all(JSON.stringify(codes)) as string[],
    );
  // A dry run writes nothing, so there is nothing to refer to.
  if (!dryRun) checkReferences(input, missing("regions", p.regions), missing("indicators", p.indicators));
  const selectRegion = sqlite
    .prepare<[string], CurrentRow>(`SELECT ${CURRENT_COLUMNS} FROM observations WHERE region_code = ?`)
    .raw(true);
  const changeId = lazyChangeSet(sqlite, changeSet);
  const newRows = new NewRowInserter(sqlite, status, changeId);
  // Into an empty table every row is new: no region's current rows need reading (20k queries on a first load).
  const firstRows = sqlite.prepare("SELECT NOT EXISTS (SELECT 1 FROM observations)").pluck().get() === 1;
  const copyToRevisions = supersede(sqlite);
  const revise = sqlite.prepare(
    `UPDATE observations SET value = ?, unit = ?, source = ?, note = ?, status = ?, revision = revision + 1,
       change_id = ?, source_file_override = ?, source_row = ?
     WHERE region_code = ? AND indicator_code = ? AND period = ?`,
  );
  const setFile = changeSet.sourceFile;
  const detail = meta.detail
    ? { change: new Uint8Array(input.length), before: new Float64Array(input.length) }
    : undefined;
  const { order } = p;
  let inserted = 0;
  let revised = 0;
  for (let start = 0; start < order.length; ) {
    const end = regionGroupEnd(p, start);
    const region = input[order[start]].regionCode;
    const found = firstRows ? [] : selectRegion.all(region);
    // The region's current rows by position in the group (stored keys the call does not write find no position).
    const current: Array<CurrentRow | undefined> = [];
    for (const c of found) {
      const pos = positionOf(p, keyOf(p, region, c[0] as string, c[1] as number), start, end);
      if (pos >= 0) current[pos - start] = c;
    }
    for (let k = start; k < end; k++) {
      const i = order[k];
      const r = input[i];
      const unit = r.unit ?? null;
      const source = r.source ?? null;
      const note = r.note ?? null;
      const cur = current[k - start];
      if (cur === undefined) {
        if (!dryRun)
          newRows.add(
            region,
            r.indicatorCode,
            r.period,
            r.value,
            unit,
            source,
            note,
            sourceFileOverride(r.sourceFile, setFile),
            r.sourceRow ?? null,
          );
        inserted++;
        if (detail) {
          detail.change[i] = ROW_NEW;
          detail.before[i] = Number.NaN;
        }
        continue;
      }
      if (detail) detail.before[i] = cur[CUR_VALUE] as number;
      if (
        cur[CUR_VALUE] === r.value &&
        cur[CUR_UNIT] === unit &&
        cur[CUR_SOURCE] === source &&
        cur[CUR_NOTE] === note
      ) {
        if (detail) detail.change[i] = ROW_UNCHANGED;
        continue;
      }
      if (!dryRun) {
        copyToRevisions(region, cur);
        revise.run(
          r.value,
          unit,
          source,
          note,
          status,
          changeId(),
          sourceFileOverride(r.sourceFile, setFile),
          r.sourceRow ?? null,
          region,
          r.indicatorCode,
          r.period,
        );
      }
      revised++;
      if (detail) detail.change[i] = ROW_REVISED;
    }
    start = end;
  }
  if (!dryRun) newRows.finish();
  if (detail && p.repeatOf) {
    for (let i = 0; i < input.length; i++) {
      if (p.repeatOf[i] < 0) continue;
      detail.change[i] = ROW_UNCHANGED;
      detail.before[i] = input[i].value;
    }
  }
  return { inserted, revised, unchanged: input.length - inserted - revised, ...(detail ? { detail } : {}) };
}
