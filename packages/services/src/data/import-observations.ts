// `ronghe import observations FILE`: long or wide tables of (region, indicator, period, value), all-or-nothing.
//
//   long                region_code,indicator,period,value[,unit,source,note]
//   wide by indicator   region_code,period,ECO-01,ECO-02,…     (one column per indicator)
//   wide by year        region_code,indicator,2018,2019,…      (one column per year)
//
// Every row is validated before anything is written; any bad cell rejects the whole file with the full list
// (import_rejected). A good file is written in one store transaction with its provenance (import id, file,
// row, source, actor); unchanged values make no new revision. A dry run reports what would change.
import { isRongheError, parseRegionCode, RongheError } from "@ronghe/core";
import type { Indicator, ObservationInput, ObservationStatus, WriteCounts, WriteDetail } from "@ronghe/store";
import { assertMayAnywhere, can } from "../access.ts";
import type { ServiceContext } from "../context.ts";
import { prepareCanonicalLongCsv } from "./canonical-csv-lane.ts";
import { type ImportRowError, importRejected } from "./import-errors.ts";
import { builtinCatalogue } from "./indicator-catalogue.ts";
import { KeyIndex } from "./key-index.ts";
import { halfWidthDigits, parseNumberCell, plainDecimal } from "./numbers.ts";
import { type COLUMN_ALIASES, columnRole, FIRST_PERIOD, IGNORED_COLUMNS } from "./observation-headers.ts";
import { readTable, type Table, type TableEncoding } from "./read-table.ts";
import { convertValue, unitFactor } from "./units.ts";

export const OBSERVATION_TABLE_FORMATS = ["long", "wide"] as const;
export type ObservationTableFormat = (typeof OBSERVATION_TABLE_FORMATS)[number];
export type DetectedFormat = "long" | "wide-by-indicator" | "wide-by-year";

export interface ImportObservationsOptions {
  /** long or wide; detected from the header when omitted */
  format?: ObservationTableFormat;
  /** source text for rows without a `source` cell (default: the file name) */
  source?: string;
  dryRun?: boolean;
  /** why (recorded on every revision) */
  reason?: string;
  /** status of written revisions (default draft) */
  status?: ObservationStatus;
  /** how many changes to list in the result (default 20) */
  sampleSize?: number;
}

export interface ObservationChange {
  regionCode: string;
  indicatorCode: string;
  period: number;
  row: number;
  change: "new" | "revised" | "unchanged";
  before: number | null;
  after: number;
}

export interface ImportObservationsResult {
  file: string;
  format: DetectedFormat;
  encoding: TableEncoding;
  dryRun: boolean;
  importId: string | null;
  /** values read (after merging identical duplicates) */
  values: number;
  new: number;
  revised: number;
  unchanged: number;
  /** numbers written as "1,234.5" or with full-width digits */
  normalisedNumbers: number;
  /** values converted from a declared convertible unit (e.g. 亿元 → 万元) */
  convertedUnits: number;
  /** the same key twice with the same value, kept once */
  duplicatesMerged: number;
  sample: ObservationChange[];
}

function yearOfHeader(header: string): number | null {
  const m = /^(\d{4})(?:年)?$/.exec(halfWidthDigits(header));
  return m ? Number(m[1]) : null;
}

interface Layout {
  format: DetectedFormat;
  col: Partial<Record<keyof typeof COLUMN_ALIASES, number>>;
  /** wide forms: the value columns with their indicator code or year */
  valueColumns: Array<{ index: number; header: string; indicator?: string; year?: number | null }>;
}

function wrongHeader(table: Table, message: string): RongheError {
  return new RongheError("wrong_header", `${table.fileName}: ${message}`, {
    file: table.fileName,
    row: table.headerLine,
    header: table.header,
    expected: [
      "region_code,indicator,period,value[,unit,source,note]",
      "region_code,period,<indicator code>,…",
      "region_code,indicator,<year>,…",
    ],
  });
}

