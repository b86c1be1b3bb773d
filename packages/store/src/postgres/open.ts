// Opens a PostgreSQL store through a pg Pool. With `schema`, every connection's search_path is that schema,
// created if absent. Migrations run under an advisory lock so concurrent openers apply them once.
import { RongheError } from "@ronghe/core";
import { Kysely, PostgresDialect } from "kysely";
import pg from "pg";
import { guardStore } from "../guard-store.ts";
import { runMigrations } from "../migrations/run-migrations.ts";
import type { Database } from "../rows.ts";
import type { OpenStoreOptions, Store } from "../store.ts";
import { PostgresStore } from "./postgres-store.ts";

const SCHEMA_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,62}$/;

export async function openPostgresStore(url: string, options: OpenStoreOptions = {}): Promise<Store> {
  const { schema } = options;
  if (schema !== undefined && !SCHEMA_NAME.test(schema)) {
    throw new RongheError("invalid_input", `"${schema}" is not a valid schema name`, { schema });
  }
  const pool = new pg.Pool({
    connectionString: url,
    max: options.maxConnections ?? 10,
    ...(schema === undefined ? {} : { options: `-c search_path=${schema}` }),
  });
  // An idle client's network error must not crash the process; the next query reports it.
  pool.on("error", () => {});
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  const store = new PostgresStore(db, pool, null);
  try {
    await store.transaction(async (tx) => {
      await tx.raw("SELECT pg_advisory_xact_lock(hashtext('ronghe_migrations'))");
      if (schema !== undefined) await tx.raw(`CREATE SCHEMA IF NOT EXISTS "${schema}"`);
      await runMigrations((tx as unknown as { kysely: Kysely<Database> }).kysely, "postgres");
    });
  } catch (error) {
    await pool.end().catch(() => {});
    if (
      (error as { code?: string })?.code === "ECONNREFUSED" ||
      (error as { code?: string })?.code === "3D000"
    ) {
      throw new RongheError(
        "store_unavailable",
        "cannot connect to PostgreSQL",
        { url: redact(url) },
        { cause: error },
      );
    }
    throw error;
  }
  return guardStore(store, null);
}

function redact(url: string): string {
  return url.replace(/\/\/([^:@/]+):[^@/]*@/, "//$1:***@");
}
