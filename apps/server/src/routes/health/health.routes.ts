import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";

export const healthRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    "/healthz",
    {
      config: { auth: "public" },
      schema: { tags: ["health"], response: { 200: z.object({ ok: z.boolean() }) } },
    },
    async () => ({ ok: true }),
  );
};
