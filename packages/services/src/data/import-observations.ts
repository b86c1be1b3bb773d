// `ronghe import observations FILE`: long or wide tables of (region, indicator, period, value), all-or-nothing.
//
//   long                region_code,indicator,period,value[,unit,source,note]
//   wide by indicator   region_code,period,ECO-01,ECO-02,…     (one column per indicator)
//   wide by year        region_code,indicator,2018,2019,…      (one column per year)
//
// Every row is validated before anything is written; any bad cell rejects the whole file with the full list
// (import_rejected). A good file is written in one store transaction with its provenance (import id, file,
// row, source, actor); unchanged values make no new revision. A dry run reports what would change.
import { parseRegionCode, RongheError } from "@ronghe/core";
import type { Indicator, ObservationInput, ObservationStatus, Store } from "@ronghe/store";
import { assertMayAnywhere, can } from "../access.ts";
import type { ServiceContext } from "../context.ts";
import { type ImportRowError, importRejected } from "./import-errors.ts";
import { builtinCatalogue } from "./indicator-catalogue.ts";
import { halfWidthDigits, parseNumberCell, plainDecimal } from "./numbers.ts";
import { readTable, type Table, type TableEncoding } from "./read-table.ts";
import { convertValue, unitFactor } from "./units.ts";

export const OBSERVATION_TABLE_FORMATS = ["long", "wide"] as const;
export type ObservationTableFormat = (typeof OBSERVATION_TABLE_FORMATS)[number];
export type DetectedFormat = "long" | "wide-by-indicator" | "wide-by-year";

export const FIRST_PERIOD = 1949;

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

