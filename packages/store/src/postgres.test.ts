// Runs the contract suite on a real PostgreSQL server when RONGHE_TEST_PG_URL is set. This run works in its own
// fresh schemas, dropped when the file finishes. Contract tests share one schema, emptied before each test
// (migrating a new schema per test would cost most of the file's time). Every table of the schema is listed:
// a test below checks that, so a new table cannot leak rows between tests.
import { randomBytes } from "node:crypto";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { openStore } from "./open-store.ts";
import { CONTRACT_REGIONS, describeStoreContract } from "./store.contract.ts";

const CHILDREN_FIRST = [
  "plan_warnings",
  "plans",
  "evaluation_results",
  "evaluation_runs",
  "jobs",
  "audit",
  "api_tokens",
  "sessions",
  "grants",
  "users",
  "imports",
  "observation_revisions",
  "observations",
  "observation_changes",
  "indicators",
  "regions",
];

const url = process.env.RONGHE_TEST_PG_URL;

if (url === undefined || url === "") {
  describe.skip("PostgreSQL contract suite skipped: set RONGHE_TEST_PG_URL", () => {
    it("needs a server", () => {});
  });
} else {
  const run = `ronghe_test_${process.pid}_${randomBytes(3).toString("hex")}`;
  const schemas: string[] = [];
  const freshSchema = () => {
    const schema = `${run}_${schemas.length}`;
    schemas.push(schema);
    return schema;
  };

  afterAll(async () => {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      for (const schema of schemas) await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    } finally {
      await client.end();
    }
  });

  let contractSchema: string | undefined;
  const openEmpty = async () => {
    contractSchema ??= freshSchema();
    const store = await openStore(url, { schema: contractSchema, maxConnections: 3 });
    // DELETE, children first: far cheaper than TRUNCATE on tables this small.
    for (const table of CHILDREN_FIRST) await store.raw(`DELETE FROM ${table}`);
    return store;
  };

  describe("postgres", () => {
    describeStoreContract("postgres", openEmpty);
  });

  describe("postgres schema handling", () => {
    it("creates the schema, migrates once and reopens with the data", async () => {
      const schema = freshSchema();
      const first = await openStore(url, { schema });
      await first.upsertRegions(CONTRACT_REGIONS);
      await first.close();
      const [a, b] = await Promise.all([openStore(url, { schema }), openStore(url, { schema })]);
      expect((await a.getRegion("500235"))?.name).toBe("云阳县");
      expect((await b.raw("SELECT name FROM schema_migrations")).rows.map((r) => r.name)).toEqual([
        "0001-initial",
        "0002-data-version",
        "0003-auth-version",
        "0004-current-revision",
        "0005-change-sets",
      ]);
      const where = await a.raw("SELECT current_schema() AS s");
      expect(where.rows[0].s).toBe(schema);
      await a.close();
      await b.close();
    });

    it("empties every table between contract tests", async () => {
      const store = await openStore(url, { schema: contractSchema ?? freshSchema() });
      const { rows } = await store.raw(
        "SELECT tablename FROM pg_tables WHERE schemaname = current_schema() AND tablename NOT IN ('schema_migrations', 'data_version')",
      );
      await store.close();
      expect(rows.map((r) => r.tablename).sort()).toEqual([...CHILDREN_FIRST].sort());
    });

    it("refuses an unsafe schema name", async () => {
      await expect(openStore(url, { schema: 'x"; DROP SCHEMA public; --' })).rejects.toMatchObject({
        code: "invalid_input",
      });
    });
  });
}
