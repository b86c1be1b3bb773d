// One error class for the whole system. Engines and services throw it with a stable code; each app maps
// codes to its own surface (HTTP status in the server, exit code in the CLI). Messages are for people;
// `details` carries machine-readable context (file, row, column, value, ids).

/** Codes of analysis-spec.md §2, kept verbatim because specs and reference cases depend on them. */
export const ANALYSIS_ERROR_CODES = [
  "invalid_spec",
  "unknown_method",
  "unknown_column",
  "duplicate_id",
  "non_numeric",
  "missing_values",
  "negative_values",
  "non_positive_values",
  "non_positive_population",
  "insufficient_data",
  "constant_column",
  "degenerate",
  "degenerate_weights",
  "invalid_weights",
  "no_neighbors",
] as const;
export type AnalysisErrorCode = (typeof ANALYSIS_ERROR_CODES)[number];

/** Everything else, grouped by the layer that raises it. */
export const PLATFORM_ERROR_CODES = [
  // input and validation
  "invalid_input",
  "invalid_region_code",
  "unknown_region",
  "unknown_indicator",
  "unit_mismatch",
  "conflicting_duplicate",
  "period_out_of_range",
  "empty_file",
  "wrong_header",
  "unreadable_file",
  "import_rejected",
  // indicators and formulas
  "formula_syntax",
  "formula_unknown_code",
  "formula_cycle",
  "formula_division_by_zero",
  // store
  "not_found",
  "already_exists",
  "store_unavailable",
  "conflict",
  // access
  "unauthenticated",
  "forbidden",
  "locked_out",
  "csrf",
  "invalid_state",
  "payload_too_large",
  // evaluation, monitoring, plans
  "invalid_scheme",
  "invalid_plan",
  "missing_data",
] as const;
export type PlatformErrorCode = (typeof PLATFORM_ERROR_CODES)[number];

export type ErrorCode = AnalysisErrorCode | PlatformErrorCode;

export class RongheError extends Error {
  override readonly name = "RongheError";
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: Record<string, unknown>,
    options?: ErrorOptions,
  ) {
    super(message, options);
  }

  toJSON(): { code: ErrorCode; message: string; details?: Record<string, unknown> } {
    return this.details === undefined
      ? { code: this.code, message: this.message }
      : { code: this.code, message: this.message, details: this.details };
  }
}

export function isRongheError(value: unknown): value is RongheError {
  return (
    value instanceof RongheError ||
    (value instanceof Error && value.name === "RongheError" && "code" in value)
  );
}
