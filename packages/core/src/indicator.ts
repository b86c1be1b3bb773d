// Indicator definitions: what an indicator measures, in which unit, which way is better, and how it rolls up
// the region tree. @ronghe/store stores this type as its `Indicator`.
import { RongheError } from "./errors.ts";
import { formulaReferences, parseFormula } from "./formula.ts";
import { REGION_LEVELS, type RegionLevel } from "./region-code.ts";

export const INDICATOR_DIRECTIONS = ["+", "-"] as const;
export type IndicatorDirection = (typeof INDICATOR_DIRECTIONS)[number];

/** urban / rural = one side of a pair; gap = computed from a pair; whole = the whole territory. */
export const INDICATOR_ROLES = ["urban", "rural", "gap", "whole"] as const;
export type IndicatorRole = (typeof INDICATOR_ROLES)[number];

/**
 * How a parent's value is built from its children when the parent has no value of its own:
 * sum (counts, totals), mean (plain mean of the children), weighted_mean (weights from `weightIndicator`,
 * e.g. a per-capita value weighted by population), none (no roll-up: rates and ratios without a weight).
 */
export const AGGREGATIONS = ["sum", "mean", "weighted_mean", "none"] as const;
export type Aggregation = (typeof AGGREGATIONS)[number];

export interface IndicatorDefinition {
  /** stable id, e.g. ECO-01 or CQ-GDP */
  code: string;
  nameZh: string;
  nameEn: string | null;
  unit: string;
  direction: IndicatorDirection;
  dimension: string | null;
  role: IndicatorRole;
  levels: RegionLevel[];
  aggregation: Aggregation;
  /** the indicator whose values weight a `weighted_mean` roll-up */
  weightIndicator: string | null;
  /** executable formula over other indicator codes (derived indicators only: computed on read by services,
   *  never stored as observations) */
  formula: string | null;
  /** prose definition, e.g. the catalogue's non-executable "formula" text */
  description: string | null;
  source: string | null;
  builtin: boolean;
  notes: string | null;
}

export const INDICATOR_CODE_PATTERN = /^[A-Za-z][A-Za-z0-9_]*(?:-[A-Za-z0-9_]+)*$/;

const ROLE_ALIASES: Record<string, IndicatorRole> = {
  urban: "urban",
  城镇: "urban",
  rural: "rural",
  "rural-only": "rural",
  rural_only: "rural",
  乡村: "rural",
  农村: "rural",
  gap: "gap",
  差距: "gap",
  whole: "whole",
  territory: "whole",
  全域: "whole",
};

const LEVEL_ALIASES: Record<string, RegionLevel> = {
  province: "province",
  prefecture: "prefecture",
  city: "prefecture",
  county: "county",
  township: "township",
  village: "village",
  省: "province",
  市: "prefecture",
  县: "county",
  乡镇: "township",
  村: "village",
};

function invalid(field: string, value: string, message: string): RongheError {
  return new RongheError("invalid_input", message, { field, value });
}

export function parseDirection(value: string): IndicatorDirection {
  const v = value.trim().replace("−", "-").replace("＋", "+");
  if (v === "+" || v === "-") return v;
  if (/^(benefit|positive|正向?)$/i.test(v)) return "+";
  if (/^(cost|negative|逆向?|负向?)$/i.test(v)) return "-";
  throw invalid("direction", value, `direction "${value}" must be + or -`);
}

export function parseRole(value: string): IndicatorRole {
  const role = ROLE_ALIASES[value.trim().toLowerCase()];
  if (!role) throw invalid("role", value, `role "${value}" must be one of ${INDICATOR_ROLES.join(", ")}`);
  return role;
}

export function parseAggregation(value: string): Aggregation {
  const v = value
    .trim()
    .toLowerCase()
    .replace(/[\s-]+/g, "_");
  if ((AGGREGATIONS as readonly string[]).includes(v)) return v as Aggregation;
  throw invalid("aggregation", value, `aggregation "${value}" must be one of ${AGGREGATIONS.join(", ")}`);
}

