export type { BuildReportOptions, ReportResult } from "./build-report.ts";
export { buildReport } from "./build-report.ts";
export type { ReportLang } from "./labels.ts";
export { REPORT_LANGS } from "./labels.ts";
export type { RenderPdfOptions, RenderPdfResult } from "./render-pdf.ts";
export { CHROMIUM_ARGS, findChromium, findOnPath, pdfPageTexts, renderPdf } from "./render-pdf.ts";
export type { ReportData } from "./report-data.ts";
export type { ResolvedScheme, SchemeSource } from "./resolve-scheme.ts";
export { DEFAULT_SCHEMES, resolveScheme as resolveReportScheme, SCHEMES_DIR } from "./resolve-scheme.ts";
