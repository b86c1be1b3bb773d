// The one error type the web client raises, built from the API's `{error:{code,message,details}}` body, and
// its mapping to a user-facing text in the current language.
import { hasMessage, translate } from "../i18n/messages.ts";
import type { Lang } from "./format.ts";

export class ApiError extends Error {
  override readonly name = "ApiError";
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
  }
}

/** Builds an ApiError from a response status and its parsed JSON body (which may be anything). */
export function apiErrorFrom(status: number, body: unknown): ApiError {
  const err = (body as { error?: { code?: unknown; message?: unknown; details?: unknown } } | null)?.error;
  const code = typeof err?.code === "string" ? err.code : statusCode(status);
  const message = typeof err?.message === "string" ? err.message : `HTTP ${status}`;
  const details =
    err?.details && typeof err.details === "object" ? (err.details as Record<string, unknown>) : undefined;
  return new ApiError(status, code, message, details);
}

function statusCode(status: number): string {
  if (status === 0) return "network";
  if (status === 401) return "unauthenticated";
  if (status === 403) return "forbidden";
  if (status === 404) return "not_found";
  if (status === 409) return "conflict";
  if (status === 413) return "payload_too_large";
  if (status === 429) return "throttled";
  if (status >= 500) return "internal";
  return "unknown";
}

export interface ErrorContext {
  /** the request was a login: a 401 means wrong credentials, not a missing session */
  login?: boolean;
}

/** Text for an error in the given language; never the raw server message for 5xx. */
export function errorMessage(error: unknown, lang: Lang, ctx: ErrorContext = {}): string {
  if (!(error instanceof ApiError)) {
    if (error instanceof TypeError) return translate(lang, "err.network");
    return translate(lang, "err.unknown");
  }
  if (ctx.login && error.status === 401) return translate(lang, "err.wrong_credentials");
  const key = `err.${error.code}`;
  if (hasMessage(key)) return translate(lang, key);
  if (error.status >= 500) return translate(lang, "err.internal");
  return translate(lang, "err.unknown");
}

/** Text of an import row-error reason code (ROW_REASONS of the data core); unknown codes pass through. */
export function rowReasonText(reason: string, lang: Lang): string {
  const key = `reason.${reason}`;
  return hasMessage(key) ? translate(lang, key) : reason;
}
