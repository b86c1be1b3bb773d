// PostgreSQL backend: shared Kysely queries over a pg Pool. A transaction pins one pooled client; its Kysely
// instance and the COPY bulk paths both use that client, so everything inside runs in one transaction.
import { Kysely, PostgresDialect } from "kysely";
import type pg from "pg";
import { guardStore } from "../guard-store.ts";
import { KyselyStore } from "../kysely-store.ts";
import type { Database } from "../rows.ts";
import type {
  ObservationInput,
  ObservationKey,
  ObservationStatus,
  ProgressCallback,
  RawResult,
  RegionGeometryUpdate,
  RegionInput,
  StatusChangeCounts,
  StatusMeta,
  Store,
  StoreVersions,
  UpsertCounts,
  WriteCounts,
  WriteDetail,
  WriteMeta,
} from "../store.ts";
import { withDetail } from "../validate.ts";
import { setObservationStatusPostgres } from "./set-observation-status.ts";
import { setRegionGeometryPostgres } from "./set-region-geometry.ts";
import { upsertRegionsPostgres } from "./upsert-regions.ts";
import { writeObservationsPostgres } from "./write-observations.ts";

/** A pool of exactly one client, for Kysely inside a transaction; release is a no-op (the store releases it). */
function singleClientPool(client: pg.PoolClient) {
  const wrapped = {
    query: client.query.bind(client) as never,
    release() {},
  };
  return { connect: async () => wrapped, end: async () => {} };
}

export class PostgresStore extends KyselyStore {
  readonly kind = "postgres" as const;

  constructor(
    db: Kysely<Database>,
    readonly pool: pg.Pool,
    /** set inside a transaction */
    readonly client: pg.PoolClient | null,
    private readonly depth = 0,
  ) {
    super(db);
  }

  /** for the migration runner, which must run on the transaction's connection */
  get kysely(): Kysely<Database> {
    return this.db;
  }

  /**
   * The server reads this on every request: a named prepared statement (parsed and planned once per connection)
   * sent straight through pg, inside a transaction on its connection.
   */
  override async versions(): Promise<StoreVersions> {
    const query = {
      name: "ronghe_versions",
      text: "SELECT version, auth_version FROM data_version WHERE id = 1",
    };
    const result = await (this.client ?? this.pool).query(query);
    const row = result.rows[0] as { version: string | number; auth_version: string | number } | undefined;
    if (row === undefined) throw new Error("data_version has no row");
    return { data: Number(row.version), auth: Number(row.auth_version) };
  }

  async transaction<T>(fn: (tx: Store) => Promise<T>): Promise<T> {
    if (this.client) {
      const savepoint = `ronghe_sp_${this.depth}`;
      await this.client.query(`SAVEPOINT ${savepoint}`);
      const tx = new PostgresStore(this.db, this.pool, this.client, this.depth + 1);
      try {
        const result = await fn(guardStore(tx, null));
        await this.client.query(`RELEASE SAVEPOINT ${savepoint}`);
        return result;
      } catch (error) {
        await this.client.query(`ROLLBACK TO SAVEPOINT ${savepoint}`);
        await this.client.query(`RELEASE SAVEPOINT ${savepoint}`);
        throw error;
      }
    }
    const client = await this.pool.connect();
    let broken = false;
    try {
      await client.query("BEGIN");
      const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool: singleClientPool(client) }) });
      const tx = new PostgresStore(db, this.pool, client, 1);
      const result = await fn(guardStore(tx, null));
      await client.query("COMMIT");
      return result;
    } catch (error) {
      await client.query("ROLLBACK").catch(() => {
        broken = true;
      });
      throw error;
    } finally {
      client.release(broken);
    }
  }

  async close(): Promise<void> {
    if (this.client) return;
    await this.db.destroy();
  }

  async raw(sqlText: string, params: readonly unknown[] = []): Promise<RawResult> {
    const res = await (this.client ?? this.pool).query(sqlText, params as unknown[]);
    return { rows: res.rows };
  }

  /**
   * Runs a data-changing `fn` with a client inside a transaction (this one's, or a new one); the data version is
   * bumped in that transaction when `changed` says so.
   */
  #withClient<T>(fn: (client: pg.PoolClient) => Promise<T>, changed: (result: T) => boolean): Promise<T> {
    return this.changing(async (tx) => fn((tx as unknown as PostgresStore).client as pg.PoolClient), changed);
  }

  upsertRegions(regions: readonly RegionInput[], onProgress?: ProgressCallback): Promise<UpsertCounts> {
    return this.#withClient(
      (client) => upsertRegionsPostgres(client, regions, onProgress),
      (r) => r.inserted + r.updated > 0,
    );
  }

  setRegionGeometry(
    updates: readonly RegionGeometryUpdate[],
  ): Promise<{ updated: number; missing: string[] }> {
    return this.#withClient(
      (client) => setRegionGeometryPostgres(client, updates),
      (r) => r.updated > 0,
    );
  }

  writeObservations(rows: readonly ObservationInput[], meta: WriteMeta): Promise<WriteCounts> {
    return this.#withClient(
      (client) => writeObservationsPostgres(client, rows, meta),
      (r) => r.inserted + r.revised > 0,
    );
  }

  classifyObservations(rows: readonly ObservationInput[]): Promise<WriteCounts & { detail: WriteDetail }> {
    // a transaction only for one snapshot of the stored rows: nothing is written, the data version stays
    return this.atomic(async (tx) =>
      withDetail(
        await writeObservationsPostgres(
          (tx as unknown as PostgresStore).client as pg.PoolClient,
          rows,
          { author: "", detail: true },
          { dryRun: true },
        ),
      ),
    );
  }

  setObservationStatus(
    keys: readonly ObservationKey[],
    status: ObservationStatus,
    meta: StatusMeta,
  ): Promise<StatusChangeCounts> {
    return this.#withClient(
      (client) => setObservationStatusPostgres(client, keys, status, meta),
      (r) => r.changed > 0,
    );
  }
}
