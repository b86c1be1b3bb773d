// `ronghe plans import`, `ronghe monitor` and `ronghe warnings` through the real CLI on the Chongqing demo
// store: the illustrative plan imported by path, the targets × districts grid at 2020, one observation
// revised through the data service (status and warnings change), and a bad plan that imports nothing.
import { execFile } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { buildDemo, importObservations, listPlans, SYSTEM_ACTOR } from "@ronghe/services";
import { openStore } from "@ronghe/store";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const run = promisify(execFile);
const BIN = new URL("../bin/ronghe.js", import.meta.url).pathname;
const PLAN_FILE = new URL("../../../packages/monitor/plans/chongqing-illustrative.yaml", import.meta.url)
  .pathname;
const PLAN = "cq-illustrative-2015-2020";
let dir: string;
let db: string;
/** POP-01 (urbanisation, %) in 2020 per district, read from the store independently of the monitor */
const urbanisation2020 = new Map<string, number>();

async function ronghe(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run("node", [BIN, ...args, "--db", db], {
      maxBuffer: 1 << 26,
      env: { ...process.env, NO_COLOR: "" },
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

interface Cell {
  targetId: string;
  region: string;
  status: string;
  latestYear: number | null;
  latestValue: number | null;
  observations: Array<{ year: number; revisionId?: string }>;
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "ronghe-monitor-"));
  db = join(dir, "demo.db");
  const store = await openStore(db);
  try {
    await buildDemo({ store, actor: SYSTEM_ACTOR });
    for (const o of await store.queryObservations({
      indicators: ["POP-01"],
      fromYear: 2020,
      toYear: 2020,
      level: "county",
    })) {
      urbanisation2020.set(o.regionCode, o.value);
    }
  } finally {
    await store.close();
  }
}, 120_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("ronghe plans / monitor / warnings on the demo", () => {
  it("imports the demo plan, monitors 2020, and sees one revised observation change a status and open a warning", async () => {
    const imported = await ronghe("plans", "import", PLAN_FILE, "--json");
    expect(imported.code).toBe(0);
    expect(JSON.parse(imported.stdout)).toMatchObject({
      planId: PLAN,
      targets: 8,
      illustrative: true,
      replaced: false,
    });

    const first = await ronghe("monitor", "--plan", PLAN, "--year", "2020", "--json");
    expect(first.code).toBe(0);
    expect(first.stdout).not.toMatch(/NaN/);
    const view = JSON.parse(first.stdout);
    const cells: Cell[] = view.results;
    const cell = (t: string, r: string) => cells.find((c) => c.targetId === t && c.region === r) as Cell;
    expect(view.regions).toHaveLength(38);
    expect(cells.filter((c) => c.targetId === "CQ-T01")).toHaveLength(38);
    // 渝中区 has no district data
    expect(cell("CQ-T03", "500103").status).toBe("no_data");
    // At the target year a share target is final: achieved iff the 2020 value reaches 50 %.
    expect(urbanisation2020.size).toBeGreaterThan(30);
    for (const [region, value] of urbanisation2020) {
      expect(cell("CQ-T03", region).status, region).toBe(value >= 50 ? "achieved" : "off_track");
    }
    expect(cell("CQ-T02", "500101")).toMatchObject({ status: "achieved", latestYear: 2020 });
    expect(cell("CQ-T02", "500101").observations.find((o) => o.year === 2020)?.revisionId).toBe("ECO-02@r1");
    expect(view.recorded).toBe(true);

    // A new revision of 万州's 2020 rural income (17292 → 16000), written through the data service.
    const store = await openStore(db);
    try {
      const csv = "region_code,indicator,period,value\n500101,ECO-02,2020,16000\n";
      const r = await importObservations(
        { store, actor: SYSTEM_ACTOR },
        { fileName: "fix.csv", bytes: new TextEncoder().encode(csv) },
        { reason: "test revision" },
      );
      expect(r.revised).toBe(1);
    } finally {
      await store.close();
    }

    const second = await ronghe("monitor", "--plan", PLAN, "--year", "2020", "--json");
    expect(second.code).toBe(0);
    const after = JSON.parse(second.stdout);
    const cell2 = (t: string, r: string) =>
      (after.results as Cell[]).find((c) => c.targetId === t && c.region === r) as Cell;
    // growth (16000/10729)^(1/5) − 1 = 8.32 % < 9 % → off track; the derived ratio moves with the revision
    // (42662/16000 = 2.67, still above 2.4, so its status stays)
    expect(cell2("CQ-T02", "500101").status).toBe("off_track");
    expect(cell2("CQ-T02", "500101").observations.find((o) => o.year === 2020)?.revisionId).toBe("ECO-02@r2");
    expect(cell2("CQ-T01", "500101")).toMatchObject({ status: "off_track", latestYear: 2020 });
    expect(cell2("CQ-T01", "500101").latestValue).toBeCloseTo(
      cell("CQ-T01", "500101").latestValue! * (17292 / 16000),
      10,
    );
    expect(cell2("CQ-T01", "500101").observations.find((o) => o.year === 2020)?.revisionId).toBe(
      "ECO-01@r1,ECO-02@r2",
    );
    expect(after.changes).toEqual([
      { targetId: "CQ-T02", region: "500101", from: "achieved", to: "off_track" },
    ]);
    const opened = after.warnings.opened as Array<{
      id: string;
      type: string;
      targetId: string;
      region: string;
    }>;
    const statusWarning = opened.find((w) => w.type === "status_change");
    expect(statusWarning).toMatchObject({ targetId: "CQ-T02", region: "500101" });
    expect(opened.filter((w) => w.type === "status_change")).toHaveLength(1);

    const [table, inbox, bad] = await Promise.all([
      ronghe("monitor", "--plan", PLAN, "--year", "2020"),
      ronghe("warnings", "--plan", PLAN, "--json"),
      (async () => {
        const text =
          "id: bad\nname: 坏规划\nregion: '500000'\ntargets:\n  - id: X1\n    indicator: NOPE-1\n    name: 未知指标\n    applies_to_level: county\n    baseline: { year: 2015, value: 1 }\n    target: { year: 2014, value: 2 }\n    form: level_at_least\n    kind: expected\n";
        writeFileSync(join(dir, "bad.yaml"), text);
        return ronghe("plans", "import", join(dir, "bad.yaml"), "--json");
      })(),
    ]);
    expect(table.code).toBe(0);
    expect(table.stdout).toMatch(/万州区\s+500101\s+进度滞后\s+进度滞后/); // CQ-T01, CQ-T02 after the revision
    expect(table.stdout).toContain("示意");
    expect(table.stdout).not.toContain("\u001b["); // no colour when stdout is not a terminal

    expect(inbox.code).toBe(0);
    const warnings = JSON.parse(inbox.stdout) as Array<{ id: string; status: string }>;
    expect(warnings.find((w) => w.id === statusWarning?.id)?.status).toBe("open");

    expect(bad.code).toBe(2);
    const err = JSON.parse(bad.stdout).error;
    expect(err.code).toBe("invalid_plan");
    const reasons = err.details.errors.map((e: { reason: string }) => e.reason);
    expect(reasons).toEqual(expect.arrayContaining(["unknown_indicator", "target_before_baseline"]));
    const check = await openStore(db);
    try {
      expect((await listPlans({ store: check, actor: SYSTEM_ACTOR })).map((p) => p.id)).toEqual([PLAN]);
    } finally {
      await check.close();
    }
  }, 240_000);
});
