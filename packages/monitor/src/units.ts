// Unit comparison for plan validation. Catalogue units are English ("yuan", "ratio (rural = 1)"), local
// tables often Chinese ("元", "万元"); both spellings of the same unit must match, different units must not.
export interface CatalogueIndicator {
  code: string;
  unit: string;
  direction?: "+" | "-";
  /** what the value is; rates, shares, ratios and indices are not amounts */
  kind?: "amount" | "level" | "count" | "rate" | "share" | "ratio" | "index";
  name?: string;
}

const ALIASES: Record<string, string> = {
  元: "yuan",
  万元: "10k yuan",
  "10000 yuan": "10k yuan",
  亿元: "100m yuan",
  人: "persons",
  万人: "10k persons",
  "10000 persons": "10k persons",
  percent: "%",
  百分比: "%",
  百分点: "percentage points",
  pp: "percentage points",
  亩: "mu",
  平方米: "m²",
  m2: "m²",
  "sq m": "m²",
  张: "beds",
  比值: "ratio",
  倍: "ratio",
};

/** Canonical spelling: lower case, single spaces, parenthesised qualifiers dropped, aliases resolved. */
export function normaliseUnit(unit: string): string {
  const u = unit
    .replace(/[（(][^)）]*[)）]/g, "")
    .replace(/\s+/g, " ")
    .trim()
    .toLowerCase();
  return ALIASES[u] ?? u;
}

export function sameUnit(a: string, b: string): boolean {
  return normaliseUnit(a) === normaliseUnit(b);
}

export function isPercentUnit(unit: string): boolean {
  return normaliseUnit(unit) === "%";
}

export function isRatioIndicator(ind: CatalogueIndicator): boolean {
  if (ind.kind) return ind.kind === "ratio";
  const u = normaliseUnit(ind.unit);
  return u === "ratio" || u.startsWith("ratio ") || u === "coefficient";
}

/**
 * Growth and cumulative forms need an amount (money, persons, area, counts…): a growth rate of a share or a
 * ratio, or a sum of shares over years, is not a meaningful target.
 */
export function isAmountIndicator(ind: CatalogueIndicator): boolean {
  if (ind.kind) return ind.kind === "amount" || ind.kind === "level" || ind.kind === "count";
  const u = normaliseUnit(ind.unit);
  if (u === "%" || u === "‰" || u === "percentage points" || u === "coefficient" || u === "系数")
    return false;
  return !(u === "ratio" || u.startsWith("ratio ") || u.includes("%"));
}
