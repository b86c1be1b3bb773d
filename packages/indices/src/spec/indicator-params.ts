// Reading the indicator parameters shared by the indicator methods (analysis-spec.md §3):
// params.indicators, params.weighting with its entropy/critic overrides, and the warnings they produce.
import {
  type AnalysisSpec,
  type AnalysisTable,
  RongheError,
  readEnumParam,
  readMissingParam,
  readNumberParam,
  readParam,
  readTable,
} from "@ronghe/core";
import type { WeightingOptions } from "../resolve-weights.ts";
import { type Direction, WEIGHTING_METHODS, type WeightingMethod } from "../types.ts";

export interface IndicatorParam {
  column: string;
  direction: Direction;
  group?: string;
  weight?: number;
}

export interface IndicatorSet {
  indicators: IndicatorParam[];
  columns: string[];
  directions: Direction[];
  /** distinct groups in order of first appearance; empty when the indicators have no groups */
  groups: string[];
  /** group index of each indicator (empty without groups) */
  groupOf: number[];
}

const bad = (message: string, details: Record<string, unknown> = {}) =>
  new RongheError("invalid_spec", message, details);

export function readIndicators(params: Record<string, unknown>): IndicatorSet {
  const raw = readParam(params, "indicators");
  if (!Array.isArray(raw) || raw.length === 0) throw bad("params.indicators must be a non-empty array");
  const indicators: IndicatorParam[] = raw.map((item, j) => {
    if (typeof item === "string" && item !== "") return { column: item, direction: "+" as Direction };
    if (typeof item !== "object" || item === null || Array.isArray(item)) {
      throw bad(`params.indicators[${j}] must be an object with a column`, { index: j });
    }
    const o = item as Record<string, unknown>;
    if (typeof o.column !== "string" || o.column === "")
      throw bad(`params.indicators[${j}].column is required`, { index: j });
    const direction = o.direction ?? "+";
    if (direction !== "+" && direction !== "-") {
      throw bad(`params.indicators[${j}].direction must be "+" or "-"`, { index: j, direction });
    }
    const out: IndicatorParam = { column: o.column, direction };
    if (o.group !== undefined && o.group !== null) {
      if (typeof o.group !== "string" && typeof o.group !== "number")
        throw bad(`params.indicators[${j}].group must be text`);
      out.group = String(o.group);
    }
    if (o.weight !== undefined && o.weight !== null) {
      if (typeof o.weight !== "number" || !Number.isFinite(o.weight) || o.weight < 0) {
        throw bad(`params.indicators[${j}].weight must be a number ≥ 0`, { index: j, weight: o.weight });
      }
      out.weight = o.weight;
    }
    return out;
  });
  const columns = indicators.map((d) => d.column);
  if (new Set(columns).size !== columns.length)
    throw bad("params.indicators lists a column twice", { columns });
  const grouped = indicators.filter((d) => d.group !== undefined).length;
  if (grouped !== 0 && grouped !== indicators.length) {
    throw bad("a group is given on some indicators but not all: give every indicator a group or none");
  }
  const groups: string[] = [];
  const groupOf: number[] = [];
  if (grouped > 0) {
    for (const d of indicators) {
      let g = groups.indexOf(d.group!);
      if (g < 0) g = groups.push(d.group!) - 1;
      groupOf.push(g);
    }
  }
  return { indicators, columns, directions: indicators.map((d) => d.direction), groups, groupOf };
}

function subObject(params: Record<string, unknown>, name: string): Record<string, unknown> {
  const v = readParam(params, name);
  if (v === undefined) return {};
  if (typeof v !== "object" || Array.isArray(v)) throw bad(`params.${name} must be an object`);
  return v as Record<string, unknown>;
}

/** Entropy options from an object holding `normalization` and `shift` (params itself or params.entropy). */
export function readEntropyOptions(o: Record<string, unknown>, prefix = "") {
  try {
    return {
      normalization: readEnumParam(o, "normalization", ["minmax", "sum"] as const, "minmax"),
      shift: readNumberParam(o, "shift", 0.0001, { min: 0 }),
    };
  } catch (e) {
    if (prefix && e instanceof RongheError) throw bad(`${prefix}: ${e.message}`, e.details);
    throw e;
  }
}

export function readCriticOptions(o: Record<string, unknown>) {
  const reverse = readParam(o, "reverse_cost");
  if (reverse !== undefined && typeof reverse !== "boolean") throw bad("reverse_cost must be true or false");
  return {
    reverseCost: reverse === undefined ? true : reverse,
    correlation: readEnumParam(o, "correlation", ["signed", "absolute"] as const, "signed"),
  };
}

/** `params.weighting` (default entropy) with its overrides; "given" takes the weights of the indicators. */
export function readWeighting(params: Record<string, unknown>, set: IndicatorSet): WeightingOptions {
  const method: WeightingMethod = readEnumParam(params, "weighting", WEIGHTING_METHODS, "entropy");
  const options: WeightingOptions = { method };
  if (method === "entropy")
    options.entropy = readEntropyOptions(subObject(params, "entropy"), "params.entropy");
  if (method === "critic") options.critic = readCriticOptions(subObject(params, "critic"));
  if (method === "given") {
    const missing = set.indicators.filter((d) => d.weight === undefined).map((d) => d.column);
    if (missing.length > 0) {
      throw bad(`weighting "given" needs a weight on every indicator (missing: ${missing.join(", ")})`, {
        columns: missing,
      });
    }
    options.given = set.indicators.map((d) => d.weight!);
  }
  return options;
}

/** Reads the indicator columns under params.missing. */
export function readIndicatorTable(
  spec: AnalysisSpec,
  columns: string[],
  labels: string[] = [],
): AnalysisTable {
  return readTable(spec, { numeric: columns, labels }, readMissingParam(spec.params));
}

/**
 * The indicator columns of the table (rows kept under params.missing), with the warnings about dropped rows and
 * constant columns added to `warnings` (a fresh list unless the adapter already has one).
 */
export function readIndicatorColumns(
  spec: AnalysisSpec,
  set: IndicatorSet,
  warnings: Warnings = new Warnings(),
): { table: AnalysisTable; columns: Float64Array[]; warnings: Warnings } {
  const table = readIndicatorTable(spec, set.columns);
  const columns = set.columns.map((c) => table.numeric.get(c)!);
  warnings.dropped(table);
  warnings.constantColumns(set.columns, constantColumns(columns));
  return { table, columns, warnings };
}

/** Columns whose used values are all equal. */
export function constantColumns(columns: readonly Float64Array[]): boolean[] {
  return columns.map((x) => {
    for (let i = 1; i < x.length; i++) if (x[i] !== x[0]) return false;
    return true;
  });
}

/** An ordered, de-duplicated list of warnings. */
export class Warnings {
  private readonly seen = new Set<string>();
  readonly list: string[] = [];
  add(warning: string): void {
    if (this.seen.has(warning)) return;
    this.seen.add(warning);
    this.list.push(warning);
  }
  constantColumns(columns: readonly string[], constant: readonly boolean[]): void {
    for (let j = 0; j < columns.length; j++) if (constant[j]) this.add(`constant_column:${columns[j]}`);
  }
  dropped(table: AnalysisTable): void {
    if (table.droppedIds.length > 0) this.add(`dropped_rows:${table.droppedIds.length}`);
  }
}

/** null instead of NaN or ±Infinity. */
export function num(v: number | null | undefined): number | null {
  return v === null || v === undefined || !Number.isFinite(v) ? null : v;
}
