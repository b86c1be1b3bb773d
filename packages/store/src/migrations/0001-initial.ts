// The initial schema. Written once with Kysely's schema builder for both dialects; the only difference is
// how an integer primary key gets its values (identity column vs SQLite rowid alias) and SQLite's WITHOUT ROWID.
import { type ColumnDefinitionBuilder, type CreateTableBuilder, type Kysely, sql } from "kysely";
import type { StoreKind } from "../store.ts";
import type { Migration } from "./migration.ts";

export const initial: Migration = {
  name: "0001-initial",
  // biome-ignore lint/suspicious/noExplicitAny: a migration must not depend on the current row types
  async up(db: Kysely<any>, kind: StoreKind) {
    const serialId = (c: ColumnDefinitionBuilder) =>
      kind === "postgres" ? c.primaryKey().generatedByDefaultAsIdentity() : c.primaryKey().autoIncrement();
    // SQLite: tables keyed by a composite text key are stored in their key's b-tree (one tree, not two).
    const withoutRowid = <T extends CreateTableBuilder<string, never>>(t: T): T =>
      kind === "sqlite" ? (t.modifyEnd(sql`without rowid`) as T) : t;

    await db.schema
      .createTable("regions")
      .addColumn("code", "text", (c) => c.primaryKey())
      .addColumn("stat_code", "text", (c) => c.notNull().unique())
      .addColumn("parent_code", "text")
      .addColumn("level", "text", (c) => c.notNull())
      .addColumn("name", "text", (c) => c.notNull())
      .addColumn("kind", "text")
      .addColumn("kind_overridden", "integer", (c) => c.notNull().defaultTo(0))
      .addColumn("ur_class", "text")
      .addColumn("ur_class_year", "integer")
      .addColumn("lng", "double precision")
      .addColumn("lat", "double precision")
      .addColumn("geometry", "text")
      .addColumn("geometry_source", "text")
      .execute();
    await db.schema
      .createIndex("regions_level_stat_code")
      .on("regions")
      .columns(["level", "stat_code"])
      .execute();
    await db.schema.createIndex("regions_parent_code").on("regions").column("parent_code").execute();

    await db.schema
      .createTable("indicators")
      .addColumn("code", "text", (c) => c.primaryKey())
      .addColumn("name_zh", "text", (c) => c.notNull())
      .addColumn("name_en", "text")
      .addColumn("unit", "text", (c) => c.notNull())
      .addColumn("direction", "text", (c) => c.notNull())
      .addColumn("dimension", "text")
      .addColumn("role", "text", (c) => c.notNull())
      .addColumn("levels", "text", (c) => c.notNull())
      .addColumn("aggregation", "text", (c) => c.notNull())
      .addColumn("weight_indicator", "text")
      .addColumn("formula", "text")
      .addColumn("description", "text")
      .addColumn("source", "text")
      .addColumn("builtin", "integer", (c) => c.notNull().defaultTo(0))
      .addColumn("notes", "text")
      .execute();

    // Region and indicator references are checked set-based by writeObservations (the only writer), not by foreign
    // keys: PostgreSQL fires one trigger per row for a foreign key, which made a 600k-row write take minutes.
    await db.schema
      .createTable("observations")
      .addColumn("region_code", "text", (c) => c.notNull())
      .addColumn("indicator_code", "text", (c) => c.notNull())
      .addColumn("period", "integer", (c) => c.notNull())
      .addColumn("value", "double precision", (c) => c.notNull())
      .addColumn("unit", "text")
      .addColumn("source", "text")
      .addColumn("note", "text")
      .addColumn("status", "text", (c) => c.notNull())
      .addColumn("revision", "integer", (c) => c.notNull())
      .addColumn("updated_at", "text", (c) => c.notNull())
      .addColumn("updated_by", "text", (c) => c.notNull())
      .addPrimaryKeyConstraint("observations_pk", ["region_code", "indicator_code", "period"])
      .$call(withoutRowid)
      .execute();
    // No secondary index: queries start from regions (subtree, codes), which the key's leading column serves, and
    // each extra b-tree would slow the 600k-row bulk write.

    // Revisions are append-only; the current row in `observations` always equals the highest revision.
    await db.schema
      .createTable("observation_revisions")
      .addColumn("region_code", "text", (c) => c.notNull())
      .addColumn("indicator_code", "text", (c) => c.notNull())
      .addColumn("period", "integer", (c) => c.notNull())
      .addColumn("revision", "integer", (c) => c.notNull())
      .addColumn("change", "text", (c) => c.notNull())
      .addColumn("value", "double precision", (c) => c.notNull())
      .addColumn("unit", "text")
      .addColumn("source", "text")
      .addColumn("note", "text")
      .addColumn("status", "text", (c) => c.notNull())
      .addColumn("author", "text", (c) => c.notNull())
      .addColumn("created_at", "text", (c) => c.notNull())
      .addColumn("reason", "text")
      .addColumn("source_file", "text")
      .addColumn("source_row", "integer")
      .addColumn("import_id", "text")
      .addPrimaryKeyConstraint("observation_revisions_pk", [
        "region_code",
        "indicator_code",
        "period",
        "revision",
      ])
      .$call(withoutRowid)
      .execute();

    await db.schema
      .createTable("imports")
      .addColumn("id", "text", (c) => c.primaryKey())
      .addColumn("file_name", "text", (c) => c.notNull())
      .addColumn("format", "text", (c) => c.notNull())
      .addColumn("kind", "text", (c) => c.notNull())
      .addColumn("actor", "text", (c) => c.notNull())
      .addColumn("started_at", "text", (c) => c.notNull())
      .addColumn("row_count", "integer", (c) => c.notNull().defaultTo(0))
      .addColumn("dry_run", "integer", (c) => c.notNull().defaultTo(0))
      .addColumn("summary_json", "text")
      .execute();

    await db.schema
      .createTable("users")
      .addColumn("id", "integer", serialId)
      .addColumn("username", "text", (c) => c.notNull().unique())
      .addColumn("password_hash", "text", (c) => c.notNull())
      .addColumn("display_name", "text")
      .addColumn("disabled", "integer", (c) => c.notNull().defaultTo(0))
      .addColumn("failed_logins", "integer", (c) => c.notNull().defaultTo(0))
      .addColumn("locked_until", "text")
      .addColumn("created_at", "text", (c) => c.notNull())
      .execute();

    await db.schema
      .createTable("grants")
      .addColumn("user_id", "integer", (c) => c.notNull().references("users.id").onDelete("cascade"))
      .addColumn("role", "text", (c) => c.notNull())
      .addColumn("region_code", "text", (c) => c.notNull())
      .addPrimaryKeyConstraint("grants_pk", ["user_id", "role", "region_code"])
      .execute();

    await db.schema
      .createTable("sessions")
      .addColumn("id_hash", "text", (c) => c.primaryKey())
      .addColumn("user_id", "integer", (c) => c.notNull().references("users.id").onDelete("cascade"))
      .addColumn("csrf_token", "text", (c) => c.notNull())
      .addColumn("created_at", "text", (c) => c.notNull())
      .addColumn("expires_at", "text", (c) => c.notNull())
      .execute();
    await db.schema.createIndex("sessions_user").on("sessions").column("user_id").execute();

    await db.schema
      .createTable("api_tokens")
      .addColumn("id", "text", (c) => c.primaryKey())
      .addColumn("user_id", "integer", (c) => c.notNull().references("users.id").onDelete("cascade"))
      .addColumn("token_hash", "text", (c) => c.notNull().unique())
      .addColumn("name", "text", (c) => c.notNull())
      .addColumn("role", "text")
      .addColumn("region_code", "text")
      .addColumn("created_at", "text", (c) => c.notNull())
      .addColumn("last_used_at", "text")
      .addColumn("revoked_at", "text")
      .execute();
    await db.schema.createIndex("api_tokens_user").on("api_tokens").column("user_id").execute();

    await db.schema
      .createTable("audit")
      .addColumn("id", "integer", serialId)
      .addColumn("at", "text", (c) => c.notNull())
      .addColumn("actor", "text", (c) => c.notNull())
      .addColumn("actor_kind", "text", (c) => c.notNull())
      .addColumn("action", "text", (c) => c.notNull())
      .addColumn("target_type", "text")
      .addColumn("target_id", "text")
      .addColumn("region_code", "text")
      .addColumn("before_json", "text")
      .addColumn("after_json", "text")
      .addColumn("ip", "text")
      .execute();
    await db.schema.createIndex("audit_at").on("audit").column("at").execute();
    await db.schema.createIndex("audit_region").on("audit").column("region_code").execute();

    await db.schema
      .createTable("evaluation_runs")
      .addColumn("id", "text", (c) => c.primaryKey())
      .addColumn("run_hash", "text", (c) => c.notNull())
      .addColumn("inputs_hash", "text", (c) => c.notNull())
      .addColumn("scheme_name", "text", (c) => c.notNull())
      .addColumn("scheme_json", "text")
      .addColumn("params_json", "text")
      .addColumn("engine_version", "text", (c) => c.notNull())
      .addColumn("created_at", "text", (c) => c.notNull())
      .addColumn("actor", "text", (c) => c.notNull())
      .addColumn("region_code", "text")
      .addColumn("status", "text", (c) => c.notNull())
      .addColumn("summary_json", "text")
      .execute();
    await db.schema.createIndex("evaluation_runs_hash").on("evaluation_runs").column("run_hash").execute();
    await db.schema
      .createIndex("evaluation_runs_region")
      .on("evaluation_runs")
      .column("region_code")
      .execute();

    await db.schema
      .createTable("evaluation_results")
      .addColumn("run_id", "text", (c) => c.notNull().references("evaluation_runs.id").onDelete("cascade"))
      .addColumn("region_code", "text", (c) => c.notNull())
      .addColumn("year", "integer", (c) => c.notNull())
      .addColumn("payload_json", "text")
      .addPrimaryKeyConstraint("evaluation_results_pk", ["run_id", "region_code", "year"])
      .execute();

    await db.schema
      .createTable("jobs")
      .addColumn("id", "text", (c) => c.primaryKey())
      .addColumn("kind", "text", (c) => c.notNull())
      .addColumn("status", "text", (c) => c.notNull())
      .addColumn("progress", "double precision", (c) => c.notNull().defaultTo(0))
      .addColumn("total", "double precision")
      .addColumn("message", "text")
      .addColumn("result_json", "text")
      .addColumn("error_json", "text")
      .addColumn("created_at", "text", (c) => c.notNull())
      .addColumn("updated_at", "text", (c) => c.notNull())
      .addColumn("actor", "text", (c) => c.notNull())
      .execute();
    await db.schema.createIndex("jobs_status").on("jobs").column("status").execute();

    await db.schema
      .createTable("plans")
      .addColumn("id", "text", (c) => c.primaryKey())
      .addColumn("name", "text", (c) => c.notNull())
      .addColumn("illustrative", "integer", (c) => c.notNull().defaultTo(0))
      .addColumn("region_code", "text", (c) => c.notNull())
      .addColumn("document_json", "text")
      .addColumn("created_at", "text", (c) => c.notNull())
      .addColumn("actor", "text", (c) => c.notNull())
      .execute();

    await db.schema
      .createTable("plan_warnings")
      .addColumn("id", "text", (c) => c.primaryKey())
      .addColumn("plan_id", "text", (c) => c.notNull().references("plans.id").onDelete("cascade"))
      .addColumn("target_id", "text")
      .addColumn("region_code", "text", (c) => c.notNull())
      .addColumn("kind", "text", (c) => c.notNull())
      .addColumn("status", "text", (c) => c.notNull())
      .addColumn("assignee", "text")
      .addColumn("evidence_json", "text")
      .addColumn("comments_json", "text")
      .addColumn("created_at", "text", (c) => c.notNull())
      .addColumn("updated_at", "text", (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex("plan_warnings_plan")
      .on("plan_warnings")
      .columns(["plan_id", "status"])
      .execute();
  },
};
