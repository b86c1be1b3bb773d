// Per-request state added by the auth plugin, and what routes read from it.

import { RongheError } from "@ronghe/core";
import type { Actor, ServiceContext } from "@ronghe/services";
import type { Store } from "@ronghe/store";
import type { FastifyRequest } from "fastify";
import type { AuthCache } from "./auth-cache.ts";
import type { JobRunner } from "./jobs/job-runner.ts";
import type { VersionReader } from "./version-reader.ts";

export type AuthVia = "cookie" | "token";

/** the store's data and auth versions (Store.versions) */
export type StoreVersions = Awaited<ReturnType<Store["versions"]>>;

declare module "fastify" {
  interface FastifyRequest {
    actor: Actor | null;
    authVia: AuthVia | null;
    /** raw session id from the cookie, when it resolved to a live session */
    sessionId: string | null;
    csrfToken: string | null;
    /** the store's versions, read at most once per request (versionsOf) */
    storeVersions: Promise<StoreVersions> | null;
  }
  interface FastifyContextConfig {
    /** "public" routes need no login; everything else answers 401 without one */
    auth?: "public" | "required";
  }
  interface FastifyInstance {
    store: Store;
    jobs: JobRunner;
    /** null when caching resolved sessions and tokens is off */
    authCache: AuthCache | null;
    /** the store's versions, read for concurrent requests together (version-reader.ts) */
    versionReader: VersionReader;
  }
}

/** The authenticated actor (the auth hook has already answered 401 when there is none). */
export function actorOf(request: FastifyRequest): Actor {
  if (request.actor === null) throw new RongheError("unauthenticated", "login required", {});
  return request.actor;
}

export function ctxOf(request: FastifyRequest): ServiceContext {
  return { store: request.server.store, actor: actorOf(request) };
}

/**
 * The store's versions as this request sees them: read once, on first use, and shared by authentication and the
 * response cache (a hit then costs this one read).
 *
 * Read from the store on every request, also on PostgreSQL, rather than kept in memory from LISTEN/NOTIFY: a
 * notification reaches the listening connection some time after the commit, unordered with the requests this
 * server receives meanwhile, so a request sent right after the CLI revoked a token (or changed data) could still
 * be answered from memory. One indexed one-row read, started after the request arrived (shared with the
 * requests that arrived while the previous read ran, see version-reader.ts), keeps "the next request sees it" exact.
 */
export function versionsOf(request: FastifyRequest): Promise<StoreVersions> {
  request.storeVersions ??= request.server.versionReader.get();
  return request.storeVersions;
}
