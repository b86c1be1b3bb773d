// Plan files in: YAML / JSON documents (parsePlan) and spreadsheet rows, one target per row (parsePlanRows).
// Both go through one zod schema and one set of semantic checks; every problem is collected as
// { row, field, value, reason, message } and thrown together as RongheError("invalid_plan", …, { errors }).
// Nothing partial is ever returned. Reasons are listed in README.md ("Plan files").
import {
  isWithin,
  LEVEL_DEPTH,
  parseRegionCode,
  REGION_LEVELS,
  type RegionLevel,
  RongheError,
} from "@ronghe/core";
import { parseDocument } from "yaml";
import { z } from "zod";
import { type Plan, TARGET_FORMS, type Target, type TargetForm, type TargetKind } from "./types.ts";
import {
  type CatalogueIndicator,
  isAmountIndicator,
  isPercentUnit,
  isRatioIndicator,
  sameUnit,
} from "./units.ts";

export interface PlanError {
  /** target number (1-based) in a document; spreadsheet row number for rows; null for plan-level fields */
  row: number | null;
  field: string | null;
  value: unknown;
  reason: string;
  message: string;
}

export interface ParsePlanOptions {
  format?: "yaml" | "json";
  /** when given, indicators, units and form/indicator fit are checked against it */
  catalogue?: readonly CatalogueIndicator[];
}

export interface ParsePlanRowsOptions {
  catalogue?: readonly CatalogueIndicator[];
  /** plan header when the sheet has no plan_* columns (columns win over nothing, conflicts are errors) */
  plan?: {
    id?: string;
    name?: string;
    region?: string;
    illustrative?: boolean;
    departments?: string[];
    description?: string;
  };
  /** spreadsheet row number of rows[0] (default 2: row 1 is the header) */
  firstRow?: number;
}

const idText = z
  .union([z.string(), z.number()])
  .transform((v) => String(v).trim())
  .pipe(z.string().min(1));
const year = z.number().int().min(1900).max(2200);

const TargetSchema = z.strictObject({
  id: idText,
  indicator: idText,
  name: z.string().trim().min(1),
  region: idText.optional(),
  applies_to_level: z.enum(REGION_LEVELS).optional(),
  baseline: z.strictObject({
    year,
    value: z.number().finite().nullable().optional(),
    from_data: z.boolean().optional(),
  }),
  target: z.strictObject({ year, value: z.number().finite() }),
  form: z.string().trim().min(1),
  kind: z.string().trim().min(1),
  department: z.string().trim().min(1).optional(),
  unit: z.string().trim().min(1).optional(),
  /** null switches off the plan default (e.g. census-only indicators have no annual report) */
  due_month: z.number().int().min(1).max(12).nullable().optional(),
});
type TargetInput = z.infer<typeof TargetSchema>;

const PlanSchema = z.strictObject({
  id: idText.pipe(z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, "letters, digits, . _ - only")),
  name: z.string().trim().min(1),
  illustrative: z.boolean().default(false),
  region: idText,
  departments: z.array(z.string().trim().min(1)).default([]),
  description: z.string().optional(),
  defaults: z.strictObject({ due_month: z.number().int().min(1).max(12).optional() }).optional(),
  targets: z.array(z.unknown()).min(1),
});

const KINDS: Record<string, TargetKind> = {
  binding: "binding",
  expected: "expected",
  约束性: "binding",
  预期性: "expected",
};

type FieldNamer = (path: readonly PropertyKey[]) => string;

/** Parse a plan document (YAML or JSON text, or an already-parsed object). Throws invalid_plan with all errors. */
export function parsePlan(input: string | object, options: ParsePlanOptions = {}): Plan {
  let raw: unknown = input;
  if (typeof input === "string") {
    const format = options.format ?? "yaml";
    if (format === "json") {
      try {
        raw = JSON.parse(input);
      } catch (e) {
        fail([
          { row: null, field: null, value: null, reason: "syntax", message: `JSON: ${(e as Error).message}` },
        ]);
      }
    } else {
      const doc = parseDocument(input);
      if (doc.errors.length > 0) {
        fail(
          doc.errors.map((e) => ({
            row: null,
            field: null,
            value: e.linePos?.[0] ? `line ${e.linePos[0].line}, column ${e.linePos[0].col}` : null,
            reason: "syntax",
            message: `YAML: ${e.message.split("\n")[0]}`,
          })),
        );
      }
      raw = doc.toJS();
    }
  }
  return validatePlan(raw, options.catalogue, {
    rowOf: (i) => i + 1,
    field: (path) => path.map(String).join("."),
  });
}

