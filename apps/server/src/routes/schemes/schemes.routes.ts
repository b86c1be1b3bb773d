// Shipped evaluation schemes the caller may read (the scheme's region is in the caller's scope).
import { can } from "@ronghe/services";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { actorOf } from "../../context.ts";
import { listShippedSchemes } from "./shipped-schemes.ts";

const SchemeItemSchema = z.object({
  name: z.string(),
  title: z.string().nullable(),
  regionCode: z.string(),
  level: z.string(),
  years: z.object({ from: z.number(), to: z.number() }),
});

export const schemeRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    "/api/schemes",
    {
      schema: {
        tags: ["evaluations"],
        summary: "评价方案 Shipped evaluation schemes",
        response: { 200: z.object({ items: z.array(SchemeItemSchema) }) },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const items = (await listShippedSchemes())
        .filter((s) => can(actor, "read", s.scheme.region))
        .map(({ name, scheme }) => ({
          name,
          title: scheme.title,
          regionCode: scheme.region,
          level: scheme.level,
          years: scheme.years,
        }));
      return { items };
    },
  );
};