function detectLayout(table: Table, format: ObservationTableFormat | undefined): Layout {
  const col: Layout["col"] = {};
  const others: Array<{ index: number; header: string }> = [];
  table.header.forEach((h, index) => {
    const role = columnRole(h);
    if (role && col[role] === undefined) col[role] = index;
    else if (!IGNORED_COLUMNS.has(h.trim().toLowerCase()) && h.trim() !== "")
      others.push({ index, header: h.trim() });
  });
  if (col.region_code === undefined) throw wrongHeader(table, "the header has no region_code column");
  const isLong = col.indicator !== undefined && col.period !== undefined && col.value !== undefined;
  if (format === "long" || (format === undefined && isLong)) {
    if (!isLong) throw wrongHeader(table, "long form needs region_code, indicator, period and value columns");
    return { format: "long", col, valueColumns: [] };
  }
  if (col.value !== undefined)
    throw wrongHeader(
      table,
      "a value column belongs to the long form, which also needs indicator and period",
    );
  if (others.length === 0)
    throw wrongHeader(table, "no value columns (indicator codes or years) in the header");
  if (col.indicator !== undefined) {
    return {
      format: "wide-by-year",
      col,
      valueColumns: others.map((o) => ({ ...o, year: yearOfHeader(o.header) })),
    };
  }
  if (col.period !== undefined) {
    return {
      format: "wide-by-indicator",
      col,
      valueColumns: others.map((o) => ({ ...o, indicator: o.header })),
    };
  }
  throw wrongHeader(
    table,
    "wide form needs a period column (one column per indicator) or an indicator column (one column per year)",
  );
}

/** A validated value ready to write. */
export interface PreparedObservation extends ObservationInput {
  sourceRow: number;
}

export interface PreparedImport {
  file: string;
  format: DetectedFormat;
  encoding: TableEncoding;
  rows: PreparedObservation[];
  normalisedNumbers: number;
  convertedUnits: number;
  duplicatesMerged: number;
}

/** A trimmed cell, "" when the column is absent or the row is short. */
function cell(cells: readonly string[], index: number | undefined): string {
  return index === undefined ? "" : (cells[index] ?? "").trim();
}

