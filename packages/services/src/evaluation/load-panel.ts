// Pulls what a scheme needs from the store: the units (regions of `level` inside `region`), the indicator
// definitions (unknown codes → `unknown_indicator`), and every value of the index and Theil indicators over the
// years, read through the data services so that derived indicators and roll-ups are included.
import { RongheError } from "@ronghe/core";
import type { Indicator } from "@ronghe/store";
import type { ServiceContext } from "../context.ts";
import type { Panel, ResolvedIndicator } from "./panel.ts";
import { readPanelValues } from "./read-panel-values.ts";
import type { EvaluationScheme } from "./scheme.ts";

/** The parts of an indicator definition that change numbers (hashed with the inputs). */
export interface IndicatorDefinitionInput {
  code: string;
  unit: string;
  direction: "+" | "-";
  role: string;
  aggregation: string;
  weight_indicator: string | null;
  formula: string | null;
}

export interface LoadedPanel {
  panel: Panel;
  indicators: ResolvedIndicator[];
  definitions: IndicatorDefinitionInput[];
}

export function theilCodes(scheme: EvaluationScheme): string[] {
  const t = scheme.analyses.theil;
  if (!t) return [];
  return [t.urban_income, t.rural_income, t.urban_population, t.rural_population, t.urbanisation_rate].filter(
    (c): c is string => c !== null,
  );
}

export async function loadPanel(ctx: ServiceContext, scheme: EvaluationScheme): Promise<LoadedPanel> {
  const store = ctx.store;
  const root = await store.getRegion(scheme.region);
  if (!root)
    throw new RongheError(
      "unknown_region",
      `区域 ${scheme.region} 不在库中 / region ${scheme.region} is not in the store`,
      { region: scheme.region },
    );
  const units =
    root.level === scheme.level ? [root] : await store.descendants(scheme.region, { level: scheme.level });
  if (units.length === 0) {
    throw new RongheError("invalid_scheme", `${scheme.region} has no regions at level ${scheme.level}`, {
      field: "level",
      region: scheme.region,
      level: scheme.level,
    });
  }

  const codes = [...new Set([...scheme.indicators.map((i) => i.code), ...theilCodes(scheme)])];
  const defs = new Map<string, Indicator>();
  const unknown: string[] = [];
  for (const code of codes) {
    const def = await store.getIndicator(code);
    if (def) defs.set(code, def);
    else unknown.push(code);
  }
  if (unknown.length > 0) {
    throw new RongheError(
      "unknown_indicator",
      `未知指标 / unknown indicator${unknown.length > 1 ? "s" : ""} ${unknown.join(", ")}`,
      {
        indicators: unknown,
      },
    );
  }

  const indicators: ResolvedIndicator[] = scheme.indicators.map((ind) => {
    const def = defs.get(ind.code)!;
    return {
      code: ind.code,
      nameZh: def.nameZh,
      unit: def.unit,
      direction: ind.direction ?? def.direction,
      subsystem: ind.subsystem,
      weight: ind.weight,
    };
  });
  const definitions: IndicatorDefinitionInput[] = codes.map((code) => {
    const d = defs.get(code)!;
    return {
      code,
      unit: d.unit,
      direction: d.direction,
      role: d.role,
      aggregation: d.aggregation,
      weight_indicator: d.weightIndicator,
      formula: d.formula,
    };
  });

  const years: number[] = [];
  for (let y = scheme.years.from; y <= scheme.years.to; y++) years.push(y);
  const found = await readPanelValues(ctx, {
    region: scheme.region,
    level: scheme.level,
    codes,
    fromYear: scheme.years.from,
    toYear: scheme.years.to,
  });
  const values = units.map((u) =>
    years.map((year) => codes.map((code) => found.get(`${u.code}|${code}|${year}`) ?? null)),
  );
  return {
    panel: { regions: units.map((u) => ({ code: u.code, name: u.name })), years, codes, values },
    indicators,
    definitions,
  };
}
