// The shipped Chongqing scheme on the Chongqing demo, through the real CLI (`ronghe demo`, then `ronghe evaluate`).
// Slower than the other CLI tests: building the demo imports ~12,000 regions and the district panel.
import { execFile } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, describe, expect, it } from "vitest";

const run = promisify(execFile);
const BIN = new URL("../bin/ronghe.js", import.meta.url).pathname;
const SCHEME = new URL("../../../schemes/chongqing-default.yaml", import.meta.url).pathname;
const dir = mkdtempSync(join(tmpdir(), "ronghe-eval-demo-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("ronghe evaluate on the Chongqing demo", () => {
  it("ranks the districts for 2010–2020 with subsystem indices, coordination levels and a stored run", async () => {
    const db = join(dir, "demo.db");
    await run("node", [BIN, "demo", "--db", db], { maxBuffer: 1 << 26 });
    const { stdout } = await run("node", [BIN, "evaluate", "--scheme", SCHEME, "--db", db, "--json"], {
      maxBuffer: 1 << 26,
    });
    const view = JSON.parse(stdout);
    expect(view.summary.years).toEqual([2010, 2011, 2012, 2013, 2014, 2015, 2016, 2017, 2018, 2019, 2020]);
    for (const year of view.summary.years) {
      const rows = view.rows.filter((r: { year: number }) => r.year === year);
      expect(rows.length).toBeGreaterThanOrEqual(37);
      expect(rows.map((r: { rank: number }) => r.rank)[0]).toBe(1);
      for (const r of rows) {
        expect(r.u_urban).toBeGreaterThanOrEqual(0);
        expect(r.u_rural).toBeLessThanOrEqual(1);
        expect(r.level).toBeGreaterThanOrEqual(1);
        expect(typeof r.level_name).toBe("string");
      }
    }
    // 渝中区 has no panel data: every one of its years is dropped and listed
    const yuzhong = view.summary.dropped.filter((d: { region: string }) => d.region === "500103");
    expect(yuzhong).toHaveLength(11);
    expect(
      view.summary.spatial.every(
        (s: { error: unknown; moran: unknown }) => s.error === null && s.moran !== null,
      ),
    ).toBe(true);
    expect(stdout).not.toMatch(/NaN/);

    const table = await run("node", [BIN, "evaluate", "show", view.id, "--db", db], { maxBuffer: 1 << 26 });
    expect(table.stdout).toContain(view.run_hash);
    expect(table.stdout).toContain("== 2020 (37 个区域 regions) ==");
    expect(table.stdout).toContain("万州区");
    const again = await run("node", [BIN, "evaluate", "--scheme", SCHEME, "--db", db, "--json"], {
      maxBuffer: 1 << 26,
    });
    const second = JSON.parse(again.stdout);
    expect(second.run_hash).toBe(view.run_hash);
    expect(second.reused).toBe(true);
  }, 300_000);
});
