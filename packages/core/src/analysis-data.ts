// Reading the rows and parameters of an analysis spec (shared/docs/analysis-spec.md §1–§3), shared by every
// engine so that ids, missing values, column errors and ranks behave the same in all 16 methods.
import type { AnalysisSpec } from "./analysis-spec.ts";
import { RongheError } from "./errors.ts";

/** The rows used by a method, column-major. Row order is the input order after dropping. */
export interface AnalysisTable {
  /** row ids as text (a numeric id is read as its decimal text) */
  ids: string[];
  numeric: Map<string, Float64Array>;
  /** label columns as text (`3` and `"3"` are the same stratum) */
  labels: Map<string, string[]>;
  /** ids removed by `missing: "drop"`, in input order */
  droppedIds: string[];
}

export interface TableNeeds {
  numeric: string[];
  labels?: string[];
}

export type MissingRule = "error" | "drop";

const MAX_NAMED = 10;

function namedList(ids: string[]): string {
  return ids.length <= MAX_NAMED
    ? ids.join(", ")
    : `${ids.slice(0, MAX_NAMED).join(", ")} … (${ids.length} rows)`;
}

/**
 * Reads the columns a method needs. Errors: `unknown_column` (a column appears in no row), `non_numeric`
 * (a string, boolean or object in a numeric column), `invalid_spec` (a label that is neither text nor number),
 * `missing_values` (null or absent with `missing: "error"`; with "drop" those rows are removed).
 */
export function readTable(spec: AnalysisSpec, need: TableNeeds, missing: MissingRule): AnalysisTable {
  const rows = spec.data.rows;
  const numericCols = [...new Set(need.numeric)];
  const labelCols = [...new Set(need.labels ?? [])];
  for (const column of [...numericCols, ...labelCols]) {
    if (column === "id") continue;
    if (!rows.some((row) => Object.hasOwn(row, column))) {
      throw new RongheError("unknown_column", `column "${column}" appears in no row`, { column });
    }
  }

  const n = rows.length;
  const keep = new Uint8Array(n).fill(1);
  const missingIds: string[] = [];
  const missingCols = new Set<string>();
  for (let i = 0; i < n; i++) {
    const row = rows[i];
    const id = String(row.id);
    let rowMissing = false;
    for (const column of numericCols) {
      const v = row[column];
      if (v === null || v === undefined) {
        rowMissing = true;
        missingCols.add(column);
      } else if (typeof v !== "number" || !Number.isFinite(v)) {
        throw new RongheError(
          "non_numeric",
          `row "${id}", column "${column}": ${JSON.stringify(v)} is not a number`,
          { id, column, value: v },
        );
      }
    }
    for (const column of labelCols) {
      const v = column === "id" ? row.id : row[column];
      if (v === null || v === undefined) {
        rowMissing = true;
        missingCols.add(column);
      } else if (typeof v !== "string" && !(typeof v === "number" && Number.isFinite(v))) {
        throw new RongheError(
          "invalid_spec",
          `row "${id}", column "${column}": a label must be text or a number`,
          {
            id,
            column,
            value: v,
          },
        );
      }
    }
    if (rowMissing) {
      keep[i] = 0;
      missingIds.push(id);
    }
  }
  if (missingIds.length > 0 && missing === "error") {
    throw new RongheError(
      "missing_values",
      `missing values in rows ${namedList(missingIds)} (columns ${[...missingCols].join(", ")}); set params.missing to "drop" to remove them`,
      { ids: missingIds, columns: [...missingCols] },
    );
  }

  let used = 0;
  for (let i = 0; i < n; i++) used += keep[i];
  const ids: string[] = new Array(used);
  const numeric = new Map<string, Float64Array>();
  const labels = new Map<string, string[]>();
  for (const c of numericCols) numeric.set(c, new Float64Array(used));
  for (const c of labelCols) labels.set(c, new Array<string>(used));
  let r = 0;
  for (let i = 0; i < n; i++) {
    if (!keep[i]) continue;
    const row = rows[i];
    ids[r] = String(row.id);
    for (const c of numericCols) numeric.get(c)![r] = row[c] as number;
    for (const c of labelCols) labels.get(c)![r] = String(c === "id" ? row.id : row[c]);
    r++;
  }
  return { ids, numeric, labels, droppedIds: missing === "drop" ? missingIds : [] };
}

// ---- parameter readers: each throws invalid_spec naming the parameter -------------------------------------

type Params = Record<string, unknown>;

function badParam(name: string, expected: string, value: unknown): RongheError {
  return new RongheError("invalid_spec", `params.${name} must be ${expected}, not ${JSON.stringify(value)}`, {
    param: name,
    value,
  });
}

/** The raw parameter, `undefined` when absent or null. */
export function readParam(params: Params, name: string): unknown {
  const v = params[name];
  return v === null ? undefined : v;
}

