// Opens an embedded store: one SQLite file (or ":memory:") through better-sqlite3, WAL journal, foreign keys on.

import { resolve } from "node:path";
import { RongheError } from "@ronghe/core";
import Database from "better-sqlite3";
import { Kysely, SqliteDialect } from "kysely";
import { createLock, guardStore } from "../guard-store.ts";
import { runMigrations } from "../migrations/run-migrations.ts";
import type { Database as Schema } from "../rows.ts";
import type { Store } from "../store.ts";
import { Checkpointer } from "./checkpointer.ts";
import { SqliteStore } from "./sqlite-store.ts";

export async function openSqliteStore(path: string): Promise<Store> {
  let sqlite: Database.Database;
  try {
    sqlite = new Database(path);
  } catch (error) {
    throw new RongheError(
      "store_unavailable",
      `cannot open SQLite database "${path}"`,
      { path },
      { cause: error },
    );
  }
  const journal = sqlite.pragma("journal_mode = WAL", { simple: true });
  sqlite.pragma("foreign_keys = ON");
  sqlite.pragma("busy_timeout = 5000");
  // WAL makes NORMAL safe against corruption; a power cut may lose the last commit, never half of one.
  sqlite.pragma("synchronous = NORMAL");
  // 64 MiB page cache: bulk writes into 600k-row b-trees otherwise thrash the 2 MiB default.
  sqlite.pragma("cache_size = -65536");
  sqlite.pragma("temp_store = MEMORY");
  const db = new Kysely<Schema>({ dialect: new SqliteDialect({ database: sqlite }) });
  // a file in WAL mode gets its checkpoints made in the background (checkpointer.ts)
  const checkpointer =
    journal === "wal" && !sqlite.memory ? new Checkpointer(sqlite, resolve(sqlite.name)) : null;
  const store = new SqliteStore(db, sqlite, checkpointer);
  try {
    await store.transaction(async () => {
      await runMigrations(db, "sqlite");
    });
  } catch (error) {
    await checkpointer?.close();
    await db.destroy();
    throw error;
  }
  return guardStore(store, createLock());
}
