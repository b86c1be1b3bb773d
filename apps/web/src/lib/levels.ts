// Drill-down order of the map. Municipalities (北京, 天津, 上海, 重庆) go straight from the province to its
// districts and counties; other provinces show prefectures first.
import type { RegionLevel } from "@ronghe/core";

const MUNICIPALITIES = new Set(["11", "12", "31", "50"]);

export function childLevelOf(code: string, level: RegionLevel): RegionLevel | null {
  switch (level) {
    case "province":
      return MUNICIPALITIES.has(code.slice(0, 2)) ? "county" : "prefecture";
    case "prefecture":
      return "county";
    case "county":
      return "township";
    case "township":
      return "village";
    default:
      return null;
  }
}

/** Calendar year of a period ("2020", 2020, "2020-Q1", "2020-06"), or null. */
export function periodYear(period: string | number): number | null {
  const m = /^(\d{4})/.exec(String(period));
  return m ? Number(m[1]) : null;
}

/** The root of a user's view: the grant highest in the tree (shortest code), ties by first listed. */
export function rootRegionCode(grants: readonly { regionCode: string }[]): string | null {
  let best: string | null = null;
  for (const g of grants) {
    const depth = g.regionCode.replace(/0+$/, "").length;
    if (best === null || depth < best.replace(/0+$/, "").length) best = g.regionCode;
  }
  return best;
}
