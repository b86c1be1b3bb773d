// Spawning the real `ronghe` binary with a temp --db, as users run it.
import { type SpawnSyncReturns, spawn, spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";

export const REPO = fileURLToPath(new URL("../../../", import.meta.url));
export const BIN = "apps/cli/bin/ronghe.js";

// biome-ignore lint/suspicious/noExplicitAny: parsed JSON output, asserted field by field in the tests
type Json = any;

export function ronghe(args: string[]): SpawnSyncReturns<string> & { json: () => Json } {
  const r = spawnSync(process.execPath, [BIN, ...args], {
    cwd: REPO,
    encoding: "utf8",
    env: { ...process.env, RONGHE_DB: "" },
  });
  return Object.assign(r, { json: () => JSON.parse(r.stdout) });
}

export function rongheAsync(args: string[]) {
  return spawn(process.execPath, [BIN, ...args], { cwd: REPO, env: { ...process.env, RONGHE_DB: "" } });
}

/** Runs the binary without blocking, resolving with its exit status and output. */
export function rongheRun(
  args: string[],
): Promise<{ status: number | null; stdout: string; stderr: string; json: () => Json }> {
  return new Promise((resolve) => {
    const child = rongheAsync(args);
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (c: Buffer) => {
      stdout += c.toString();
    });
    child.stderr.on("data", (c: Buffer) => {
      stderr += c.toString();
    });
    child.on("close", (status) => resolve({ status, stdout, stderr, json: () => JSON.parse(stdout) }));
  });
}
