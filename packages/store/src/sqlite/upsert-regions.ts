// Bulk region upsert on SQLite: one prepared statement, run once per row inside the caller's transaction.
// Columns and merge rules: ../region-merge.ts.
import type BetterSqlite3 from "better-sqlite3";
import { REGION_COLUMNS, regionMergeClause, regionValues } from "../region-merge.ts";
import type { ProgressCallback, RegionInput, UpsertCounts } from "../store.ts";
import { prepareRegions } from "../validate.ts";

const UPSERT = `
INSERT INTO regions (${REGION_COLUMNS.join(", ")})
VALUES (${REGION_COLUMNS.map(() => "?").join(", ")})${regionMergeClause("regions")}`;

const ROWS_PER_INSERT = 64;
const ONE_ROW = `(${REGION_COLUMNS.map(() => "?").join(", ")})`;
const INSERT_MANY = `INSERT INTO regions (${REGION_COLUMNS.join(", ")}) VALUES ${Array(ROWS_PER_INSERT).fill(ONE_ROW).join(", ")}`;

const PROGRESS_EVERY = 10_000;
/** loads at least this large, and larger than the table, rebuild the secondary indexes afterwards */
const DEFER_INDEXES_FROM = 50_000;

export function upsertRegionsSqlite(
  sqlite: BetterSqlite3.Database,
  input: readonly RegionInput[],
  onProgress?: ProgressCallback,
): UpsertCounts {
  const regions = prepareRegions(input);
  const count = sqlite.prepare("SELECT count(*) AS n FROM regions").pluck();
  const before = count.get() as number;
  const stmt = sqlite.prepare(UPSERT);
  const total = regions.length;
  // A load larger than the table (the first import of all China) builds the secondary indexes once at the end
  // instead of updating them row by row, which is several times faster. The caller's transaction covers the DDL
  // too, so a failed or killed import leaves the indexes as they were. Key and unique indexes stay in place.
  const deferred =
    total >= DEFER_INDEXES_FROM && total > before
      ? (sqlite
          .prepare(
            "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'regions' AND sql IS NOT NULL AND sql NOT LIKE 'CREATE UNIQUE%'",
          )
          .all() as Array<{ name: string; sql: string }>)
      : [];
  for (const index of deferred) sqlite.exec(`DROP INDEX "${index.name.replace(/"/g, '""')}"`);
  let i = 0;
  if (before === 0) {
    // Nothing to merge into an empty table: plain inserts, ROWS_PER_INSERT rows per statement (the per-statement
    // cost of the driver is most of a narrow row's insert time).
    const many = sqlite.prepare(INSERT_MANY);
    const values: unknown[] = [];
    for (; i + ROWS_PER_INSERT <= total; i += ROWS_PER_INSERT) {
      values.length = 0;
      for (let k = i; k < i + ROWS_PER_INSERT; k++) for (const v of regionValues(regions[k])) values.push(v);
      many.run(values);
      if (onProgress && Math.floor((i + ROWS_PER_INSERT) / PROGRESS_EVERY) > Math.floor(i / PROGRESS_EVERY))
        onProgress(i + ROWS_PER_INSERT, total);
    }
  }
  for (; i < total; i++) {
    stmt.run(...regionValues(regions[i]));
    if (onProgress && (i + 1) % PROGRESS_EVERY === 0) onProgress(i + 1, total);
  }
  for (const index of deferred) sqlite.exec(index.sql);
  onProgress?.(total, total);
  const inserted = (count.get() as number) - before;
  return { inserted, updated: total - inserted };
}
