// Evaluation runs: start one (a background job; 202 {jobId}), list the runs in scope, show one with its rows.
import { EvaluationBodySchema, JobAcceptedSchema, RegionCodeSchema } from "@ronghe/api-contract";
import { RongheError } from "@ronghe/core";
import {
  assertCan,
  assertMayAnywhere,
  evaluateScheme,
  getEvaluationRunView,
  listEvaluationRuns,
  parseScheme,
} from "@ronghe/services";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { ctxOf } from "../../context.ts";

export const evaluationRoutes: FastifyPluginAsyncZod = async (app) => {
  app.post(
    "/api/evaluations",
    {
      schema: {
        tags: ["evaluations"],
        summary: "运行评价 Start an evaluation",
        body: EvaluationBodySchema,
        response: { 202: JobAcceptedSchema },
      },
    },
    async (request, reply) => {
      const ctx = ctxOf(request);
      assertMayAnywhere(ctx.actor, "analyze");
      if (request.body.scheme === undefined)
        throw new RongheError("invalid_input", "send a scheme object", { field: "scheme" });
      const scheme = parseScheme(request.body.scheme);
      assertCan(ctx.actor, "analyze", scheme.region);
      const uncertainty = request.body.uncertainty;
      const job = await app.jobs.submit("evaluation", ctx.actor, async (progress) => {
        const run = await evaluateScheme(
          { ...ctx, progress: (done, total) => progress(done, total) },
          scheme,
          { uncertainty },
        );
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
        summary: "评价结果 One run with results",
        params: z.object({ id: z.string().min(1).max(100) }),
      },
    },
    async (request) => {
      return getEvaluationRunView(ctxOf(request), request.params.id);
    },
  );
};
