// Region subtrees by code. NBS codes are hierarchical: a region's descendants are exactly the codes whose
// 12-digit statistical form starts with its significant prefix (province 2, prefecture 4, county 6,
// township 9 digits). Scope checks therefore need no database round trip.
import { parseRegionCode, type RegionLevel } from "./region-code.ts";

const PREFIX_LENGTH: Record<RegionLevel, number> = {
  province: 2,
  prefecture: 4,
  county: 6,
  township: 9,
  village: 12,
};

/** The significant prefix of a region's statistical code ("50" for 500000, "500235" for 云阳县). */
export function subtreePrefix(code: string): string {
  const { level, statCode } = parseRegionCode(code);
  return statCode.slice(0, PREFIX_LENGTH[level]);
}

/** True when `code` is `ancestor` itself or lies in its subtree. */
export function isWithin(code: string, ancestor: string): boolean {
  return parseRegionCode(code).statCode.startsWith(subtreePrefix(ancestor));
}

/** True when `code` lies strictly below `ancestor`. */
export function isStrictlyBelow(code: string, ancestor: string): boolean {
  return isWithin(code, ancestor) && parseRegionCode(code).code !== parseRegionCode(ancestor).code;
}