/**
 * Parse a plan from spreadsheet rows (objects keyed by header). Columns: target_id (or id), indicator, name,
 * region, applies_to_level, baseline_year, baseline_value, baseline_from_data, target_year, target_value,
 * form, kind, department, unit, due_month; optional plan_id, plan_name, plan_region, illustrative,
 * plan_departments (separated by ; 、 or ,). Blank rows are skipped.
 */
export function parsePlanRows(
  rows: readonly Record<string, unknown>[],
  options: ParsePlanRowsOptions = {},
): Plan {
  const firstRow = options.firstRow ?? 2;
  const errors: PlanError[] = [];
  const header: Record<string, unknown> = {};
  const headerFrom: Record<string, number> = {};
  const setHeader = (key: string, value: unknown, row: number | null, column: string): void => {
    if (value === undefined) return;
    if (header[key] === undefined) {
      header[key] = value;
      if (row !== null) headerFrom[key] = row;
    } else if (JSON.stringify(header[key]) !== JSON.stringify(value)) {
      errors.push({
        row,
        field: column,
        value,
        reason: "plan_mismatch",
        message: `${column} differs from row ${headerFrom[key] ?? "options"} (${JSON.stringify(header[key])})`,
      });
    }
  };
  const p = options.plan ?? {};
  setHeader("id", p.id, null, "plan_id");
  setHeader("name", p.name, null, "plan_name");
  setHeader("region", p.region, null, "plan_region");
  setHeader("illustrative", p.illustrative, null, "illustrative");
  setHeader("departments", p.departments, null, "plan_departments");
  setHeader("description", p.description, null, "plan_description");

  const targets: unknown[] = [];
  const rowNumbers: number[] = [];
  rows.forEach((input, i) => {
    const rowNo = firstRow + i;
    const r: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(input))
      r[k.trim().toLowerCase().replace(/\s+/g, "_")] = blankToUndefined(v);
    if (Object.values(r).every((v) => v === undefined)) return;
    const num = (col: string): unknown => toNumber(r[col]);
    setHeader("id", r.plan_id === undefined ? undefined : String(r.plan_id).trim(), rowNo, "plan_id");
    setHeader("name", r.plan_name, rowNo, "plan_name");
    setHeader(
      "region",
      r.plan_region === undefined ? undefined : String(r.plan_region).trim(),
      rowNo,
      "plan_region",
    );
    setHeader("illustrative", toBoolean(r.illustrative), rowNo, "illustrative");
    setHeader(
      "departments",
      r.plan_departments === undefined ? undefined : splitList(String(r.plan_departments)),
      rowNo,
      "plan_departments",
    );
    setHeader("description", r.plan_description, rowNo, "plan_description");
    const baseline: Record<string, unknown> = { year: num("baseline_year") };
    if (r.baseline_value !== undefined) baseline.value = num("baseline_value");
    if (r.baseline_from_data !== undefined) baseline.from_data = toBoolean(r.baseline_from_data);
    const t: Record<string, unknown> = {
      id: r.target_id ?? r.id,
      indicator: r.indicator,
      name: r.name ?? r.target_name,
      baseline,
      target: { year: num("target_year"), value: num("target_value") },
      form: r.form,
      kind: r.kind,
    };
    for (const [col, key] of [
      ["region", "region"],
      ["applies_to_level", "applies_to_level"],
      ["department", "department"],
      ["unit", "unit"],
    ] as const) {
      if (r[col] !== undefined) t[key] = typeof r[col] === "number" ? String(r[col]) : r[col];
    }
    if (r.due_month !== undefined) t.due_month = num("due_month");
    targets.push(t);
    rowNumbers.push(rowNo);
  });
  const column: FieldNamer = (path) => {
    const parts = path.map(String);
    if (parts[0] === "baseline" || parts[0] === "target") return parts.join("_");
    if (parts[0] === "id") return "target_id";
    return parts.join(".");
  };
  const planColumn: FieldNamer = (path) => {
    const name = path.map(String).join(".");
    return name === "illustrative" || name.startsWith("targets") ? name : `plan_${name}`;
  };
  return validatePlan(
    { ...header, targets },
    options.catalogue,
    { rowOf: (i) => rowNumbers[i] ?? null, field: column, planField: planColumn },
    errors,
  );
}

