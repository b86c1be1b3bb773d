// A single-row counter bumped, in the same transaction, by every store method that changes data. Readers (the
// server's response cache) compare it to tell whether a cached answer may still be served, also when another
// process wrote to the same store.
import { type Kysely, sql } from "kysely";
import type { StoreKind } from "../store.ts";
import type { Migration } from "./migration.ts";

export const dataVersion: Migration = {
  name: "0002-data-version",
  // biome-ignore lint/suspicious/noExplicitAny: a migration must not depend on the current row types
  async up(db: Kysely<any>, _kind: StoreKind) {
    await db.schema
      .createTable("data_version")
      .addColumn("id", "integer", (c) => c.primaryKey())
      .addColumn("version", "bigint", (c) => c.notNull())
      .addCheckConstraint("data_version_one_row", sql`id = 1`)
      .execute();
    await db.insertInto("data_version").values({ id: 1, version: 1 }).execute();
  },
};