const ALIASES: Record<string, string[]> = {
  region_code: ["region_code", "region", "code", "区划代码", "地区代码", "行政区划代码", "代码"],
  indicator: ["indicator", "indicator_code", "指标", "指标代码"],
  period: ["period", "year", "年份", "年度", "年"],
  value: ["value", "数值", "值"],
  unit: ["unit", "单位"],
  source: ["source", "来源", "数据来源"],
  note: ["note", "notes", "备注"],
};
/** columns read but not used (names, exports' extra columns) */
const IGNORED = new Set([
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

function columnRole(header: string): string | null {
  const h = header.trim().toLowerCase();
  for (const [role, names] of Object.entries(ALIASES)) if (names.includes(h)) return role;
  return null;
}

function yearOfHeader(header: string): number | null {
  const m = /^(\d{4})(?:年)?$/.exec(halfWidthDigits(header));
  return m ? Number(m[1]) : null;
}

interface Layout {
  format: DetectedFormat;
  col: Partial<Record<keyof typeof ALIASES, number>>;
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
    else if (!IGNORED.has(h.trim().toLowerCase()) && h.trim() !== "")
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

async function knownRegions(store: Store, codes: string[]): Promise<Set<string>> {
  const known = new Set<string>();
  for (let i = 0; i < codes.length; i += 1000) {
    for (const r of await store.getRegions(codes.slice(i, i + 1000))) known.add(r.code);
  }
  return known;
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
  const indicators = new Map<string, Indicator>(
    (catalogue ?? (await ctx.store.listIndicators())).map((i) => [i.code, i]),
  );
  const currentYear = new Date().getFullYear();
  const checkIndicator = (row: number, column: string, code: string): Indicator | null => {
    const ind = indicators.get(code);
    if (!ind) bad(row, column, code, "unknown_indicator");
    else if (ind.formula)
      bad(row, column, code, "derived_indicator", `${code} is derived (${ind.formula}) and computed on read`);
    return ind && !ind.formula ? ind : null;
  };
  // Large files repeat the same few periods and region codes: valid cells are parsed once.
  const validPeriods = new Map<string, number>();
  const checkPeriod = (row: number, column: string, text: string): number | null => {
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
      return null;
    }
    validPeriods.set(text, year);
    return year;
  };

  // Header-level checks of the wide forms: each value column must be a known indicator or a valid year.
  const wideIndicator = new Map<number, Indicator>();
  const wideYear = new Map<number, number>();
  for (const vc of layout.valueColumns) {
    if (layout.format === "wide-by-indicator") {
      const ind = checkIndicator(table.headerLine, vc.header, vc.header);
      if (ind) wideIndicator.set(vc.index, ind);
    } else {
      const year = checkPeriod(table.headerLine, vc.header, vc.header);
      if (year !== null) wideYear.set(vc.index, year);
    }
  }

  interface Raw {
    line: number;
    regionCell: string;
    region: string | null;
    indicator: Indicator | null;
    indicatorColumn: string;
    period: number | null;
    valueCell: string;
    valueColumn: string;
    unit: string;
    source: string;
    note: string;
  }
  const raws: Raw[] = [];
  const cell = (cells: string[], index: number | undefined) =>
    index === undefined ? "" : (cells[index] ?? "").trim();
  const regionCol = table.header[layout.col.region_code as number];
  const validRegions = new Map<string, string>();
  for (const { line, cells } of table.rows) {
    const regionCell = cell(cells, layout.col.region_code);
    let region: string | null = validRegions.get(regionCell) ?? null;
    if (region === null) {
      try {
        region = parseRegionCode(halfWidthDigits(regionCell)).code;
        validRegions.set(regionCell, region);
      } catch {
        bad(line, regionCol, regionCell, "invalid_region_code");
      }
    }
    const unit = cell(cells, layout.col.unit);
    const source = cell(cells, layout.col.source);
    const note = cell(cells, layout.col.note);
    if (layout.format === "long") {
      const indCol = table.header[layout.col.indicator as number];
      const periodCol = table.header[layout.col.period as number];
      const code = cell(cells, layout.col.indicator);
      raws.push({
        line,
        regionCell,
        region,
        indicator: checkIndicator(line, indCol, code),
        indicatorColumn: indCol,
        period: checkPeriod(line, periodCol, cell(cells, layout.col.period)),
        valueCell: cell(cells, layout.col.value),
        valueColumn: table.header[layout.col.value as number],
        unit,
        source,
        note,
      });
      continue;
    }
    let rowIndicator: Indicator | null = null;
    let rowPeriod: number | null = null;
    if (layout.format === "wide-by-year") {
      rowIndicator = checkIndicator(
        line,
        table.header[layout.col.indicator as number],
        cell(cells, layout.col.indicator),
      );
    } else {
      rowPeriod = checkPeriod(
        line,
        table.header[layout.col.period as number],
        cell(cells, layout.col.period),
      );
    }
    for (const vc of layout.valueColumns) {
      const valueCell = cell(cells, vc.index);
      if (valueCell === "") continue; // a blank cell in a wide table is a missing value, not an error
      raws.push({
        line,
        regionCell,
        region,
        indicator:
          layout.format === "wide-by-indicator" ? (wideIndicator.get(vc.index) ?? null) : rowIndicator,
        indicatorColumn: vc.header,
        period: layout.format === "wide-by-year" ? (wideYear.get(vc.index) ?? null) : rowPeriod,
        valueCell,
        valueColumn: vc.header,
        unit,
        source,
        note,
      });
    }
  }

  const distinct = [...new Set(raws.map((r) => r.region).filter((r): r is string => r !== null))];
  // A region outside the actor's write scope is reported exactly like a region that does not exist, so an
  // upload cannot be used to probe which codes exist elsewhere.
  assertMayAnywhere(ctx.actor, "write");
  const stored = await knownRegions(ctx.store, distinct);
  const known = new Set(distinct.filter((code) => stored.has(code) && can(ctx.actor, "write", code)));
  const reported = new Set<number>();
  for (const r of raws) {
    if (r.region !== null && !known.has(r.region) && !reported.has(r.line)) {
      bad(r.line, regionCol, r.regionCell, "unknown_region");
      reported.add(r.line);
    }
  }

  let normalisedNumbers = 0;
  let convertedUnits = 0;
  let duplicatesMerged = 0;
  const byKey = new Map<string, PreparedObservation>();
  const unitCol = layout.col.unit === undefined ? "unit" : table.header[layout.col.unit];
  for (const r of raws) {
    let value = plainDecimal(r.valueCell);
    if (value === null) {
      const parsed = parseNumberCell(r.valueCell);
      if (!parsed) {
        bad(r.line, r.valueColumn, r.valueCell, "non_numeric");
        continue;
      }
      if (parsed.normalised) normalisedNumbers++;
      value = parsed.value;
    }
    if (!r.indicator || r.period === null || r.region === null || !known.has(r.region)) continue;
    if (r.unit !== "") {
      const factor = unitFactor(r.unit, r.indicator.unit);
      if (factor === null) {
        bad(r.line, unitCol, r.unit, "unit_mismatch", `${r.indicator.code} is in ${r.indicator.unit}`);
        continue;
      }
      if (factor !== 1) {
        value = convertValue(value, factor);
        convertedUnits++;
      }
    }
    const key = `${r.region}|${r.indicator.code}|${r.period}`;
    const first = byKey.get(key);
    if (first) {
      if (first.value === value) duplicatesMerged++;
      else {
        bad(
          r.line,
          r.valueColumn,
          r.valueCell,
          "conflicting_duplicate",
          `row ${first.sourceRow} has ${first.value} for ${r.region} ${r.indicator.code} ${r.period}`,
        );
      }
      continue;
    }
    byKey.set(key, {
      regionCode: r.region,
      indicatorCode: r.indicator.code,
      period: r.period,
      value,
      unit: r.indicator.unit,
      source: r.source || options.source || file,
      note: r.note || null,
      sourceRow: r.line,
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
    rows: [...byKey.values()],
    normalisedNumbers,
    convertedUnits,
    duplicatesMerged,
  };
}

const sameText = (a: string | null | undefined, b: string | null | undefined) => (a ?? null) === (b ?? null);

/** Classifies each prepared row against the store's current values. */
export async function diffObservations(
  store: Store,
  rows: readonly PreparedObservation[],
): Promise<ObservationChange[]> {
  const current = new Map<
    string,
    { value: number; unit: string | null; source: string | null; note: string | null }
  >();
  if (rows.length > 0) {
    const indicators = [...new Set(rows.map((r) => r.indicatorCode))];
    const regions = [...new Set(rows.map((r) => r.regionCode))];
    let from = Number.POSITIVE_INFINITY;
    let to = Number.NEGATIVE_INFINITY;
    for (const r of rows) {
      if (r.period < from) from = r.period;
      if (r.period > to) to = r.period;
    }
    for (let i = 0; i < regions.length; i += 500) {
      const found = await store.queryObservations({
        regionCodes: regions.slice(i, i + 500),
        indicators,
        fromYear: from,
        toYear: to,
      });
      for (const o of found) current.set(`${o.regionCode}|${o.indicatorCode}|${o.period}`, o);
    }
  }
  return rows.map((r) => {
    const before = current.get(`${r.regionCode}|${r.indicatorCode}|${r.period}`);
    const change: ObservationChange["change"] = !before
      ? "new"
      : before.value === r.value &&
          sameText(before.unit, r.unit) &&
          sameText(before.source, r.source) &&
          sameText(before.note, r.note)
        ? "unchanged"
        : "revised";
    return {
      regionCode: r.regionCode,
      indicatorCode: r.indicatorCode,
      period: r.period,
      row: r.sourceRow,
      change,
      before: before?.value ?? null,
      after: r.value,
    };
  });
}

/** Validates, diffs and (unless a dry run) writes an already-read table. */
export async function importObservationTable(
  ctx: ServiceContext,
  table: Table,
  options: ImportObservationsOptions = {},
): Promise<ImportObservationsResult> {
  // The built-in catalogue is usable before `ronghe init` stored it; it is stored with the first real import.
  const stored = await ctx.store.listIndicators();
  const storedCodes = new Set(stored.map((i) => i.code));
  const missingBuiltins = builtinCatalogue().filter((i) => !storedCodes.has(i.code));
  const prepared = await prepareObservationImport(ctx, table, options, [...stored, ...missingBuiltins]);
  const changes = await diffObservations(ctx.store, prepared.rows);
  const count = (c: ObservationChange["change"]) => changes.reduce((n, x) => n + (x.change === c ? 1 : 0), 0);
  const sampleSize = options.sampleSize ?? 20;
  const sample = [
    ...changes.filter((c) => c.change !== "unchanged"),
    ...changes.filter((c) => c.change === "unchanged"),
  ].slice(0, sampleSize);
  const result: ImportObservationsResult = {
    file: prepared.file,
    format: prepared.format,
    encoding: prepared.encoding,
    dryRun: options.dryRun ?? false,
    importId: null,
    values: prepared.rows.length,
    new: count("new"),
    revised: count("revised"),
    unchanged: count("unchanged"),
    normalisedNumbers: prepared.normalisedNumbers,
    convertedUnits: prepared.convertedUnits,
    duplicatesMerged: prepared.duplicatesMerged,
    sample,
  };
  if (options.dryRun) return result;
  const summary = {
    format: result.format,
    encoding: result.encoding,
    new: result.new,
    revised: result.revised,
    unchanged: result.unchanged,
    normalisedNumbers: result.normalisedNumbers,
    convertedUnits: result.convertedUnits,
  };
  const importId = await ctx.store.transaction(async (tx) => {
    if (missingBuiltins.length > 0) await tx.upsertIndicators(missingBuiltins);
    const record = await tx.createImport({
      fileName: prepared.file,
      format: prepared.format,
      kind: "observations",
      actor: ctx.actor.username,
      rowCount: prepared.rows.length,
      summary,
    });
    ctx.progress?.(0, prepared.rows.length, "写入观测值");
    const counts = await tx.writeObservations(prepared.rows, {
      author: ctx.actor.username,
      reason: options.reason ?? `import ${prepared.file}`,
      sourceFile: prepared.file,
      importId: record.id,
      status: options.status,
    });
    if (counts.inserted !== result.new || counts.revised !== result.revised) {
      // The store is the authority; report what it did.
      result.new = counts.inserted;
      result.revised = counts.revised;
      result.unchanged = counts.unchanged;
      await tx.updateImport(record.id, {
        summary: { ...summary, new: counts.inserted, revised: counts.revised, unchanged: counts.unchanged },
      });
    }
    return record.id;
  });
  ctx.progress?.(prepared.rows.length, prepared.rows.length, "写入观测值");
  result.importId = importId;
  return result;
}

/** Reads CSV/XLSX bytes and imports them (see importObservationTable). */
export async function importObservations(
  ctx: ServiceContext,
  file: { fileName: string; bytes: Uint8Array },
  options: ImportObservationsOptions = {},
): Promise<ImportObservationsResult> {
  const table = await readTable(file.bytes, file.fileName);
  return importObservationTable(ctx, table, options);
}
