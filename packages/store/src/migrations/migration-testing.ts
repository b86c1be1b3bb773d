// Test harness for a migration: build a store at the level before it (on SQLite and, when RONGHE_TEST_PG_URL is
// set, on PostgreSQL), fill it as the earlier writers did, then open it with openStore (which migrates) and check.
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { Kysely, PostgresDialect, SqliteDialect } from "kysely";
import pg from "pg";
import { afterAll, describe, it } from "vitest";
import { openStore } from "../open-store.ts";
import type { ObservationRevisionView } from "../rows.ts";
import type { Store, StoreKind } from "../store.ts";
import { MIGRATIONS } from "./index.ts";

export type MigrationKey = [region: string, indicator: string, period: number];

/** One revision row as the writers before 0005 stored it: an import's value revision unless `fields` say else. */
export function earlierRevision(
  key: MigrationKey,
  revision: number,
  fields: Partial<ObservationRevisionView>,
): ObservationRevisionView {
  return {
    region_code: key[0],
    indicator_code: key[1],
    period: key[2],
    revision,
    change: "value",
    value: 1,
    unit: "元",
    source: "年鉴",
    note: null,
    status: "draft",
    author: "alice",
    created_at: "2024-01-01T00:00:00.000Z",
    reason: "import a.csv",
    source_file: "a.csv",
    source_row: 2,
    import_id: "imp-1",
    ...fields,
  };
}

// biome-ignore lint/suspicious/noExplicitAny: a schema before a migration has no row types of its own
export type EarlierDb = Kysely<any>;

/**
 * Applies every migration before `name` (recording them as applied), then adds the two counties and two
 * indicators the migration tests' observations refer to.
 */
export async function migrateUpTo(db: EarlierDb, kind: StoreKind, name: string): Promise<void> {
  const end = MIGRATIONS.findIndex((m) => m.name === name);
  if (end < 0) throw new Error(`no migration ${name}`);
  await db.schema
    .createTable("schema_migrations")
    .addColumn("name", "text", (c) => c.primaryKey())
    .addColumn("applied_at", "text", (c) => c.notNull())
    .execute();
  for (const m of MIGRATIONS.slice(0, end)) {
    await m.up(db, kind);
    await db.insertInto("schema_migrations").values({ name: m.name, applied_at: "2024-01-01" }).execute();
  }
  await db
    .insertInto("regions")
    .values([
      { code: "500235", stat_code: "500235000000", level: "county", name: "云阳县" },
      { code: "500101", stat_code: "500101000000", level: "county", name: "万州区" },
    ])
    .execute();
  for (const code of ["INC-01", "INC-02"]) {
    await db
      .insertInto("indicators")
      .values({
        code,
        name_zh: code,
        unit: "元",
        direction: "+",
        role: "territory",
        levels: "county",
        aggregation: "sum",
      })
      .execute();
  }
}

/**
 * One test per store kind: `build` fills a store at the earlier level and returns what it read; `check` gets the
 * migrated store and that.
 */
export function describeMigration<T>(
  name: string,
  build: (db: EarlierDb, kind: StoreKind) => Promise<T>,
  check: (store: Store, kind: StoreKind, before: T) => Promise<void>,
): void {
  const tag = name.slice(0, 4);
  describe(`migration ${name} on SQLite`, () => {
    const dir = mkdtempSync(join(tmpdir(), `ronghe-${tag}-`));
    afterAll(() => rmSync(dir, { recursive: true, force: true }));

    it("keeps every history and current value", async () => {
      const path = join(dir, "before.db");
      const db = new Kysely({ dialect: new SqliteDialect({ database: new Database(path) }) });
      const before = await build(db, "sqlite");
      await db.destroy();
      const store = await openStore(path);
      try {
        await check(store, "sqlite", before);
      } finally {
        await store.close();
      }
    });
  });

  const url = process.env.RONGHE_TEST_PG_URL;
  describe.skipIf(url === undefined || url === "")(`migration ${name} on PostgreSQL`, () => {
    const schema = `ronghe_test_${tag}_${process.pid}_${randomBytes(3).toString("hex")}`;
    afterAll(async () => {
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      try {
        await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
      } finally {
        await client.end();
      }
    });

    it("keeps every history and current value", async () => {
      const pool = new pg.Pool({ connectionString: url, max: 1, options: `-c search_path=${schema}` });
      await pool.query(`CREATE SCHEMA "${schema}"`);
      const db = new Kysely({ dialect: new PostgresDialect({ pool }) });
      const before = await build(db, "postgres");
      await db.destroy();
      const store = await openStore(url as string, { schema });
      try {
        await check(store, "postgres", before);
      } finally {
        await store.close();
      }
    });
  });
}
