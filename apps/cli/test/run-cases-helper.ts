// Running analysis cases (`<name>.spec.json` + `<name>.expected.json`) through the real CLI and the shared
// comparator (compare.mjs), a few processes at a time.
import { spawn } from "node:child_process";
import { existsSync, readdirSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), "../../..");
const bin = join(repoRoot, "apps/cli/bin/ronghe.js");

/**
 * The public analysis reference cases: the shared set beside the repository when it is there (it may be newer),
 * else the copy in fixtures/validation/analysis, so a clean checkout runs them too.
 */
export const referenceCasesDir =
  [resolve(repoRoot, "../shared/validation/analysis"), join(repoRoot, "fixtures/validation/analysis")].find(
    (dir) => existsSync(join(dir, "compare.mjs")),
  ) ?? join(repoRoot, "fixtures/validation/analysis");
/** The cases' own comparator (rules in its README). */
export const comparator = join(referenceCasesDir, "compare.mjs");
/** generous: every case starts a CLI process and waits for a free slot on a shared machine */
export const CASE_TIMEOUT = 600_000;

export interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

export function run(args: string[]): Promise<Run> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, args, { cwd: repoRoot, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => (stdout += d));
    child.stderr.on("data", (d) => (stderr += d));
    child.on("error", fail);
    child.on("close", (code) => done({ code: code ?? -1, stdout, stderr }));
  });
}

// a few CLI processes at a time: each one starts tsx, and the machine is shared
const limit = 3;
let active = 0;
const queue: (() => void)[] = [];
async function throttled<T>(body: () => Promise<T>): Promise<T> {
  if (active >= limit) await new Promise<void>((go) => queue.push(go));
  active++;
  try {
    return await body();
  } finally {
    active--;
    queue.shift()?.();
  }
}

/** `ronghe analyze --spec <specPath> [--json]`, throttled. */
export function analyze(specPath: string, json = true): Promise<Run> {
  return throttled(() => run([bin, "analyze", "--spec", specPath, ...(json ? ["--json"] : [])]));
}

/** The case names of a directory: every `<name>.spec.json`, sorted. */
export function caseNames(dir: string): string[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith(".spec.json"))
    .map((f) => f.slice(0, -".spec.json".length))
    .sort();
}

/**
 * Runs case `name` of `dir` through the CLI and compares its output with the expected file: "ok" when they
 * agree, else the comparator's report and the end of the CLI's stderr. The output is written to `tmp`.
 */
export async function runCase(
  dir: string,
  name: string,
  comparator: string,
  tmp: string,
): Promise<{ verdict: string; out: Run }> {
  const out = await analyze(join(dir, `${name}.spec.json`));
  const outFile = join(tmp, `${name}.out.json`);
  writeFileSync(outFile, out.stdout);
  const cmp = await run([comparator, join(dir, `${name}.expected.json`), outFile, String(out.code)]);
  const verdict = cmp.stdout.trim() + (cmp.code === 0 ? "" : `\nstderr: ${out.stderr.slice(-400)}`);
  return { verdict, out };
}
