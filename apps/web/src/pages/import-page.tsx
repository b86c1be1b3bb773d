// Import: upload CSV/XLSX (POST /api/imports, multipart). The file is also read in the browser so that a 422
// import_rejected can be shown next to the rows it concerns; rows are numbered as in the file (header = 1).
import { type FormEvent, useState } from "react";
import { api } from "../api/client.ts";
import type { ImportRowError, ImportSummary } from "../api/types.ts";
import { useI18n } from "../i18n/i18n.tsx";
import { ApiError, errorMessage, rowReasonText } from "../lib/api-error.ts";
import { parseCsv } from "../lib/csv.ts";
import { groupRowErrors, importSummaryOf } from "../lib/row-errors.ts";

async function readRows(file: File): Promise<string[][] | null> {
  if (/\.csv$|\.txt$/i.test(file.name) || file.type === "text/csv") return parseCsv(await file.text());
  if (/\.xlsx$/i.test(file.name)) {
    try {
      const mod = (await import("exceljs")) as unknown as { default?: unknown; Workbook?: unknown };
      const ExcelJS = (mod.default ?? mod) as { Workbook: new () => XlsxWorkbook };
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(await file.arrayBuffer());
      const ws = wb.worksheets[0];
      if (!ws) return [];
      const out: string[][] = [];
      for (let r = 1; r <= ws.rowCount; r++) {
        const row = ws.getRow(r);
        const cells: string[] = [];
        for (let c = 1; c <= Math.max(row.cellCount, ws.columnCount); c++)
          cells.push(row.getCell(c).text ?? "");
        out.push(cells);
      }
      return out;
    } catch {
      return null;
    }
  }
  return null;
}

interface XlsxWorkbook {
  xlsx: { load: (b: ArrayBuffer) => Promise<unknown> };
  worksheets: {
    rowCount: number;
    columnCount: number;
    getRow: (r: number) => { cellCount: number; getCell: (c: number) => { text: string } };
  }[];
}

export function ImportPage() {
  const { t, lang } = useI18n();
  const [file, setFile] = useState<File | null>(null);
  const [rows, setRows] = useState<string[][] | null>(null);
  const [format, setFormat] = useState<"long" | "wide">("long");
  const [dryRun, setDryRun] = useState(false);
  const [source, setSource] = useState("");
  const [busy, setBusy] = useState(false);
  const [summary, setSummary] = useState<{ s: ImportSummary; dry: boolean } | null>(null);
  const [rowErrors, setRowErrors] = useState<ImportRowError[] | null>(null);
  const [error, setError] = useState<unknown>(null);

  const choose = async (f: File | null) => {
    setFile(f);
    setSummary(null);
    setRowErrors(null);
    setError(null);
    setRows(f ? await readRows(f) : null);
  };

  const upload = async (e: FormEvent) => {
    e.preventDefault();
    if (!file) return;
    setBusy(true);
    setSummary(null);
    setRowErrors(null);
    setError(null);
    const form = new FormData();
    form.set("format", format);
    form.set("dryRun", String(dryRun));
    if (source) form.set("source", source);
    form.set("file", file, file.name);
    try {
      const res = await api.upload<Record<string, unknown>>("/api/imports", form);
      setSummary({ s: importSummaryOf(res), dry: dryRun });
    } catch (err) {
      if (err instanceof ApiError && err.code === "import_rejected" && Array.isArray(err.details?.errors)) {
        setRowErrors(err.details.errors as ImportRowError[]);
      } else setError(err);
    } finally {
      setBusy(false);
    }
  };

  const grouped = groupRowErrors(rowErrors ?? [], rows?.length ?? 0);
  const header = rows?.[0] ?? [];
  const width = Math.max(header.length, ...(rows ?? []).map((r) => r.length));
  const errText = (e: ImportRowError) =>
    t("import.errorText", {
      column: e.column ?? "—",
      value: e.value === undefined || e.value === null ? "" : String(e.value),
      reason: rowReasonText(e.reason, lang),
    });

  return (
    <div className="import-page">
      <form className="card" onSubmit={upload} data-testid="import-form">
        <h2>{t("import.title")}</h2>
        <div className="row wrap">
          <label>
            {t("import.file")}
            <input
              type="file"
              name="file"
              accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
              onChange={(e) => choose(e.target.files?.[0] ?? null)}
              data-testid="import-file"
            />
          </label>
          <label>
            {t("import.format")}
            <select value={format} onChange={(e) => setFormat(e.target.value as "long" | "wide")}>
              <option value="long">{t("import.format.long")}</option>
              <option value="wide">{t("import.format.wide")}</option>
            </select>
          </label>
          <label className="check">
            <input
              type="checkbox"
              checked={dryRun}
              onChange={(e) => setDryRun(e.target.checked)}
              data-testid="import-dry-run"
            />
            {t("import.dryRun")}
          </label>
          <label>
            {t("import.source")}
            <input value={source} onChange={(e) => setSource(e.target.value)} />
          </label>
          <button type="submit" className="primary" disabled={!file || busy} data-testid="import-upload">
            {busy ? t("common.loading") : t("import.upload")}
          </button>
        </div>
        {summary ? (
          <div className="ok" role="status" data-testid="import-ok">
            {summary.dry ? t("import.dryOk", { rows: summary.s.rows }) : t("import.ok", { ...summary.s })}
          </div>
        ) : null}
        {rowErrors ? (
          <div className="error" role="alert" data-testid="import-rejected">
            {t("import.rejected", { n: rowErrors.length })}
          </div>
        ) : null}
        {error ? (
          <div className="error" role="alert">
            {errorMessage(error, lang)}
          </div>
        ) : null}
      </form>
      {grouped.other.length > 0 ? (
        <section className="card">
          <h3>{t("import.otherErrors")}</h3>
          <ul className="errors">
            {grouped.other.map((e, i) => (
              <li key={i}>
                {e.row ? `${t("import.row")} ${e.row}: ` : ""}
                {errText(e)}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {file ? (
        <section className="card">
          <h3>
            {t("import.preview")} · {file.name}{" "}
            {rows ? `· ${t("common.rows", { n: Math.max(rows.length - 1, 0) })}` : ""}
          </h3>
          {rows ? (
            <div className="table-wrap preview">
              <table data-testid="import-preview">
                <thead>
                  <tr>
                    <th>{t("import.row")}</th>
                    {Array.from({ length: width }, (_, c) => (
                      <th key={c}>{header[c] ?? ""}</th>
                    ))}
                    <th>{t("import.errors")}</th>
                  </tr>
                </thead>
                <tbody>
                  {rows.slice(1).map((r, i) => {
                    const line = i + 2;
                    const errs = grouped.byRow.get(line) ?? [];
                    const badCols = new Set(errs.map((e) => e.column));
                    return (
                      <tr key={line} className={errs.length > 0 ? "bad" : ""} data-row={line}>
                        <td className="num">{line}</td>
                        {Array.from({ length: width }, (_, c) => (
                          <td key={c} className={badCols.has(header[c]) ? "bad-cell" : ""}>
                            {r[c] ?? ""}
                          </td>
                        ))}
                        <td className="row-errors">
                          {errs.map((e, k) => (
                            <div key={k}>{errText(e)}</div>
                          ))}
                        </td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            </div>
          ) : (
            <div className="muted small">{t("import.previewUnavailable")}</div>
          )}
        </section>
      ) : null}
    </div>
  );
}
