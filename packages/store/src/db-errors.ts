// Driver errors → RongheError. better-sqlite3 reports `SQLITE_CONSTRAINT_*` codes, pg reports SQLSTATEs.
import { isRongheError, RongheError } from "@ronghe/core";

export function isUniqueViolation(error: unknown): boolean {
  const code = (error as { code?: unknown })?.code;
  return code === "23505" || code === "SQLITE_CONSTRAINT_UNIQUE" || code === "SQLITE_CONSTRAINT_PRIMARYKEY";
}

export function isForeignKeyViolation(error: unknown): boolean {
  const code = (error as { code?: unknown })?.code;
  return code === "23503" || code === "SQLITE_CONSTRAINT_FOREIGNKEY";
}

/** Constraint violations become typed errors; anything else passes through unchanged. */
export function translateDbError(error: unknown): unknown {
  if (isRongheError(error)) return error;
  if (isUniqueViolation(error)) {
    return new RongheError("already_exists", "a record with this key already exists", {}, { cause: error });
  }
  if (isForeignKeyViolation(error)) {
    return new RongheError(
      "invalid_input",
      "reference to a record that does not exist (region, indicator or user)",
      {},
      {
        cause: error,
      },
    );
  }
  return error;
}
