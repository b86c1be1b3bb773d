// Policy monitoring: plans (list, upload, one plan, its status grid) and the warnings inbox with assign /
// comment / close. Scope and audit are the services' (packages/services/src/monitoring); this file maps HTTP.
//   GET  /api/plans                        plans visible to the caller
//   POST /api/plans                        multipart (file, format?) or JSON {text, format?} / {document}
//   GET  /api/plans/{id}                   one plan with its targets
//   GET  /api/plans/{id}/status?year=&asOfDate=&approvedOnly=   targets × regions grid; records new warnings
//                                          when the caller may analyze the whole plan region
//   GET  /api/warnings?plan=&status=&region=&limit=
//   POST /api/warnings/{id}/assign {assignee} | /comment {text} | /close {resolution?}
import { LIMITS, RegionCodeSchema, YearSchema } from "@ronghe/api-contract";
import { RongheError } from "@ronghe/core";
import {
  assignWarning,
  closeWarning,
  commentWarning,
  getPlan,
  importPlan,
  listPlans,
  listWarnings,
  monitorPlan,
  PLAN_FILE_FORMATS,
  type PlanFileFormat,
  type PlanFileInput,
} from "@ronghe/services";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { ctxOf } from "../../context.ts";
import { safeFileName } from "../imports/safe-file-name.ts";

const PlanIdParams = z.object({ id: z.string().min(1).max(200) });
const WarningIdParams = z.object({ id: z.string().min(1).max(500) });
const FormatSchema = z.enum(PLAN_FILE_FORMATS);
const PlanJsonBody = z.union([
  z.strictObject({
    text: z.string().min(1).max(LIMITS.jsonBodyBytes),
    format: z.enum(["yaml", "json"]).optional(),
  }),
  z.strictObject({ document: z.record(z.string(), z.unknown()) }),
]);
const StatusQuery = z.object({
  year: YearSchema.optional(),
  asOfDate: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, "YYYY-MM-DD")
    .optional(),
  approvedOnly: z.enum(["true", "false", "1", "0"]).optional(),
});
const WarningsQuery = z.object({
  plan: z.string().min(1).max(200).optional(),
  status: z
    .string()
    .max(100)
    .transform((s) =>
      s
        .split(",")
        .map((x) => x.trim())
        .filter(Boolean),
    )
    .pipe(z.array(z.enum(["open", "assigned", "closed"])))
    .optional(),
  region: RegionCodeSchema.optional(),
  limit: z.coerce.number().int().min(1).max(5000).optional(),
});

export const monitoringRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get("/api/plans", { schema: { tags: ["monitoring"], summary: "规划列表 Plans" } }, async (request) => ({
    items: await listPlans(ctxOf(request)),
  }));

  app.post(
    "/api/plans",
    {
      schema: {
        tags: ["monitoring"],
        summary: "导入规划 Upload a plan (multipart: file, format; or JSON {text, format} / {document})",
        consumes: ["multipart/form-data", "application/json"],
      },
    },
    async (request, reply) => {
      const ctx = ctxOf(request);
      let input: PlanFileInput;
      let format: PlanFileFormat | undefined;
      if (request.isMultipart()) {
        let file: PlanFileInput | null = null;
        const fields: Record<string, string> = {};
        for await (const part of request.parts({
          limits: { fileSize: LIMITS.uploadBytes, files: 1, fields: 5 },
        })) {
          if (part.type === "file")
            file = { fileName: safeFileName(part.filename), bytes: new Uint8Array(await part.toBuffer()) };
          else if (typeof part.value === "string")
            fields[part.fieldname] = part.value.slice(0, LIMITS.shortText);
        }
        if (file === null) throw new RongheError("invalid_input", "no file in the upload", { field: "file" });
        input = file;
        if (fields.format !== undefined) format = parseFormat(fields.format);
      } else {
        const parsed = PlanJsonBody.safeParse(request.body);
        if (!parsed.success) {
          throw new RongheError(
            "invalid_input",
            "send multipart/form-data with a file, or JSON {text, format} or {document}",
            {
              issues: parsed.error.issues.map((i) => ({ path: i.path.join("."), message: i.message })),
            },
          );
        }
        if ("document" in parsed.data) input = { document: parsed.data.document };
        else {
          input = { text: parsed.data.text };
          format = parsed.data.format ?? "yaml";
        }
      }
      const result = await importPlan(ctx, input, format ? { format } : {});
      return reply.code(result.replaced ? 200 : 201).send(result);
    },
  );

  app.get(
    "/api/plans/:id",
    { schema: { tags: ["monitoring"], summary: "规划详情 One plan", params: PlanIdParams } },
    async (request) => getPlan(ctxOf(request), request.params.id),
  );

  app.get(
    "/api/plans/:id/status",
    {
      schema: {
        tags: ["monitoring"],
        summary: "目标监测 Targets × regions status",
        params: PlanIdParams,
        querystring: StatusQuery,
      },
    },
    async (request) => {
      const q = request.query;
      return monitorPlan(ctxOf(request), request.params.id, {
        ...(q.year !== undefined ? { year: q.year } : {}),
        ...(q.asOfDate !== undefined ? { asOfDate: q.asOfDate } : {}),
        ...(q.approvedOnly === "true" || q.approvedOnly === "1" ? { status: ["approved", "locked"] } : {}),
      });
    },
  );

  app.get(
    "/api/warnings",
    { schema: { tags: ["monitoring"], summary: "预警 Warnings inbox", querystring: WarningsQuery } },
    async (request) => {
      const q = request.query;
      return {
        items: await listWarnings(ctxOf(request), {
          ...(q.plan !== undefined ? { planId: q.plan } : {}),
          ...(q.status !== undefined ? { status: q.status } : {}),
          ...(q.region !== undefined ? { regionCode: q.region } : {}),
          ...(q.limit !== undefined ? { limit: q.limit } : {}),
        }),
      };
    },
  );

  app.post(
    "/api/warnings/:id/assign",
    {
      schema: {
        tags: ["monitoring"],
        summary: "分派预警 Assign a warning",
        params: WarningIdParams,
        body: z.strictObject({ assignee: z.string().trim().min(1).max(LIMITS.usernameMax) }),
      },
    },
    async (request) => assignWarning(ctxOf(request), request.params.id, { assignee: request.body.assignee }),
  );

  app.post(
    "/api/warnings/:id/comment",
    {
      schema: {
        tags: ["monitoring"],
        summary: "评论预警 Comment on a warning",
        params: WarningIdParams,
        body: z.strictObject({ text: z.string().trim().min(1).max(LIMITS.longText) }),
      },
    },
    async (request) => commentWarning(ctxOf(request), request.params.id, { text: request.body.text }),
  );

  app.post(
    "/api/warnings/:id/close",
    {
      schema: {
        tags: ["monitoring"],
        summary: "关闭预警 Close a warning",
        params: WarningIdParams,
        body: z.strictObject({ resolution: z.string().trim().max(LIMITS.longText).optional() }).optional(),
      },
    },
    async (request) =>
      closeWarning(
        ctxOf(request),
        request.params.id,
        request.body?.resolution ? { resolution: request.body.resolution } : {},
      ),
  );
};

function parseFormat(text: string): PlanFileFormat {
  const parsed = FormatSchema.safeParse(text.toLowerCase() === "yml" ? "yaml" : text.toLowerCase());
  if (!parsed.success)
    throw new RongheError("invalid_input", `format must be one of ${PLAN_FILE_FORMATS.join(", ")}`, {
      field: "format",
    });
  return parsed.data;
}
