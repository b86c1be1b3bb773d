// Builds the HTTP app: plugins, auth, one error mapper, the /api routes, OpenAPI at /api/docs, /healthz, and
// the built web app (with SPA fallback) when a dist directory is given. `main.ts` opens the store and listens.
import { existsSync } from "node:fs";
import { join } from "node:path";
import fastifyCookie from "@fastify/cookie";
import fastifyMultipart from "@fastify/multipart";
import fastifyStatic from "@fastify/static";
import fastifySwagger from "@fastify/swagger";
import fastifySwaggerUi from "@fastify/swagger-ui";
import { LIMITS } from "@ronghe/api-contract";
import { LoginThrottle, type LoginThrottleOptions, withApprovalGuard } from "@ronghe/services";
import type { Store } from "@ronghe/store";
import Fastify, { type FastifyInstance, type FastifyServerOptions } from "fastify";
import { jsonSchemaTransform, validatorCompiler, type ZodTypeProvider } from "fastify-type-provider-zod";
import { type AuthCache, authCacheFromEnv } from "./auth-cache.ts";
import { COMPRESS_MIN_BYTES, compress, pickEncoding, varyOnEncoding } from "./compression.ts";
import { VersionReader } from "./version-reader.ts";
import "./context.ts";
import { type DataServices, defaultDataServices } from "./data-port.ts";
import { mapError } from "./errors.ts";
import { escapeJsonMarkup } from "./escape-json-markup.ts";
import { fastSerializerCompiler } from "./fast-serializer.ts";
import { JobRunner } from "./jobs/job-runner.ts";
import { authPlugin } from "./plugins/auth.ts";
import { type ResponseCache, responseCacheFromEnv } from "./response-cache.ts";
import { analysisRoutes } from "./routes/analyses/analyses.routes.ts";
import { approvalRoutes } from "./routes/approvals/approvals.routes.ts";
import { auditRoutes } from "./routes/audit/audit.routes.ts";
import { evaluationRoutes } from "./routes/evaluations/evaluations.routes.ts";
import { exportRoutes } from "./routes/exports/exports.routes.ts";
import { healthRoutes } from "./routes/health/health.routes.ts";
import { importRoutes } from "./routes/imports/imports.routes.ts";
import { indicatorRoutes } from "./routes/indicators/indicators.routes.ts";
import { jobRoutes } from "./routes/jobs/jobs.routes.ts";
import { monitoringRoutes } from "./routes/monitoring/monitoring.routes.ts";
import { observationRoutes } from "./routes/observations/observations.routes.ts";
import { regionRoutes } from "./routes/regions/regions.routes.ts";
import { reportRoutes } from "./routes/reports/reports.routes.ts";
import { schemeRoutes } from "./routes/schemes/schemes.routes.ts";
import { sessionRoutes } from "./routes/session/session.routes.ts";
import { tokenRoutes } from "./routes/tokens/tokens.routes.ts";
import { userRoutes } from "./routes/users/users.routes.ts";

export interface ServerOptions {
  store: Store;
  /** fastify logger option (default: off) */
  logger?: FastifyServerOptions["logger"];
  /** directory of the built web app (apps/web/dist); served with SPA fallback when it exists */
  webDist?: string | null;
  /** trust X-Forwarded-* from a reverse proxy (then the session cookie is Secure behind https) */
  trustProxy?: boolean;
  throttle?: LoginThrottleOptions;
  /** data-core use cases (default: defaultDataServices()) */
  data?: DataServices;
  jobs?: JobRunner;
  /** cache of the heavy read answers (default: per RONGHE_RESPONSE_CACHE, on unless "0"); null turns it off */
  responseCache?: ResponseCache | null;
  /** cache of resolved sessions and tokens (default: per RONGHE_AUTH_CACHE, on unless "0"); null turns it off */
  authCache?: AuthCache | null;
}

