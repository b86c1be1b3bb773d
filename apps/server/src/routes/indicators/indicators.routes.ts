// The indicator catalogue (definitions carry no regional data; any authenticated account may read them).
import { IndicatorListSchema } from "@ronghe/api-contract";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { ctxOf } from "../../context.ts";
import type { DataServices } from "../../data-port.ts";

export const indicatorRoutes: FastifyPluginAsyncZod<{ data: DataServices }> = async (app, { data }) => {
  app.get(
    "/api/indicators",
    { schema: { tags: ["indicators"], summary: "指标 Indicators", response: { 200: IndicatorListSchema } } },
    async (request) => ({ items: await data.listIndicators(ctxOf(request)) }),
  );
};
