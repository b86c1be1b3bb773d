// The server under load, in its own process: a fresh store with the Chongqing demo, a township panel for
// 云阳县 (the demo's panel is district-level, so a township query would be empty), an admin account, one run of
// the shipped scheme; then the real server (startServer) on 127.0.0.1 with an OS-chosen port.
//   sqlite FILE | postgres URL SCHEMA
// Announces {url, runId, ...} with @@READY; stops on SIGTERM.
import { readFileSync } from "node:fs";
import { startServer } from "@ronghe/server/src/main.ts";
import {
  buildDemo,
  createUserAccount,
  evaluateScheme,
  importObservations,
  parseSchemeText,
  SYSTEM_ACTOR,
} from "@ronghe/services";
import { Xoshiro128 } from "@ronghe/spatial-stats";
import { openStore } from "@ronghe/store";
import { announceReady, REPO_ROOT } from "../lib/process.ts";
import { BENCH_PASSWORD, BENCH_USER, type ServerInfo, TOWNSHIP_COUNTY } from "./constants.ts";

const TOWNSHIP_INDICATORS = ["LND-03", "LND-04", "LND-05", "ENV-01", "ENV-02", "INF-03", "INF-05", "SRV-06"];

async function main(): Promise<void> {
  const [kind, target, schema] = process.argv.slice(2);
  const t0 = performance.now();
  const store = kind === "postgres" ? await openStore(target, { schema }) : await openStore(target);
  const ctx = { store, actor: SYSTEM_ACTOR };
  await buildDemo(ctx);

  const townships = await store.descendants(TOWNSHIP_COUNTY, { level: "township" });
  const rng = new Xoshiro128(42);
  const lines = ["region_code,indicator,period,value"];
  for (const t of townships) {
    for (const ind of TOWNSHIP_INDICATORS) {
      const base = 30 + 50 * rng.nextDouble();
      for (let y = 2011; y <= 2020; y++)
        lines.push(`${t.code},${ind},${y},${(base + (y - 2011) * rng.nextDouble()).toFixed(2)}`);
    }
  }
  const imported = await importObservations(
    ctx,
    { fileName: "bench-township-panel.csv", bytes: Buffer.from(`${lines.join("\n")}\n`) },
    { source: "synthetic township panel (benchmark)", sampleSize: 0 },
  );

  await createUserAccount(ctx, {
    username: BENCH_USER,
    password: BENCH_PASSWORD,
    grants: [{ role: "admin", regionCode: "500000" }],
  });
  const schemeFile = `${REPO_ROOT}schemes/chongqing-default.yaml`;
  const run = await evaluateScheme(ctx, parseSchemeText(readFileSync(schemeFile, "utf8"), schemeFile));
  const prepareMs = performance.now() - t0;

  const { app } = await startServer({ store, port: 0, host: "127.0.0.1", webDist: null });
  const address = app.server.address();
  if (address === null || typeof address === "string") throw new Error("server has no TCP address");
  const info: ServerInfo = {
    url: `http://127.0.0.1:${address.port}`,
    runId: run.id,
    prepareMs,
    townships: townships.length,
    townshipValues: imported.values,
  };
  announceReady(info);
  const stop = () => {
    void app
      .close()
      .then(() => store.close())
      .finally(() => process.exit(0));
  };
  process.once("SIGTERM", stop);
  process.once("SIGINT", stop);
}

main().catch((error: unknown) => {
  process.stderr.write(`${(error as Error).stack ?? String(error)}\n`, () => process.exit(1));
});
