// One analysis spec in, the CLI's envelope out ({method,spec_version,result,warnings}; errors as {error}).
// The spec carries its own data, so the check is only that the account may analyze somewhere.
import { assertMayAnywhere, runAnalysis } from "@ronghe/services";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { actorOf } from "../../context.ts";

export const analysisRoutes: FastifyPluginAsyncZod = async (app) => {
  app.post(
    "/api/analyses",
    {
      schema: {
        tags: ["analyses"],
        summary: "分析 Run an analysis spec",
        body: z.record(z.string(), z.unknown()),
      },
    },
    async (request) => {
      assertMayAnywhere(actorOf(request), "analyze");
      return runAnalysis(request.body);
    },
  );
};
