// Reports: POST /api/reports starts a background job that builds the 城乡融合发展专项评估报告 (202 {jobId};
// progress at GET /api/jobs/{id}); GET /api/reports/{jobId}/file downloads the finished HTML or PDF. Files are
// kept in a server directory under a random name; only the account that started the job can fetch it.
import { randomUUID } from "node:crypto";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { JobAcceptedSchema, RegionCodeSchema } from "@ronghe/api-contract";
import { RongheError } from "@ronghe/core";
import { assertCan, buildReport, findChromium, renderPdf, resolveReportScheme } from "@ronghe/services";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { actorOf, ctxOf } from "../../context.ts";

export const REPORT_JOB_KIND = "report";

const ReportBodySchema = z.object({
  regionCode: RegionCodeSchema,
  year: z.number().int().min(1900).max(2200),
  format: z.enum(["pdf", "html"]),
  schemeName: z
    .string()
    .regex(/^[A-Za-z0-9._-]{1,100}$/)
    .optional(),
  planId: z.string().min(1).max(100).optional(),
  lang: z.enum(["zh", "en"]).optional(),
});

interface ReportJobResult {
  fileName: string;
  format: "pdf" | "html";
  bytes: number;
  pages: number | null;
  runId: string;
  runHash: string;
  regionCode: string;
  year: number;
}

const FILE_NAME = /^[0-9a-f-]{36}\.(pdf|html)$/;

export const reportRoutes: FastifyPluginAsyncZod<{ dir?: string }> = async (app, options) => {
  const dir = options.dir ?? join(tmpdir(), "ronghe-reports");

  app.post(
    "/api/reports",
    {
      schema: {
        tags: ["reports"],
        summary: "生成评估报告 Build a report",
        body: ReportBodySchema,
        response: { 202: JobAcceptedSchema },
      },
    },
    async (request, reply) => {
      const ctx = ctxOf(request);
      const body = request.body;
      // Everything that can be checked now fails the request, not the job.
      assertCan(ctx.actor, "read", body.regionCode);
      const { scheme, file } = await resolveReportScheme(
        body.regionCode,
        body.schemeName ? { schemeName: body.schemeName } : {},
      );
      assertCan(ctx.actor, "analyze", scheme.region);
      if (body.format === "pdf" && findChromium() === null) {
        throw new RongheError(
          "invalid_input",
          "PDF needs chromium: apt-get install chromium fonts-noto-cjk",
          { format: "pdf" },
        );
      }
      const job = await app.jobs.submit(REPORT_JOB_KIND, ctx.actor, async (progress) => {
        progress(0, 2, "evaluating");
        const report = await buildReport(ctx, {
          regionCode: body.regionCode,
          year: body.year,
          scheme,
          ...(body.planId ? { planId: body.planId } : {}),
          ...(body.lang ? { lang: body.lang } : {}),
        });
        progress(1, 2, body.format === "pdf" ? "printing" : "writing");
        await mkdir(dir, { recursive: true });
        const fileName = `${randomUUID()}.${body.format}`;
        const path = join(dir, fileName);
        let pages: number | null = null;
        let bytes: number;
        if (body.format === "pdf") {
          const pdf = await renderPdf(report.html, path);
          pages = pdf.pages;
          bytes = pdf.bytes;
        } else {
          await writeFile(path, report.html, "utf8");
          bytes = Buffer.byteLength(report.html);
        }
        const result: ReportJobResult & { schemeFile: string | null } = {
          fileName,
          format: body.format,
          bytes,
          pages,
          runId: report.runId,
          runHash: report.runHash,
          regionCode: report.regionCode,
          year: report.year,
          schemeFile: file,
        };
        return result;
      });
      return reply.code(202).send({ jobId: job.id });
    },
  );

  app.get(
    "/api/reports/:jobId/file",
    {
      schema: {
        tags: ["reports"],
        summary: "下载报告 Download a finished report",
        params: z.object({ jobId: z.string().min(1).max(100) }),
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const job = await app.store.getJob(request.params.jobId);
      if (
        job === null ||
        job.kind !== REPORT_JOB_KIND ||
        (actor.kind !== "system" && job.actor !== actor.username)
      ) {
        throw new RongheError("not_found", "report not found", {});
      }
      if (job.status !== "succeeded") {
        throw new RongheError("invalid_state", `report job is ${job.status}`, { status: job.status });
      }
      const result = job.result as Partial<ReportJobResult> | null;
      const fileName = result?.fileName;
      if (typeof fileName !== "string" || !FILE_NAME.test(fileName))
        throw new RongheError("not_found", "report file not found", {});
      let bytes: Buffer;
      try {
        bytes = await readFile(join(dir, fileName));
      } catch {
        throw new RongheError("not_found", "report file no longer exists", {});
      }
      const pdf = fileName.endsWith(".pdf");
      const name = `ronghe-report-${result?.regionCode ?? "region"}-${result?.year ?? ""}.${pdf ? "pdf" : "html"}`;
      reply.header("content-disposition", `attachment; filename="${name.replace(/[^A-Za-z0-9._-]/g, "_")}"`);
      // The report has no scripts and loads nothing; say so to the browser.
      if (!pdf)
        reply.header(
          "content-security-policy",
          "default-src 'none'; style-src 'unsafe-inline'; img-src data:",
        );
      return reply.type(pdf ? "application/pdf" : "text/html; charset=utf-8").send(bytes);
    },
  );
};
