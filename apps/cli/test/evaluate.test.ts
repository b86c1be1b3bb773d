// `ronghe evaluate` and `ronghe weights` through the real CLI on a small store written to a temporary file.
import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fixtureStore } from "../../../packages/services/src/evaluation/testing/fixture-store.ts";

const run = promisify(execFile);
const BIN = new URL("../bin/ronghe.js", import.meta.url).pathname;
let dir: string;
let db: string;

async function ronghe(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run("node", [BIN, ...args], { maxBuffer: 1 << 26 });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "ronghe-eval-"));
  db = join(dir, "t.db");
  const values: Record<number, Record<number, Record<string, number>>> = {};
  for (let i = 0; i < 5; i++) values[i] = { 2020: { A: 1 + i * i, B: 10 - i, C: (i * 7) % 5, D: 3 + i } };
  delete values[4][2020].D;
  const { store } = await fixtureStore({
    url: db,
    counties: [
      ["甲县", 0, 0],
      ["乙县", 1, 0],
      ["丙县", 0, 1],
      ["丁县", 1, 1],
      ["戊县", 5, 5],
    ],
    indicators: ["A", "B", "C", "D"].map((code) => ({ code })),
    values,
  });
  await store.close();
  const scheme = {
    name: "cli-test",
    region: "990000",
    level: "county",
    years: [2020, 2020],
    weighting: "equal",
    indicators: [
      { code: "A", subsystem: "urban" },
      { code: "B", subsystem: "urban", direction: "-" },
      { code: "C", subsystem: "rural" },
      { code: "D", subsystem: "rural" },
    ],
    analyses: { coupling: true, obstacles: true },
  };
  writeFileSync(join(dir, "s.json"), JSON.stringify(scheme));
  writeFileSync(
    join(dir, "bad.yaml"),
    "name: x\nregion: '990000'\nlevel: county\nyears: 2020-2020\ncolour: red\nindicators: []\n",
  );
  writeFileSync(
    join(dir, "unknown.json"),
    JSON.stringify({ ...scheme, indicators: [...scheme.indicators, { code: "ZZ-9", subsystem: "rural" }] }),
  );
}, 60_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("ronghe evaluate", () => {
  it("runs, stores, lists and re-reads a run; writes CSV", async () => {
    const out = join(dir, "r.csv");
    const first = await ronghe(
      "evaluate",
      "--scheme",
      join(dir, "s.json"),
      "--db",
      db,
      "--json",
      "--out",
      out,
    );
    expect(first.code).toBe(0);
    const view = JSON.parse(first.stdout);
    expect(view.rows.map((r: { name: string }) => r.name).sort()).toEqual(["丁县", "丙县", "乙县", "甲县"]);
    expect(view.summary.dropped).toMatchObject([{ region: "990105", year: 2020, missing: ["D"] }]);
    expect(view.run_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(first.stdout).not.toMatch(/NaN/);
    expect(readFileSync(out, "utf8").trim().split(/\r\n/)).toHaveLength(5);

    const runs = await ronghe("evaluate", "runs", "--db", db, "--json");
    expect(JSON.parse(runs.stdout).map((r: { id: string }) => r.id)).toEqual([view.id]);
    const shown = await ronghe("evaluate", "show", view.id, "--db", db);
    expect(shown.code).toBe(0);
    expect(shown.stdout).toContain(view.run_hash);
    expect(shown.stdout).toContain("甲县");
    expect(shown.stdout).toContain("剔除 dropped");
  }, 60_000);

  it("reports bad schemes with a code and no stack trace", async () => {
    const bad = await ronghe("evaluate", "--scheme", join(dir, "bad.yaml"), "--db", db, "--json");
    expect(bad.code).toBe(2);
    expect(JSON.parse(bad.stdout).error).toMatchObject({
      code: "invalid_scheme",
      details: { field: "colour" },
    });
    const unknown = await ronghe("evaluate", "--scheme", join(dir, "unknown.json"), "--db", db);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain("unknown_indicator");
    expect(unknown.stderr).not.toMatch(/\n\s+at /);
  }, 60_000);

  it("writes queen weights from the stored polygons", async () => {
    const out = join(dir, "w.json");
    const r = await ronghe(
      "weights",
      "--region",
      "990000",
      "--level",
      "county",
      "--type",
      "queen",
      "--out",
      out,
      "--db",
      db,
      "--json",
    );
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ units: 5, islands: ["990105"] });
    const weights = JSON.parse(readFileSync(out, "utf8"));
    expect(weights.style).toBe("W");
    expect([...weights.neighbors["990101"]].sort()).toEqual(["990102", "990103", "990104"]);
    expect(weights.neighbors["990105"]).toEqual([]);
  }, 60_000);
});
