// Opens the store named by a URL: `postgres://` / `postgresql://` → PostgreSQL, anything else (a file path or
// ":memory:") → SQLite. Migrations run on open.
import type { OpenStoreOptions, Store } from "./store.ts";

export async function openStore(url: string, options: OpenStoreOptions = {}): Promise<Store> {
  if (/^postgres(ql)?:\/\//i.test(url)) {
    const { openPostgresStore } = await import("./postgres/open.ts");
    return openPostgresStore(url, options);
  }
  const { openSqliteStore } = await import("./sqlite/open.ts");
  return openSqliteStore(url);
}