function validatePlan(
  raw: unknown,
  catalogue: readonly CatalogueIndicator[] | undefined,
  naming: { rowOf: (targetIndex: number) => number | null; field: FieldNamer; planField?: FieldNamer },
  errors: PlanError[] = [],
): Plan {
  const planParsed = PlanSchema.safeParse(raw);
  if (!planParsed.success) {
    for (const issue of planParsed.error.issues) {
      if (issue.path[0] === "targets" && issue.path.length > 1) continue;
      errors.push(issueToError(issue, raw, null, naming.planField ?? ((p) => p.map(String).join("."))));
    }
  }
  const header = planParsed.success ? planParsed.data : null;
  let planRegion: { code: string; level: RegionLevel } | null = null;
  if (header) {
    try {
      planRegion = parseRegionCode(header.region);
    } catch {
      errors.push({
        row: null,
        field: naming.planField ? naming.planField(["region"]) : "region",
        value: header.region,
        reason: "invalid_region",
        message: `"${header.region}" is not a region code`,
      });
    }
  }
  const rawTargets = isRecord(raw) && Array.isArray(raw.targets) ? raw.targets : [];
  const cat = new Map((catalogue ?? []).map((c) => [c.code, c]));
  const seenIds = new Map<string, number | null>();
  const targets: Target[] = [];

  rawTargets.forEach((rawTarget, i) => {
    const row = naming.rowOf(i);
    const parsed = TargetSchema.safeParse(rawTarget);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) errors.push(issueToError(issue, rawTarget, row, naming.field));
      return;
    }
    const t: TargetInput = parsed.data;
    const err = (path: string[], value: unknown, reason: string, message: string): void => {
      errors.push({ row, field: naming.field(path), value, reason, message });
    };
    let ok = true;
    const bad = (path: string[], value: unknown, reason: string, message: string): void => {
      ok = false;
      err(path, value, reason, message);
    };

    if (seenIds.has(t.id))
      bad(["id"], t.id, "duplicate_id", `target id "${t.id}" repeats (first at ${seenIds.get(t.id) ?? "?"})`);
    else seenIds.set(t.id, row);
    if (!(TARGET_FORMS as readonly string[]).includes(t.form))
      bad(
        ["form"],
        t.form,
        "unknown_form",
        `unknown form "${t.form}"; use one of ${TARGET_FORMS.join(", ")}`,
      );
    const kind = KINDS[t.kind];
    if (!kind)
      bad(
        ["kind"],
        t.kind,
        "unknown_kind",
        `unknown kind "${t.kind}"; use binding/约束性 or expected/预期性`,
      );
    const form = t.form as TargetForm;

    if (t.target.year <= t.baseline.year) {
      bad(
        ["target", "year"],
        t.target.year,
        "target_before_baseline",
        `target year ${t.target.year} must be after the baseline year ${t.baseline.year}`,
      );
    }
    const hasValue = t.baseline.value !== undefined && t.baseline.value !== null;
    if (hasValue && t.baseline.from_data)
      bad(
        ["baseline", "from_data"],
        true,
        "ambiguous_baseline",
        "give either a baseline value or from_data: true, not both",
      );
    if (!hasValue && !t.baseline.from_data && form !== "cumulative_at_least") {
      bad(["baseline", "value"], null, "missing_baseline", "baseline needs a value or from_data: true");
    }
    if (form === "avg_annual_growth_at_least" && !(t.target.value > -100)) {
      bad(["target", "value"], t.target.value, "invalid_value", "an annual growth rate must exceed −100 %");
    }

    let region = t.region;
    if (region !== undefined) {
      try {
        region = parseRegionCode(region).code;
        if (planRegion && !isWithin(region, planRegion.code)) {
          bad(
            ["region"],
            t.region,
            "region_outside_plan",
            `region ${region} is not within the plan region ${planRegion.code}`,
          );
        }
      } catch {
        bad(["region"], t.region, "invalid_region", `"${t.region}" is not a region code`);
      }
    }
    const homeLevel = region !== undefined ? safeLevel(region) : planRegion?.level;
    if (t.applies_to_level && homeLevel && LEVEL_DEPTH[t.applies_to_level] <= LEVEL_DEPTH[homeLevel]) {
      bad(
        ["applies_to_level"],
        t.applies_to_level,
        "invalid_level",
        `applies_to_level must be below the target region's level (${homeLevel})`,
      );
    }
    if (
      header &&
      header.departments.length > 0 &&
      t.department &&
      !header.departments.includes(t.department)
    ) {
      bad(
        ["department"],
        t.department,
        "unknown_department",
        `department "${t.department}" is not in the plan's department list`,
      );
    }

    let unit = t.unit;
    if (catalogue) {
      const ind = cat.get(t.indicator);
      if (!ind) {
        bad(
          ["indicator"],
          t.indicator,
          "unknown_indicator",
          `indicator "${t.indicator}" is not in the catalogue`,
        );
      } else {
        if (unit !== undefined && !sameUnit(unit, ind.unit)) {
          bad(
            ["unit"],
            unit,
            "unit_mismatch",
            `unit "${unit}" does not match the indicator's unit "${ind.unit}"`,
          );
        }
        unit ??= ind.unit;
        if (form === "avg_annual_growth_at_least" && !isAmountIndicator(ind)) {
          bad(
            ["form"],
            form,
            "growth_on_non_amount",
            `an average annual growth target needs an amount indicator; ${ind.code} is in "${ind.unit}"`,
          );
        }
        if (form === "cumulative_at_least" && !isAmountIndicator(ind)) {
          bad(
            ["form"],
            form,
            "cumulative_on_non_amount",
            `a cumulative target needs an amount indicator; ${ind.code} is in "${ind.unit}"`,
          );
        }
        if (form === "share_at_least" && !isPercentUnit(ind.unit)) {
          bad(
            ["form"],
            form,
            "share_needs_percent",
            `a share target needs an indicator in %; ${ind.code} is in "${ind.unit}"`,
          );
        }
        if (form === "ratio_at_most" && !isRatioIndicator(ind)) {
          bad(
            ["form"],
            form,
            "ratio_needs_ratio",
            `a ratio target needs a ratio indicator; ${ind.code} is in "${ind.unit}"`,
          );
        }
      }
    }
    if (!ok || !kind) return;

    const target: Target = {
      id: t.id,
      indicator: t.indicator,
      name: t.name,
      baseline: t.baseline.from_data
        ? { year: t.baseline.year, fromData: true }
        : { year: t.baseline.year, value: hasValue ? (t.baseline.value as number) : null },
      targetYear: t.target.year,
      targetValue: t.target.value,
      form,
      kind,
    };
    if (region !== undefined) target.region = region;
    if (t.applies_to_level) target.appliesToLevel = t.applies_to_level;
    if (t.department) target.department = t.department;
    if (unit !== undefined) target.unit = unit;
    const due = t.due_month === undefined ? header?.defaults?.due_month : t.due_month;
    if (due !== undefined && due !== null) target.dueMonth = due;
    targets.push(target);
  });

  if (errors.length > 0 || !header || !planRegion) fail(errors);
  const plan: Plan = {
    id: header.id,
    name: header.name,
    illustrative: header.illustrative,
    region: planRegion.code,
    departments: header.departments,
    targets,
  };
  if (header.description !== undefined) plan.description = header.description;
  return plan;
}

