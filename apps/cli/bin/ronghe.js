#!/usr/bin/env node
// Starts the `ronghe` CLI. The bundle in ../dist (built by `npm install` and `npm test` through
// scripts/build-cli.mjs) starts fastest; when it is missing or older than any source file, the TypeScript
// sources run through tsx.
import { existsSync, readdirSync, statSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const cliDir = join(dirname(fileURLToPath(import.meta.url)), "..");
const repoRoot = join(cliDir, "..", "..");
const bundle = join(cliDir, "dist", "ronghe.mjs");

function newestSourceTime() {
  let newest = 0;
  const walk = (dir) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (entry.name === "node_modules" || entry.name === "dist" || entry.name.startsWith(".")) continue;
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.name.endsWith(".ts")) newest = Math.max(newest, statSync(path).mtimeMs);
    }
  };
  for (const top of ["packages", join("apps", "cli")]) {
    const dir = join(repoRoot, top);
    if (existsSync(dir)) walk(dir);
  }
  return newest;
}

const useBundle =
  process.env.RONGHE_CLI_SOURCE !== "1" &&
  existsSync(bundle) &&
  statSync(bundle).mtimeMs >= newestSourceTime();
if (useBundle) {
  await import(pathToFileURL(bundle).href);
} else {
  const { register } = await import("tsx/esm/api");
  register();
  await import("../src/main.ts");
}
