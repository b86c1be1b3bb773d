#!/usr/bin/env node
// `npm start`: the product a county installs, on one command.
//   1. opens RONGHE_DB (a file path or a postgres:// URL; default ./ronghe.db);
//   2. if the store holds no regions, builds the Chongqing demo into it;
//   3. if it has no accounts, creates `admin` with a random password, granted admin on every province present
//      (the demo: 500000 重庆市), and prints the login once;
//   4. builds the web app when apps/web/dist is missing or older than its sources;
//   5. serves everything at http://localhost:PORT (default 8080; HOST default 127.0.0.1).
import { spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { register } from "tsx/esm/api";

register();
const root = fileURLToPath(new URL("..", import.meta.url));
const { openStore } = await import("@ronghe/store");
const { setUpDemo, createUserAccount, SYSTEM_ACTOR } = await import("@ronghe/services");
const { startServer } = await import("../apps/server/src/main.ts");

const dbUrl = process.env.RONGHE_DB ?? "./ronghe.db";
const shownDb = dbUrl.replace(/\/\/([^:@/]+):[^@/]*@/, "//$1:***@");
const store = await openStore(dbUrl);
const ctx = { store, actor: SYSTEM_ACTOR };

const counts = await store.countRegions();
if (Object.values(counts).reduce((a, b) => a + b, 0) === 0) {
  console.log(`[ronghe] ${shownDb} is empty: building the Chongqing demo …`);
  const t = Date.now();
  await setUpDemo(ctx);
  console.log(`[ronghe] demo ready in ${((Date.now() - t) / 1000).toFixed(1)} s`);
}

if ((await store.listUsers()).length === 0) {
  const provinces = await store.listRegions({ level: "province" });
  const password = randomBytes(12).toString("base64url");
  await createUserAccount(ctx, {
    username: "admin",
    password,
    displayName: "管理员",
    grants: provinces.map((p) => ({ role: "admin", regionCode: p.code })),
  });
  console.log("");
  console.log("  ┌─────────────────────────────────────────────────────────────┐");
  console.log("  │ first start: an administrator account was created           │");
  console.log(`  │   username: admin                                           │`);
  console.log(`  │   password: ${password.padEnd(48)}│`);
  console.log("  │ shown once only; change it or create your own accounts with │");
  console.log("  │   ronghe users add --username U --password-stdin …          │");
  console.log("  └─────────────────────────────────────────────────────────────┘");
  console.log(
    `  admin on: ${provinces.map((p) => `${p.code} ${p.name}`).join(", ") || "(no provinces yet)"}`,
  );
  console.log("");
}

const webDir = join(root, "apps", "web");
const dist = join(webDir, "dist");
if (existsSync(join(webDir, "vite.config.ts")) && webIsStale()) {
  console.log("[ronghe] building the web app …");
  const vite = join(root, "node_modules", "vite", "bin", "vite.js");
  const res = spawnSync(process.execPath, [vite, "build", "--config", join(webDir, "vite.config.ts")], {
    cwd: root,
    stdio: "inherit",
  });
  if (res.status !== 0) console.warn("[ronghe] the web build failed; serving the API only");
}

const { app, url } = await startServer({ store, webDist: dist });
console.log(`[ronghe] ${url}  (store: ${shownDb}; API docs: ${url}/api/docs)`);
for (const signal of ["SIGINT", "SIGTERM"]) {
  process.once(signal, () => {
    void app
      .close()
      .then(() => store.close())
      .finally(() => process.exit(0));
  });
}

function newestMtime(path) {
  if (!existsSync(path)) return 0;
  const st = statSync(path);
  if (!st.isDirectory()) return st.mtimeMs;
  let newest = 0;
  for (const name of readdirSync(path)) {
    if (name === "node_modules" || name === "dist") continue;
    newest = Math.max(newest, newestMtime(join(path, name)));
  }
  return newest;
}

function webIsStale() {
  const built = join(dist, "index.html");
  if (!existsSync(built)) return true;
  return newestMtime(webDir) > statSync(built).mtimeMs;
}
