// Runs every generated cross-check case of fixtures/crosscheck (numbers from spdep 1.2-7 and from the spec's
// formulas in base R, permutation p-values from an independent implementation of spec §7; see
// tools/crosscheck/README.md) through the real CLI and compares with the shared comparator (compare.mjs).
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), "../../..");
const casesDir = join(repoRoot, "fixtures/crosscheck");
const compare = resolve(repoRoot, "../shared/validation/analysis/compare.mjs");
const bin = join(repoRoot, "apps/cli/bin/ronghe.js");
// generous: every case starts a CLI process and waits for a free slot on a shared machine
const TIMEOUT = 600_000;
const hasComparator = existsSync(compare);

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

function run(args: string[]): Promise<Run> {
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

// a few CLI processes at a time: the machine is shared
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

const names = readdirSync(casesDir)
  .filter((f) => f.endsWith(".spec.json"))
  .map((f) => f.slice(0, -".spec.json".length))
  .sort();
const tmp = mkdtempSync(join(tmpdir(), "ronghe-crosscheck-"));

describe("cross-check fixtures", () => {
  it("every spec has an expected file naming its peer, and every method of spec §5 is covered", () => {
    const methods = new Set<string>();
    for (const name of names) {
      const expected = JSON.parse(readFileSync(join(casesDir, `${name}.expected.json`), "utf8"));
      expect(expected.case).toBe(name);
      expect(expected.source).toMatch(/spdep|R \d|permutation\.py|exact\.py|analysis spec §/);
      methods.add(JSON.parse(readFileSync(join(casesDir, `${name}.spec.json`), "utf8")).method);
    }
    expect([...methods].sort()).toEqual(
      [
        "beta-convergence",
        "composite-index",
        "coupling-coordination",
        "critic-weights",
        "entropy-weights",
        "geodetector",
        "getis-ord",
        "gini",
        "lisa",
        "markov",
        "moran",
        "obstacle-degree",
        "sigma-convergence",
        "theil",
        "topsis",
        "urban-rural-theil",
      ].sort(),
    );
  });
});

describe.skipIf(!hasComparator)("cross-check cases through `ronghe analyze`", () => {
  it.concurrent.each(names)(
    "%s",
    async (name) => {
      const out = await throttled(() =>
        run([bin, "analyze", "--spec", join(casesDir, `${name}.spec.json`), "--json"]),
      );
      const outFile = join(tmp, `${name}.out.json`);
      writeFileSync(outFile, out.stdout);
      const cmp = await run([compare, join(casesDir, `${name}.expected.json`), outFile, String(out.code)]);
      expect(cmp.stdout.trim() + (cmp.code === 0 ? "" : `\nstderr: ${out.stderr.slice(-400)}`)).toBe("ok");
      expect(out.stdout).not.toContain("NaN");
    },
    TIMEOUT,
  );
});
if (!hasComparator) it.skip(`comparator not found at ${compare}`, () => {});
