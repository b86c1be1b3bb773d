// The current row of an observation becomes its latest revision: `observations` gains the provenance columns of
// a revision (change, reason, source file and row, import id; author and time are updated_by and updated_at), and
// `observation_revisions` keeps only the superseded revisions. Each value is then written once instead of twice.
// Existing rows are backfilled from each observation's latest revision row, which is then deleted.
import { type Kysely, sql } from "kysely";
import type { StoreKind } from "../store.ts";
import type { Migration } from "./migration.ts";

export const currentRevision: Migration = {
  name: "0004-current-revision",
  // biome-ignore lint/suspicious/noExplicitAny: a migration must not depend on the current row types
  async up(db: Kysely<any>, _kind: StoreKind) {
    await db.schema
      .alterTable("observations")
      .addColumn("change", "text", (c) => c.notNull().defaultTo("value"))
      .execute();
    // One column per statement: SQLite's ALTER TABLE adds one at a time.
    for (const [column, type] of [
      ["reason", "text"],
      ["source_file", "text"],
      ["source_row", "integer"],
      ["import_id", "text"],
    ] as const) {
      await db.schema.alterTable("observations").addColumn(column, type).execute();
    }
    // UPDATE … FROM reads the same in both dialects (SQLite ≥ 3.33). The revision row is the history's record, so
    // author and time come from it too (the writers kept them equal to updated_by / updated_at).
    await sql`
      UPDATE observations SET change = r.change, reason = r.reason, source_file = r.source_file,
        source_row = r.source_row, import_id = r.import_id, updated_by = r.author, updated_at = r.created_at
      FROM observation_revisions AS r
      WHERE r.region_code = observations.region_code AND r.indicator_code = observations.indicator_code
        AND r.period = observations.period AND r.revision = observations.revision`.execute(db);
    await sql`
      DELETE FROM observation_revisions
      WHERE EXISTS (SELECT 1 FROM observations AS o
                    WHERE o.region_code = observation_revisions.region_code
                      AND o.indicator_code = observation_revisions.indicator_code
                      AND o.period = observation_revisions.period AND o.revision = observation_revisions.revision)`.execute(
      db,
    );
  },
};
