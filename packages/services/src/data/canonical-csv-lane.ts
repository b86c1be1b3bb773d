// The fast lane of observation imports: a long-form CSV in canonical shape (long-csv-scan.ts) whose every row is
// good is prepared from typed arrays, without a string or an object per cell.
import { parseRegionCode } from "@ronghe/core";
import type { Indicator } from "@ronghe/store";
import { assertMayAnywhere, can } from "../access.ts";
import type { ServiceContext } from "../context.ts";
import type {
  ImportObservationsOptions,
  PreparedImport,
  PreparedObservation,
} from "./import-observations.ts";
import { KeyIndex } from "./key-index.ts";
import { scanLongCsvHeader, scanLongCsvRows } from "./long-csv-scan.ts";
import { columnRole, FIRST_PERIOD } from "./observation-headers.ts";
import { isXlsx } from "./read-table.ts";

/**
 * The fast lane for a long-form CSV in canonical shape (see long-csv-scan.ts) whose every row is good: the same
 * prepared import as readTable + prepareObservationImport give, without a string or an object per cell. Null
 * when the file is not in that shape or any row is bad; then the general path reads it and names every bad cell.
 * Outside dry runs, whether its regions exist is left to the store's write (see importObservations).
 */
export async function prepareCanonicalLongCsv(
  ctx: ServiceContext,
  file: { fileName: string; bytes: Uint8Array },
  options: Pick<ImportObservationsOptions, "format" | "source" | "dryRun">,
  catalogueList: readonly Indicator[],
): Promise<PreparedImport | null> {
  if (options.format === "wide" || isXlsx(file.bytes, file.fileName)) return null;
  const head = scanLongCsvHeader(file.bytes);
  if (head?.header.length !== 4) return null;
  const col: Partial<Record<string, number>> = {};
  head.header.forEach((h, index) => {
    const role = columnRole(h);
    if (role !== null && col[role] === undefined) col[role] = index;
  });
  const { region_code: region, indicator, period, value } = col;
  if (region === undefined || indicator === undefined || period === undefined || value === undefined)
    return null;
  const scan = scanLongCsvRows(file.bytes, head, { region, indicator, period, value }, 4);
  if (!scan) return null;

  // Region cells → canonical codes ("500235" and "500235000000" are one region).
  const regionOfCell = new Int32Array(scan.regionCells.length);
  const regionId = new Map<string, number>();
  const regionCodes: string[] = [];
  for (let c = 0; c < scan.regionCells.length; c++) {
    let code: string;
    try {
      code = parseRegionCode(scan.regionCells[c]).code;
    } catch {
      return null;
    }
    let id = regionId.get(code);
    if (id === undefined) {
      id = regionCodes.length;
      regionId.set(code, id);
      regionCodes.push(code);
    }
    regionOfCell[c] = id;
  }
  const indicatorOfCell = new Int32Array(scan.indicatorCells.length);
  const indicatorIndex = new Map<string, number>(catalogueList.map((ind, k) => [ind.code, k]));
  for (let c = 0; c < scan.indicatorCells.length; c++) {
    const k = indicatorIndex.get(scan.indicatorCells[c]);
    if (k === undefined || catalogueList[k].formula) return null;
    indicatorOfCell[c] = k;
  }
  const lastPeriod = new Date().getFullYear() + 1;
  for (let i = 0; i < scan.count; i++) {
    if (scan.period[i] < FIRST_PERIOD || scan.period[i] > lastPeriod) return null;
  }
  assertMayAnywhere(ctx.actor, "write");
  for (const code of regionCodes) if (!can(ctx.actor, "write", code)) return null;
  // A real import leaves the existence check to the store's write, which makes it in its transaction; a dry run
  // writes nothing, so it looks the codes up here.
  if (options.dryRun) {
    const stored = await ctx.store.presentRegionCodes(regionCodes);
    for (const code of regionCodes) if (!stored.has(code)) return null;
  }

  // Repeated keys: identical values merge, differing ones are conflicts (the general path reports them). A key is
  // (region, indicator cell, year) among the file's own; while those combinations are few enough, each has a slot
  // in a flat table (cache-friendly: rows come grouped by region), else in a hash.
  let firstYear = scan.period[0];
  let lastYear = firstYear;
  for (let i = 1; i < scan.count; i++) {
    if (scan.period[i] < firstYear) firstYear = scan.period[i];
    else if (scan.period[i] > lastYear) lastYear = scan.period[i];
  }
  const span = lastYear - firstYear + 1;
  const indicatorCount = scan.indicatorCells.length;
  const slots = regionCodes.length * indicatorCount * span;
  const table = slots <= 4 * scan.count ? new Int32Array(slots).fill(-1) : null;
  const byKey = table ? null : new KeyIndex(scan.count);
  const source = options.source || file.fileName;
  const rows: PreparedObservation[] = [];
  let duplicatesMerged = 0;
  for (let i = 0; i < scan.count; i++) {
    const r = regionOfCell[scan.region[i]];
    const cellOfIndicator = scan.indicator[i];
    const year = scan.period[i];
    const key = (r * indicatorCount + cellOfIndicator) * span + (year - firstYear);
    let firstAt: number;
    if (table) {
      firstAt = table[key];
      if (firstAt < 0) table[key] = rows.length;
    } else firstAt = (byKey as KeyIndex).getOrAdd(key, rows.length);
    if (firstAt >= 0) {
      if (rows[firstAt].value !== scan.value[i]) return null;
      duplicatesMerged++;
      continue;
    }
    const k = indicatorOfCell[cellOfIndicator];
    const ind = catalogueList[k];
    rows.push({
      regionCode: regionCodes[r],
      indicatorCode: ind.code,
      period: year,
      value: scan.value[i],
      unit: ind.unit,
      source,
      note: null,
      sourceRow: scan.line[i],
    });
  }
  return {
    file: file.fileName,
    format: "long",
    encoding: head.encoding,
    rows,
    normalisedNumbers: 0,
    convertedUnits: 0,
    duplicatesMerged,
  };
}
