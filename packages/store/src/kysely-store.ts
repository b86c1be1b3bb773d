// The queries both backends share, written once with Kysely. The dialect classes (sqlite/sqlite-store.ts,
// postgres/postgres-store.ts) add transactions, raw SQL and the bulk paths, which differ by dialect.
import { randomUUID } from "node:crypto";
import { parseRegionCode, REGION_LEVELS, type RegionLevel, RongheError, subtreePrefix } from "@ronghe/core";
import { type CompiledQuery, type Expression, type Kysely, type SqlBool, sql } from "kysely";
import {
  fromIndicator,
  toApiToken,
  toAudit,
  toEvaluationRun,
  toImport,
  toIndicator,
  toJob,
  toJson,
  toNumber,
  toObservation,
  toPlan,
  toRegion,
  toRevision,
  toSession,
  toUser,
  toWarning,
} from "./mappers.ts";
import type { Database, DataVersionRow } from "./rows.ts";

/** What a current-value read takes from the row itself (time and author come from its change set). */
const CURRENT_COLUMNS = [
  "region_code",
  "indicator_code",
  "period",
  "value",
  "unit",
  "source",
  "note",
  "status",
  "revision",
] as const;

/** What a history read takes from the revision row itself (the rest of its provenance is its change set's). */
const REVISION_COLUMNS = [
  "region_code",
  "indicator_code",
  "period",
  "revision",
  "value",
  "unit",
  "source",
  "note",
  "status",
  "source_row",
] as const;

const REGION_COLUMNS_WITHOUT_GEOMETRY = [
  "code",
  "stat_code",
  "parent_code",
  "level",
  "name",
  "kind",
  "kind_overridden",
  "ur_class",
  "ur_class_year",
  "lng",
  "lat",
  "geometry_source",
] as const;

import type {
  ApiToken,
  ApiTokenInput,
  AuditEntry,
  AuditInput,
  AuditQuery,
  DescendantsOptions,
  EvaluationResult,
  EvaluationRun,
  EvaluationRunInput,
  GrantRow,
  ImportInput,
  ImportRecord,
  Indicator,
  Job,
  JobInput,
  JobPatch,
  JobStatus,
  Observation,
  ObservationInput,
  ObservationKey,
  ObservationQuery,
  ObservationRevision,
  ObservationStatus,
  Plan,
  PlanInput,
  PlanWarning,
  PlanWarningInput,
  PlanWarningPatch,
  ProgressCallback,
  RawResult,
  Region,
  RegionGeometryUpdate,
  RegionInput,
  SearchRegionsOptions,
  Session,
  StatusChangeCounts,
  StatusMeta,
  Store,
  StoreKind,
  StoreVersions,
  UpsertCounts,
  User,
  UserInput,
  UserPatch,
  WarningQuery,
  WriteCounts,
  WriteDetail,
  WriteMeta,
} from "./store.ts";
import { checkIndicator, checkPrefixes } from "./validate.ts";

/** Parameters per statement stay well below SQLite's 32766 and PostgreSQL's 65535. */
const CHUNK = 500;

export const nowIso = (): string => new Date().toISOString();

function chunks<T>(items: readonly T[], size = CHUNK): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** Inclusive stat-code range of a subtree: codes are 12 digits, so "starts with p" is p000… ≤ code ≤ p999…. */
export function statCodeRange(code: string): [string, string] {
  const prefix = subtreePrefix(code);
  return [prefix.padEnd(12, "0"), prefix.padEnd(12, "9")];
}

/** Code-point order, independent of any database collation. */
function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

const asArray = <T>(v: T | T[] | undefined): T[] | undefined =>
  v === undefined ? undefined : Array.isArray(v) ? v : [v];

function notFound(what: string, id: string | number): RongheError {
  return new RongheError("not_found", `${what} ${id} not found`, { [what]: id });
}

export abstract class KyselyStore implements Store {
  abstract readonly kind: StoreKind;

  constructor(protected readonly db: Kysely<Database>) {}

  abstract transaction<T>(fn: (tx: Store) => Promise<T>): Promise<T>;
  abstract close(): Promise<void>;
  abstract raw(sqlText: string, params?: readonly unknown[]): Promise<RawResult>;
  abstract upsertRegions(
    regions: readonly RegionInput[],
    onProgress?: ProgressCallback,
  ): Promise<UpsertCounts>;
  abstract setRegionGeometry(
    updates: readonly RegionGeometryUpdate[],
  ): Promise<{ updated: number; missing: string[] }>;
  abstract writeObservations(rows: readonly ObservationInput[], meta: WriteMeta): Promise<WriteCounts>;
  abstract classifyObservations(
    rows: readonly ObservationInput[],
  ): Promise<WriteCounts & { detail: WriteDetail }>;
  abstract setObservationStatus(
    keys: readonly ObservationKey[],
    status: ObservationStatus,
    meta: StatusMeta,
  ): Promise<StatusChangeCounts>;

