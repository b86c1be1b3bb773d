// Background job status; a job is visible to the account that started it only.
import { type JobDto, JobParamsSchema, JobSchema } from "@ronghe/api-contract";
import { RongheError } from "@ronghe/core";
import type { Job } from "@ronghe/store";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { actorOf } from "../../context.ts";

export const jobRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    "/api/jobs/:id",
    {
      schema: {
        tags: ["jobs"],
        summary: "后台任务 Job status",
        params: JobParamsSchema,
        response: { 200: JobSchema },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const job = await app.store.getJob(request.params.id);
      if (job === null || (actor.kind !== "system" && job.actor !== actor.username)) {
        throw new RongheError("not_found", "job not found", {});
      }
      return presentJob(job);
    },
  );
};

export function presentJob(job: Job): JobDto {
  return {
    id: job.id,
    kind: job.kind,
    status: job.status === "succeeded" ? "done" : job.status,
    progress: job.progress,
    total: job.total,
    message: job.message,
    ...(job.status === "succeeded" ? { result: job.result } : {}),
    ...(job.status === "failed" ? { error: job.error } : {}),
    createdAt: job.createdAt,
    updatedAt: job.updatedAt,
  };
}
