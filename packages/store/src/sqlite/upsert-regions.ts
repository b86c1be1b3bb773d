// Bulk region upsert on SQLite, inside the caller's transaction: one prepared upsert per row, or plain
// multi-row inserts into an empty table. Columns and merge rules: ../region-merge.ts.
import type BetterSqlite3 from "better-sqlite3";
import { REGION_COLUMNS, regionMergeClause, regionValues } from "../region-merge.ts";
import { inCodeOrder } from "../region-order.ts";
import type { ProgressCallback, RegionInput, UpsertCounts } from "../store.ts";
import { prepareRegions } from "../validate.ts";

const UPSERT = `
INSERT INTO regions (${REGION_COLUMNS.join(", ")})
VALUES (${REGION_COLUMNS.map(() => "?").join(", ")})${regionMergeClause("regions")}`;

const ROWS_PER_INSERT = 64;
/** what a code-list region has; the other columns keep their defaults (NULL, kind_overridden 0) */
const NAMING_COLUMNS = ["code", "stat_code", "parent_code", "level", "name", "kind"] as const;
const insertSql = (columns: readonly string[], rows: number) =>
  `INSERT INTO regions (${columns.join(", ")}) VALUES ${Array(rows)
    .fill(`(${columns.map(() => "?").join(", ")})`)
    .join(", ")}`;

/** Whether a region carries nothing beyond NAMING_COLUMNS (all of China's code list but Chongqing's extras). */
function namingOnly(r: RegionInput): boolean {
  return (
    !r.kindOverridden &&
    r.urClass == null &&
    r.urClassYear == null &&
    r.lng == null &&
    r.lat == null &&
    r.geometry == null &&
    r.geometrySource == null
  );
}

/**
 * Nothing to merge into an empty table: plain inserts in input order, ROWS_PER_INSERT naming-only rows per
 * statement and only their six columns bound (the driver's per-statement and per-value costs are most of a
 * narrow row's insert time); a region with more goes in alone with every column.
 */
function insertIntoEmpty(
  sqlite: BetterSqlite3.Database,
  regions: readonly RegionInput[],
  onProgress?: ProgressCallback,
): void {
  const many = sqlite.prepare(insertSql(NAMING_COLUMNS, ROWS_PER_INSERT));
  const oneNaming = sqlite.prepare(insertSql(NAMING_COLUMNS, 1));
  const oneFull = sqlite.prepare(insertSql(REGION_COLUMNS, 1));
  const pending: unknown[] = [];
  let pendingRows = 0;
  const flushOneByOne = () => {
    for (let k = 0; k < pending.length; k += NAMING_COLUMNS.length)
      oneNaming.run(pending.slice(k, k + NAMING_COLUMNS.length));
    pending.length = 0;
    pendingRows = 0;
  };
  for (let i = 0; i < regions.length; i++) {
    const r = regions[i];
    if (namingOnly(r)) {
      pending.push(r.code, r.statCode, r.parentCode ?? null, r.level, r.name, r.kind ?? null);
      if (++pendingRows === ROWS_PER_INSERT) {
        many.run(pending);
        pending.length = 0;
        pendingRows = 0;
      }
    } else {
      flushOneByOne();
      oneFull.run(regionValues(r));
    }
    if (onProgress && (i + 1) % PROGRESS_EVERY === 0) onProgress(i + 1, regions.length);
  }
  flushOneByOne();
}

const PROGRESS_EVERY = 10_000;
/** loads at least this large, and larger than the table, rebuild the secondary indexes afterwards */
const DEFER_INDEXES_FROM = 50_000;

export function upsertRegionsSqlite(
  sqlite: BetterSqlite3.Database,
  input: readonly RegionInput[],
  onProgress?: ProgressCallback,
): UpsertCounts {
  const regions = inCodeOrder(prepareRegions(input));
  const count = sqlite.prepare("SELECT count(*) AS n FROM regions").pluck();
  const before = count.get() as number;
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
  if (before === 0) insertIntoEmpty(sqlite, regions, onProgress);
  else {
    const stmt = sqlite.prepare(UPSERT);
    for (let i = 0; i < total; i++) {
      stmt.run(...regionValues(regions[i]));
      if (onProgress && (i + 1) % PROGRESS_EVERY === 0) onProgress(i + 1, total);
    }
  }
  for (const index of deferred) sqlite.exec(index.sql);
  onProgress?.(total, total);
  const inserted = (count.get() as number) - before;
  return { inserted, updated: total - inserted };
}