  /** Runs `fn` on this store's transaction-capable self (a tx store when already inside one). */
  protected atomic<T>(fn: (tx: KyselyStore) => Promise<T>): Promise<T> {
    return this.transaction((tx) => fn(tx as KyselyStore));
  }

  async dataVersion(): Promise<number> {
    const row = await this.db
      .selectFrom("data_version")
      .select("version")
      .where("id", "=", 1)
      .executeTakeFirstOrThrow();
    return toNumber(row.version);
  }

  /** compiled once: a server runs this query on every request, and building it cost more than running it */
  #versionsQuery: CompiledQuery<Pick<DataVersionRow, "version" | "auth_version">> | null = null;

  async versions(): Promise<StoreVersions> {
    this.#versionsQuery ??= this.db
      .selectFrom("data_version")
      .select(["version", "auth_version"])
      .where("id", "=", 1)
      .compile();
    const [row] = (await this.db.executeQuery(this.#versionsQuery)).rows;
    if (row === undefined) throw new Error("data_version has no row");
    return { data: toNumber(row.version), auth: toNumber(row.auth_version) };
  }

  /**
   * Increases the data version. Call it inside the transaction of the change (last, so the row lock on
   * PostgreSQL is held briefly), never for reads; not part of Store.
   */
  async bumpDataVersion(): Promise<void> {
    await this.db
      .updateTable("data_version")
      .set({ version: sql`version + 1` })
      .where("id", "=", 1)
      .execute();
  }

  /** Increases the auth version; like bumpDataVersion, inside the change's transaction; not part of Store. */
  async bumpAuthVersion(): Promise<void> {
    await this.db
      .updateTable("data_version")
      .set({ auth_version: sql`auth_version + 1` })
      .where("id", "=", 1)
      .execute();
  }

  /** Runs an auth-changing `fn` in a transaction that also bumps the auth version when `changed` says so. */
  protected changingAuth<T>(
    fn: (tx: KyselyStore) => Promise<T>,
    changed: (result: T) => boolean = () => true,
  ): Promise<T> {
    return this.atomic(async (tx) => {
      const result = await fn(tx);
      if (changed(result)) await tx.bumpAuthVersion();
      return result;
    });
  }

  /** Runs a data-changing `fn` in a transaction that also bumps the data version when `changed` says so. */
  protected changing<T>(fn: (tx: KyselyStore) => Promise<T>, changed: (result: T) => boolean = () => true) {
    return this.atomic(async (tx) => {
      const result = await fn(tx);
      if (changed(result)) await tx.bumpDataVersion();
      return result;
    });
  }

  // ───────────── regions ─────────────

  async getRegion(code: string): Promise<Region | null> {
    const row = await this.db.selectFrom("regions").selectAll().where("code", "=", code).executeTakeFirst();
    return row ? toRegion(row) : null;
  }

  async getRegions(codes: readonly string[]): Promise<Region[]> {
    const found = new Map<string, Region>();
    for (const part of chunks([...new Set(codes)])) {
      const rows = await this.db.selectFrom("regions").selectAll().where("code", "in", part).execute();
      for (const row of rows) found.set(row.code, toRegion(row));
    }
    const out: Region[] = [];
    for (const code of codes) {
      const r = found.get(code);
      if (r) out.push(r);
    }
    return out;
  }

  async presentRegionCodes(codes: readonly string[]): Promise<Set<string>> {
    const present = new Set<string>();
    const unique = [...new Set(codes)];
    if (unique.length === 0) return present;
    // All codes in one parameter: long IN lists are slow to plan (PostgreSQL: 45 ms per 5,000 codes).
    const rows = await this.db
      .selectFrom("regions")
      .select("code")
      .where(
        this.kind === "postgres"
          ? sql<SqlBool>`code = ANY(${unique}::text[])`
          : sql<SqlBool>`code IN (SELECT value FROM json_each(${JSON.stringify(unique)}))`,
      )
      .execute();
    for (const row of rows) present.add(row.code);
    return present;
  }

  async ancestors(code: string): Promise<Region[]> {
    const self = await this.getRegion(code);
    if (!self) return [];
    const out: Region[] = [];
    let parent = self.parentCode;
    // The tree has five levels; the bound guards against a parent cycle in bad data.
    while (parent !== null && out.length < REGION_LEVELS.length) {
      const r = await this.getRegion(parent);
      if (!r) break;
      out.unshift(r);
      parent = r.parentCode;
    }
    return out;
  }

  async children(code: string): Promise<Region[]> {
    const rows = await this.db
      .selectFrom("regions")
      .selectAll()
      .where("parent_code", "=", code)
      .orderBy("stat_code")
      .execute();
    return rows.map(toRegion);
  }

  async descendants(code: string, options: DescendantsOptions = {}): Promise<Region[]> {
    const [lo, hi] = statCodeRange(code);
    const canonical = parseRegionCode(code).code;
    // without the geometry text a district list is a few kB instead of hundreds (IS NULL reads no TOAST/overflow)
    const columns = options.omitGeometry
      ? this.db
          .selectFrom("regions")
          .select(REGION_COLUMNS_WITHOUT_GEOMETRY)
          .select([
            sql<string | null>`null`.as("geometry"),
            sql<number>`case when geometry is null then 0 else 1 end`.as("has_geometry"),
          ])
      : this.db.selectFrom("regions").selectAll();
    let q = columns.where("stat_code", ">=", lo).where("stat_code", "<=", hi).where("code", "<>", canonical);
    if (options.level) q = q.where("level", "=", options.level);
    q = q.orderBy("stat_code");
    if (options.limit !== undefined) q = q.limit(options.limit);
    if (options.offset !== undefined) q = q.offset(options.offset);
    if (options.offset !== undefined && options.limit === undefined) q = q.limit(Number.MAX_SAFE_INTEGER);
    return (await q.execute()).map(toRegion);
  }

  async countDescendants(code: string, options: { level?: RegionLevel } = {}): Promise<number> {
    const [lo, hi] = statCodeRange(code);
    const canonical = parseRegionCode(code).code;
    let q = this.db
      .selectFrom("regions")
      .select((eb) => eb.fn.countAll().as("n"))
      .where("stat_code", ">=", lo)
      .where("stat_code", "<=", hi)
      .where("code", "<>", canonical);
    if (options.level) q = q.where("level", "=", options.level);
    const row = await q.executeTakeFirstOrThrow();
    return toNumber(row.n);
  }

  async listRegions(
    options: { level?: RegionLevel; limit?: number; offset?: number } = {},
  ): Promise<Region[]> {
    let q = this.db.selectFrom("regions").selectAll();
    if (options.level) q = q.where("level", "=", options.level);
    q = q.orderBy("stat_code");
    if (options.limit !== undefined) q = q.limit(options.limit);
    if (options.offset !== undefined)
      q = (options.limit === undefined ? q.limit(Number.MAX_SAFE_INTEGER) : q).offset(options.offset);
    return (await q.execute()).map(toRegion);
  }

  async searchRegions(text: string, options: SearchRegionsOptions = {}): Promise<Region[]> {
    const needle = text.trim();
    if (needle === "") return [];
    if (options.withinCodes && options.withinCodes.length === 0) return [];
    const pattern = `%${escapeLike(needle)}%`;
    const depth = sql<number>`case level when 'province' then 1 when 'prefecture' then 2 when 'county' then 3 when 'township' then 4 else 5 end`;
    let q = this.db.selectFrom("regions").selectAll().where(sql<SqlBool>`name like ${pattern} escape '\\'`);
    if (options.level) q = q.where("level", "=", options.level);
    if (options.withinCodes) {
      const ranges = options.withinCodes.map(statCodeRange);
      q = q.where((eb) =>
        eb.or(ranges.map(([lo, hi]) => eb.and([eb("stat_code", ">=", lo), eb("stat_code", "<=", hi)]))),
      );
    }
    const rows = await q
      .orderBy(depth)
      .orderBy("stat_code")
      .limit(options.limit ?? 50)
      .execute();
    return rows.map(toRegion);
  }

  async countRegions(): Promise<Record<RegionLevel, number>> {
    const rows = await this.db
      .selectFrom("regions")
      .select(["level", (eb) => eb.fn.countAll().as("n")])
      .groupBy("level")
      .execute();
    const out = Object.fromEntries(REGION_LEVELS.map((l) => [l, 0])) as Record<RegionLevel, number>;
    for (const r of rows) if (r.level in out) out[r.level as RegionLevel] = toNumber(r.n);
    return out;
  }

  // ───────────── indicators ─────────────

  async upsertIndicators(indicators: readonly Indicator[]): Promise<UpsertCounts> {
    indicators.forEach(checkIndicator);
    return this.changing(
      async (tx) => {
        let inserted = 0;
        let updated = 0;
        for (const ind of indicators) {
          const row = fromIndicator(ind);
          const exists = await tx.db
            .selectFrom("indicators")
            .select("code")
            .where("code", "=", ind.code)
            .executeTakeFirst();
          if (exists) {
            const { code: _code, ...rest } = row;
            await tx.db.updateTable("indicators").set(rest).where("code", "=", ind.code).execute();
            updated++;
          } else {
            await tx.db.insertInto("indicators").values(row).execute();
            inserted++;
          }
        }
        return { inserted, updated };
      },
      (r) => r.inserted + r.updated > 0,
    );
  }

  async getIndicator(code: string): Promise<Indicator | null> {
    const row = await this.db
      .selectFrom("indicators")
      .selectAll()
      .where("code", "=", code)
      .executeTakeFirst();
    return row ? toIndicator(row) : null;
  }

  async listIndicators(): Promise<Indicator[]> {
    const rows = await this.db.selectFrom("indicators").selectAll().execute();
    // Sorted here, not in SQL, so the order does not depend on the server's collation.
    return rows.map(toIndicator).sort((a, b) => compareText(a.code, b.code));
  }

  // ───────────── observations ─────────────

  async queryObservations(query: ObservationQuery): Promise<Observation[]> {
    if (query.regionCodes?.length === 0 || query.indicators?.length === 0) return [];
    const statuses = asArray(query.status);
    if (statuses?.length === 0) return [];
    let q = this.db
      .selectFrom("observations as o")
      .innerJoin("regions as r", "r.code", "o.region_code")
      .innerJoin("observation_changes as c", "c.id", "o.change_id")
      .select(CURRENT_COLUMNS.map((c) => `o.${c}` as const))
      .select(["c.at as updated_at", "c.author as updated_by"]);
    if (query.regionCodes) q = q.where("o.region_code", "in", [...new Set(query.regionCodes)]);
    if (query.subtreeOf !== undefined) {
      const [lo, hi] = statCodeRange(query.subtreeOf);
      q = q.where("r.stat_code", ">=", lo).where("r.stat_code", "<=", hi);
    }
    if (query.level) q = q.where("r.level", "=", query.level);
    if (query.indicators) q = q.where("o.indicator_code", "in", [...new Set(query.indicators)]);
    if (query.fromYear !== undefined) q = q.where("o.period", ">=", query.fromYear);
    if (query.toYear !== undefined) q = q.where("o.period", "<=", query.toYear);
    if (statuses) q = q.where("o.status", "in", statuses);
    q = q.orderBy("r.stat_code").orderBy("o.indicator_code").orderBy("o.period");
    if (query.limit !== undefined) q = q.limit(query.limit);
    if (query.offset !== undefined)
      q = (query.limit === undefined ? q.limit(Number.MAX_SAFE_INTEGER) : q).offset(query.offset);
    return (await q.execute()).map(toObservation);
  }

  async observationHistory(
    regionCode: string,
    indicatorCode: string,
    period: number,
  ): Promise<ObservationRevision[]> {
    // The superseded revisions, then the current row, which is the latest revision (one query: one snapshot),
    // each with its change set's provenance.
    const revisions = (table: "observation_revisions" | "observations") =>
      this.db
        .selectFrom(`${table} as h`)
        .innerJoin("observation_changes as c", "c.id", "h.change_id")
        .select(REVISION_COLUMNS.map((column) => `h.${column}` as const))
        .select((eb) => [
          "c.change",
          "c.author",
          "c.at as created_at",
          "c.reason",
          eb.fn.coalesce("h.source_file_override", "c.source_file").as("source_file"),
          "c.import_id",
        ])
        .where("h.region_code", "=", regionCode)
        .where("h.indicator_code", "=", indicatorCode)
        .where("h.period", "=", period);
    const rows = await revisions("observation_revisions")
      .unionAll(revisions("observations"))
      .orderBy("revision")
      .execute();
    return rows.map(toRevision);
  }

  // ───────────── imports ─────────────

  async createImport(record: ImportInput): Promise<ImportRecord> {
    const id = record.id ?? randomUUID();
    await this.db
      .insertInto("imports")
      .values({
        id,
        file_name: record.fileName,
        format: record.format,
        kind: record.kind,
        actor: record.actor,
        started_at: record.startedAt ?? nowIso(),
        row_count: record.rowCount ?? 0,
        dry_run: record.dryRun ? 1 : 0,
        summary_json: toJson(record.summary),
      })
      .execute();
    return (await this.getImport(id)) as ImportRecord;
  }

  async updateImport(
    id: string,
    patch: Partial<Pick<ImportRecord, "rowCount" | "summary">>,
  ): Promise<ImportRecord> {
    const set: { row_count?: number; summary_json?: string | null } = {};
    if (patch.rowCount !== undefined) set.row_count = patch.rowCount;
    if (patch.summary !== undefined) set.summary_json = toJson(patch.summary);
    if (Object.keys(set).length > 0)
      await this.db.updateTable("imports").set(set).where("id", "=", id).execute();
    const rec = await this.getImport(id);
    if (!rec) throw notFound("import", id);
    return rec;
  }

  async getImport(id: string): Promise<ImportRecord | null> {
    const row = await this.db.selectFrom("imports").selectAll().where("id", "=", id).executeTakeFirst();
    return row ? toImport(row) : null;
  }

  async listImports(options: { limit?: number } = {}): Promise<ImportRecord[]> {
    const rows = await this.db
      .selectFrom("imports")
      .selectAll()
      .orderBy("started_at", "desc")
      .orderBy("id")
      .limit(options.limit ?? 100)
      .execute();
    return rows.map(toImport);
  }

  // ───────────── users, grants, sessions, tokens ─────────────

  async createUser(user: UserInput): Promise<User> {
    // Checked first: on PostgreSQL a failed INSERT would abort the caller's whole transaction.
    if (await this.getUserByUsername(user.username)) {
      throw new RongheError("already_exists", `user "${user.username}" already exists`, {
        username: user.username,
      });
    }
    const row = await this.db
      .insertInto("users")
      .values({
        username: user.username,
        password_hash: user.passwordHash,
        display_name: user.displayName ?? null,
        disabled: user.disabled ? 1 : 0,
        failed_logins: 0,
        locked_until: null,
        created_at: user.createdAt ?? nowIso(),
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    return toUser(row);
  }

  async getUser(id: number): Promise<User | null> {
    const row = await this.db.selectFrom("users").selectAll().where("id", "=", id).executeTakeFirst();
    return row ? toUser(row) : null;
  }

  async getUserByUsername(username: string): Promise<User | null> {
    const row = await this.db
      .selectFrom("users")
      .selectAll()
      .where("username", "=", username)
      .executeTakeFirst();
    return row ? toUser(row) : null;
  }

  async listUsers(): Promise<User[]> {
    const rows = await this.db.selectFrom("users").selectAll().orderBy("id").execute();
    return rows.map(toUser);
  }

  async updateUser(id: number, patch: UserPatch): Promise<User> {
    const set: Partial<{
      password_hash: string;
      display_name: string | null;
      disabled: number;
      failed_logins: number;
      locked_until: string | null;
    }> = {};
    if (patch.passwordHash !== undefined) set.password_hash = patch.passwordHash;
    if (patch.displayName !== undefined) set.display_name = patch.displayName;
    if (patch.disabled !== undefined) set.disabled = patch.disabled ? 1 : 0;
    if (patch.failedLogins !== undefined) set.failed_logins = patch.failedLogins;
    if (patch.lockedUntil !== undefined) set.locked_until = patch.lockedUntil;
    // Only the disabled flag decides whether a resolved session or token is still good; failed logins and
    // lockouts (every wrong password) and names must not retire every cached session.
    if (patch.disabled === undefined) {
      if (Object.keys(set).length > 0)
        await this.db.updateTable("users").set(set).where("id", "=", id).execute();
      const user = await this.getUser(id);
      if (!user) throw notFound("user", id);
      return user;
    }
    return this.changingAuth(
      async (tx) => {
        const before = await tx.getUser(id);
        await tx.db.updateTable("users").set(set).where("id", "=", id).execute();
        const user = await tx.getUser(id);
        if (!user) throw notFound("user", id);
        return { user, flipped: before !== null && before.disabled !== user.disabled };
      },
      (r) => r.flipped,
    ).then((r) => r.user);
  }

  async addGrant(grant: GrantRow): Promise<void> {
    await this.changingAuth(
      async (tx) => {
        if (!(await tx.getUser(grant.userId))) throw notFound("user", grant.userId);
        const exists = await tx.db
          .selectFrom("grants")
          .select("user_id")
          .where("user_id", "=", grant.userId)
          .where("role", "=", grant.role)
          .where("region_code", "=", grant.regionCode)
          .executeTakeFirst();
        if (exists) return false;
        await tx.db
          .insertInto("grants")
          .values({ user_id: grant.userId, role: grant.role, region_code: grant.regionCode })
          .execute();
        return true;
      },
      (added) => added,
    );
  }

  async removeGrant(grant: GrantRow): Promise<boolean> {
    return this.changingAuth(
      async (tx) => {
        const res = await tx.db
          .deleteFrom("grants")
          .where("user_id", "=", grant.userId)
          .where("role", "=", grant.role)
          .where("region_code", "=", grant.regionCode)
          .executeTakeFirst();
        return Number(res.numDeletedRows) > 0;
      },
      (removed) => removed,
    );
  }

  async listGrants(userId: number): Promise<GrantRow[]> {
    const rows = await this.db.selectFrom("grants").selectAll().where("user_id", "=", userId).execute();
    return rows
      .map((r) => ({ userId: toNumber(r.user_id), role: r.role, regionCode: r.region_code }))
      .sort((a, b) => compareText(a.regionCode, b.regionCode) || compareText(a.role, b.role));
  }

  async createSession(session: Session): Promise<void> {
    await this.db
      .insertInto("sessions")
      .values({
        id_hash: session.idHash,
        user_id: session.userId,
        csrf_token: session.csrfToken,
        created_at: session.createdAt,
        expires_at: session.expiresAt,
      })
      .execute();
  }

  async getSession(idHash: string): Promise<Session | null> {
    const row = await this.db
      .selectFrom("sessions")
      .selectAll()
      .where("id_hash", "=", idHash)
      .executeTakeFirst();
    return row ? toSession(row) : null;
  }

  // A new session or token needs no bump: nothing caches the absence of one. Deleting one does.
  async deleteSession(idHash: string): Promise<void> {
    await this.deleteSessionsWhere("id_hash", "=", idHash);
  }

  async deleteUserSessions(userId: number): Promise<number> {
    return this.deleteSessionsWhere("user_id", "=", userId);
  }

  async deleteExpiredSessions(now: string): Promise<number> {
    return this.deleteSessionsWhere("expires_at", "<=", now);
  }

  /** Deletes the sessions matching one condition; the auth version moves only when one went. */
  private deleteSessionsWhere(
    column: "id_hash" | "user_id" | "expires_at",
    op: "=" | "<=",
    value: string | number,
  ): Promise<number> {
    return this.changingAuth(
      async (tx) => {
        const res = await tx.db
          .deleteFrom("sessions")
          .where(column, op, value as never)
          .executeTakeFirst();
        return Number(res.numDeletedRows);
      },
      (n) => n > 0,
    );
  }

  async createApiToken(token: ApiTokenInput): Promise<ApiToken> {
    const id = token.id ?? randomUUID();
    await this.db
      .insertInto("api_tokens")
      .values({
        id,
        user_id: token.userId,
        token_hash: token.tokenHash,
        name: token.name,
        role: token.role ?? null,
        region_code: token.regionCode ?? null,
        created_at: token.createdAt ?? nowIso(),
        last_used_at: null,
        revoked_at: null,
      })
      .execute();
    return (await this.getApiToken(id)) as ApiToken;
  }

  async getApiTokenByHash(tokenHash: string): Promise<ApiToken | null> {
    const row = await this.db
      .selectFrom("api_tokens")
      .selectAll()
      .where("token_hash", "=", tokenHash)
      .executeTakeFirst();
    return row ? toApiToken(row) : null;
  }

  async getApiToken(id: string): Promise<ApiToken | null> {
    const row = await this.db.selectFrom("api_tokens").selectAll().where("id", "=", id).executeTakeFirst();
    return row ? toApiToken(row) : null;
  }

  async listApiTokens(userId: number): Promise<ApiToken[]> {
    const rows = await this.db
      .selectFrom("api_tokens")
      .selectAll()
      .where("user_id", "=", userId)
      .orderBy("created_at")
      .orderBy("id")
      .execute();
    return rows.map(toApiToken);
  }

  /** per-use bookkeeping: leaves the auth version alone */
  async touchApiToken(id: string, at: string): Promise<void> {
    await this.db.updateTable("api_tokens").set({ last_used_at: at }).where("id", "=", id).execute();
  }

  async revokeApiToken(id: string, at: string): Promise<boolean> {
    return this.changingAuth(
      async (tx) => {
        const res = await tx.db
          .updateTable("api_tokens")
          .set({ revoked_at: at })
          .where("id", "=", id)
          .where("revoked_at", "is", null)
          .executeTakeFirst();
        return Number(res.numUpdatedRows) > 0;
      },
      (revoked) => revoked,
    );
  }

  // ───────────── audit ─────────────

  async appendAudit(entry: AuditInput): Promise<AuditEntry> {
    const row = await this.db
      .insertInto("audit")
      .values({
        at: entry.at ?? nowIso(),
        actor: entry.actor,
        actor_kind: entry.actorKind,
        action: entry.action,
        target_type: entry.targetType ?? null,
        target_id: entry.targetId ?? null,
        region_code: entry.regionCode ?? null,
        before_json: toJson(entry.before),
        after_json: toJson(entry.after),
        ip: entry.ip ?? null,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    return toAudit(row);
  }

  async queryAudit(query: AuditQuery): Promise<AuditEntry[]> {
    if (query.regionPrefixes) {
      if (query.regionPrefixes.length === 0) return [];
      checkPrefixes(query.regionPrefixes);
    }
    let q = this.db.selectFrom("audit").selectAll();
    const prefixes = query.regionPrefixes;
    if (prefixes) {
      q = q.where((eb) =>
        eb.or(prefixes.map((p) => eb("region_code", "like", `${p}%`) as Expression<SqlBool>)),
      );
    }
    if (query.actor !== undefined) q = q.where("actor", "=", query.actor);
    if (query.action !== undefined) q = q.where("action", "=", query.action);
    if (query.from !== undefined) q = q.where("at", ">=", query.from);
    if (query.to !== undefined) q = q.where("at", "<=", query.to);
    q = q.orderBy("id", "desc").limit(query.limit ?? 100);
    if (query.offset !== undefined) q = q.offset(query.offset);
    return (await q.execute()).map(toAudit);
  }

  // ───────────── evaluation runs ─────────────

  async saveEvaluationRun(
    run: EvaluationRunInput,
    results: readonly EvaluationResult[],
  ): Promise<EvaluationRun> {
    const id = run.id ?? randomUUID();
    return this.changing(async (tx) => {
      await tx.db
        .insertInto("evaluation_runs")
        .values({
          id,
          run_hash: run.runHash,
          inputs_hash: run.inputsHash,
          scheme_name: run.schemeName,
          scheme_json: toJson(run.scheme),
          params_json: toJson(run.params),
          engine_version: run.engineVersion,
          created_at: run.createdAt ?? nowIso(),
          actor: run.actor,
          region_code: run.regionCode ?? null,
          status: run.status ?? "completed",
          summary_json: toJson(run.summary),
        })
        .execute();
      for (const part of chunks(results, 200)) {
        await tx.db
          .insertInto("evaluation_results")
          .values(
            part.map((r) => ({
              run_id: id,
              region_code: r.regionCode,
              year: r.year,
              payload_json: toJson(r.payload),
            })),
          )
          .execute();
      }
      return (await tx.getEvaluationRun(id)) as EvaluationRun;
    });
  }

  async updateEvaluationRun(
    id: string,
    patch: Partial<Pick<EvaluationRun, "status" | "summary">>,
  ): Promise<EvaluationRun> {
    const set: { status?: string; summary_json?: string | null } = {};
    if (patch.status !== undefined) set.status = patch.status;
    if (patch.summary !== undefined) set.summary_json = toJson(patch.summary);
    return this.changing(
      async (tx) => {
        if (Object.keys(set).length > 0)
          await tx.db.updateTable("evaluation_runs").set(set).where("id", "=", id).execute();
        const run = await tx.getEvaluationRun(id);
        if (!run) throw notFound("run", id);
        return run;
      },
      () => Object.keys(set).length > 0,
    );
  }

  async getEvaluationRun(id: string): Promise<EvaluationRun | null> {
    const row = await this.db
      .selectFrom("evaluation_runs")
      .selectAll()
      .where("id", "=", id)
      .executeTakeFirst();
    return row ? toEvaluationRun(row) : null;
  }

  async listEvaluationRuns(options: { regionCode?: string; limit?: number } = {}): Promise<EvaluationRun[]> {
    let q = this.db.selectFrom("evaluation_runs").selectAll();
    if (options.regionCode !== undefined) q = q.where("region_code", "=", options.regionCode);
    const rows = await q
      .orderBy("created_at", "desc")
      .orderBy("id")
      .limit(options.limit ?? 100)
      .execute();
    return rows.map(toEvaluationRun);
  }

  async getEvaluationResults(runId: string): Promise<EvaluationResult[]> {
    const rows = await this.db
      .selectFrom("evaluation_results")
      .selectAll()
      .where("run_id", "=", runId)
      .orderBy("region_code")
      .orderBy("year")
      .execute();
    return rows.map((r) => ({
      regionCode: r.region_code,
      year: toNumber(r.year),
      payload: r.payload_json === null ? null : JSON.parse(r.payload_json),
    }));
  }

  async findRunByHash(runHash: string): Promise<EvaluationRun | null> {
    const row = await this.db
      .selectFrom("evaluation_runs")
      .selectAll()
      .where("run_hash", "=", runHash)
      .orderBy("created_at", "desc")
      .limit(1)
      .executeTakeFirst();
    return row ? toEvaluationRun(row) : null;
  }

  // ───────────── jobs ─────────────

  async createJob(job: JobInput): Promise<Job> {
    const id = job.id ?? randomUUID();
    const at = job.createdAt ?? nowIso();
    await this.db
      .insertInto("jobs")
      .values({
        id,
        kind: job.kind,
        status: job.status ?? "queued",
        progress: 0,
        total: job.total ?? null,
        message: job.message ?? null,
        result_json: null,
        error_json: null,
        created_at: at,
        updated_at: at,
        actor: job.actor,
      })
      .execute();
    return (await this.getJob(id)) as Job;
  }

  async updateJob(id: string, patch: JobPatch): Promise<Job> {
    const set: Partial<
      Record<"status" | "message" | "result_json" | "error_json" | "updated_at", string | null>
    > &
      Partial<Record<"progress" | "total", number | null>> = { updated_at: patch.updatedAt ?? nowIso() };
    if (patch.status !== undefined) set.status = patch.status;
    if (patch.progress !== undefined) set.progress = patch.progress;
    if (patch.total !== undefined) set.total = patch.total;
    if (patch.message !== undefined) set.message = patch.message;
    if (patch.result !== undefined) set.result_json = toJson(patch.result);
    if (patch.error !== undefined) set.error_json = toJson(patch.error);
    const res = await this.db
      .updateTable("jobs")
      .set(set as never)
      .where("id", "=", id)
      .executeTakeFirst();
    if (Number(res.numUpdatedRows) === 0) throw notFound("job", id);
    return (await this.getJob(id)) as Job;
  }

  async getJob(id: string): Promise<Job | null> {
    const row = await this.db.selectFrom("jobs").selectAll().where("id", "=", id).executeTakeFirst();
    return row ? toJob(row) : null;
  }

  async listJobs(
    options: { status?: JobStatus | JobStatus[]; kind?: string; limit?: number } = {},
  ): Promise<Job[]> {
    const statuses = asArray(options.status);
    if (statuses?.length === 0) return [];
    let q = this.db.selectFrom("jobs").selectAll();
    if (statuses) q = q.where("status", "in", statuses);
    if (options.kind !== undefined) q = q.where("kind", "=", options.kind);
    const rows = await q
      .orderBy("created_at", "desc")
      .orderBy("id")
      .limit(options.limit ?? 100)
      .execute();
    return rows.map(toJob);
  }

  // ───────────── plans and warnings ─────────────

  async savePlan(plan: PlanInput): Promise<Plan> {
    const id = plan.id ?? randomUUID();
    const values = {
      id,
      name: plan.name,
      illustrative: plan.illustrative ? 1 : 0,
      region_code: plan.regionCode,
      document_json: toJson(plan.document),
      created_at: plan.createdAt ?? nowIso(),
      actor: plan.actor,
    };
    return this.changing(async (tx) => {
      await tx.db
        .insertInto("plans")
        .values(values)
        .onConflict((oc) =>
          oc.column("id").doUpdateSet({
            name: values.name,
            illustrative: values.illustrative,
            region_code: values.region_code,
            document_json: values.document_json,
            actor: values.actor,
          }),
        )
        .execute();
      return (await tx.getPlan(id)) as Plan;
    });
  }

  async getPlan(id: string): Promise<Plan | null> {
    const row = await this.db.selectFrom("plans").selectAll().where("id", "=", id).executeTakeFirst();
    return row ? toPlan(row) : null;
  }

  async listPlans(options: { regionCode?: string } = {}): Promise<Plan[]> {
    let q = this.db.selectFrom("plans").selectAll();
    if (options.regionCode !== undefined) q = q.where("region_code", "=", options.regionCode);
    const rows = await q.orderBy("created_at", "desc").orderBy("id").execute();
    return rows.map(toPlan);
  }

  async deletePlan(id: string): Promise<boolean> {
    return this.changing(
      async (tx) => {
        await tx.db.deleteFrom("plan_warnings").where("plan_id", "=", id).execute();
        const res = await tx.db.deleteFrom("plans").where("id", "=", id).executeTakeFirst();
        return Number(res.numDeletedRows) > 0;
      },
      (deleted) => deleted,
    );
  }

  async createWarning(warning: PlanWarningInput): Promise<PlanWarning> {
    if (!(await this.getPlan(warning.planId))) throw notFound("plan", warning.planId);
    const id = warning.id ?? randomUUID();
    const at = warning.createdAt ?? nowIso();
    return this.changing(async (tx) => {
      await tx.db
        .insertInto("plan_warnings")
        .values({
          id,
          plan_id: warning.planId,
          target_id: warning.targetId ?? null,
          region_code: warning.regionCode,
          kind: warning.kind,
          status: warning.status ?? "open",
          assignee: warning.assignee ?? null,
          evidence_json: toJson(warning.evidence),
          comments_json: toJson(warning.comments ?? []),
          created_at: at,
          updated_at: at,
        })
        .execute();
      return (await tx.getWarning(id)) as PlanWarning;
    });
  }

  async updateWarning(id: string, patch: PlanWarningPatch): Promise<PlanWarning> {
    const set: Partial<
      Record<"status" | "assignee" | "evidence_json" | "comments_json" | "updated_at", string | null>
    > = {
      updated_at: patch.updatedAt ?? nowIso(),
    };
    if (patch.status !== undefined) set.status = patch.status;
    if (patch.assignee !== undefined) set.assignee = patch.assignee;
    if (patch.evidence !== undefined) set.evidence_json = toJson(patch.evidence);
    if (patch.comments !== undefined) set.comments_json = toJson(patch.comments);
    return this.changing(async (tx) => {
      const res = await tx.db
        .updateTable("plan_warnings")
        .set(set as never)
        .where("id", "=", id)
        .executeTakeFirst();
      if (Number(res.numUpdatedRows) === 0) throw notFound("warning", id);
      return (await tx.getWarning(id)) as PlanWarning;
    });
  }

  async getWarning(id: string): Promise<PlanWarning | null> {
    const row = await this.db.selectFrom("plan_warnings").selectAll().where("id", "=", id).executeTakeFirst();
    return row ? toWarning(row) : null;
  }

  async listWarnings(query: WarningQuery = {}): Promise<PlanWarning[]> {
    const statuses = asArray(query.status);
    if (statuses?.length === 0 || query.regionPrefixes?.length === 0) return [];
    let q = this.db.selectFrom("plan_warnings").selectAll();
    if (query.planId !== undefined) q = q.where("plan_id", "=", query.planId);
    if (query.targetId !== undefined) q = q.where("target_id", "=", query.targetId);
    if (statuses) q = q.where("status", "in", statuses);
    const prefixes = query.regionPrefixes;
    if (prefixes) {
      checkPrefixes(prefixes);
      q = q.where((eb) =>
        eb.or(prefixes.map((p) => eb("region_code", "like", `${p}%`) as Expression<SqlBool>)),
      );
    }
    const rows = await q
      .orderBy("created_at", "desc")
      .orderBy("id")
      .limit(query.limit ?? 500)
      .execute();
    return rows.map(toWarning);
  }
}
