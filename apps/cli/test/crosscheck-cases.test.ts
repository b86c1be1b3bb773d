// Runs every generated cross-check case of fixtures/crosscheck (numbers from spdep 1.2-7 and from the spec's
// formulas in base R, permutation p-values from an independent implementation of spec §7; see
// tools/crosscheck/README.md) through the real CLI and compares with the shared comparator (compare.mjs).
import { existsSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { caseNames, comparator, repoRoot, runCase, CASE_TIMEOUT as TIMEOUT } from "./run-cases-helper.ts";

const casesDir = join(repoRoot, "fixtures/crosscheck");
const compare = comparator;
const hasComparator = existsSync(compare);

const names = caseNames(casesDir);
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
      const { verdict, out } = await runCase(casesDir, name, compare, tmp);
      expect(verdict).toBe("ok");
      expect(out.stdout).not.toContain("NaN");
    },
    TIMEOUT,
  );
});
if (!hasComparator) it.skip(`comparator not found at ${compare}`, () => {});
