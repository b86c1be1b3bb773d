// Applies the pending migrations, each in the caller's transaction context. The caller makes the whole call
// exclusive (SQLite: one connection; PostgreSQL: an advisory lock in postgres/open.ts).
import type { Kysely } from "kysely";
import type { Database } from "../rows.ts";
import type { StoreKind } from "../store.ts";
import { MIGRATIONS } from "./index.ts";

export async function runMigrations(db: Kysely<Database>, kind: StoreKind): Promise<string[]> {
  await db.schema
    .createTable("schema_migrations")
    .ifNotExists()
    .addColumn("name", "text", (c) => c.primaryKey())
    .addColumn("applied_at", "text", (c) => c.notNull())
    .execute();
  const applied = new Set(
    (await db.selectFrom("schema_migrations").select("name").execute()).map((r) => r.name),
  );
  const ran: string[] = [];
  for (const migration of MIGRATIONS) {
    if (applied.has(migration.name)) continue;
    // biome-ignore lint/suspicious/noExplicitAny: a migration must not depend on the current row types
    await migration.up(db as Kysely<any>, kind);
    await db
      .insertInto("schema_migrations")
      .values({ name: migration.name, applied_at: new Date().toISOString() })
      .execute();
    ran.push(migration.name);
  }
  return ran;
}
