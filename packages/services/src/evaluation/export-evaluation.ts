// Evaluation results as a flat table, CSV text or an XLSX workbook (for the CLI's --out and server downloads).
// Numbers are written at full precision; undefined values are empty cells.
// exceljs is loaded on first use: it is large and most commands never write a workbook
import type ExcelJSModule from "exceljs";
import type { EvaluationRunView } from "./evaluate-scheme.ts";

export const RESULT_COLUMNS = [
  "year",
  "rank",
  "region",
  "name",
  "index",
  "u_urban",
  "u_rural",
  "coupling",
  "development",
  "coordination",
  "level",
  "level_name",
  "top_obstacles",
  "theil",
  "income_ratio",
  "lisa_cluster",
  "median_rank",
  "rank_p05",
  "rank_p95",
] as const;

export type ResultRecord = Record<(typeof RESULT_COLUMNS)[number], string | number | null>;

/** One record per region-year, ordered by year then rank; uncertainty columns are null without uncertainty. */
export function evaluationRecords(view: EvaluationRunView): ResultRecord[] {
  const unc = new Map<string, { median_rank: number; rank_p05: number; rank_p95: number }>();
  for (const y of view.summary.uncertainty?.years ?? [])
    for (const r of y.regions) unc.set(`${r.region}@${y.year}`, r);
  return view.rows.map((row) => {
    const u = unc.get(`${row.region}@${row.year}`);
    return {
      year: row.year,
      rank: row.rank,
      region: row.region,
      name: row.name,
      index: row.index,
      u_urban: row.u_urban,
      u_rural: row.u_rural,
      coupling: row.coupling,
      development: row.development,
      coordination: row.coordination,
      level: row.level,
      level_name: row.level_name,
      top_obstacles: row.top_obstacles ? row.top_obstacles.map((o) => o.code).join(";") : null,
      theil: row.theil,
      income_ratio: row.income_ratio,
      lisa_cluster: row.lisa?.cluster ?? null,
      median_rank: u?.median_rank ?? null,
      rank_p05: u?.rank_p05 ?? null,
      rank_p95: u?.rank_p95 ?? null,
    };
  });
}

function csvCell(value: string | number | null): string {
  if (value === null) return "";
  if (typeof value === "number") return Number.isFinite(value) ? String(value) : "";
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** UTF-8 CSV with a byte-order mark (so that spreadsheet programs read the Chinese names correctly). */
export function evaluationCsv(view: EvaluationRunView): string {
  const lines = [RESULT_COLUMNS.join(",")];
  for (const rec of evaluationRecords(view)) lines.push(RESULT_COLUMNS.map((c) => csvCell(rec[c])).join(","));
  return `\ufeff${lines.join("\r\n")}\r\n`;
}

/** Sheets: results, weights, dropped, run (hashes and parameters), and uncertainty when present. */
export async function evaluationXlsx(view: EvaluationRunView): Promise<Buffer> {
  const ExcelJS: typeof ExcelJSModule = (await import("exceljs")).default;
  const wb = new ExcelJS.Workbook();
  const results = wb.addWorksheet("results");
  results.addRow([...RESULT_COLUMNS]);
  for (const rec of evaluationRecords(view)) results.addRow(RESULT_COLUMNS.map((c) => rec[c]));

  const weights = wb.addWorksheet("weights");
  weights.addRow(["year", "code", "name", "subsystem", "direction", "weight", "effective_weight"]);
  for (const set of view.summary.weights) {
    for (const w of set.indicators) {
      weights.addRow([
        set.year ?? "pooled",
        w.code,
        w.name,
        w.subsystem,
        w.direction,
        w.weight,
        w.effective_weight,
      ]);
    }
  }

  const dropped = wb.addWorksheet("dropped");
  dropped.addRow(["region", "name", "year", "reason", "missing"]);
  for (const d of view.summary.dropped)
    dropped.addRow([d.region, d.name, d.year, d.reason, d.missing.join(";")]);

  const run = wb.addWorksheet("run");
  const meta: [string, unknown][] = [
    ["run_id", view.id],
    ["run_hash", view.run_hash],
    ["inputs_hash", view.inputs_hash],
    ["engine_version", view.engine_version],
    ["scheme", view.scheme_name],
    ["region", view.region],
    ["created_at", view.created_at],
    ["scheme_json", JSON.stringify(view.scheme)],
    ["parameters_json", JSON.stringify(view.parameters)],
  ];
  for (const [k, v] of meta) run.addRow([k, v as string]);

  const unc = view.summary.uncertainty;
  if (unc) {
    const sheet = wb.addWorksheet("uncertainty");
    sheet.addRow(["year", "region", "name", "rank", "median_rank", "rank_p05", "rank_p95"]);
    for (const y of unc.years) {
      for (const r of y.regions)
        sheet.addRow([y.year, r.region, r.name, r.rank, r.median_rank, r.rank_p05, r.rank_p95]);
    }
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}
