// Gathers every number of the report (load, never compute anew what the engines compute): the evaluation run
// of the scheme (an identical stored run is reused, see evaluateScheme), the units with their polygons, urban
// and rural incomes, full obstacle degrees, target monitoring (read-only: nothing is recorded), open warnings
// and the provenance of the data.
import { isWithin, parseRegionCode, type RegionLevel, RongheError } from "@ronghe/core";
import { assertCan } from "../access.ts";
import type { ServiceContext } from "../context.ts";
import type { DroppedRegionYear, EvaluationRow } from "../evaluation/compute-evaluation.ts";
import { type EvaluationRunView, evaluateScheme } from "../evaluation/evaluate-scheme.ts";
import type { EvaluationScheme } from "../evaluation/scheme.ts";
import { listWarnings } from "../monitoring/list-warnings.ts";
import { monitorPlan, type PlanStatusView } from "../monitoring/monitor-plan.ts";
import type { WarningView } from "../monitoring/warning-record.ts";
import { type DataProvenance, dataProvenance } from "./data-provenance.ts";
import { type ObstacleDegrees, obstacleDegrees } from "./obstacle-degrees.ts";
import type { MapFeature } from "./svg-map.ts";
import { type IncomeData, loadUrbanRuralIncome } from "./urban-rural-income.ts";

/** Years of urban-rural income shown before the report year. */
export const INCOME_YEARS_BACK = 10;

export interface ReportData {
  region: { code: string; name: string; level: RegionLevel };
  year: number;
  /** the year before, when the run has rows for it */
  previousYear: number | null;
  scheme: EvaluationScheme;
  schemeFile: string | null;
  run: Omit<EvaluationRunView, "rows">;
  /** the run's rows of the year, by rank */
  rows: EvaluationRow[];
  previousRows: EvaluationRow[];
  /** units left out of the year by the missing rule */
  dropped: DroppedRegionYear[];
  /** every unit of the scheme at its level, with its polygon */
  units: MapFeature[];
  income: IncomeData;
  obstacles: ObstacleDegrees | null;
  monitoring: { view: PlanStatusView; warnings: WarningView[] } | null;
  provenance: DataProvenance;
}

export async function loadReportData(
  ctx: ServiceContext,
  input: {
    regionCode: string;
    year: number;
    scheme: EvaluationScheme;
    schemeFile: string | null;
    planId?: string;
  },
): Promise<ReportData> {
  const code = parseRegionCode(input.regionCode).code;
  assertCan(ctx.actor, "read", code);
  const { scheme, year } = input;
  if (!Number.isInteger(year) || year < scheme.years.from || year > scheme.years.to) {
    throw new RongheError(
      "invalid_input",
      `年份 ${year} 不在方案 ${scheme.name} 的年份 ${scheme.years.from}–${scheme.years.to} 内 / year ${year} is outside the scheme's years`,
      { year, from: scheme.years.from, to: scheme.years.to },
    );
  }
  if (!isWithin(code, scheme.region)) {
    throw new RongheError(
      "invalid_input",
      `区域 ${code} 不在方案 ${scheme.name} 的范围 ${scheme.region} 内 / region ${code} is outside the scheme's region ${scheme.region}`,
      { region: code, schemeRegion: scheme.region },
    );
  }
  const region = await ctx.store.getRegion(code);
  if (!region)
    throw new RongheError("unknown_region", `区域 ${code} 不在库中 / region ${code} is not in the store`, {
      region: code,
    });

  const run = await evaluateScheme(ctx, scheme);
  const { rows: allRows, ...header } = run;
  const rows = allRows
    .filter((r) => r.year === year)
    .sort((a, b) => a.rank - b.rank || (a.region < b.region ? -1 : 1));
  const previousRows = allRows.filter((r) => r.year === year - 1);
  const dropped = run.summary.dropped.filter((d) => d.year === year);

  const unitRegions = await ctx.store.descendants(scheme.region, { level: scheme.level });
  const units: MapFeature[] = unitRegions.map((r) => ({
    code: r.code,
    name: r.name,
    geometry: parseGeometry(r.geometry),
  }));

  const income = await loadUrbanRuralIncome(ctx, {
    region: scheme.region,
    level: scheme.level,
    fromYear: Math.max(scheme.years.from, year - INCOME_YEARS_BACK),
    year,
  });
  const obstacles = await obstacleDegrees(ctx, scheme, year, rows);

  let monitoring: ReportData["monitoring"] = null;
  if (input.planId !== undefined) {
    // record: false — a report reads the monitoring state, it never opens warnings or writes snapshots.
    const view = await monitorPlan(ctx, input.planId, { year, record: false });
    const warnings = await listWarnings(ctx, {
      planId: input.planId,
      status: ["open", "assigned"],
      limit: 5000,
    });
    monitoring = { view, warnings };
  }
  const provenance = await dataProvenance(ctx, scheme);
  return {
    region: { code: region.code, name: region.name, level: region.level },
    year,
    previousYear: previousRows.length > 0 ? year - 1 : null,
    scheme,
    schemeFile: input.schemeFile,
    run: header,
    rows,
    previousRows,
    dropped,
    units,
    income,
    obstacles,
    monitoring,
    provenance,
  };
}

function parseGeometry(text: string | null): GeoJSON.Geometry | null {
  if (!text) return null;
  try {
    const g = JSON.parse(text) as GeoJSON.Geometry;
    return g && (g.type === "Polygon" || g.type === "MultiPolygon") ? g : null;
  } catch {
    return null;
  }
}
