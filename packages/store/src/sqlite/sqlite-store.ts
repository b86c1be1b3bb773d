// SQLite backend: shared Kysely queries plus transactions on the single connection and the bulk paths, which
// use better-sqlite3 prepared statements directly (one statement, one transaction: the fast path on SQLite).
import type BetterSqlite3 from "better-sqlite3";
import type { Kysely } from "kysely";
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
import { AUTOCHECKPOINT_PAGES, type Checkpointer } from "./checkpointer.ts";
import { setObservationStatusSqlite } from "./set-observation-status.ts";
import { setRegionGeometrySqlite } from "./set-region-geometry.ts";
import { upsertRegionsSqlite } from "./upsert-regions.ts";
import { writeObservationsSqlite } from "./write-observations.ts";

export class SqliteStore extends KyselyStore {
  readonly kind = "sqlite" as const;
  #savepoints = 0;

  constructor(
    db: Kysely<Database>,
    readonly sqlite: BetterSqlite3.Database,
    /** background WAL checkpoints (file stores); null for an in-memory database */
    readonly checkpointer: Checkpointer | null = null,
  ) {
    super(db);
  }

  async transaction<T>(fn: (tx: Store) => Promise<T>): Promise<T> {
    // The connection is shared by this store and its transaction views; an open transaction nests by savepoint.
    const nested = this.sqlite.inTransaction;
    const savepoint = `ronghe_sp_${++this.#savepoints}`;
    this.sqlite.exec(nested ? `SAVEPOINT ${savepoint}` : "BEGIN IMMEDIATE");
    try {
      const result = await fn(guardStore(this, null));
      if (nested) this.sqlite.exec(`RELEASE ${savepoint}`);
      else this.#commit();
      return result;
    } catch (error) {
      if (this.sqlite.inTransaction) {
        this.sqlite.exec(nested ? `ROLLBACK TO ${savepoint}; RELEASE ${savepoint}` : "ROLLBACK");
      }
      throw error;
    }
  }

  /** Commits without the automatic checkpoint, which the checkpointer then makes off this thread. */
  #commit(): void {
    const { checkpointer } = this;
    if (checkpointer === null) {
      this.sqlite.exec("COMMIT");
      return;
    }
    this.sqlite.pragma("wal_autocheckpoint = 0");
    try {
      this.sqlite.exec("COMMIT");
    } finally {
      this.sqlite.pragma(`wal_autocheckpoint = ${AUTOCHECKPOINT_PAGES}`);
    }
    checkpointer.afterCommit();
  }

  #versionsStatement: BetterSqlite3.Statement | null = null;

  /** The server reads this on every request: one prepared statement instead of Kysely's prepare per call. */
  override async versions(): Promise<StoreVersions> {
    this.#versionsStatement ??= this.sqlite.prepare(
      "SELECT version, auth_version FROM data_version WHERE id = 1",
    );
    const row = this.#versionsStatement.get() as { version: number; auth_version: number } | undefined;
    if (row === undefined) throw new Error("data_version has no row");
    return { data: Number(row.version), auth: Number(row.auth_version) };
  }

  async close(): Promise<void> {
    await this.checkpointer?.close();
    if (this.sqlite.open) await this.db.destroy();
  }

  async raw(sqlText: string, params: readonly unknown[] = []): Promise<RawResult> {
    const stmt = this.sqlite.prepare(sqlText);
    if (stmt.reader) return { rows: stmt.all(...params) as Record<string, unknown>[] };
    stmt.run(...params);
    return { rows: [] };
  }

  upsertRegions(regions: readonly RegionInput[], onProgress?: ProgressCallback): Promise<UpsertCounts> {
    return this.changing(
      async () => upsertRegionsSqlite(this.sqlite, regions, onProgress),
      (r) => r.inserted + r.updated > 0,
    );
  }

  setRegionGeometry(
    updates: readonly RegionGeometryUpdate[],
  ): Promise<{ updated: number; missing: string[] }> {
    return this.changing(
      async () => setRegionGeometrySqlite(this.sqlite, updates),
      (r) => r.updated > 0,
    );
  }

  writeObservations(rows: readonly ObservationInput[], meta: WriteMeta): Promise<WriteCounts> {
    return this.changing(
      async () => writeObservationsSqlite(this.sqlite, rows, meta),
      (r) => r.inserted + r.revised > 0,
    );
  }

  classifyObservations(rows: readonly ObservationInput[]): Promise<WriteCounts & { detail: WriteDetail }> {
    // a transaction only for one snapshot of the stored rows: nothing is written
    return this.atomic(async () =>
      withDetail(writeObservationsSqlite(this.sqlite, rows, { author: "", detail: true }, { dryRun: true })),
    );
  }

  setObservationStatus(
    keys: readonly ObservationKey[],
    status: ObservationStatus,
    meta: StatusMeta,
  ): Promise<StatusChangeCounts> {
    return this.changing(
      async () => setObservationStatusSqlite(this.sqlite, keys, status, meta),
      (r) => r.changed > 0,
    );
  }
}
