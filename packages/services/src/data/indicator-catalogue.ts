// The built-in indicator catalogue (data/indicator-catalogue.csv: the shared catalogue's 45 indicators plus
// ronghe's `aggregation` and `weight_indicator` columns) and the whole-catalogue checks every change must pass.
import { type CompiledFormula, compileCatalogueFormulas, indicatorFromRow, RongheError } from "@ronghe/core";
import type { Indicator } from "@ronghe/store";
import type { ServiceContext } from "../context.ts";
import { readCsvRecords } from "./csv-lines.ts";
import { repoDataFile } from "./paths.ts";

export const BUILTIN_CATALOGUE_FILE = repoDataFile("indicator-catalogue.csv");

export function builtinCatalogue(): Indicator[] {
  return readCsvRecords(BUILTIN_CATALOGUE_FILE).map((row) => indicatorFromRow(row, { builtin: true }));
}

/**
 * Checks a whole catalogue: formulas parse, refer to known codes and form no cycle; weighted means name a
 * known weight indicator. Returns the compiled formulas in dependency order.
 */
export function validateCatalogue(indicators: readonly Indicator[]): CompiledFormula[] {
  const codes = new Set(indicators.map((i) => i.code));
  for (const ind of indicators) {
    if (ind.aggregation === "weighted_mean" && (!ind.weightIndicator || !codes.has(ind.weightIndicator))) {
      throw new RongheError(
        "unknown_indicator",
        `indicator ${ind.code}: weight indicator ${ind.weightIndicator ?? "(none)"} is not in the catalogue`,
        {
          indicator: ind.code,
          code: ind.weightIndicator,
        },
      );
    }
  }
  return compileCatalogueFormulas(indicators);
}

/** Adds the built-in indicators that the store lacks; indicators already present (maybe edited) are kept. */
export async function ensureBuiltinCatalogue(
  ctx: ServiceContext,
): Promise<{ inserted: number; total: number }> {
  const existing = new Set((await ctx.store.listIndicators()).map((i) => i.code));
  const missing = builtinCatalogue().filter((i) => !existing.has(i.code));
  if (missing.length > 0) await ctx.store.upsertIndicators(missing);
  return { inserted: missing.length, total: existing.size + missing.length };
}