/** Validates a table completely; throws import_rejected with every bad cell, or returns the rows to write. */
export async function prepareObservationImport(
  ctx: ServiceContext,
  table: Table,
  options: Pick<ImportObservationsOptions, "format" | "source"> = {},
  catalogue?: readonly Indicator[],
): Promise<PreparedImport> {
  const layout = detectLayout(table, options.format);
  const file = table.fileName;
  const errors: ImportRowError[] = [];
  const bad = (
    row: number,
    column: string,
    value: string,
    reason: ImportRowError["reason"],
    message?: string,
  ) =>
    errors.push(
      message ? { file, row, column, value, reason, message } : { file, row, column, value, reason },
    );
  // Indicators are referred to by their index in `catalogueList`; checkIndicator gives -1 for one not writable.
  const catalogueList = catalogue ?? (await ctx.store.listIndicators());
  const indicatorIndex = new Map<string, number>(catalogueList.map((ind, k) => [ind.code, k]));
  const currentYear = new Date().getFullYear();
  const checkIndicator = (row: number, column: string, code: string): number => {
    const k = indicatorIndex.get(code);
    const ind = k === undefined ? undefined : catalogueList[k];
    if (!ind) bad(row, column, code, "unknown_indicator");
    else if (ind.formula)
      bad(row, column, code, "derived_indicator", `${code} is derived (${ind.formula}) and computed on read`);
    return ind && !ind.formula ? (k as number) : -1;
  };
  // Large files repeat the same few periods and region codes: valid cells are parsed once. Periods are years
  // FIRST_PERIOD..currentYear + 1; 0 stands for an invalid one.
  const validPeriods = new Map<string, number>();
  const checkPeriod = (row: number, column: string, text: string): number => {
    const seen = validPeriods.get(text);
    if (seen !== undefined) return seen;
    const t = halfWidthDigits(text).replace(/年$/, "");
    const year = /^\d{4}$/.test(t) ? Number(t) : Number.NaN;
    if (!(year >= FIRST_PERIOD && year <= currentYear + 1)) {
      bad(
        row,
        column,
        text,
        "period_out_of_range",
        `period must be a year ${FIRST_PERIOD}..${currentYear + 1}`,
      );
      return 0;
    }
    validPeriods.set(text, year);
    return year;
  };

  // Header-level checks of the wide forms: each value column must be a known indicator or a valid year.
  const wideIndicator = new Map<number, number>();
  const wideYear = new Map<number, number>();
  for (const vc of layout.valueColumns) {
    if (layout.format === "wide-by-indicator") {
      const k = checkIndicator(table.headerLine, vc.header, vc.header);
      if (k >= 0) wideIndicator.set(vc.index, k);
    } else {
      const year = checkPeriod(table.headerLine, vc.header, vc.header);
      if (year !== 0) wideYear.set(vc.index, year);
    }
  }

  // One entry per value cell, in parallel arrays rather than an object each (a 600k-row file has 600k of them):
  // its table row, region id (-1: invalid code), indicator index (-1: not writable), year (0: invalid), value cell
  // and the column it came from.
  const { rows: tableRows, header } = table;
  const long = layout.format === "long";
  const capacity = tableRows.length * (long ? 1 : layout.valueColumns.length);
  const vRow = new Int32Array(capacity);
  const vRegion = new Int32Array(capacity);
  const vIndicator = new Int32Array(capacity);
  const vPeriod = new Int32Array(capacity);
  const vCell: string[] = [];
  const vColumn: string[] = [];
  let count = 0;
  const regionCol = header[layout.col.region_code as number];
  const indicatorCol = layout.col.indicator === undefined ? "" : header[layout.col.indicator];
  const periodCol = layout.col.period === undefined ? "" : header[layout.col.period];
  const valueCol = layout.col.value === undefined ? "" : header[layout.col.value];
  // Region ids in order of first appearance: by cell text (-1: invalid) and by canonical code.
  const regionOfCell = new Map<string, number>();
  const regionId = new Map<string, number>();
  const regionCodes: string[] = [];
  for (let t = 0; t < tableRows.length; t++) {
    const { line, cells } = tableRows[t];
    const regionCell = cell(cells, layout.col.region_code);
    let region = regionOfCell.get(regionCell);
    if (region === undefined) {
      try {
        const code = parseRegionCode(halfWidthDigits(regionCell)).code;
        region = regionId.get(code);
        if (region === undefined) {
          region = regionCodes.length;
          regionId.set(code, region);
          regionCodes.push(code);
        }
      } catch {
        region = -1;
      }
      regionOfCell.set(regionCell, region);
    }
    if (region < 0) bad(line, regionCol, regionCell, "invalid_region_code");
    if (long) {
      vRow[count] = t;
      vRegion[count] = region;
      vIndicator[count] = checkIndicator(line, indicatorCol, cell(cells, layout.col.indicator));
      vPeriod[count] = checkPeriod(line, periodCol, cell(cells, layout.col.period));
      vCell.push(cell(cells, layout.col.value));
      vColumn.push(valueCol);
      count++;
      continue;
    }
    let rowIndicator = -1;
    let rowPeriod = 0;
    if (layout.format === "wide-by-year")
      rowIndicator = checkIndicator(line, indicatorCol, cell(cells, layout.col.indicator));
    else rowPeriod = checkPeriod(line, periodCol, cell(cells, layout.col.period));
    for (const vc of layout.valueColumns) {
      const valueCell = cell(cells, vc.index);
      if (valueCell === "") continue; // a blank cell in a wide table is a missing value, not an error
      vRow[count] = t;
      vRegion[count] = region;
      vIndicator[count] =
        layout.format === "wide-by-indicator" ? (wideIndicator.get(vc.index) ?? -1) : rowIndicator;
      vPeriod[count] = layout.format === "wide-by-year" ? (wideYear.get(vc.index) ?? 0) : rowPeriod;
      vCell.push(valueCell);
      vColumn.push(vc.header);
      count++;
    }
  }

  // A region outside the actor's write scope is reported exactly like a region that does not exist, so an
  // upload cannot be used to probe which codes exist elsewhere.
  assertMayAnywhere(ctx.actor, "write");
  const stored = await ctx.store.presentRegionCodes(regionCodes);
  const known = new Uint8Array(regionCodes.length);
  for (let r = 0; r < regionCodes.length; r++) {
    known[r] = stored.has(regionCodes[r]) && can(ctx.actor, "write", regionCodes[r]) ? 1 : 0;
  }
  // One unknown_region per table row (its values are contiguous).
  let reportedRow = -1;
  for (let v = 0; v < count; v++) {
    const region = vRegion[v];
    if (region >= 0 && known[region] === 0 && vRow[v] !== reportedRow) {
      const { line, cells } = tableRows[vRow[v]];
      bad(line, regionCol, cell(cells, layout.col.region_code), "unknown_region");
      reportedRow = vRow[v];
    }
  }

  let normalisedNumbers = 0;
  let convertedUnits = 0;
  let duplicatesMerged = 0;
  const out: PreparedObservation[] = [];
  // The output row of each key: region id, indicator index and year in one number (no string per value).
  const years = currentYear + 2 - FIRST_PERIOD;
  const byKey = new KeyIndex(count);
  const unitCol = layout.col.unit === undefined ? "unit" : header[layout.col.unit];
  const fallbackSource = options.source || file;
  for (let v = 0; v < count; v++) {
    const valueCell = vCell[v];
    const { line, cells } = tableRows[vRow[v]];
    let value = plainDecimal(valueCell);
    if (value === null) {
      const parsed = parseNumberCell(valueCell);
      if (!parsed) {
        bad(line, vColumn[v], valueCell, "non_numeric");
        continue;
      }
      if (parsed.normalised) normalisedNumbers++;
      value = parsed.value;
    }
    const region = vRegion[v];
    const k = vIndicator[v];
    const period = vPeriod[v];
    if (k < 0 || period === 0 || region < 0 || known[region] === 0) continue;
    const indicator = catalogueList[k];
    const unit = cell(cells, layout.col.unit);
    if (unit !== "") {
      const factor = unitFactor(unit, indicator.unit);
      if (factor === null) {
        bad(line, unitCol, unit, "unit_mismatch", `${indicator.code} is in ${indicator.unit}`);
        continue;
      }
      if (factor !== 1) {
        value = convertValue(value, factor);
        convertedUnits++;
      }
    }
    const key = (region * catalogueList.length + k) * years + (period - FIRST_PERIOD);
    const firstAt = byKey.getOrAdd(key, out.length);
    if (firstAt >= 0) {
      const first = out[firstAt];
      if (first.value === value) duplicatesMerged++;
      else {
        bad(
          line,
          vColumn[v],
          valueCell,
          "conflicting_duplicate",
          `row ${first.sourceRow} has ${first.value} for ${regionCodes[region]} ${indicator.code} ${period}`,
        );
      }
      continue;
    }
    out.push({
      regionCode: regionCodes[region],
      indicatorCode: indicator.code,
      period,
      value,
      unit: indicator.unit,
      source: cell(cells, layout.col.source) || fallbackSource,
      note: cell(cells, layout.col.note) || null,
      sourceRow: line,
    });
  }
  if (errors.length > 0) {
    errors.sort((a, b) => a.row - b.row);
    throw importRejected(file, errors);
  }
  return {
    file,
    format: layout.format,
    encoding: table.encoding,
    rows: out,
    normalisedNumbers,
    convertedUnits,
    duplicatesMerged,
  };
}