export function readEnumParam<T extends string>(
  params: Params,
  name: string,
  values: readonly T[],
  fallback: T,
): T {
  const v = readParam(params, name);
  if (v === undefined) return fallback;
  if (typeof v !== "string" || !(values as readonly string[]).includes(v)) {
    throw badParam(name, `one of ${values.map((x) => JSON.stringify(x)).join(", ")}`, v);
  }
  return v as T;
}

export function readBooleanParam(params: Params, name: string, fallback: boolean): boolean {
  const v = readParam(params, name);
  if (v === undefined) return fallback;
  if (typeof v !== "boolean") throw badParam(name, "true or false", v);
  return v;
}

export interface NumberConstraints {
  integer?: boolean;
  min?: number;
  max?: number;
  /** exclusive lower bound */
  above?: number;
}

function checkNumber(name: string, v: unknown, c: NumberConstraints): number {
  if (typeof v !== "number" || !Number.isFinite(v)) throw badParam(name, "a number", v);
  if (c.integer && !Number.isInteger(v)) throw badParam(name, "an integer", v);
  if (c.min !== undefined && v < c.min) throw badParam(name, `≥ ${c.min}`, v);
  if (c.max !== undefined && v > c.max) throw badParam(name, `≤ ${c.max}`, v);
  if (c.above !== undefined && !(v > c.above)) throw badParam(name, `> ${c.above}`, v);
  return v;
}

export function readNumberParam(
  params: Params,
  name: string,
  fallback: number,
  c: NumberConstraints = {},
): number {
  const v = readParam(params, name);
  return v === undefined ? fallback : checkNumber(name, v, c);
}

/** A number parameter with no default: absent → invalid_spec. */
export function requireNumberParam(params: Params, name: string, c: NumberConstraints = {}): number {
  const v = readParam(params, name);
  if (v === undefined) throw new RongheError("invalid_spec", `params.${name} is required`, { param: name });
  return checkNumber(name, v, c);
}

/** A column-name parameter (required unless `optional`). */
export function readColumnParam(params: Params, name: string): string;
export function readColumnParam(params: Params, name: string, optional: true): string | undefined;
export function readColumnParam(params: Params, name: string, optional = false): string | undefined {
  const v = readParam(params, name);
  if (v === undefined) {
    if (optional) return undefined;
    throw new RongheError("invalid_spec", `params.${name} (a column name) is required`, { param: name });
  }
  if (typeof v !== "string" || v === "") throw badParam(name, "a column name", v);
  return v;
}

/** A list of column names with at least `minLength` distinct entries. */
export function readColumnListParam(params: Params, name: string, minLength = 1): string[] {
  const v = readParam(params, name);
  if (v === undefined) throw new RongheError("invalid_spec", `params.${name} is required`, { param: name });
  if (!Array.isArray(v) || v.some((x) => typeof x !== "string" || x === "")) {
    throw badParam(name, "an array of column names", v);
  }
  if (new Set(v).size !== v.length) throw badParam(name, "distinct column names", v);
  if (v.length < minLength) throw badParam(name, `at least ${minLength} column names`, v);
  return v as string[];
}

export function readNumberListParam(params: Params, name: string): number[] | undefined {
  const v = readParam(params, name);
  if (v === undefined) return undefined;
  if (!Array.isArray(v) || v.some((x) => typeof x !== "number" || !Number.isFinite(x))) {
    throw badParam(name, "an array of numbers", v);
  }
  return v as number[];
}

/** `params.missing`: "error" (default) or "drop". */
export function readMissingParam(params: Params): MissingRule {
  return readEnumParam(params, "missing", ["error", "drop"] as const, "error");
}

// ---- ranks (spec §3) -------------------------------------------------------------------------------------

/** |a − b| ≤ 1e−12 · max(1, |a|, |b|): equal up to rounding noise. */
export function nearlyEqual(a: number, b: number): boolean {
  return Math.abs(a - b) <= 1e-12 * Math.max(1, Math.abs(a), Math.abs(b));
}

/**
 * Competition ranks, 1 = largest; tied values (see `nearlyEqual`, compared with the next larger value) share
 * the smallest rank: 1, 2, 2, 4. Non-finite scores get rank 0 and do not take a place.
 */
export function competitionRanks(scores: ArrayLike<number>): Int32Array {
  const n = scores.length;
  const order: number[] = [];
  for (let i = 0; i < n; i++) if (Number.isFinite(scores[i])) order.push(i);
  order.sort((a, b) => scores[b] - scores[a] || a - b);
  const ranks = new Int32Array(n);
  for (let k = 0; k < order.length; k++) {
    const i = order[k];
    ranks[i] = k > 0 && nearlyEqual(scores[order[k - 1]], scores[i]) ? ranks[order[k - 1]] : k + 1;
  }
  return ranks;
}
