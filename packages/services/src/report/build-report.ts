// `buildReport`: the 城乡融合发展专项评估报告 of a region and year as self-contained HTML, from an evaluation
// run of the scheme (reused when an identical run is stored), the stored data and, with a plan, its targets.
// `renderPdf` prints the HTML to PDF.
import { RongheError } from "@ronghe/core";
import type { ServiceContext } from "../context.ts";
import type { EvaluationScheme } from "../evaluation/scheme.ts";
import { loadChartEngine } from "./charts.ts";
import { REPORT_LANGS, type ReportLang } from "./labels.ts";
import { renderReportHtml } from "./render-html.ts";
import { loadReportData, type ReportData } from "./report-data.ts";
import { resolveScheme } from "./resolve-scheme.ts";

export interface BuildReportOptions {
  regionCode: string;
  year: number;
  /** a parsed scheme; else `schemeFile`, else `schemeName`, else the default scheme of the region */
  scheme?: EvaluationScheme;
  schemeFile?: string;
  /** a shipped scheme, schemes/NAME.yaml */
  schemeName?: string;
  /** a stored monitoring plan: adds target progress and its open warnings */
  planId?: string;
  lang?: ReportLang;
  /** shown on the cover (default: now) */
  generatedAt?: string;
}

export interface ReportResult {
  html: string;
  lang: ReportLang;
  title: string;
  regionCode: string;
  year: number;
  runId: string;
  runHash: string;
  inputsHash: string;
  /** true when the evaluation run was already stored */
  runReused: boolean;
  schemeName: string;
  schemeFile: string | null;
  planId: string | null;
  /** everything the report shows, as numbers */
  data: ReportData;
}

export async function buildReport(ctx: ServiceContext, options: BuildReportOptions): Promise<ReportResult> {
  const lang = options.lang ?? "zh";
  if (!REPORT_LANGS.includes(lang)) {
    throw new RongheError("invalid_input", `lang must be one of ${REPORT_LANGS.join(", ")}, not "${lang}"`, {
      lang,
    });
  }
  if (!Number.isInteger(options.year)) {
    throw new RongheError("invalid_input", `year must be an integer, not ${options.year}`, {
      year: options.year,
    });
  }
  const { scheme, file } = await resolveScheme(options.regionCode, options);
  const data = await loadReportData(ctx, {
    regionCode: options.regionCode,
    year: options.year,
    scheme,
    schemeFile: file,
    ...(options.planId !== undefined ? { planId: options.planId } : {}),
  });
  await loadChartEngine();
  const html = renderReportHtml(data, { lang, generatedAt: options.generatedAt ?? new Date().toISOString() });
  const title = /<title>([^<]*)<\/title>/.exec(html)?.[1] ?? "";
  return {
    html,
    lang,
    title,
    regionCode: data.region.code,
    year: data.year,
    runId: data.run.id,
    runHash: data.run.run_hash,
    inputsHash: data.run.inputs_hash,
    runReused: data.run.reused,
    schemeName: scheme.name,
    schemeFile: file,
    planId: options.planId ?? null,
    data,
  };
}
