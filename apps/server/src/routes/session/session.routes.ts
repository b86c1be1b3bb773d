// Login, current session, logout.
import { LoginBodySchema, SessionResponseSchema } from "@ronghe/api-contract";
import { type Actor, type LoginThrottle, login, logout, sha256Hex } from "@ronghe/services";
import type { FastifyReply, FastifyRequest } from "fastify";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { actorOf } from "../../context.ts";
import { SESSION_COOKIE } from "../../plugins/auth.ts";

export interface SessionRoutesOptions {
  throttle: LoginThrottle;
}

export const sessionRoutes: FastifyPluginAsyncZod<SessionRoutesOptions> = async (app, options) => {
  app.post(
    "/api/session",
    {
      config: { auth: "public" },
      schema: {
        tags: ["session"],
        summary: "登录 Log in",
        body: LoginBodySchema,
        response: { 200: SessionResponseSchema },
      },
    },
    async (request, reply) => {
      const result = await login(app.store, options.throttle, {
        username: request.body.username,
        password: request.body.password,
        ip: request.ip,
        previousSessionId: request.cookies[SESSION_COOKIE] ?? null,
      });
      reply.setCookie(SESSION_COOKIE, result.sessionId, {
        path: "/",
        httpOnly: true,
        sameSite: "strict",
        secure: request.protocol === "https",
        expires: new Date(result.expiresAt),
      });
      return {
        user: {
          username: result.user.username,
          displayName: result.user.displayName,
          grants: result.actor.grants,
        },
        csrfToken: result.csrfToken,
        via: "cookie" as const,
      };
    },
  );

  app.get(
    "/api/session",
    {
      schema: {
        tags: ["session"],
        summary: "当前会话 Current session",
        response: { 200: SessionResponseSchema },
      },
    },
    async (request) => present(request, actorOf(request)),
  );

  app.delete(
    "/api/session",
    { schema: { tags: ["session"], summary: "退出 Log out" } },
    async (request, reply) => {
      if (request.sessionId !== null) {
        // also retired by the auth version the store bumps; forgetting it first costs nothing
        app.authCache?.forgetSession(sha256Hex(request.sessionId));
        await logout(app.store, request.sessionId);
      }
      clearCookie(request, reply);
      return reply.code(204).send();
    },
  );

  async function present(request: FastifyRequest, actor: Actor) {
    const user = actor.userId === null ? null : await app.store.getUser(actor.userId);
    return {
      user: { username: actor.username, displayName: user?.displayName ?? null, grants: actor.grants },
      csrfToken: request.csrfToken ?? "",
      via: request.authVia ?? ("cookie" as const),
    };
  }
};

function clearCookie(request: FastifyRequest, reply: FastifyReply): void {
  reply.clearCookie(SESSION_COOKIE, {
    path: "/",
    httpOnly: true,
    sameSite: "strict",
    secure: request.protocol === "https",
  });
}
