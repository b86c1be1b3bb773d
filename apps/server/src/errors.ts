// The one place where errors become HTTP responses. RongheError codes map to statuses through one table;
// framework errors (validation, body too large, bad JSON) are translated to the same {error:{code,message}}
// shape; anything else is a generic 500 with no internals (the log keeps the stack).
import { type ErrorCode, isRongheError } from "@ronghe/core";
import { hasZodFastifySchemaValidationErrors } from "fastify-type-provider-zod";

export interface ErrorResponse {
  status: number;
  body: { error: { code: string; message: string; details?: Record<string, unknown> } };
  /** worth logging with a stack (unexpected) */
  internal: boolean;
}

const STATUS: Partial<Record<ErrorCode, number>> = {
  unauthenticated: 401,
  forbidden: 403,
  csrf: 403,
  not_found: 404,
  already_exists: 409,
  conflict: 409,
  conflicting_duplicate: 409,
  invalid_state: 409,
  payload_too_large: 413,
  import_rejected: 422,
  locked_out: 429,
  store_unavailable: 503,
};

export function statusForCode(code: ErrorCode): number {
  return STATUS[code] ?? 400; // every other code is a problem with the request's content
}

export function mapError(error: unknown): ErrorResponse {
  if (isRongheError(error)) {
    const status = statusForCode(error.code);
    return { status, body: { error: error.toJSON() }, internal: false };
  }
  if (hasZodFastifySchemaValidationErrors(error)) {
    const issues = error.validation.map((v) => ({ path: v.instancePath, message: v.message }));
    return {
      status: 400,
      body: {
        error: { code: "invalid_input", message: "request does not match the schema", details: { issues } },
      },
      internal: false,
    };
  }
  const e = error as { statusCode?: number; code?: string; validation?: unknown };
  if (typeof e?.statusCode === "number" && e.statusCode >= 400 && e.statusCode < 500) {
    const code = frameworkCode(e.statusCode, e.code);
    const status = code === "payload_too_large" ? 413 : e.statusCode;
    return { status, body: { error: { code, message: MESSAGES[code] ?? "bad request" } }, internal: false };
  }
  return { status: 500, body: { error: { code: "internal", message: "internal error" } }, internal: true };
}

const MESSAGES: Record<string, string> = {
  invalid_input: "bad request",
  payload_too_large: "request too large",
  not_found: "not found",
  unauthenticated: "login required",
  forbidden: "forbidden",
  locked_out: "too many requests",
};

function frameworkCode(status: number, code: string | undefined): string {
  if (status === 413 || code === "FST_REQ_FILE_TOO_LARGE" || code === "FST_ERR_CTP_BODY_TOO_LARGE")
    return "payload_too_large";
  if (status === 404) return "not_found";
  if (status === 401) return "unauthenticated";
  if (status === 403) return "forbidden";
  if (status === 429) return "locked_out";
  return "invalid_input";
}
