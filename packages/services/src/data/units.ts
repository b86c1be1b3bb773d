// Units an import may declare. Spellings of the same unit are equal (元 = yuan); a few units convert by an
// exact declared factor (亿元 → 万元 × 10⁴; 平方米 → 亩 × 0.0015, since 1 亩 = 10000/15 m²). Anything else
// that differs from the indicator's unit is a unit_mismatch: a silent wrong scale is the worst kind of error.

interface UnitInfo {
  /** quantity the unit measures; only units of the same quantity convert */
  quantity: string;
  /** size of the unit in the quantity's base unit */
  scale: number;
}

const UNITS: Record<string, UnitInfo> = {
  yuan: { quantity: "money", scale: 1 },
  "10k yuan": { quantity: "money", scale: 1e4 },
  "100m yuan": { quantity: "money", scale: 1e8 },
  persons: { quantity: "people", scale: 1 },
  "10k persons": { quantity: "people", scale: 1e4 },
  "m²": { quantity: "area", scale: 1 },
  mu: { quantity: "area", scale: 10000 / 15 },
  ha: { quantity: "area", scale: 1e4 },
  "1000 ha": { quantity: "area", scale: 1e7 },
  "km²": { quantity: "area", scale: 1e6 },
  m: { quantity: "length", scale: 1 },
  km: { quantity: "length", scale: 1000 },
  t: { quantity: "mass", scale: 1 },
  "10k t": { quantity: "mass", scale: 1e4 },
};

const ALIASES: Record<string, string> = {
  元: "yuan",
  yuan: "yuan",
  万元: "10k yuan",
  "10k yuan": "10k yuan",
  "10,000 yuan": "10k yuan",
  亿元: "100m yuan",
  "100m yuan": "100m yuan",
  人: "persons",
  persons: "persons",
  person: "persons",
  万人: "10k persons",
  "10k persons": "10k persons",
  平方米: "m²",
  m2: "m²",
  "m^2": "m²",
  "m²": "m²",
  亩: "mu",
  mu: "mu",
  公顷: "ha",
  ha: "ha",
  千公顷: "1000 ha",
  "1000 ha": "1000 ha",
  平方公里: "km²",
  平方千米: "km²",
  km2: "km²",
  "km²": "km²",
  米: "m",
  m: "m",
  公里: "km",
  千米: "km",
  km: "km",
  吨: "t",
  t: "t",
  万吨: "10k t",
  "%": "%",
  "％": "%",
  百分比: "%",
};

/** The canonical spelling of a unit (trimmed, aliases resolved); unknown units are returned trimmed. */
export function canonicalUnit(unit: string): string {
  const u = unit.trim();
  return ALIASES[u] ?? ALIASES[u.toLowerCase()] ?? u;
}

export function sameUnit(a: string, b: string): boolean {
  return canonicalUnit(a) === canonicalUnit(b);
}

/**
 * Factor that turns a value in `from` into `to` (1 for the same unit), or null when they do not convert.
 */
export function unitFactor(from: string, to: string): number | null {
  const a = canonicalUnit(from);
  const b = canonicalUnit(to);
  if (a === b) return 1;
  const ua = UNITS[a];
  const ub = UNITS[b];
  if (!ua || !ub || ua.quantity !== ub.quantity) return null;
  return ua.scale / ub.scale;
}

/** value × factor, rounded to 15 significant digits so that 5096.66 亿元 is 50966600 万元, not 50966600.000000004. */
export function convertValue(value: number, factor: number): number {
  if (factor === 1) return value;
  return Number((value * factor).toPrecision(15));
}