/** The first `size` changes: new and revised ones first, then unchanged ones, each in row order. */
function sampleOf(
  count: number,
  size: number,
  changeAt: (i: number) => ObservationChange["change"],
  changeOf: (i: number) => ObservationChange,
): ObservationChange[] {
  const sample: ObservationChange[] = [];
  for (let i = 0; i < count && sample.length < size; i++)
    if (changeAt(i) !== "unchanged") sample.push(changeOf(i));
  for (let i = 0; i < count && sample.length < size; i++)
    if (changeAt(i) === "unchanged") sample.push(changeOf(i));
  return sample;
}

/** The store's WriteDetail.change codes: 0 new, 1 revised, 2 unchanged. */
const CHANGE_OF_CODE: readonly ObservationChange["change"][] = ["new", "revised", "unchanged"];

/**
 * Validates and (unless a dry run) writes an already-read table. A dry run diffs against the stored values; a
 * real import lets the store's write classify each row, inside the write's transaction.
 */
export async function importObservationTable(
  ctx: ServiceContext,
  table: Table,
  options: ImportObservationsOptions = {},
): Promise<ImportObservationsResult> {
  const catalogue = await importCatalogue(ctx);
  const prepared = await prepareObservationImport(ctx, table, options, catalogue.indicators);
  return writePreparedImport(ctx, prepared, catalogue.missingBuiltins, options);
}

/**
 * The indicators an import may write: the stored ones and the built-in catalogue, which is usable before
 * `ronghe init` stored it (it is stored with the first real import).
 */