/** Reads "county; township (census years)" style lists; unknown words are ignored, an empty result is an error. */
export function parseLevels(value: string): RegionLevel[] {
  const found = new Set<RegionLevel>();
  for (const word of value.toLowerCase().split(/[;,，；、\s()（）]+/)) {
    const level = LEVEL_ALIASES[word];
    if (level) found.add(level);
  }
  if (found.size === 0)
    throw invalid("levels", value, `levels "${value}" name no level (${REGION_LEVELS.join(", ")})`);
  return REGION_LEVELS.filter((l) => found.has(l));
}

/**
 * True when a catalogue "formula" cell is an executable expression over indicator codes (`ECO-01 ÷ ECO-02`)
 * rather than a prose definition (`城镇常住人口 ÷ 常住人口 × 100`). Text with Chinese characters or other
 * prose is never executable; text in the formula alphabet must parse, or `formula_syntax` is thrown.
 */
export function isExecutableFormula(text: string): boolean {
  const t = text.trim();
  if (t === "" || !/^[\sA-Za-z0-9_.\-−–+*×·/÷()（）,，]+$/.test(t)) return false;
  return formulaReferences(parseFormula(t)).length > 0;
}

export interface IndicatorDefaults {
  builtin?: boolean;
}

/**
 * Builds an indicator definition from a table row keyed by column name. Accepts the catalogue's columns
 * (code, name_zh, name_en, dimension, unit, direction, formula, urban_rural_role, levels, source, notes) and
 * ronghe's own (role, aggregation, weight_indicator, expression, description). `expression` is always an
 * executable formula; `formula` is executable only when it looks like one (see isExecutableFormula).
 */
export function indicatorFromRow(
  row: Readonly<Record<string, string | undefined>>,
  defaults: IndicatorDefaults = {},
): IndicatorDefinition {
  const get = (k: string): string => (row[k] ?? "").trim();
  const code = get("code");
  if (!INDICATOR_CODE_PATTERN.test(code))
    throw invalid("code", code, `indicator code "${code}" is not valid (e.g. ECO-01)`);
  const nameZh = get("name_zh") || get("name");
  if (!nameZh) throw invalid("name_zh", "", `indicator ${code} has no name_zh`);
  const unit = get("unit");
  if (!unit) throw invalid("unit", "", `indicator ${code} has no unit`);
  const expression = get("expression");
  const formulaText = get("formula");
  let formula: string | null = null;
  let description: string | null = get("description") || null;
  if (expression) {
    parseFormula(expression);
    formula = expression;
    if (formulaText && !description) description = formulaText;
  } else if (formulaText && isExecutableFormula(formulaText)) {
    formula = formulaText;
  } else if (formulaText) {
    description = description ?? formulaText;
  }
  const aggregationText = get("aggregation");
  const aggregation: Aggregation = aggregationText ? parseAggregation(aggregationText) : "none";
  const weightIndicator = get("weight_indicator") || null;
  if (aggregation === "weighted_mean" && !weightIndicator) {
    throw invalid("weight_indicator", "", `indicator ${code}: weighted_mean needs a weight_indicator`);
  }
  const roleText = get("role") || get("urban_rural_role");
  const levelsText = get("levels");
  return {
    code,
    nameZh,
    nameEn: get("name_en") || null,
    unit,
    direction: parseDirection(get("direction") || "+"),
    dimension: get("dimension") || null,
    role: roleText ? parseRole(roleText) : "whole",
    levels: levelsText ? parseLevels(levelsText) : ["county"],
    aggregation,
    weightIndicator: aggregation === "weighted_mean" ? weightIndicator : null,
    formula,
    description,
    source: get("source") || null,
    builtin: defaults.builtin ?? false,
    notes: get("notes") || null,
  };
}
