// `ronghe export`: the rows of queryObservations as CSV (UTF-8 with BOM, so Excel reads the Chinese names),
// XLSX or JSON. The CSV is itself a valid long-form import file (extra columns are ignored on import).

import { RongheError } from "@ronghe/core";
// exceljs is loaded on first use: it is large and most commands never write a workbook
import type ExcelJSModule from "exceljs";
import type { ServiceContext } from "../context.ts";
import { type ObservationsQuery, type ObservationValue, queryObservations } from "./query-observations.ts";

export const EXPORT_FORMATS = ["csv", "xlsx", "json"] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

const COLUMNS = [
  "region_code",
  "region_name",
  "level",
  "indicator",
  "period",
  "value",
  "unit",
  "origin",
  "status",
  "source",
  "note",
] as const;

function record(row: ObservationValue): Array<string | number | null> {
  return [
    row.regionCode,
    row.regionName,
    row.level,
    row.indicatorCode,
    row.period,
    row.value,
    row.unit,
    row.origin,
    row.status,
    row.source,
    row.note,
  ];
}

function csvCell(value: string | number | null): string {
  if (value === null) return "";
  const text = String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function observationsToCsv(rows: readonly ObservationValue[]): string {
  const lines = [COLUMNS.join(",")];
  for (const row of rows) lines.push(record(row).map(csvCell).join(","));
  return `\uFEFF${lines.join("\r\n")}\r\n`;
}

export async function observationsToXlsx(rows: readonly ObservationValue[]): Promise<Uint8Array> {
  const ExcelJS: typeof ExcelJSModule = (await import("exceljs")).default;
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet("observations");
  sheet.addRow([...COLUMNS]);
  for (const row of rows) sheet.addRow(record(row));
  // Codes are text: a 12-digit village code must not become 5.00235E+11.
  sheet.getColumn(1).numFmt = "@";
  const buffer = await workbook.xlsx.writeBuffer();
  return new Uint8Array(buffer as ArrayBuffer);
}

export interface ExportResult {
  format: ExportFormat;
  rows: number;
  bytes: Uint8Array;
}

export async function exportObservations(
  ctx: ServiceContext,
  query: ObservationsQuery,
  format: ExportFormat,
): Promise<ExportResult> {
  if (!(EXPORT_FORMATS as readonly string[]).includes(format)) {
    throw new RongheError("invalid_input", `format must be one of ${EXPORT_FORMATS.join(", ")}`, { format });
  }
  const result = await queryObservations(ctx, query);
  let bytes: Uint8Array;
  if (format === "csv") bytes = new TextEncoder().encode(observationsToCsv(result.rows));
  else if (format === "xlsx") bytes = await observationsToXlsx(result.rows);
  else bytes = new TextEncoder().encode(`${JSON.stringify(result, null, 2)}\n`);
  return { format, rows: result.rows.length, bytes };
}
