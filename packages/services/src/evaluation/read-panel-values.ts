// Values of the scheme's indicators for the units, keyed "region|indicator|year", read through the data
// services' observation query: stored values, roll-ups from lower levels and derived indicators (formulas
// evaluated on read) all count. A derived value that is undefined (division by zero) is missing.
import type { RegionLevel } from "@ronghe/core";
import type { ServiceContext } from "../context.ts";
import { queryObservations } from "../data/query-observations.ts";

export interface PanelQuery {
  region: string;
  level: RegionLevel;
  codes: string[];
  fromYear: number;
  toYear: number;
}

export async function readPanelValues(ctx: ServiceContext, query: PanelQuery): Promise<Map<string, number>> {
  const result = await queryObservations(ctx, {
    region: query.region,
    level: query.level,
    indicators: query.codes,
    fromYear: query.fromYear,
    toYear: query.toYear,
  });
  const out = new Map<string, number>();
  for (const r of result.rows) {
    if (r.value !== null && Number.isFinite(r.value))
      out.set(`${r.regionCode}|${r.indicatorCode}|${r.period}`, r.value);
  }
  return out;
}
