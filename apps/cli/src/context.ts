// Where the CLI finds its store: --db, then RONGHE_DB, then ./ronghe.db. A postgres:// URL selects PostgreSQL.
import { openStore, type Store } from "@ronghe/store";

export interface DbOptions {
  db?: string;
}

export function resolveDbUrl(options: DbOptions): string {
  return options.db ?? process.env.RONGHE_DB ?? "./ronghe.db";
}

export async function withStore<T>(options: DbOptions, body: (store: Store) => Promise<T>): Promise<T> {
  const store = await openStore(resolveDbUrl(options));
  try {
    return await body(store);
  } finally {
    await store.close();
  }
}
