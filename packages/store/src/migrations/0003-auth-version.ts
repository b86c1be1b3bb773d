// A second counter on the one-row data_version table, bumped in the same transaction by every store method that
// can change what an already resolved session or API token may do (a user disabled, a grant added or removed, a
// session deleted, a token revoked). A server keeps resolved sessions and tokens in memory only while it still
// reads the same value, so one small read per request replaces the session, user and grant reads, and a change by
// another process (the CLI, another server) is seen at the next request.
import type { Kysely } from "kysely";
import type { StoreKind } from "../store.ts";
import type { Migration } from "./migration.ts";

export const authVersion: Migration = {
  name: "0003-auth-version",
  // biome-ignore lint/suspicious/noExplicitAny: a migration must not depend on the current row types
  async up(db: Kysely<any>, _kind: StoreKind) {
    await db.schema
      .alterTable("data_version")
      .addColumn("auth_version", "bigint", (c) => c.notNull().defaultTo(1))
      .execute();
  },
};
