// Regions: show, descendants at a level, ancestors, search, map features. Out-of-scope codes answer 404 with
// no name in the body (the services raise not_found before reading the store).
import {
  ChildrenQuerySchema,
  FeaturesQuerySchema,
  RegionItemsSchema,
  RegionListSchema,
  RegionParamsSchema,
  RegionSchema,
  RegionSearchQuerySchema,
} from "@ronghe/api-contract";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { ctxOf } from "../../context.ts";
import type { DataServices } from "../../data-port.ts";
import { cachedResponse } from "../../response-cache.ts";

export const regionRoutes: FastifyPluginAsyncZod<{ data: DataServices }> = async (app, { data }) => {
  app.get(
    "/api/regions/search",
    {
      schema: {
        tags: ["regions"],
        summary: "搜索地区 Search regions",
        querystring: RegionSearchQuerySchema,
        response: { 200: RegionItemsSchema },
      },
    },
    async (request) => {
      const { q, ...options } = request.query;
      return { items: await data.searchRegions(ctxOf(request), q, options) };
    },
  );

  app.get(
    "/api/regions/:code",
    {
      schema: {
        tags: ["regions"],
        summary: "地区 Region",
        params: RegionParamsSchema,
        response: { 200: RegionSchema },
      },
    },
    async (request) => data.getRegion(ctxOf(request), request.params.code),
  );

  app.get(
    "/api/regions/:code/children",
    {
      schema: {
        tags: ["regions"],
        summary: "下级地区 Descendants at a level",
        params: RegionParamsSchema,
        querystring: ChildrenQuerySchema,
        response: { 200: RegionListSchema },
      },
    },
    async (request, reply) =>
      cachedResponse(request, reply, () =>
        data.regionChildren(ctxOf(request), request.params.code, request.query),
      ),
  );

  app.get(
    "/api/regions/:code/ancestors",
    {
      schema: {
        tags: ["regions"],
        summary: "上级地区 Ancestors",
        params: RegionParamsSchema,
        response: { 200: RegionItemsSchema },
      },
    },
    async (request) => ({ items: await data.regionAncestors(ctxOf(request), request.params.code) }),
  );

  app.get(
    "/api/regions/:code/features",
    {
      schema: {
        tags: ["regions"],
        summary: "地图要素 GeoJSON features",
        params: RegionParamsSchema,
        querystring: FeaturesQuerySchema,
      },
    },
    async (request, reply) =>
      cachedResponse(request, reply, () =>
        data.regionFeatures(ctxOf(request), request.params.code, request.query.level),
      ),
  );
};
