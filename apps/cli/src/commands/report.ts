// `ronghe report --region CODE --year Y [--scheme FILE] [--plan ID] [--lang zh|en] --out report.pdf|report.html`:
// the 城乡融合发展专项评估报告. The work is in @ronghe/services (packages/services/src/report); this file reads
// argv, writes the file and prints what was written.
import { writeFile } from "node:fs/promises";
import { RongheError } from "@ronghe/core";
import {
  buildReport,
  findChromium,
  REPORT_LANGS,
  type ReportLang,
  renderPdf,
  SYSTEM_ACTOR,
} from "@ronghe/services";
import type { Command } from "commander";
import { type DbOptions, withStore } from "../context.ts";
import { type OutputOptions, runCommand } from "../output.ts";

interface ReportOptions extends DbOptions, OutputOptions {
  region: string;
  year: string;
  scheme?: string;
  plan?: string;
  lang?: string;
  out: string;
}

export function registerReport(program: Command): void {
  program
    .command("report")
    .description(
      "城乡融合发展专项评估报告 (HTML or PDF): summary, urban-rural indicators, ranking and maps, coupling, obstacles, targets, methods",
    )
    .requiredOption("--region <code>", "region code, e.g. 500000")
    .requiredOption("--year <year>", "year of the report")
    .option(
      "--scheme <file>",
      "evaluation scheme (default: the shipped scheme of the region, e.g. schemes/chongqing-default.yaml)",
    )
    .option("--plan <id>", "monitoring plan: adds target progress and open warnings")
    .option("--lang <lang>", "zh (default) or en")
    .requiredOption("--out <file>", "report.pdf or report.html")
    .option("--db <url>", "store: SQLite file or postgres:// URL (default $RONGHE_DB or ./ronghe.db)")
    .option("--json", "print JSON")
    .action((options: ReportOptions) =>
      runCommand(options, async () => {
        const format = /\.pdf$/i.test(options.out) ? "pdf" : /\.html?$/i.test(options.out) ? "html" : null;
        if (format === null)
          throw new RongheError("invalid_input", `--out must end in .pdf or .html, not "${options.out}"`, {
            out: options.out,
          });
        const year = Number(options.year);
        if (!Number.isInteger(year))
          throw new RongheError("invalid_input", `--year must be an integer, not "${options.year}"`, {
            year: options.year,
          });
        const lang = (options.lang ?? "zh") as ReportLang;
        if (!REPORT_LANGS.includes(lang))
          throw new RongheError("invalid_input", `--lang must be zh or en, not "${options.lang}"`, {
            lang: options.lang,
          });
        // Fail before the work when the PDF cannot be printed.
        if (format === "pdf" && findChromium() === null) {
          throw new RongheError(
            "invalid_input",
            "PDF needs chromium: apt-get install chromium fonts-noto-cjk（生成 PDF 需要 chromium 与 fonts-noto-cjk；HTML 可用 --out report.html）",
            {},
          );
        }
        return withStore(options, async (store) => {
          const report = await buildReport(
            { store, actor: SYSTEM_ACTOR },
            {
              regionCode: options.region,
              year,
              lang,
              ...(options.scheme ? { schemeFile: options.scheme } : {}),
              ...(options.plan ? { planId: options.plan } : {}),
            },
          );
          let pages: number | null = null;
          let tocPages: Record<string, number> | null = null;
          if (format === "pdf") {
            const pdf = await renderPdf(report.html, options.out);
            pages = pdf.pages;
            tocPages = pdf.tocPages;
          } else await writeFile(options.out, report.html, "utf8");
          const result = {
            out: options.out,
            format,
            title: report.data.region.name,
            region: report.regionCode,
            year: report.year,
            lang: report.lang,
            runId: report.runId,
            runHash: report.runHash,
            inputsHash: report.inputsHash,
            runReused: report.runReused,
            scheme: report.schemeName,
            schemeFile: report.schemeFile,
            planId: report.planId,
            units: report.data.rows.length,
            pages,
            tocPages,
          };
          return {
            json: result,
            print: () => {
              const w = (s: string) => process.stdout.write(`${s}\n`);
              w(`报告 report: ${options.out} (${format}${pages !== null ? `, ${pages} 页 pages` : ""})`);
              w(`区域 region: ${report.data.region.name} ${report.regionCode}   年份 year: ${report.year}`);
              w(`方案 scheme: ${report.schemeName}${report.schemeFile ? ` (${report.schemeFile})` : ""}`);
              w(`运行 run: ${report.runId}${report.runReused ? " (复用已存运行 / stored run reused)" : ""}`);
              w(`run hash: ${report.runHash}`);
              if (format === "pdf" && tocPages === null)
                w("目录页码未生成（需要 pdftotext / poppler-utils） — contents without page numbers");
            },
          };
        });
      }),
    );
}
