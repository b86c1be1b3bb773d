// Analysis spec v1 (shared/docs/analysis-spec.md): one JSON document describing one analysis, so that anyone can
// rerun it and get the same numbers. This file owns the envelope shape and its validation; the engines own
// their parameters (read with the helpers in analysis-data.ts).
import { type AnalysisErrorCode, RongheError } from "./errors.ts";

/** The 16 methods of spec §5, in spec order. */
export const ANALYSIS_METHODS = [
  "entropy-weights",
  "critic-weights",
  "composite-index",
  "topsis",
  "coupling-coordination",
  "obstacle-degree",
  "theil",
  "urban-rural-theil",
  "gini",
  "moran",
  "lisa",
  "getis-ord",
  "geodetector",
  "sigma-convergence",
  "beta-convergence",
  "markov",
] as const;
export type AnalysisMethod = (typeof ANALYSIS_METHODS)[number];

export function isAnalysisMethod(value: unknown): value is AnalysisMethod {
  return typeof value === "string" && (ANALYSIS_METHODS as readonly string[]).includes(value);
}

/** One region (or one year of a time series): `id` plus numeric / label columns. */
export type AnalysisRow = { id: string | number } & Record<string, unknown>;

export interface AnalysisWeights {
  /** every row id → neighbour ids (`[]` = island); validated by the spatial engines (`invalid_weights`) */
  neighbors: Record<string, ReadonlyArray<string | number>>;
  /** "W" row-standardised (default) or "B" binary */
  style?: "W" | "B";
}

export interface AnalysisSpec {
  spec_version?: 1;
  method: AnalysisMethod;
  /** method parameters; absent parameters take the defaults of spec §5 */
  params: Record<string, unknown>;
  data: { rows: AnalysisRow[] };
  weights?: AnalysisWeights;
}

/** Success output of `ronghe analyze --json` and of the engines behind it. */
export interface AnalysisEnvelope {
  method: AnalysisMethod;
  spec_version: 1;
  result: Record<string, unknown>;
  warnings: string[];
}

/** Failure output. */
export interface AnalysisErrorEnvelope {
  error: { code: string; message: string };
}

/** What a method's spec adapter returns; the dispatcher wraps it into an AnalysisEnvelope. */
export interface AnalysisOutcome {
  result: Record<string, unknown>;
  warnings: string[];
}

const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v);

function specError(code: AnalysisErrorCode, message: string, details?: Record<string, unknown>): RongheError {
  return new RongheError(code, message, details);
}

/**
 * Validates the envelope of a parsed spec (not the method parameters) and returns it typed.
 * Throws `invalid_spec`, `unknown_method`, `duplicate_id` or `invalid_weights`.
 */
export function parseAnalysisSpec(json: unknown): AnalysisSpec {
  if (!isPlainObject(json))
    throw specError("invalid_spec", "分析规格必须是 JSON 对象 / the spec must be a JSON object");
  if (json.spec_version !== undefined && json.spec_version !== 1) {
    throw specError(
      "invalid_spec",
      `unsupported spec_version ${JSON.stringify(json.spec_version)}; only 1 is defined`,
    );
  }
  const method = json.method;
  if (method === undefined || method === null) throw specError("invalid_spec", "the spec has no method");
  if (!isAnalysisMethod(method)) {
    throw specError(
      "unknown_method",
      `unknown method ${JSON.stringify(method)}; use one of ${ANALYSIS_METHODS.join(", ")}`,
      {
        method,
      },
    );
  }
  const params = json.params === undefined || json.params === null ? {} : json.params;
  if (!isPlainObject(params)) throw specError("invalid_spec", "params must be an object");

  const data = json.data;
  if (!isPlainObject(data) || !Array.isArray(data.rows))
    throw specError("invalid_spec", "data.rows must be an array");
  const rows = data.rows as unknown[];
  if (rows.length === 0) throw specError("invalid_spec", "data.rows is empty");
  const seen = new Set<string>();
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i];
    if (!isPlainObject(row))
      throw specError("invalid_spec", `data.rows[${i}] is not an object`, { index: i });
    const id = row.id;
    if (!(typeof id === "string" || (typeof id === "number" && Number.isFinite(id)))) {
      throw specError("invalid_spec", `data.rows[${i}] has no id (string or number)`, { index: i });
    }
    const text = String(id);
    if (seen.has(text))
      throw specError("duplicate_id", `id "${text}" appears more than once in data.rows`, { id: text });
    seen.add(text);
  }

  const spec: AnalysisSpec = { method, params, data: { rows: rows as AnalysisRow[] } };
  if (json.spec_version === 1) spec.spec_version = 1;
  if (json.weights !== undefined && json.weights !== null) spec.weights = parseWeights(json.weights);
  return spec;
}

function parseWeights(weights: unknown): AnalysisWeights {
  if (!isPlainObject(weights)) throw specError("invalid_weights", "weights must be an object with neighbors");
  const { neighbors, style } = weights;
  if (!isPlainObject(neighbors))
    throw specError("invalid_weights", "weights.neighbors must map ids to id arrays");
  for (const [id, list] of Object.entries(neighbors)) {
    if (!Array.isArray(list) || list.some((v) => typeof v !== "string" && typeof v !== "number")) {
      throw specError("invalid_weights", `weights.neighbors["${id}"] must be an array of ids`, { id });
    }
  }
  if (style !== undefined && style !== "W" && style !== "B") {
    throw specError("invalid_spec", `weights.style must be "W" or "B", not ${JSON.stringify(style)}`);
  }
  const out: AnalysisWeights = { neighbors: neighbors as AnalysisWeights["neighbors"] };
  if (style !== undefined) out.style = style;
  return out;
}
