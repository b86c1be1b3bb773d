// The engine version recorded with every run: the versions of the packages whose code computes the numbers
// (indices, spatial-stats, and the services that wire them), e.g. "indices@0.1.0 spatial-stats@0.1.0 services@0.1.0".
import { readFileSync } from "node:fs";
import { repoPath } from "../repo-root.ts";

const PACKAGES = ["indices", "spatial-stats", "services"] as const;
let cached: string | null = null;

export function engineVersion(): string {
  if (cached !== null) return cached;
  cached = PACKAGES.map((name) => {
    const pkg = JSON.parse(readFileSync(repoPath("packages", name, "package.json"), "utf8")) as {
      version?: string;
    };
    return `${name}@${pkg.version ?? "0.0.0"}`;
  }).join(" ");
  return cached;
}
