// Provenance is stored once per change set instead of once per row. Every row that one write (or one status
// change) makes shares its time, author, kind of change, reason, source file and import id, which filled about
// 100 bytes of each row. They move to `observation_changes`, one row per change set; `observations` and
// `observation_revisions` keep per row only the value, its status, revision, change_id, source row, and a source
// file only where the row's own differs from its change set's (source_file_override, NULL otherwise).
//
// Existing rows get one change set per distinct (time, author, change, reason, source file, import id), so every
// revision keeps exactly the provenance it had. Both tables are rebuilt (one pass, key order) rather than altered
// column by column: SQLite rewrites the whole table for each dropped column, and PostgreSQL's DROP COLUMN would
// leave the old bytes in every row.
import { type Kysely, sql } from "kysely";
import type { StoreKind } from "../store.ts";
import type { Migration } from "./migration.ts";

const KEY = ["region_code", "indicator_code", "period"] as const;

/** The rebuilt tables, in the order of their (identical) columns. */
const TABLES = [
  {
    name: "observations",
    key: "observations_pk",
    keyColumns: KEY,
    at: "updated_at",
    author: "updated_by",
  },
  {
    name: "observation_revisions",
    key: "observation_revisions_pk",
    keyColumns: [...KEY, "revision"],
    at: "created_at",
    author: "author",
  },
] as const;

export const changeSets: Migration = {
  name: "0005-change-sets",
  // biome-ignore lint/suspicious/noExplicitAny: a migration must not depend on the current row types
  async up(db: Kysely<any>, kind: StoreKind) {
    await db.schema
      .createTable("observation_changes")
      .addColumn("id", "integer", (c) =>
        kind === "postgres" ? c.primaryKey().generatedByDefaultAsIdentity() : c.primaryKey().autoIncrement(),
      )
      .addColumn("at", "text", (c) => c.notNull())
      .addColumn("author", "text", (c) => c.notNull())
      .addColumn("change", "text", (c) => c.notNull())
      .addColumn("reason", "text")
      .addColumn("source_file", "text")
      .addColumn("import_id", "text")
      .execute();

    // UNION treats NULLs as equal, as IS NOT DISTINCT FROM does below: one change set per distinct provenance.
    await sql`
      INSERT INTO observation_changes (at, author, change, reason, source_file, import_id)
      SELECT at, author, change, reason, source_file, import_id FROM (
        SELECT updated_at AS at, updated_by AS author, change, reason, source_file, import_id FROM observations
        UNION
        SELECT created_at, author, change, reason, source_file, import_id FROM observation_revisions
      ) AS p
      ORDER BY at, author, change, reason, source_file, import_id`.execute(db);
    // Finds each row's change set by its non-null columns (the nullable three are compared after).
    await db.schema
      .createIndex("observation_changes_migration")
      .on("observation_changes")
      .columns(["at", "author", "change"])
      .execute();

    for (const table of TABLES) {
      const rebuilt = `${table.name}_0005`;
      let create = db.schema
        .createTable(rebuilt)
        .addColumn("region_code", "text", (c) => c.notNull())
        .addColumn("indicator_code", "text", (c) => c.notNull())
        .addColumn("period", "integer", (c) => c.notNull())
        .addColumn("revision", "integer", (c) => c.notNull())
        .addColumn("value", "double precision", (c) => c.notNull())
        .addColumn("unit", "text")
        .addColumn("source", "text")
        .addColumn("note", "text")
        .addColumn("status", "text", (c) => c.notNull())
        .addColumn("change_id", "integer", (c) => c.notNull())
        .addColumn("source_file_override", "text")
        .addColumn("source_row", "integer");
      // SQLite: a WITHOUT ROWID table is its key's b-tree, declared up front (rows go in in key order). PostgreSQL:
      // the key's index is built after the load, under its old name once the old table is gone.
      if (kind === "sqlite") {
        create = create
          .addPrimaryKeyConstraint(table.key, [...table.keyColumns])
          .modifyEnd(sql`without rowid`);
      }
      await create.execute();
      const at = sql.ref(`o.${table.at}`);
      const author = sql.ref(`o.${table.author}`);
      await sql`
        INSERT INTO ${sql.table(rebuilt)} (region_code, indicator_code, period, revision, value, unit, source, note,
          status, change_id, source_file_override, source_row)
        SELECT o.region_code, o.indicator_code, o.period, o.revision, o.value, o.unit, o.source, o.note, o.status,
          c.id, NULL, o.source_row
        FROM ${sql.table(table.name)} AS o
        JOIN observation_changes AS c
          ON c.at = ${at} AND c.author = ${author} AND c.change = o.change
            AND c.reason IS NOT DISTINCT FROM o.reason AND c.source_file IS NOT DISTINCT FROM o.source_file
            AND c.import_id IS NOT DISTINCT FROM o.import_id
        ORDER BY o.region_code, o.indicator_code, o.period, o.revision`.execute(db);
      // Every row found exactly one change set (none dropped by the join, none doubled).
      const counts = await sql<{ before: number | string; after: number | string }>`
        SELECT (SELECT count(*) FROM ${sql.table(table.name)}) AS before,
               (SELECT count(*) FROM ${sql.table(rebuilt)}) AS after`.execute(db);
      const { before, after } = counts.rows[0];
      if (Number(before) !== Number(after)) {
        throw new Error(`0005-change-sets: ${table.name} had ${before} rows, rebuilt with ${after}`);
      }
      await db.schema.dropTable(table.name).execute();
      await db.schema.alterTable(rebuilt).renameTo(table.name).execute();
      if (kind === "postgres") {
        await db.schema
          .alterTable(table.name)
          .addPrimaryKeyConstraint(table.key, [...table.keyColumns])
          .execute();
      }
    }
    await db.schema.dropIndex("observation_changes_migration").execute();
  },
};
