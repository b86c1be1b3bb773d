// PostgreSQL for the benchmark: RONGHE_BENCH_PG_URL or the local test server; every run uses fresh schemas
// (dropped afterwards), so nothing of a run stays behind and parallel runs do not meet.
import pg from "pg";

export const PG_URL = process.env.RONGHE_BENCH_PG_URL ?? "postgres://postgres@127.0.0.1:5432/test";

/** null when the server answers, else why not (the PG columns are then skipped with this note). */
export async function pgUnavailable(url = PG_URL): Promise<string | null> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5000 });
  try {
    await client.connect();
    await client.query("SELECT 1");
    return null;
  } catch (error) {
    return `PostgreSQL at ${redact(url)} unreachable (${(error as Error).message})`;
  } finally {
    await client.end().catch(() => {});
  }
}

/** A schema name unique to this run and purpose. */
export function benchSchema(purpose: string): string {
  return `bench_${purpose}_${process.pid}_${Date.now().toString(36)}`;
}

export async function dropSchema(schema: string, url = PG_URL): Promise<void> {
  if (!/^bench_[a-z0-9_]+$/.test(schema)) throw new Error(`refusing to drop schema ${schema}`);
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5000 });
  try {
    await client.connect();
    await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
  } finally {
    await client.end().catch(() => {});
  }
}

export function redact(url: string): string {
  return url.replace(/\/\/([^:@/]+):[^@/]*@/, "//$1:***@");
}
