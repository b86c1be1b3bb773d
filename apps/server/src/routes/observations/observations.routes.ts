// Observations: query a subtree, write draft revisions (refused on approved or locked data), history.
import {
  HistoryListSchema,
  HistoryQuerySchema,
  ObservationColumnsSchema,
  ObservationListSchema,
  ObservationQuerySchema,
  ObservationWriteBodySchema,
  toObservationColumns,
  WriteCountsSchema,
} from "@ronghe/api-contract";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { ctxOf } from "../../context.ts";
import type { DataServices } from "../../data-port.ts";
import { cachedResponse } from "../../response-cache.ts";

export const observationRoutes: FastifyPluginAsyncZod<{ data: DataServices }> = async (app, { data }) => {
  app.get(
    "/api/observations",
    {
      schema: {
        tags: ["observations"],
        summary: "查询数据 Query observations",
        querystring: ObservationQuerySchema,
        response: { 200: ObservationListSchema },
      },
    },
    async (request, reply) =>
      cachedResponse(request, reply, async () => ({
        items: await data.queryObservations(ctxOf(request), request.query),
      })),
  );

  app.get(
    "/api/observations/columns",
    {
      schema: {
        tags: ["observations"],
        summary:
          "查询数据（按列）Query observations as columns (the dashboard's form: smaller for large queries)",
        querystring: ObservationQuerySchema,
        response: { 200: ObservationColumnsSchema },
      },
    },
    async (request, reply) =>
      cachedResponse(request, reply, async () =>
        toObservationColumns(await data.queryObservations(ctxOf(request), request.query)),
      ),
  );

  app.post(
    "/api/observations",
    {
      schema: {
        tags: ["observations"],
        summary: "填报数据 Write observations (draft)",
        body: ObservationWriteBodySchema,
        response: { 200: WriteCountsSchema },
      },
    },
    async (request) => data.writeObservations(ctxOf(request), request.body),
  );

  app.get(
    "/api/observations/history",
    {
      schema: {
        tags: ["observations"],
        summary: "修订历史 Revision history",
        querystring: HistoryQuerySchema,
        response: { 200: HistoryListSchema },
      },
    },
    async (request) => ({
      items: await data.observationHistory(
        ctxOf(request),
        request.query.region,
        request.query.indicator,
        request.query.period,
      ),
    }),
  );
};
