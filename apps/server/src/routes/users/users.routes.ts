// User accounts within the caller's admin subtree.
import {
  CreateUserBodySchema,
  GrantBodySchema,
  UserListSchema,
  UsernameParamsSchema,
  UserSchema,
} from "@ronghe/api-contract";
import { createUserAccount, grantRole, listUserAccounts } from "@ronghe/services";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { ctxOf } from "../../context.ts";

export const userRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    "/api/users",
    { schema: { tags: ["users"], summary: "用户列表 Users", response: { 200: UserListSchema } } },
    async (request) => ({
      items: await listUserAccounts(ctxOf(request)),
    }),
  );

  app.post(
    "/api/users",
    {
      schema: {
        tags: ["users"],
        summary: "新建用户 Create a user",
        body: CreateUserBodySchema,
        response: { 201: UserSchema },
      },
    },
    async (request, reply) => {
      const user = await createUserAccount(ctxOf(request), request.body);
      return reply.code(201).send(user);
    },
  );

  app.post(
    "/api/users/:username/grants",
    {
      schema: {
        tags: ["users"],
        summary: "授权 Grant a role",
        params: UsernameParamsSchema,
        body: GrantBodySchema,
        response: { 200: UserSchema },
      },
    },
    async (request) => grantRole(ctxOf(request), request.params.username, request.body),
  );
};
