// Authentication for every /api request, before the body is read:
//   Authorization: Bearer rgh_…  → the token's actor (an invalid token is a 401, never a fall-back to cookies);
//   cookie ronghe_session        → the session's actor; writes must carry x-csrf-token equal to the session's
//                                   token (constant-time compare), else 403 csrf.
// Routes are private unless their config says auth: "public".
import { RongheError } from "@ronghe/core";
import { resolveApiToken, resolveSession, safeEqual } from "@ronghe/services";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import fp from "fastify-plugin";

export const SESSION_COOKIE = "ronghe_session";
const WRITE_METHODS = new Set(["POST", "PUT", "PATCH", "DELETE"]);

async function authenticate(request: FastifyRequest, _reply: FastifyReply): Promise<void> {
  request.actor = null;
  request.authVia = null;
  request.sessionId = null;
  request.csrfToken = null;
  const store = request.server.store;
  const isPublic = request.routeOptions.config?.auth === "public";

  const header = request.headers.authorization;
  if (typeof header === "string" && header.length > 0) {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
    const actor = match ? await resolveApiToken(store, match[1], request.ip) : null;
    if (actor === null) throw new RongheError("unauthenticated", "invalid or revoked token", {});
    request.actor = actor;
    request.authVia = "token";
    return;
  }

  const raw = request.cookies[SESSION_COOKIE];
  if (typeof raw === "string" && raw.length > 0) {
    const resolved = await resolveSession(store, raw);
    if (resolved !== null) {
      request.actor = resolved.actor;
      request.authVia = "cookie";
      request.sessionId = raw;
      request.csrfToken = resolved.session.csrfToken;
    }
  }
  if (request.actor === null) {
    if (isPublic) return;
    throw new RongheError("unauthenticated", "login required", {});
  }
  if (WRITE_METHODS.has(request.method) && !isPublic) {
    const sent = request.headers["x-csrf-token"];
    if (typeof sent !== "string" || request.csrfToken === null || !safeEqual(sent, request.csrfToken)) {
      throw new RongheError("csrf", "missing or wrong x-csrf-token", {});
    }
  }
}

export const authPlugin = fp(async (app: FastifyInstance) => {
  app.decorateRequest("actor", null);
  app.decorateRequest("authVia", null);
  app.decorateRequest("sessionId", null);
  app.decorateRequest("csrfToken", null);
  app.addHook("onRequest", async (request, reply) => {
    if (!request.url.startsWith("/api/") || request.url.startsWith("/api/docs")) return;
    await authenticate(request, reply);
  });
});
