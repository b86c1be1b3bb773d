// `ronghe import indicators FILE`: user-defined indicators (or edits of built-in ones) from CSV/XLSX with the
// catalogue's columns. All-or-nothing: every bad row is reported, and the merged catalogue must still pass
// validateCatalogue (formulas, cycles, weights) before anything is written.
import { indicatorFromRow, isRongheError, RongheError } from "@ronghe/core";
import type { Indicator } from "@ronghe/store";
import { assertMayAnywhere } from "../access.ts";
import type { ServiceContext } from "../context.ts";
import { type ImportRowError, importRejected } from "./import-errors.ts";
import { builtinCatalogue, validateCatalogue } from "./indicator-catalogue.ts";
import { readTable } from "./read-table.ts";

export interface ImportIndicatorsOptions {
  fileName: string;
  bytes: Uint8Array;
  dryRun?: boolean;
}

export interface ImportIndicatorsResult {
  file: string;
  dryRun: boolean;
  read: number;
  inserted: number;
  updated: number;
  derived: string[];
  codes: string[];
}

export async function importIndicators(
  ctx: ServiceContext,
  options: ImportIndicatorsOptions,
): Promise<ImportIndicatorsResult> {
  assertMayAnywhere(ctx.actor, "admin");
  const table = await readTable(options.bytes, options.fileName);
  const header = table.header.map((h) => h.trim().toLowerCase());
  for (const required of ["code", "unit"]) {
    if (!header.includes(required)) {
      throw new RongheError("wrong_header", `${options.fileName}: the header needs a "${required}" column`, {
        file: options.fileName,
        row: table.headerLine,
        header: table.header,
        required: ["code", "name_zh", "unit"],
      });
    }
  }
  if (!header.includes("name_zh") && !header.includes("name")) {
    throw new RongheError("wrong_header", `${options.fileName}: the header needs a "name_zh" column`, {
      file: options.fileName,
      row: table.headerLine,
      header: table.header,
    });
  }
  const errors: ImportRowError[] = [];
  const parsed: Indicator[] = [];
  const seen = new Map<string, number>();
  for (const row of table.rows) {
    const rec: Record<string, string> = {};
    header.forEach((h, i) => {
      rec[h] = row.cells[i] ?? "";
    });
    try {
      const ind = indicatorFromRow(rec);
      const first = seen.get(ind.code);
      if (first !== undefined) {
        errors.push({
          file: options.fileName,
          row: row.line,
          column: "code",
          value: ind.code,
          reason: "conflicting_duplicate",
          message: `also on row ${first}`,
        });
        continue;
      }
      seen.set(ind.code, row.line);
      parsed.push(ind);
    } catch (error) {
      if (!isRongheError(error)) throw error;
      const field = String(error.details?.field ?? "formula");
      errors.push({
        file: options.fileName,
        row: row.line,
        column: field,
        value: String(error.details?.value ?? error.details?.formula ?? ""),
        reason: "invalid_input",
        message: error.message,
      });
    }
  }
  if (errors.length > 0) throw importRejected(options.fileName, errors);

  const stored = await ctx.store.listIndicators();
  const storedCodes = new Set(stored.map((i) => i.code));
  const missingBuiltins = builtinCatalogue().filter((i) => !storedCodes.has(i.code));
  const byCode = new Map([...stored, ...missingBuiltins].map((i) => [i.code, i]));
  const merged = new Map(byCode);
  for (const ind of parsed) {
    const before = byCode.get(ind.code);
    merged.set(ind.code, { ...ind, builtin: before?.builtin ?? false });
  }
  validateCatalogue([...merged.values()]);
  const toWrite = parsed.map((ind) => merged.get(ind.code) as Indicator);
  const inserted = toWrite.filter((i) => !byCode.has(i.code)).length;
  if (!options.dryRun) {
    const newCodes = new Set(toWrite.map((i) => i.code));
    await ctx.store.upsertIndicators([...missingBuiltins.filter((i) => !newCodes.has(i.code)), ...toWrite]);
  }
  return {
    file: options.fileName,
    dryRun: options.dryRun ?? false,
    read: parsed.length,
    inserted,
    updated: toWrite.length - inserted,
    derived: toWrite.filter((i) => i.formula).map((i) => i.code),
    codes: toWrite.map((i) => i.code),
  };
}
