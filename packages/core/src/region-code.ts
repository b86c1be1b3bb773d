// Region codes. China uses two related code systems:
//   - GB/T 2260: 6 digits for province (2 significant), prefecture (4) and county (6), e.g. 500235 云阳县;
//   - NBS statistical codes (统计用区划代码): 12 digits, adding township (9 significant) and village (12).
// ronghe's canonical code is the shortest unambiguous form per level:
//   province "500000", prefecture "500100", county "500235" (all 6-digit GB/T 2260 style),
//   township "500235100" (9 digits), village "500235100201" (12 digits).
// Input in any of the usual forms (2/4/6/9/12 digits, 12-digit zero-padded) is normalised by `parseRegionCode`.
import { RongheError } from "./errors.ts";

export const REGION_LEVELS = ["province", "prefecture", "county", "township", "village"] as const;
export type RegionLevel = (typeof REGION_LEVELS)[number];

export const LEVEL_DEPTH: Record<RegionLevel, number> = {
  province: 1,
  prefecture: 2,
  county: 3,
  township: 4,
  village: 5,
};

export const LEVEL_NAMES_ZH: Record<RegionLevel, string> = {
  province: "省级",
  prefecture: "地级",
  county: "县级",
  township: "乡级",
  village: "村级",
};

export function isRegionLevel(value: unknown): value is RegionLevel {
  return typeof value === "string" && (REGION_LEVELS as readonly string[]).includes(value);
}

export function parseRegionLevel(value: string): RegionLevel {
  if (!isRegionLevel(value)) {
    throw new RongheError(
      "invalid_input",
      `unknown level "${value}"; use one of ${REGION_LEVELS.join(", ")}`,
      {
        level: value,
      },
    );
  }
  return value;
}

export interface ParsedRegionCode {
  /** canonical code (6, 9 or 12 digits) */
  code: string;
  level: RegionLevel;
  /** 12-digit statistical code */
  statCode: string;
}

/** Normalises a region code in any common form; throws `invalid_region_code` otherwise. */
export function parseRegionCode(input: string | number): ParsedRegionCode {
  const text = String(input).trim();
  if (!/^\d+$/.test(text) || ![2, 4, 6, 9, 12].includes(text.length)) {
    throw new RongheError("invalid_region_code", `"${text}" is not a region code (2, 4, 6, 9 or 12 digits)`, {
      value: text,
    });
  }
  const stat = text.padEnd(12, "0");
  const province = stat.slice(0, 2);
  if (province === "00")
    throw new RongheError("invalid_region_code", `"${text}" has no province part`, { value: text });
  let level: RegionLevel;
  if (stat.slice(2) === "0000000000") level = "province";
  else if (stat.slice(4) === "00000000") level = "prefecture";
  else if (stat.slice(6) === "000000") level = "county";
  else if (stat.slice(9) === "000") level = "township";
  else level = "village";
  return { code: canonicalCode(stat, level), level, statCode: stat };
}

function canonicalCode(stat: string, level: RegionLevel): string {
  if (level === "township") return stat.slice(0, 9);
  if (level === "village") return stat;
  return stat.slice(0, 6);
}

/** Canonical code of the parent implied by the code itself (null for provinces). */
export function parentCodeOf(code: string): string | null {
  const { level, statCode } = parseRegionCode(code);
  switch (level) {
    case "province":
      return null;
    case "prefecture":
      return `${statCode.slice(0, 2)}0000`;
    case "county":
      return `${statCode.slice(0, 4)}00`;
    case "township":
      return statCode.slice(0, 6);
    case "village":
      return statCode.slice(0, 9);
  }
}
