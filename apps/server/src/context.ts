// Per-request state added by the auth plugin, and what routes read from it.

import { RongheError } from "@ronghe/core";
import type { Actor, ServiceContext } from "@ronghe/services";
import type { Store } from "@ronghe/store";
import type { FastifyRequest } from "fastify";
import type { JobRunner } from "./jobs/job-runner.ts";

export type AuthVia = "cookie" | "token";

declare module "fastify" {
  interface FastifyRequest {
    actor: Actor | null;
    authVia: AuthVia | null;
    /** raw session id from the cookie, when it resolved to a live session */
    sessionId: string | null;
    csrfToken: string | null;
  }
  interface FastifyContextConfig {
    /** "public" routes need no login; everything else answers 401 without one */
    auth?: "public" | "required";
  }
  interface FastifyInstance {
    store: Store;
    jobs: JobRunner;
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
