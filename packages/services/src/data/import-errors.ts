// One bad cell of an import, and the all-or-nothing rejection that carries every one of them.
import { RongheError } from "@ronghe/core";

export const ROW_REASONS = [
  "invalid_region_code",
  "unknown_region",
  "unknown_indicator",
  "derived_indicator",
  "non_numeric",
  "unit_mismatch",
  "conflicting_duplicate",
  "period_out_of_range",
  "invalid_input",
] as const;
export type RowReason = (typeof ROW_REASONS)[number];

export interface ImportRowError {
  file: string;
  /** 1-based line in the file, header included (header problems are on the header's line) */
  row: number;
  column: string;
  value: string;
  reason: RowReason;
  message?: string;
}

/** Most errors listed in one rejection; the count is always complete. */
export const MAX_LISTED_ERRORS = 5000;

export function importRejected(file: string, errors: ImportRowError[]): RongheError {
  const byReason: Record<string, number> = {};
  for (const e of errors) byReason[e.reason] = (byReason[e.reason] ?? 0) + 1;
  const summary = Object.entries(byReason)
    .map(([r, n]) => `${r} ×${n}`)
    .join(", ");
  const first = errors[0];
  return new RongheError(
    "import_rejected",
    `${file}: ${errors.length} bad row(s), nothing was written (${summary}); first: row ${first.row}, column ${first.column}: ${first.reason}`,
    { file, errorCount: errors.length, byReason, errors: errors.slice(0, MAX_LISTED_ERRORS) },
  );
}
