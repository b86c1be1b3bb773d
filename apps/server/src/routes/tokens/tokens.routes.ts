// API tokens of the caller (shown once at creation, revocable).
import {
  CreatedTokenSchema,
  CreateTokenBodySchema,
  TokenListSchema,
  TokenParamsSchema,
} from "@ronghe/api-contract";
import { createApiToken, listApiTokens, revokeApiToken } from "@ronghe/services";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { ctxOf } from "../../context.ts";

export const tokenRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    "/api/tokens",
    { schema: { tags: ["tokens"], summary: "我的令牌 My tokens", response: { 200: TokenListSchema } } },
    async (request) => ({
      items: (await listApiTokens(ctxOf(request))).map(
        ({ id, name, role, regionCode, createdAt, lastUsedAt, revokedAt }) => ({
          id,
          name,
          role,
          regionCode,
          createdAt,
          lastUsedAt,
          revokedAt,
        }),
      ),
    }),
  );

  app.post(
    "/api/tokens",
    {
      schema: {
        tags: ["tokens"],
        summary: "新建令牌 Create a token",
        body: CreateTokenBodySchema,
        response: { 201: CreatedTokenSchema },
      },
    },
    async (request, reply) => {
      const { token, record } = await createApiToken(ctxOf(request), request.body);
      return reply
        .code(201)
        .send({ id: record.id, token, name: record.name, role: record.role, regionCode: record.regionCode });
    },
  );

  app.delete(
    "/api/tokens/:id",
    { schema: { tags: ["tokens"], summary: "吊销令牌 Revoke a token", params: TokenParamsSchema } },
    async (request, reply) => {
      await revokeApiToken(ctxOf(request), request.params.id);
      return reply.code(204).send();
    },
  );
};
