// `ronghe plans import FILE` and POST /api/plans: a plan file (YAML, JSON, XLSX or CSV, one target per sheet
// row) checked against the store's indicator catalogue and region tree, then stored all-or-nothing. Every
// problem comes back at once as RongheError("invalid_plan", …, { errors: [{ row, field, value, reason,
// message }] }); nothing is written then. Re-importing a plan id replaces the plan and keeps its monitoring
// snapshots and warnings (they are keyed by target id and region).
import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
import { isRongheError, parseRegionCode, RongheError } from "@ronghe/core";
import { type Plan as MonitorPlan, type PlanError, parsePlan, parsePlanRows } from "@ronghe/monitor";
import { assertCan, assertMayAnywhere } from "../access.ts";
import { recordAudit } from "../audit/record-audit.ts";
import type { ServiceContext } from "../context.ts";
import { decodeText, readTable } from "../data/read-table.ts";
import { repoPath } from "../repo-root.ts";
import {
  PLAN_FILE_FORMATS,
  type PlanDocument,
  type PlanFileFormat,
  readPlanDocument,
} from "./plan-document.ts";

/** The shipped illustrative (non-official) plan for the Chongqing demo districts. */
export const DEMO_PLAN_FILE = repoPath("packages", "monitor", "plans", "chongqing-illustrative.yaml");

export interface PlanFileInput {
  /** shown in errors and kept as the plan's source; also picks the format from its extension */
  fileName?: string | null;
  bytes?: Uint8Array;
  /** YAML or JSON text (instead of bytes) */
  text?: string;
  /** an already-parsed plan document (the JSON body of an API call) */
  document?: object;
}

export interface ImportPlanOptions {
  format?: PlanFileFormat;
}

export interface ImportPlanResult {
  planId: string;
  name: string;
  region: string;
  illustrative: boolean;
  targets: number;
  format: PlanFileFormat;
  /** true when a plan with this id existed and was replaced */
  replaced: boolean;
  sha256: string;
}

export async function importPlan(
  ctx: ServiceContext,
  input: PlanFileInput,
  options: ImportPlanOptions = {},
): Promise<ImportPlanResult> {
  const fileName = input.fileName ?? null;
  const format = planFormat(input, options.format);
  const bytes =
    input.bytes ??
    new TextEncoder().encode(
      input.text ?? (input.document !== undefined ? JSON.stringify(input.document) : ""),
    );
  if (bytes.length === 0)
    throw new RongheError("empty_file", `${fileName ?? "plan"} is empty`, { file: fileName });
  const catalogue = await ctx.store.listIndicators();

  assertMayAnywhere(ctx.actor, "analyze");
  let plan: MonitorPlan;
  let rowOf = (targetIndex: number): number | null => targetIndex + 1;
  if (format === "xlsx" || format === "csv") {
    const table = await readTable(bytes, fileName ?? `plan.${format}`);
    // Dense rows from the first data line, so that the engine's row numbers are the sheet's line numbers
    // (blank lines were skipped by the reader; empty objects are skipped by parsePlanRows).
    const first = table.headerLine + 1;
    const last = table.rows.length > 0 ? table.rows[table.rows.length - 1].line : first - 1;
    const rows: Record<string, unknown>[] = Array.from({ length: last - first + 1 }, () => ({}));
    for (const r of table.rows) {
      const record: Record<string, unknown> = {};
      table.header.forEach((h, i) => {
        if (h !== "") record[h] = r.cells[i] ?? "";
      });
      rows[r.line - first] = record;
    }
    plan = parsePlanRows(rows, { catalogue, firstRow: first });
    const lines = table.rows.filter((r) => r.cells.some((c) => c.trim() !== "")).map((r) => r.line);
    rowOf = (i) => lines[i] ?? null;
  } else {
    const source = input.document ?? decodeText(bytes).text;
    plan = parsePlan(source, { format, catalogue });
  }
  await checkRegions(ctx, plan, rowOf);

  assertCan(ctx.actor, "analyze", plan.region);
  const sha256 = createHash("sha256").update(bytes).digest("hex");
  return ctx.store.transaction(async (tx) => {
    const existing = await tx.getPlan(plan.id);
    if (existing) assertCan(ctx.actor, "analyze", existing.regionCode);
    const previous = existing ? safeDocument(existing) : null;
    const document: PlanDocument = {
      version: 1,
      plan,
      source: { fileName, format, sha256, importedAt: new Date().toISOString(), actor: ctx.actor.username },
      snapshots: previous?.snapshots ?? {},
    };
    await tx.savePlan({
      id: plan.id,
      name: plan.name,
      illustrative: plan.illustrative,
      regionCode: plan.region,
      document,
      actor: ctx.actor.username,
    });
    const summary = (p: MonitorPlan, sha: string | null) => ({
      name: p.name,
      region: p.region,
      targets: p.targets.map((t) => t.id),
      sha256: sha,
    });
    await recordAudit(tx, ctx.actor, {
      action: "plan.import",
      targetType: "plan",
      targetId: plan.id,
      regionCode: plan.region,
      before: previous ? summary(previous.plan, previous.source?.sha256 ?? null) : null,
      after: { ...summary(plan, sha256), fileName, format },
    });
    return {
      planId: plan.id,
      name: plan.name,
      region: plan.region,
      illustrative: plan.illustrative,
      targets: plan.targets.length,
      format,
      replaced: existing !== null,
      sha256,
    };
  });
}

