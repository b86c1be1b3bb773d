// Bulk region upsert on PostgreSQL: COPY into a temp table, then one INSERT … ON CONFLICT. Columns and merge
// rules (the same as on SQLite): ../region-merge.ts.
import type pg from "pg";
import { toNumber } from "../mappers.ts";
import { REGION_COLUMNS, regionMergeClause, regionValues } from "../region-merge.ts";
import type { ProgressCallback, RegionInput, UpsertCounts } from "../store.ts";
import { prepareRegions } from "../validate.ts";
import { copyRows } from "./copy-rows.ts";

const CREATE_TEMP = `
CREATE TEMP TABLE ronghe_regions_in (
  code text, stat_code text, parent_code text, level text, name text, kind text, kind_overridden integer,
  ur_class text, ur_class_year integer, lng double precision, lat double precision, geometry text, geometry_source text
) ON COMMIT DROP`;

const MERGE = `
INSERT INTO regions AS r (${REGION_COLUMNS.join(", ")})
SELECT ${REGION_COLUMNS.join(", ")} FROM ronghe_regions_in${regionMergeClause("r")}`;

/** loads at least this large into an empty table build the indexes afterwards */
const DEFER_INDEXES_FROM = 50_000;

const quoteIdent = (name: string) => `"${name.replace(/"/g, '""')}"`;

/**
 * Drops every index of `regions`, the key and unique constraints included, and returns the statements that
 * re-create them: COPY into a bare heap and one sort per index is several times faster than maintaining four
 * b-trees row by row (nothing references regions by foreign key).
 */
async function dropIndexes(client: pg.PoolClient): Promise<string[]> {
  const constraints = (
    await client.query(
      `SELECT conname, pg_get_constraintdef(oid) AS def FROM pg_constraint
       WHERE conrelid = 'regions'::regclass AND contype IN ('p', 'u') ORDER BY contype, conname`,
    )
  ).rows as Array<{ conname: string; def: string }>;
  const indexes = (
    await client.query(
      `SELECT i.indexname, i.indexdef FROM pg_indexes i
       WHERE i.schemaname = current_schema() AND i.tablename = 'regions'
         AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conrelid = 'regions'::regclass AND c.conname = i.indexname)
       ORDER BY i.indexname`,
    )
  ).rows as Array<{ indexname: string; indexdef: string }>;
  for (const ix of indexes) await client.query(`DROP INDEX ${quoteIdent(ix.indexname)}`);
  for (const c of constraints)
    await client.query(`ALTER TABLE regions DROP CONSTRAINT ${quoteIdent(c.conname)}`);
  return [
    ...constraints.map((c) => `ALTER TABLE regions ADD CONSTRAINT ${quoteIdent(c.conname)} ${c.def}`),
    ...indexes.map((ix) => ix.indexdef),
  ];
}

export async function upsertRegionsPostgres(
  client: pg.PoolClient,
  input: readonly RegionInput[],
  onProgress?: ProgressCallback,
): Promise<UpsertCounts> {
  const regions = prepareRegions(input);
  const total = regions.length;
  if (total === 0) {
    onProgress?.(0, 0);
    return { inserted: 0, updated: 0 };
  }
  const progress = onProgress && ((done: number) => onProgress(Math.min(done, total - 1), total));
  // Into an empty table (the first import) nothing can be merged: COPY straight into it, and build its indexes
  // once at the end instead of row by row. The lock keeps other writers out meanwhile (dropping the constraints
  // then holds the table exclusively until commit, which only an empty table can afford); DDL is transactional,
  // so a failed or killed import leaves the table and its indexes as they were.
  await client.query("LOCK TABLE regions IN SHARE ROW EXCLUSIVE MODE");
  const empty = (await client.query("SELECT NOT EXISTS (SELECT 1 FROM regions) AS empty")).rows[0].empty;
  if (empty === true) {
    const rebuild = total >= DEFER_INDEXES_FROM ? await dropIndexes(client) : [];
    await copyRows(client, "regions", REGION_COLUMNS, total, (i) => regionValues(regions[i]), progress);
    // Re-adding the key and unique constraints checks them over the whole load (a duplicate fails the import).
    await client.query("SET LOCAL maintenance_work_mem = '256MB'");
    for (const statement of rebuild) await client.query(statement);
    onProgress?.(total, total);
    return { inserted: total, updated: 0 };
  }
  await client.query("DROP TABLE IF EXISTS pg_temp.ronghe_regions_in");
  await client.query(CREATE_TEMP);
  await copyRows(
    client,
    "ronghe_regions_in",
    REGION_COLUMNS,
    total,
    (i) => regionValues(regions[i]),
    // COPY is most of the time; the merge below is reported as the final step.
    progress,
  );
  const before = toNumber((await client.query("SELECT count(*) AS n FROM regions")).rows[0].n);
  await client.query(MERGE);
  const after = toNumber((await client.query("SELECT count(*) AS n FROM regions")).rows[0].n);
  await client.query("DROP TABLE pg_temp.ronghe_regions_in");
  onProgress?.(total, total);
  const inserted = after - before;
  return { inserted, updated: total - inserted };
}
