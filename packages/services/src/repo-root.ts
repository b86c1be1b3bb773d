// The repository root (the directory whose package.json is named "ronghe"), found by walking up from this
// module. Shipped files (data/, schemes/, plans) are located from it, so the same code works from the
// TypeScript sources and from the bundled CLI, whose modules sit at a different depth.
import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

function findRepoRoot(start: string): string {
  for (let dir = start; ; dir = dirname(dir)) {
    const manifest = join(dir, "package.json");
    if (existsSync(manifest)) {
      try {
        if (JSON.parse(readFileSync(manifest, "utf8")).name === "ronghe") return dir;
      } catch {
        // an unreadable manifest is not the root; keep walking
      }
    }
    if (dirname(dir) === dir) throw new Error(`ronghe repository root not found above ${start}`);
  }
}

export const REPO_ROOT = findRepoRoot(dirname(fileURLToPath(import.meta.url)));

export function repoPath(...parts: string[]): string {
  return join(REPO_ROOT, ...parts);
}