async function importCatalogue(
  ctx: ServiceContext,
): Promise<{ indicators: Indicator[]; missingBuiltins: Indicator[] }> {
  const stored = await ctx.store.listIndicators();
  const storedCodes = new Set(stored.map((i) => i.code));
  const missingBuiltins = builtinCatalogue().filter((i) => !storedCodes.has(i.code));
  return { indicators: [...stored, ...missingBuiltins], missingBuiltins };
}

async function writePreparedImport(
  ctx: ServiceContext,
  prepared: PreparedImport,
  missingBuiltins: readonly Indicator[],
  options: ImportObservationsOptions,
): Promise<ImportObservationsResult> {
  const { rows } = prepared;
  const sampleSize = options.sampleSize ?? 20;
  const result: ImportObservationsResult = {
    file: prepared.file,
    format: prepared.format,
    encoding: prepared.encoding,
    dryRun: options.dryRun ?? false,
    importId: null,
    values: rows.length,
    new: 0,
    revised: 0,
    unchanged: 0,
    normalisedNumbers: prepared.normalisedNumbers,
    convertedUnits: prepared.convertedUnits,
    duplicatesMerged: prepared.duplicatesMerged,
    sample: [],
  };
  // What happened (or, in a dry run, would happen) to each row, by the store's own comparison.
  const report = (counts: WriteCounts & { detail: WriteDetail }) => {
    const { detail } = counts;
    result.new = counts.inserted;
    result.revised = counts.revised;
    result.unchanged = counts.unchanged;
    const changeAt = (i: number) => CHANGE_OF_CODE[detail.change[i]];
    result.sample = sampleOf(rows.length, sampleSize, changeAt, (i) => {
      const r = rows[i];
      const before = detail.before[i];
      return {
        regionCode: r.regionCode,
        indicatorCode: r.indicatorCode,
        period: r.period,
        row: r.sourceRow,
        change: changeAt(i),
        before: Number.isNaN(before) ? null : before,
        after: r.value,
      };
    });
  };
  if (options.dryRun) {
    report(await ctx.store.classifyObservations(rows));
    return result;
  }
  const importId = await ctx.store.transaction(async (tx) => {
    if (missingBuiltins.length > 0) await tx.upsertIndicators(missingBuiltins);
    const record = await tx.createImport({
      fileName: prepared.file,
      format: prepared.format,
      kind: "observations",
      actor: ctx.actor.username,
      rowCount: rows.length,
    });
    ctx.progress?.(0, rows.length, "写入观测值");
    const written = await tx.writeObservations(rows, {
      author: ctx.actor.username,
      reason: options.reason ?? `import ${prepared.file}`,
      sourceFile: prepared.file,
      importId: record.id,
      status: options.status,
      detail: true,
    });
    if (!written.detail) throw new Error("the store's write returned no per-row detail");
    report({ ...written, detail: written.detail });
    await tx.updateImport(record.id, {
      summary: {
        format: result.format,
        encoding: result.encoding,
        new: result.new,
        revised: result.revised,
        unchanged: result.unchanged,
        normalisedNumbers: result.normalisedNumbers,
        convertedUnits: result.convertedUnits,
      },
    });
    return record.id;
  });
  ctx.progress?.(rows.length, rows.length, "写入观测值");
  result.importId = importId;
  return result;
}

/**
 * Reads CSV/XLSX bytes and imports them (see importObservationTable). A long-form CSV in canonical shape with
 * only good rows takes the fast lane (prepareCanonicalLongCsv); every other file is read by readTable.
 */
export async function importObservations(
  ctx: ServiceContext,
  file: { fileName: string; bytes: Uint8Array },
  options: ImportObservationsOptions = {},
): Promise<ImportObservationsResult> {
  const catalogue = await importCatalogue(ctx);
  const canonical = await prepareCanonicalLongCsv(ctx, file, options, catalogue.indicators);
  if (canonical) {
    try {
      return await writePreparedImport(ctx, canonical, catalogue.missingBuiltins, options);
    } catch (error) {
      // An unknown region stopped the write (and rolled it back): the general path names every such row.
      if (!isRongheError(error) || error.code !== "unknown_region") throw error;
    }
  }
  const table = await readTable(file.bytes, file.fileName);
  const prepared = await prepareObservationImport(ctx, table, options, catalogue.indicators);
  return writePreparedImport(ctx, prepared, catalogue.missingBuiltins, options);
}