/** Imports the shipped illustrative Chongqing plan (after `buildDemo`); idempotent. */
export async function importDemoPlan(ctx: ServiceContext): Promise<ImportPlanResult> {
  const bytes = await readFile(DEMO_PLAN_FILE);
  return importPlan(
    ctx,
    { fileName: "packages/monitor/plans/chongqing-illustrative.yaml", bytes: new Uint8Array(bytes) },
    { format: "yaml" },
  );
}

function planFormat(input: PlanFileInput, given: PlanFileFormat | undefined): PlanFileFormat {
  if (given !== undefined) {
    if (!(PLAN_FILE_FORMATS as readonly string[]).includes(given)) {
      throw new RongheError("invalid_input", `format must be one of ${PLAN_FILE_FORMATS.join(", ")}`, {
        format: given,
      });
    }
    return given;
  }
  if (input.document !== undefined) return "json";
  const b = input.bytes;
  if (b && b.length >= 4 && b[0] === 0x50 && b[1] === 0x4b && b[2] === 0x03 && b[3] === 0x04) return "xlsx";
  const ext = /\.([a-z]+)$/i.exec(input.fileName ?? "")?.[1]?.toLowerCase();
  if (ext === "yml" || ext === "yaml") return "yaml";
  if (ext === "json" || ext === "xlsx" || ext === "csv") return ext;
  if (input.fileName && ext !== undefined) {
    throw new RongheError(
      "invalid_input",
      `cannot tell the plan format of ${input.fileName}; use .yaml, .json, .xlsx or .csv`,
      { file: input.fileName },
    );
  }
  return "yaml"; // YAML is a superset of JSON
}

/** Regions named by the plan must exist in the store (the engine only checks their syntax and nesting). */
async function checkRegions(
  ctx: ServiceContext,
  plan: MonitorPlan,
  rowOf: (targetIndex: number) => number | null,
): Promise<void> {
  const named = new Map<string, { row: number | null; field: string }>();
  named.set(parseRegionCode(plan.region).code, { row: null, field: "region" });
  plan.targets.forEach((t, i) => {
    if (t.region === undefined) return;
    const code = parseRegionCode(t.region).code;
    if (!named.has(code)) named.set(code, { row: rowOf(i), field: "region" });
  });
  const found = new Set((await ctx.store.getRegions([...named.keys()])).map((r) => r.code));
  const errors: PlanError[] = [];
  for (const [code, at] of named) {
    if (found.has(code)) continue;
    errors.push({
      row: at.row,
      field: at.field,
      value: code,
      reason: "unknown_region",
      message: `region ${code} is not in the store (import regions first)`,
    });
  }
  if (errors.length > 0) {
    throw new RongheError("invalid_plan", `plan ${plan.id}: ${errors.length} error(s); nothing imported`, {
      errors,
    });
  }
}

function safeDocument(stored: Parameters<typeof readPlanDocument>[0]): PlanDocument | null {
  try {
    return readPlanDocument(stored);
  } catch (error) {
    if (isRongheError(error)) return null;
    throw error;
  }
}
