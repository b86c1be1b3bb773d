// Starts the server: opens the store named by RONGHE_DB (a file path or a postgres:// URL; default ./ronghe.db),
// listens on HOST:PORT (default 127.0.0.1:8080; set HOST=0.0.0.0 to listen on every interface), serves the built
// web app from apps/web/dist when present.
import { fileURLToPath } from "node:url";
import { openStore, type Store } from "@ronghe/store";
import type { FastifyInstance } from "fastify";
import { buildServer } from "./app.ts";
import { JobRunner } from "./jobs/job-runner.ts";

export const DEFAULT_WEB_DIST = fileURLToPath(new URL("../../web/dist/", import.meta.url));

export interface StartOptions {
  dbUrl?: string;
  port?: number;
  host?: string;
  webDist?: string | null;
  /** an already open store (the store is then not closed on shutdown) */
  store?: Store;
}

export async function startServer(
  options: StartOptions = {},
): Promise<{ app: FastifyInstance; url: string }> {
  const store = options.store ?? (await openStore(options.dbUrl ?? process.env.RONGHE_DB ?? "./ronghe.db"));
  const jobs = new JobRunner(store);
  // Single-process default: jobs of a previous run of this server cannot finish any more.
  if (process.env.RONGHE_SHARED_JOBS !== "1") await jobs.failInterrupted();
  const app = buildServer({
    store,
    jobs,
    webDist: options.webDist === undefined ? DEFAULT_WEB_DIST : options.webDist,
    logger: { level: process.env.LOG_LEVEL ?? "info" },
    trustProxy: process.env.RONGHE_TRUST_PROXY === "1",
  });
  if (options.store === undefined) app.addHook("onClose", async () => store.close());
  const port = options.port ?? Number(process.env.PORT ?? 8080);
  const host = options.host ?? process.env.HOST ?? "127.0.0.1";
  await app.listen({ port, host });
  const shown = host === "0.0.0.0" || host === "127.0.0.1" ? "localhost" : host;
  return { app, url: `http://${shown}:${port}` };
}

const isMain = process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1];
if (isMain) {
  const { app } = await startServer();
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    process.once(signal, () => {
      void app.close().then(() => process.exit(0));
    });
  }
}
