// How every command reports: a result (table or --json) and exit 0; a RongheError as
// {"error":{code,message,details}} and exit 2; anything else as an internal fault and exit 1.
import { isRongheError } from "@ronghe/core";

export interface OutputOptions {
  json?: boolean;
}

export const EXIT_OK = 0;
export const EXIT_INTERNAL = 1;
export const EXIT_BAD_INPUT = 2;

export function printJson(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}

/** Prints rows as an aligned text table (CJK characters count as two columns). */
export function printTable(rows: ReadonlyArray<Record<string, unknown>>, columns?: string[]): void {
  if (rows.length === 0) {
    process.stdout.write("(no rows)\n");
    return;
  }
  const cols = columns ?? Object.keys(rows[0]);
  const cells = rows.map((row) => cols.map((c) => formatCell(row[c])));
  const widths = cols.map((c, i) => Math.max(displayWidth(c), ...cells.map((r) => displayWidth(r[i]))));
  const line = (values: string[]) =>
    values.map((v, i) => v + " ".repeat(widths[i] - displayWidth(v))).join("  ");
  process.stdout.write(`${line(cols)}\n${widths.map((w) => "-".repeat(w)).join("  ")}\n`);
  for (const r of cells) process.stdout.write(`${line(r)}\n`);
}

function formatCell(value: unknown): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "number")
    return Number.isInteger(value) ? String(value) : String(Number(value.toPrecision(8)));
  if (typeof value === "object") return JSON.stringify(value);
  return String(value);
}

export function displayWidth(text: string): number {
  let width = 0;
  for (const ch of text)
    width +=
      /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/.test(ch)
        ? 2
        : 1;
  return width;
}

/** Runs a command body and turns its outcome into output and an exit code. */
export async function runCommand(
  options: OutputOptions,
  body: () => Promise<{ json: unknown; print?: () => void } | undefined>,
): Promise<void> {
  try {
    const outcome = await body();
    if (outcome) {
      if (options.json || !outcome.print) printJson(outcome.json);
      else outcome.print();
    }
    process.exitCode = EXIT_OK;
  } catch (error) {
    if (isRongheError(error)) {
      if (options.json) printJson({ error: error.toJSON() });
      else {
        process.stderr.write(`error [${error.code}]: ${error.message}\n`);
        if (error.details) process.stderr.write(`${JSON.stringify(error.details, null, 2)}\n`);
      }
      process.exitCode = EXIT_BAD_INPUT;
      return;
    }
    const message = error instanceof Error ? error.message : String(error);
    if (options.json) printJson({ error: { code: "internal", message } });
    process.stderr.write(`internal error: ${error instanceof Error ? (error.stack ?? message) : message}\n`);
    process.exitCode = EXIT_INTERNAL;
  }
}
