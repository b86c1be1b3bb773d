// External tools the comparisons need: installed with apt-get when missing (as the benchmark's brief asks),
// time-bounded, and reported as a note when that is impossible (not root, no network, dpkg locked).
import { runCommand } from "./process.ts";

export async function hasCommand(name: string): Promise<boolean> {
  const r = await runCommand("sh", ["-c", `command -v ${name}`], { timeoutMs: 10_000 });
  return r.code === 0 && r.stdout.trim() !== "";
}

/** `apt-get install -y PACKAGES` within the time limit; null on success, else why it failed. */
export async function aptInstall(packages: readonly string[], timeoutMs: number): Promise<string | null> {
  if (typeof process.getuid === "function" && process.getuid() !== 0)
    return "not running as root, cannot apt-get install";
  if (!(await hasCommand("apt-get"))) return "apt-get not available";
  const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
  let r = await runCommand("apt-get", ["install", "-y", "--no-install-recommends", ...packages], {
    timeoutMs,
    env,
  });
  if (r.code !== 0 && !r.timedOut) {
    // stale package lists are the usual cause; refresh once and retry
    await runCommand("apt-get", ["update"], { timeoutMs: Math.min(timeoutMs, 180_000), env });
    r = await runCommand("apt-get", ["install", "-y", "--no-install-recommends", ...packages], {
      timeoutMs,
      env,
    });
  }
  if (r.timedOut)
    return `apt-get install ${packages.join(" ")} did not finish within ${Math.round(timeoutMs / 60_000)} min`;
  if (r.code !== 0)
    return `apt-get install ${packages.join(" ")} failed: ${r.stderr.trim().split("\n").slice(-2).join(" ")}`;
  return null;
}

/** The sqlite3 CLI, installed if missing; null when ready, else the note to print. */
export async function ensureSqlite3(): Promise<string | null> {
  if (await hasCommand("sqlite3")) return null;
  const failed = await aptInstall(["sqlite3"], 300_000);
  if (failed) return failed;
  return (await hasCommand("sqlite3")) ? null : "sqlite3 still not found after install";
}

async function hasSpdep(): Promise<boolean> {
  if (!(await hasCommand("Rscript"))) return false;
  const r = await runCommand(
    "Rscript",
    ["-e", "suppressPackageStartupMessages(library(spdep)); cat(as.character(packageVersion('spdep')))"],
    {
      timeoutMs: 60_000,
    },
  );
  return r.code === 0;
}

/** R with spdep, installed if missing (10 min limit); `{ version }` when ready, else `{ note }`. */
export async function ensureR(): Promise<{ version: string } | { note: string }> {
  if (!(await hasSpdep())) {
    const failed = await aptInstall(["r-base-core", "r-cran-spdep"], 600_000);
    if (failed) return { note: failed };
    if (!(await hasSpdep())) return { note: "R or spdep still not usable after install" };
  }
  const r = await runCommand(
    "Rscript",
    [
      "-e",
      "suppressPackageStartupMessages(library(spdep)); cat(R.version$major, '.', R.version$minor, ' / spdep ', as.character(packageVersion('spdep')), sep='')",
    ],
    { timeoutMs: 60_000 },
  );
  return { version: `R ${r.stdout.trim()}` };
}
