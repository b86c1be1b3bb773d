import { mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { afterEach, describe, expect, it } from "vitest";
import { AUTOCHECKPOINT_PAGES, Checkpointer } from "./checkpointer.ts";
import { openSqliteStore } from "./open.ts";

const dirs: string[] = [];
function tempDb(): string {
  const dir = mkdtempSync(join(tmpdir(), "ronghe-checkpoint-"));
  dirs.push(dir);
  return join(dir, "store.db");
}
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A WAL database whose writer commits without the automatic checkpoint, as SqliteStore does. */
function walWriter(path: string): Database.Database {
  const db = new Database(path);
  db.pragma("journal_mode = WAL");
  db.pragma("wal_autocheckpoint = 0");
  db.exec("CREATE TABLE t (id INTEGER PRIMARY KEY, payload TEXT)");
  return db;
}

/** Commits `rows` rows of 500 bytes (12,000 rows fill more than the threshold's thousand 4 kB pages). */
function commitRows(db: Database.Database, rows: number): void {
  const insert = db.prepare("INSERT INTO t (payload) VALUES (?)");
  db.transaction(() => {
    for (let i = 0; i < rows; i++) insert.run(`${i}`.padEnd(500, "x"));
  })();
}

/** Whether the database file holds every page (the log was copied into it). */
function fileHoldsAllPages(db: Database.Database, path: string): boolean {
  const pages = db.pragma("page_count", { simple: true }) as number;
  const pageSize = db.pragma("page_size", { simple: true }) as number;
  return statSync(path).size >= pages * pageSize;
}

describe("background WAL checkpoints", () => {
  it("copies a large commit's log into the database file off the writer's thread", async () => {
    const path = tempDb();
    const db = walWriter(path);
    const checkpointer = new Checkpointer(db, path);
    commitRows(db, 12_000);
    expect(fileHoldsAllPages(db, path)).toBe(false); // the pages are only in the log so far
    checkpointer.afterCommit();
    await checkpointer.idle();
    expect(checkpointer.inline).toBe(false);
    expect(fileHoldsAllPages(db, path)).toBe(true);
    await checkpointer.close();
    db.close();
  });

  it("leaves a small log alone, as SQLite's automatic checkpoint would", async () => {
    const path = tempDb();
    const db = walWriter(path);
    const checkpointer = new Checkpointer(db, path);
    commitRows(db, 10);
    checkpointer.afterCommit();
    await checkpointer.idle();
    expect(fileHoldsAllPages(db, path)).toBe(false);
    await checkpointer.close();
    db.close();
  });

  it("checkpoints on the writer when no worker can load the driver", async () => {
    const path = tempDb();
    const db = walWriter(path);
    const checkpointer = new Checkpointer(db, path, { driver: join(tmpdir(), "no-such-driver.js") });
    commitRows(db, 12_000);
    checkpointer.afterCommit();
    await checkpointer.idle();
    expect(checkpointer.inline).toBe(true);
    expect(fileHoldsAllPages(db, path)).toBe(true);
    // from then on inline, right after each large commit
    commitRows(db, 12_000);
    checkpointer.afterCommit();
    expect(fileHoldsAllPages(db, path)).toBe(true);
    await checkpointer.close();
    db.close();
  });

  it("a store's large write keeps the automatic checkpoint setting and its data across a reopen", async () => {
    const path = tempDb();
    const store = await openSqliteStore(path);
    const rows = Array.from({ length: 12_000 }, (_, i) => [i, `${i}`.padEnd(500, "y")]);
    await store.transaction(async (tx) => {
      await tx.raw("CREATE TABLE payloads (id INTEGER PRIMARY KEY, payload TEXT)");
      for (const row of rows) await tx.raw("INSERT INTO payloads VALUES (?, ?)", row);
    });
    const setting = await store.raw("PRAGMA wal_autocheckpoint");
    expect(setting.rows[0]).toEqual({ wal_autocheckpoint: AUTOCHECKPOINT_PAGES });
    await store.close();
    const reader = new Database(path, { readonly: true });
    expect(reader.prepare("SELECT count(*) AS n FROM payloads").get()).toEqual({ n: 12_000 });
    reader.close();
  });
});
