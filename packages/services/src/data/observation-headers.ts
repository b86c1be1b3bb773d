// The column headers an observation table may use, in English or Chinese, and the years it may hold.

/** The first year an observation may be for; the last is next year. */
export const FIRST_PERIOD = 1949;

export const COLUMN_ALIASES: Record<string, string[]> = {
  region_code: ["region_code", "region", "code", "区划代码", "地区代码", "行政区划代码", "代码"],
  indicator: ["indicator", "indicator_code", "指标", "指标代码"],
  period: ["period", "year", "年份", "年度", "年"],
  value: ["value", "数值", "值"],
  unit: ["unit", "单位"],
  source: ["source", "来源", "数据来源"],
  note: ["note", "notes", "备注"],
};

/** columns read but not used (names, exports' extra columns) */
export const IGNORED_COLUMNS = new Set([
  "region_name",
  "name",
  "地区",
  "地区名称",
  "名称",
  "indicator_name",
  "指标名称",
  "level",
  "origin",
  "status",
  "revision",
]);

/** The role (region_code, indicator, period, value, unit, source, note) of a header, or null. */
export function columnRole(header: string): string | null {
  const h = header.trim().toLowerCase();
  for (const [role, names] of Object.entries(COLUMN_ALIASES)) if (names.includes(h)) return role;
  return null;
}
