import type { Kysely } from "kysely";
import type { StoreKind } from "../store.ts";

/** One schema step. `name` is its permanent key in `schema_migrations`; never rename or edit an applied one. */
export interface Migration {
  name: string;
  // biome-ignore lint/suspicious/noExplicitAny: a migration must not depend on the current row types
  up(db: Kysely<any>, kind: StoreKind): Promise<void>;
}