function fail(errors: PlanError[]): never {
  const n = errors.length;
  throw new RongheError(
    "invalid_plan",
    n === 0
      ? "计划文件无效 (invalid plan)"
      : `计划文件有 ${n} 处错误 (plan has ${n} error${n === 1 ? "" : "s"}): ${errors[0].message}`,
    {
      errors,
    },
  );
}

function issueToError(
  issue: z.core.$ZodIssue,
  raw: unknown,
  row: number | null,
  field: FieldNamer,
): PlanError {
  if (issue.code === "unrecognized_keys") {
    const path = [...issue.path, issue.keys[0]];
    return {
      row,
      field: field(path),
      value: issue.keys.join(", "),
      reason: "unknown_field",
      message: `unknown field(s): ${issue.keys.join(", ")}`,
    };
  }
  const value = valueAt(raw, issue.path);
  const reason = issue.code === "invalid_type" && value === undefined ? "missing_field" : "invalid_value";
  return {
    row,
    field: issue.path.length ? field(issue.path) : null,
    value: value === undefined ? null : value,
    reason,
    message: issue.message,
  };
}

function valueAt(raw: unknown, path: readonly PropertyKey[]): unknown {
  let cur: unknown = raw;
  for (const key of path) {
    if (!isRecord(cur) && !Array.isArray(cur)) return undefined;
    cur = (cur as Record<PropertyKey, unknown>)[key];
  }
  return cur;
}

function isRecord(x: unknown): x is Record<string, unknown> {
  return typeof x === "object" && x !== null && !Array.isArray(x);
}

function safeLevel(code: string): RegionLevel | undefined {
  try {
    return parseRegionCode(code).level;
  } catch {
    return undefined;
  }
}

function blankToUndefined(v: unknown): unknown {
  if (v === null || v === undefined) return undefined;
  if (typeof v === "string" && v.trim() === "") return undefined;
  return typeof v === "string" ? v.trim() : v;
}

/** Numeric cells arrive as numbers (XLSX) or text (CSV); text must be a plain decimal, else it stays text and fails validation. */
function toNumber(v: unknown): unknown {
  if (typeof v === "string" && /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(v)) return Number(v);
  return v;
}

function toBoolean(v: unknown): unknown {
  if (v === undefined || typeof v === "boolean") return v;
  const s = String(v).trim().toLowerCase();
  if (["true", "yes", "y", "1", "是"].includes(s)) return true;
  if (["false", "no", "n", "0", "否"].includes(s)) return false;
  return v;
}

function splitList(s: string): string[] {
  return s
    .split(/[;；、,，]/)
    .map((x) => x.trim())
    .filter((x) => x.length > 0);
}
