// Runs every reference case of shared/validation/analysis through the real CLI and compares with the
// cases' own comparator (compare.mjs), plus the error contract for bad specs.
import { existsSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import {
  analyze,
  caseNames,
  comparator,
  referenceCasesDir,
  runCase,
  CASE_TIMEOUT as TIMEOUT,
} from "./run-cases-helper.ts";

const casesDir = referenceCasesDir;
const compare = comparator;
const hasCases = existsSync(compare);

const tmp = mkdtempSync(join(tmpdir(), "ronghe-analyze-"));
let counter = 0;
function specFile(spec: unknown): string {
  const path = join(tmp, `case-${++counter}.json`);
  writeFileSync(path, typeof spec === "string" ? spec : JSON.stringify(spec));
  return path;
}

describe.skipIf(!hasCases)(`reference cases in ${casesDir}`, () => {
  const names = hasCases ? caseNames(casesDir) : [];

  it.concurrent.each(names)(
    "%s",
    async (name) => {
      const { verdict } = await runCase(casesDir, name, compare, tmp);
      expect(verdict).toBe("ok");
    },
    TIMEOUT,
  );
});
if (!hasCases)
  it.skip(`reference cases not found at ${casesDir} (shared/validation/analysis beside the repo)`, () => {});

const rows = [
  { id: "330402", a: 3, b: 2.5 },
  { id: "330411", a: 5, b: 1.1 },
  { id: "330421", a: 8, b: 4.3 },
  { id: "330424", a: 1, b: 3.3 },
];
const grid = {
  "330402": ["330411", "330421"],
  "330411": ["330402", "330424"],
  "330421": ["330402", "330424"],
  "330424": ["330411", "330421"],
};

const badSpecs: [string, unknown, string][] = [
  [
    "unknown column",
    { method: "entropy-weights", params: { indicators: [{ column: "zz" }] }, data: { rows } },
    "unknown_column",
  ],
  [
    "non-numeric text",
    {
      method: "gini",
      params: { column: "a" },
      data: { rows: [...rows.slice(1), { id: "330481", a: "12.5" }] },
    },
    "non_numeric",
  ],
  [
    "missing value",
    { method: "gini", params: { column: "a" }, data: { rows: [...rows, { id: "330481", a: null }] } },
    "missing_values",
  ],
  [
    "duplicate id",
    { method: "gini", params: { column: "a" }, data: { rows: [...rows, { id: 330402, a: 1 }] } },
    "duplicate_id",
  ],
  ["unknown method", { method: "entropy", params: {}, data: { rows } }, "unknown_method"],
  ["malformed JSON", '{"method": "gini", ', "invalid_spec"],
  [
    "bad parameter",
    { method: "topsis", params: { indicators: [{ column: "a" }], normalization: "l3" }, data: { rows } },
    "invalid_spec",
  ],
  [
    "negative values for Gini",
    { method: "gini", params: { column: "a" }, data: { rows: [...rows, { id: "x", a: -1 }] } },
    "negative_values",
  ],
  [
    "identical rows in TOPSIS",
    {
      method: "topsis",
      params: { weighting: "equal", indicators: [{ column: "a" }] },
      data: { rows: rows.map((r) => ({ ...r, a: 1 })) },
    },
    "degenerate",
  ],
  [
    "constant column in Moran's I",
    {
      method: "moran",
      params: { column: "a" },
      data: { rows: rows.map((r) => ({ ...r, a: 7 })) },
      weights: { neighbors: grid },
    },
    "constant_column",
  ],
  [
    "island without allow_islands",
    {
      method: "moran",
      params: { column: "a" },
      data: { rows },
      weights: { neighbors: { ...grid, "330424": [] } },
    },
    "no_neighbors",
  ],
  [
    "neighbour id that is not a row",
    {
      method: "moran",
      params: { column: "a" },
      data: { rows },
      weights: { neighbors: { ...grid, "330424": ["999999"] } },
    },
    "invalid_weights",
  ],
];

describe("bad specs give the spec's error code, exit 2, no stack trace", () => {
  it.concurrent.each(badSpecs.map(([label, spec, code]) => [`${label} → ${code}`, spec, code] as const))(
    "%s",
    async (_label, spec, code) => {
      const out = await analyze(specFile(spec));
      expect(out.code).toBe(2);
      expect(JSON.parse(out.stdout)).toEqual({ error: { code, message: expect.any(String) } });
      expect(out.stdout + out.stderr).not.toMatch(/\n\s+at /);
      expect(out.stdout).not.toContain("NaN");
    },
    TIMEOUT,
  );

  it(
    "without --json prints the code on stderr",
    async () => {
      const out = await analyze(specFile(badSpecs[0][1]), false);
      expect(out.code).toBe(2);
      expect(out.stderr).toContain("unknown_column");
      expect(out.stderr).not.toMatch(/\n\s+at /);
    },
    TIMEOUT,
  );
});

describe("readable output", () => {
  it(
    "prints tables of the result without --json",
    async () => {
      const spec = {
        method: "topsis",
        params: { indicators: [{ column: "a" }, { column: "b", direction: "-" }] },
        data: { rows },
      };
      const out = await analyze(specFile(spec), false);
      expect(out.code).toBe(0);
      expect(out.stdout).toContain("closeness");
      expect(out.stdout).toContain("330421");
    },
    TIMEOUT,
  );
});
