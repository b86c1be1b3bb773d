// Bundles the `ronghe` CLI (all workspace TypeScript) into apps/cli/dist/ronghe.mjs (+ lazily loaded chunks) so a command starts in a
// fraction of a second; third-party packages stay external. bin/ronghe.js falls back to tsx when no bundle exists.
import { readFileSync, rmSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const pkg = JSON.parse(readFileSync(join(root, "package.json"), "utf8"));
const external = [...Object.keys(pkg.dependencies ?? {}), ...Object.keys(pkg.devDependencies ?? {})].flatMap((name) => [
  name,
  `${name}/*`,
]);

rmSync(join(root, "apps/cli/dist"), { recursive: true, force: true });
await build({
  entryPoints: [join(root, "apps/cli/src/analyze-main.ts")],
  outdir: join(root, "apps/cli/dist"),
  entryNames: "analyze",
  outExtension: { ".js": ".mjs" },
  bundle: true,
  platform: "node",
  format: "esm",
  target: "node20",
  external,
  sourcemap: "linked",
  logLevel: "warning",
  banner: { js: "import { createRequire as __ronghe_createRequire } from 'node:module'; const require = __ronghe_createRequire(import.meta.url);" },
});
