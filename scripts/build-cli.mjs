// Bundles the `ronghe` CLI (all workspace TypeScript) into apps/cli/dist: ronghe.mjs plus chunks that each
// command loads on first use, so `ronghe analyze` (run once per spec by validation scripts) starts in a fraction
// of a second. Third-party packages stay external. bin/ronghe.js runs the sources through tsx when the bundle
// is missing or older than a source file. Shipped files are found from the repository root (services/repo-root.ts).
import { readFileSync, renameSync, rmSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

// esbuild is a dev dependency: without it (npm install --omit=dev) the CLI simply runs from its sources
let build;
try {
  ({ build } = await import("esbuild"));
} catch {
  console.warn("build-cli: esbuild is not installed; `ronghe` will run from its TypeScript sources");
  process.exit(0);
}

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const pkg = JSON.parse(readFileSync(join(root, "package.json"), "utf8"));
const external = [...Object.keys(pkg.dependencies ?? {}), ...Object.keys(pkg.devDependencies ?? {})].flatMap(
  (name) => [name, `${name}/*`],
);

// build beside the old bundle, then swap, so a CLI started meanwhile never sees half a bundle
const dist = join(root, "apps/cli/dist");
const staging = `${dist}.${process.pid}`;
rmSync(staging, { recursive: true, force: true });
await build({
  entryPoints: [join(root, "apps/cli/src/main.ts")],
  outdir: staging,
  entryNames: "ronghe",
  chunkNames: "chunks/[name]-[hash]",
  outExtension: { ".js": ".mjs" },
  splitting: true,
  bundle: true,
  platform: "node",
  format: "esm",
  target: "node20",
  external,
  sourcemap: "linked",
  logLevel: "warning",
  banner: {
    js: "import { createRequire as __ronghe_createRequire } from 'node:module'; const require = __ronghe_createRequire(import.meta.url);",
  },
});
rmSync(dist, { recursive: true, force: true });
renameSync(staging, dist);
