// Authentication for every /api request, before the body is read:
//   Authorization: Bearer rgh_…  → the token's actor (an invalid token is a 401, never a fall-back to cookies);
//   cookie ronghe_session        → the session's actor; writes must carry x-csrf-token equal to the session's
//                                   token (constant-time compare), else 403 csrf.
// Routes are private unless their config says auth: "public".
// Resolved credentials are kept in the app's AuthCache while the store's auth version is unchanged (see
// auth-cache.ts); the versions are read once per request and shared with the response cache.
import { RongheError } from "@ronghe/core";
import {
  type Actor,
  API_TOKEN_PREFIX,
  findApiToken,
  recordApiTokenUse,
  resolveApiToken,
  resolveSession,
  safeEqual,
  sha256Hex,
} from "@ronghe/services";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import fp from "fastify-plugin";
import { versionsOf } from "../context.ts";

export const SESSION_COOKIE = "ronghe_session";
const WRITE_METHODS = new Set(["POST", "PUT", "PATCH", "DELETE"]);

async function authenticate(request: FastifyRequest, _reply: FastifyReply): Promise<void> {
  request.actor = null;
  request.authVia = null;
  request.sessionId = null;
  request.csrfToken = null;
  const isPublic = request.routeOptions.config?.auth === "public";

  const header = request.headers.authorization;
  if (typeof header === "string" && header.length > 0) {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
    const actor = match ? await tokenActor(request, match[1]) : null;
    if (actor === null) throw new RongheError("unauthenticated", "invalid or revoked token", {});
    request.actor = actor;
    request.authVia = "token";
    return;
  }

  const raw = request.cookies[SESSION_COOKIE];
  if (typeof raw === "string" && raw.length > 0) {
    const resolved = await sessionOf(request, raw);
    if (resolved !== null) {
      request.actor = resolved.actor;
      request.authVia = "cookie";
      request.sessionId = raw;
      request.csrfToken = resolved.csrfToken;
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

/** The live session behind a cookie value: from the auth cache while the auth version holds, else the store. */
async function sessionOf(
  request: FastifyRequest,
  raw: string,
): Promise<{ actor: Actor; csrfToken: string } | null> {
  const { store, authCache } = request.server;
  if (authCache === null) {
    const resolved = await resolveSession(store, raw);
    return resolved && { actor: resolved.actor, csrfToken: resolved.session.csrfToken };
  }
  if (raw.length === 0 || raw.length > 128) return null;
  const idHash = sha256Hex(raw);
  // read before resolving: a change committed meanwhile leaves the entry tagged with the older version
  const { auth } = await versionsOf(request);
  const cached = authCache.session(idHash, auth);
  if (cached !== undefined) return cached;
  const resolved = await resolveSession(store, raw);
  if (resolved === null) return null;
  const entry = {
    actor: resolved.actor,
    csrfToken: resolved.session.csrfToken,
    expiresAt: Date.parse(resolved.session.expiresAt),
  };
  authCache.setSession(idHash, auth, entry);
  return entry;
}

/** The actor behind a bearer token (cached like sessions); every use is recorded as without the cache. */
async function tokenActor(request: FastifyRequest, raw: string): Promise<Actor | null> {
  const { store, authCache } = request.server;
  if (!raw.startsWith(API_TOKEN_PREFIX) || raw.length > 128) return null;
  const now = new Date();
  if (authCache === null) return resolveApiToken(store, raw, request.ip, now);
  const tokenHash = sha256Hex(raw);
  const { auth } = await versionsOf(request);
  let entry = authCache.token(tokenHash, auth);
  if (entry === undefined) {
    const found = await findApiToken(store, raw);
    if (found === null) return null;
    entry = { actor: found.actor, tokenId: found.token.id, lastUsedAt: found.token.lastUsedAt };
    authCache.setToken(tokenHash, auth, entry);
  }
  // Concurrent uses see this use at once (one hourly audit entry, not one each); if recording fails, the entry
  // is dropped so the next use starts again from the stored lastUsedAt.
  const previous = entry.lastUsedAt;
  entry.lastUsedAt = now.toISOString();
  try {
    await recordApiTokenUse(
      store,
      { tokenId: entry.tokenId, lastUsedAt: previous, actor: entry.actor },
      request.ip,
      now,
    );
  } catch (error) {
    authCache.forgetToken(tokenHash);
    throw error;
  }
  return entry.actor;
}

export const authPlugin = fp(async (app: FastifyInstance) => {
  app.decorateRequest("storeVersions", null);
  app.decorateRequest("actor", null);
  app.decorateRequest("authVia", null);
  app.decorateRequest("sessionId", null);
  app.decorateRequest("csrfToken", null);
  app.addHook("onRequest", async (request, reply) => {
    if (!request.url.startsWith("/api/") || request.url.startsWith("/api/docs")) return;
    await authenticate(request, reply);
  });
});
