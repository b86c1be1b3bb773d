// `ronghe analyze --spec FILE [--json]`: runs one analysis spec (shared/docs/analysis-spec.md).
// --json prints exactly the result envelope {"method","spec_version","result","warnings"}, or
// {"error":{"code","message"}} with exit status 2; without --json the result is printed as tables.
import { readFileSync } from "node:fs";
import { type AnalysisEnvelope, isRongheError, RongheError } from "@ronghe/core";
import { runAnalysisText } from "@ronghe/services/analysis";
import type { Command } from "commander";
import { EXIT_BAD_INPUT, EXIT_INTERNAL, EXIT_OK, printJson, printTable } from "../output.ts";

interface AnalyzeOptions {
  spec: string;
  json?: boolean;
}

export function registerAnalyze(program: Command): void {
  program
    .command("analyze")
    .description("运行一个分析规格 / run one analysis spec (analysis-spec.md) and print its result")
    .requiredOption("--spec <file>", "spec JSON file ('-' reads standard input)")
    .option("--json", "print the result envelope as JSON")
    // stray trailing tokens (e.g. a doubled "--json}" from a wrapper script's template) must not turn a
    // valid run into a usage error
    .allowUnknownOption()
    .allowExcessArguments()
    .action((options: AnalyzeOptions) => analyze(options));
}

function readSpecText(path: string): string {
  try {
    return readFileSync(path === "-" ? 0 : path, "utf8");
  } catch (error) {
    throw new RongheError("unreadable_file", `cannot read spec file ${path}: ${(error as Error).message}`, {
      file: path,
    });
  }
}

function analyze(options: AnalyzeOptions): void {
  try {
    const envelope = runAnalysisText(readSpecText(options.spec));
    if (options.json) printJson(envelope);
    else printEnvelope(envelope);
    process.exitCode = EXIT_OK;
  } catch (error) {
    if (isRongheError(error)) {
      if (options.json) printJson({ error: { code: error.code, message: error.message } });
      else process.stderr.write(`error [${error.code}]: ${error.message}\n`);
      process.exitCode = EXIT_BAD_INPUT;
      return;
    }
    const message = error instanceof Error ? error.message : String(error);
    if (options.json) printJson({ error: { code: "internal", message } });
    process.stderr.write(`internal error: ${error instanceof Error ? (error.stack ?? message) : message}\n`);
    process.exitCode = EXIT_INTERNAL;
  }
}

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v);

/** Scalars as one key/value table, arrays of objects and matrices each as their own table. */
function printEnvelope(envelope: AnalysisEnvelope): void {
  process.stdout.write(`${envelope.method} (spec v${envelope.spec_version})\n\n`);
  const scalars: Record<string, unknown>[] = [];
  const sections: [string, unknown[]][] = [];
  for (const [key, value] of Object.entries(envelope.result)) {
    if (Array.isArray(value) && value.length > 0 && (isRecord(value[0]) || Array.isArray(value[0])))
      sections.push([key, value]);
    else if (isRecord(value) && Object.values(value).every((v) => !isRecord(v) && !Array.isArray(v))) {
      for (const [k, v] of Object.entries(value)) scalars.push({ field: `${key}.${k}`, value: v });
    } else scalars.push({ field: key, value });
  }
  printTable(scalars, ["field", "value"]);
  for (const [key, rows] of sections) {
    process.stdout.write(`\n${key}\n`);
    if (Array.isArray(rows[0])) {
      printTable(
        (rows as unknown[][]).map((row, r) =>
          Object.fromEntries([["", r + 1], ...row.map((v, c) => [String(c + 1), v])]),
        ),
      );
    } else printTable(rows.map((row) => flatten(row as Record<string, unknown>)));
  }
  if (envelope.warnings.length > 0) process.stdout.write(`\nwarnings: ${envelope.warnings.join(", ")}\n`);
}

function flatten(row: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(row)) {
    if (isRecord(v) && Object.values(v).every((x) => !isRecord(x))) {
      for (const [kk, vv] of Object.entries(v)) out[`${k}.${kk}`] = vv;
    } else out[k] = v;
  }
  return out;
}
