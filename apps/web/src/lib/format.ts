// Numbers are always shown with their unit. Display rounding depends on magnitude (the stored value is never
// changed); a missing or non-finite value shows as an em dash, never as "NaN".

export type Lang = "zh" | "en";

/** English names of the units used by the indicator catalogue and the demo data; others pass through. */
const UNIT_EN: Record<string, string> = {
  元: "yuan",
  万元: "10k yuan",
  亿元: "100m yuan",
  人: "persons",
  万人: "10k persons",
  户: "households",
  个: "units",
  所: "schools",
  张: "beds",
  吨: "t",
  万吨: "10k t",
  千公顷: "kha",
  公顷: "ha",
  亩: "mu",
  平方米: "m²",
  平方千米: "km²",
  公里: "km",
  千米: "km",
  年: "years",
  分钟: "min",
  岁: "years of age",
  次: "times",
  项: "items",
  家: "firms",
  "人/千人": "per 1,000 people",
};

/** Chinese names of units written in English in the catalogue. */
const UNIT_ZH: Record<string, string> = {
  yuan: "元",
  mu: "亩",
  persons: "人",
  "percentage points": "个百分点",
  ratio: "比值",
  "ratio (rural = 1)": "倍（乡村 = 1）",
  "ratio (0–1)": "比值（0–1）",
  index: "指数",
  "10k yuan per village": "万元/村",
};

/** Unit text for the current language ("" for none). */
export function unitLabel(unit: string | null | undefined, lang: Lang): string {
  const u = (unit ?? "").trim();
  if (u === "" || u === "1" || u === "-") return "";
  if (lang === "en") return UNIT_EN[u] ?? u;
  return UNIT_ZH[u] ?? u;
}

export interface NumberFormatOptions {
  /** fixed number of fraction digits (overrides the magnitude rule) */
  digits?: number;
}

function fractionDigitsFor(abs: number): number {
  if (abs >= 1000) return 0;
  if (abs >= 100) return 1;
  if (abs >= 1) return 2;
  return 4;
}

export function formatNumber(
  value: number | null | undefined,
  lang: Lang,
  opts: NumberFormatOptions = {},
): string {
  if (typeof value !== "number" || !Number.isFinite(value)) return "—";
  const digits = opts.digits ?? fractionDigitsFor(Math.abs(value));
  const text = new Intl.NumberFormat(lang === "zh" ? "zh-CN" : "en-US", {
    maximumFractionDigits: digits,
    minimumFractionDigits: opts.digits ?? 0,
  }).format(value);
  // -0 after rounding reads as a sign error; show 0
  return /^-0(\.0+)?$/.test(text) ? text.slice(1) : text;
}

/** "37,595 元", "70.96%", "—" for missing. */
export function formatValue(
  value: number | null | undefined,
  unit: string | null | undefined,
  lang: Lang,
  opts: NumberFormatOptions = {},
): string {
  const num = formatNumber(value, lang, opts);
  if (num === "—") return num;
  const u = unitLabel(unit, lang);
  if (u === "") return num;
  if (u === "%" || u === "‰") return `${num}${u}`;
  return `${num} ${u}`;
}
