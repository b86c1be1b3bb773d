// Evaluation runs: start one (a background job; 202 {jobId}), list the runs in scope, show one with its rows
// (all years, or one year with `?year=`), publish a run (locks the data it used) and withdraw the publication.
import {
  EvaluationBodySchema,
  JobAcceptedSchema,
  LIMITS,
  RegionCodeSchema,
  YearSchema,
} from "@ronghe/api-contract";
import { parseRegionCode, RongheError } from "@ronghe/core";
import {
  assertCan,
  assertMayAnywhere,
  type EvaluationScheme,
  evaluateScheme,
  getEvaluationRunView,
  listEvaluationRuns,
  parseScheme,
  publishEvaluationRun,
  unpublishEvaluationRun,
} from "@ronghe/services";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { ctxOf } from "../../context.ts";
import { cachedResponse } from "../../response-cache.ts";
import { loadShippedScheme } from "../schemes/shipped-schemes.ts";

const StartBodySchema = EvaluationBodySchema.extend({
  /** seed of the rank-uncertainty draws (default 12345) */
  seed: z.number().int().min(0).max(0xffffffff).optional(),
});
const RunParamsSchema = z.object({ id: z.string().min(1).max(100) });
const RunViewQuerySchema = z.object({
  year: z
    .union([z.literal("latest"), YearSchema])
    .optional()
    .describe(
      "one year of the run (or latest, its last): rows and per-year summary of that year, summary.years all " +
        "the run's years; absent: the whole run",
    ),
});
// the body is optional: a POST without one arrives as null
const PublicationBodySchema = z.object({ reason: z.string().max(LIMITS.shortText).optional() }).nullish();
const PublishResultSchema = z.object({
  id: z.string(),
  status: z.string(),
  observations: z.number(),
  locked: z.number(),
  alreadyLocked: z.number(),
});
const UnpublishResultSchema = z.object({
  id: z.string(),
  status: z.string(),
  observations: z.number(),
  unlocked: z.number(),
  keptLocked: z.number(),
});

export const evaluationRoutes: FastifyPluginAsyncZod = async (app) => {
  app.post(
    "/api/evaluations",
    {
      schema: {
        tags: ["evaluations"],
        summary: "运行评价 Start an evaluation (a scheme object or the name of a shipped scheme)",
        body: StartBodySchema,
        response: { 202: JobAcceptedSchema },
      },
    },
    async (request, reply) => {
      const ctx = ctxOf(request);
      assertMayAnywhere(ctx.actor, "analyze");
      const { scheme: raw, schemeName, uncertainty, seed } = request.body;
      if ((raw === undefined) === (schemeName === undefined))
        throw new RongheError("invalid_input", "send either scheme or schemeName", { field: "scheme" });
      let scheme: EvaluationScheme;
      if (raw !== undefined) {
        // Scope before content: an out-of-scope region answers 404/403 whatever else the scheme holds.
        const region = codeOrNull(raw.region);
        if (region !== null) assertCan(ctx.actor, "analyze", region);
        scheme = parseScheme(raw);
      } else scheme = await loadShippedScheme(schemeName as string);
      assertCan(ctx.actor, "analyze", scheme.region);

      const draws = uncertainty ?? 0;
      const job = await app.jobs.submit("evaluation", ctx.actor, async (progress) => {
        // one step for load + compute + save, one per uncertainty draw
        const total = draws + 1;
        progress(0, total, "评价计算 / evaluating");
        const run = await evaluateScheme(
          { ...ctx, progress: (done) => progress(done, total, "秩不确定性 / rank uncertainty") },
          scheme,
          { uncertainty: draws, ...(seed === undefined ? {} : { seed }) },
        );
        progress(total, total);
        return { runId: run.id, runHash: run.run_hash, reused: run.reused };
      });
      return reply.code(202).send({ jobId: job.id });
    },
  );

  app.get(
    "/api/evaluations",
    {
      schema: {
        tags: ["evaluations"],
        summary: "评价运行 Evaluation runs",
        querystring: z.object({ region: RegionCodeSchema.optional() }),
      },
    },
    async (request) => {
      const ctx = ctxOf(request);
      const region = request.query.region;
      if (region !== undefined) assertCan(ctx.actor, "read", region); // out of scope: 404, not an empty list
      return { items: await listEvaluationRuns(ctx, { region }) };
    },
  );

  app.get(
    "/api/evaluations/:id",
    {
      schema: {
        tags: ["evaluations"],
        summary: "评价结果 One run with results (all years, or one with ?year=)",
        params: RunParamsSchema,
        querystring: RunViewQuerySchema,
      },
    },
    async (request, reply) =>
      cachedResponse(request, reply, () =>
        getEvaluationRunView(ctxOf(request), request.params.id, { year: request.query.year }),
      ),
  );

  app.post(
    "/api/evaluations/:id/publish",
    {
      schema: {
        tags: ["evaluations"],
        summary: "发布评价 Publish a run and lock the data it used (analyst or admin)",
        params: RunParamsSchema,
        body: PublicationBodySchema,
        response: { 200: PublishResultSchema },
      },
    },
    async (request) =>
      publishEvaluationRun(ctxOf(request), request.params.id, { reason: request.body?.reason ?? null }),
  );

  app.post(
    "/api/evaluations/:id/unpublish",
    {
      schema: {
        tags: ["evaluations"],
        summary: "撤销发布 Withdraw a publication and unlock its data (admin)",
        params: RunParamsSchema,
        body: PublicationBodySchema,
        response: { 200: UnpublishResultSchema },
      },
    },
    async (request) =>
      unpublishEvaluationRun(ctxOf(request), request.params.id, { reason: request.body?.reason ?? null }),
  );
};

/** The canonical code when `value` is a well-formed region code, else null (parseScheme reports it). */
function codeOrNull(value: unknown): string | null {
  if (typeof value !== "string" && typeof value !== "number") return null;
  try {
    return parseRegionCode(String(value)).code;
  } catch {
    return null;
  }
}