export function buildServer(options: ServerOptions): FastifyInstance {
  const app = Fastify({
    logger: options.logger ?? false,
    bodyLimit: LIMITS.jsonBodyBytes,
    trustProxy: options.trustProxy ?? false,
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(fastSerializerCompiler);

  const data = options.data ?? defaultDataServices();
  const jobs = options.jobs ?? new JobRunner(options.store, { log: (error) => app.log.error(error) });
  // Every observation write through the server obeys the approval workflow (approved/locked → invalid_state).
  app.decorate("store", withApprovalGuard(options.store));
  app.decorate("jobs", jobs);
  app.decorate(
    "responseCache",
    options.responseCache === undefined ? responseCacheFromEnv() : options.responseCache,
  );
  app.decorate("authCache", options.authCache === undefined ? authCacheFromEnv() : options.authCache);
  app.decorate("versionReader", new VersionReader(() => app.store.versions()));

  app.setErrorHandler((error, request, reply) => {
    const mapped = mapError(error);
    if (mapped.internal) request.log.error(error);
    reply.code(mapped.status).send(mapped.body);
  });

  // Defence in depth for JSON: "<", ">" and "&" leave as \u escapes (same JSON value, never markup), and no
  // content sniffing.
  app.addHook("onSend", async (_request, reply, payload) => {
    reply.header("x-content-type-options", "nosniff");
    const type = String(reply.getHeader("content-type") ?? "");
    if (typeof payload === "string" && type.startsWith("application/json")) {
      return escapeJsonMarkup(payload);
    }
    return payload;
  });
  // JSON answers of some size are compressed when the client asks for it (cached answers come compressed
  // already, with content-encoding set). Compressing takes a moment, so an async handler that calls
  // reply.send itself must return the reply (as cachedResponse does), else Fastify sends a second, empty answer.
  app.addHook("onSend", async (request, reply, payload) => {
    if (typeof payload !== "string" && !Buffer.isBuffer(payload)) return payload;
    if (reply.hasHeader("content-encoding")) return payload;
    if (!String(reply.getHeader("content-type") ?? "").startsWith("application/json")) return payload;
    if (Buffer.byteLength(payload) < COMPRESS_MIN_BYTES) return payload;
    varyOnEncoding(reply);
    const encoding = pickEncoding(request.headers["accept-encoding"]);
    if (encoding === null) return payload;
    const body = await compress(payload, encoding);
    reply.header("content-encoding", encoding);
    reply.removeHeader("content-length");
    return body;
  });
  app.register(fastifyCookie);
  app.register(fastifyMultipart, {
    limits: { fileSize: LIMITS.uploadBytes, files: 1, fields: 10 },
    throwFileSizeLimit: true,
  });
  app.register(fastifySwagger, {
    openapi: {
      info: {
        title: "ronghe 城乡融合发展 API",
        version: "0.1.0",
        description: "JSON REST API; see docs/server.md",
      },
      components: {
        securitySchemes: {
          cookie: { type: "apiKey", in: "cookie", name: "ronghe_session" },
          bearer: { type: "http", scheme: "bearer" },
        },
      },
      security: [{ cookie: [] }, { bearer: [] }],
    },
    transform: jsonSchemaTransform,
  });
  app.register(fastifySwaggerUi, { routePrefix: "/api/docs" });
  app.register(authPlugin);

  app.register(healthRoutes);
  app.register(sessionRoutes, { throttle: new LoginThrottle(options.throttle) });
  app.register(userRoutes);
  app.register(tokenRoutes);
  app.register(auditRoutes);
  app.register(approvalRoutes);
  app.register(jobRoutes);
  app.register(regionRoutes, { data });
  app.register(indicatorRoutes, { data });
  app.register(observationRoutes, { data });
  app.register(importRoutes, { data });
  app.register(exportRoutes, { data });
  app.register(analysisRoutes);
  app.register(evaluationRoutes);
  app.register(schemeRoutes);
  app.register(reportRoutes);
  app.register(monitoringRoutes);

  const dist = options.webDist ?? null;
  const hasWeb = dist !== null && existsSync(join(dist, "index.html"));
  if (hasWeb) app.register(fastifyStatic, { root: dist, wildcard: false });

  app.setNotFoundHandler((request, reply) => {
    const path = request.url.split("?")[0];
    if (
      hasWeb &&
      request.method === "GET" &&
      !path.startsWith("/api/") &&
      path !== "/api" &&
      path !== "/healthz"
    ) {
      return reply.type("text/html; charset=utf-8").sendFile("index.html");
    }
    return reply.code(404).send({ error: { code: "not_found", message: "not found" } });
  });

  app.addHook("onClose", async () => {
    await jobs.idle();
  });
  return app;
}
