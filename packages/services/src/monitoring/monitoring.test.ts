// Plans and monitoring on a small store: three counties whose incomes were written so that the statuses can
// be worked out by hand (A grows ~10 %/yr with the income ratio falling to 2.36; B grows 5 %/yr with the
// ratio near 2.75; C has no data).

import { isRongheError } from "@ronghe/core";
import { type ObservationInput, openStore, type RegionInput, type Store } from "@ronghe/store";
import ExcelJS from "exceljs";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Actor, ServiceContext } from "../context.ts";
import { SYSTEM_ACTOR } from "../context.ts";
import { importObservations } from "../data/import-observations.ts";
import { ensureBuiltinCatalogue } from "../data/indicator-catalogue.ts";
import { importPlan } from "./import-plan.ts";
import { getPlan, listPlans } from "./list-plans.ts";
import { listWarnings } from "./list-warnings.ts";
import { monitorPlan } from "./monitor-plan.ts";
import { assignWarning, closeWarning, commentWarning } from "./warning-actions.ts";

const A = "500101";
const B = "500102";
const C = "500103";
const REGIONS: RegionInput[] = [
  { code: "500000", statCode: "500000000000", parentCode: null, level: "province", name: "重庆市" },
  { code: "500100", statCode: "500100000000", parentCode: "500000", level: "prefecture", name: "市辖区" },
  { code: A, statCode: "500101000000", parentCode: "500100", level: "county", name: "甲区" },
  { code: B, statCode: "500102000000", parentCode: "500100", level: "county", name: "乙区" },
  { code: C, statCode: "500103000000", parentCode: "500100", level: "county", name: "丙区" },
];
const YEARS = [2013, 2014, 2015, 2016, 2017, 2018, 2019, 2020];
const DATA: Record<string, Record<string, number[]>> = {
  // ECO-02 (rural income): A (16100/10000)^(1/5) − 1 = 9.99 %/yr; B (12760/10000)^(1/5) − 1 = 4.99 %/yr
  "ECO-02": {
    [A]: [8300, 9100, 10000, 11000, 12050, 13300, 14600, 16100],
    [B]: [9000, 9500, 10000, 10480, 11050, 11560, 12180, 12760],
  },
  // ECO-01 (urban income): A's ratio falls 2.72 → 2.36 (37996/16100); B's 2.80 → 2.744 (35013/12760)
  "ECO-01": {
    [A]: [22576, 24206, 26100, 28050, 30125, 32718, 35186, 37996],
    [B]: [25200, 26553, 27890, 29155, 30653, 31963, 33556, 35013],
  },
};

const PLAN_ID = "test-plan";
const planYaml = (targets: string, extra = "") => `
id: ${PLAN_ID}
name: 测试规划
illustrative: true
region: "500000"
departments: [发展改革委, 农业农村委]
defaults: { due_month: 6 }
${extra}
targets:
${targets}`;
const GOOD_TARGETS = `
  - id: T1
    indicator: ECO-03
    name: 城乡居民收入比
    applies_to_level: county
    baseline: { year: 2015, from_data: true }
    target: { year: 2020, value: 2.4 }
    form: ratio_at_most
    kind: 约束性
    department: 发展改革委
  - id: T2
    indicator: ECO-02
    name: 农村居民收入年均增长
    applies_to_level: county
    baseline: { year: 2015, from_data: true }
    target: { year: 2020, value: 8 }
    form: avg_annual_growth_at_least
    kind: 预期性
    department: 农业农村委
`;

let store: Store;
let ctx: ServiceContext;

const user = (username: string, role: Actor["grants"][number]["role"], regionCode: string): Actor => ({
  kind: "user",
  userId: null,
  username,
  grants: [{ role, regionCode }],
});
const as = (actor: Actor): ServiceContext => ({ store, actor });

async function errorOf(p: Promise<unknown>): Promise<{ code: string; details: Record<string, unknown> }> {
  try {
    await p;
  } catch (error) {
    if (isRongheError(error)) return { code: error.code, details: error.details ?? {} };
    throw error;
  }
  throw new Error("expected an error");
}

async function writeValue(region: string, indicator: string, year: number, value: number): Promise<void> {
  const csv = `region_code,indicator,period,value\n${region},${indicator},${year},${value}\n`;
  await importObservations(
    ctx,
    { fileName: "fix.csv", bytes: new TextEncoder().encode(csv) },
    { reason: "correction" },
  );
}

beforeEach(async () => {
  store = await openStore(":memory:");
  ctx = { store, actor: SYSTEM_ACTOR };
  await store.upsertRegions(REGIONS);
  await ensureBuiltinCatalogue(ctx);
  const rows: ObservationInput[] = [];
  for (const [indicatorCode, byRegion] of Object.entries(DATA)) {
    for (const [regionCode, values] of Object.entries(byRegion)) {
      values.forEach((value, i) => {
        rows.push({ regionCode, indicatorCode, period: YEARS[i], value, source: "测试年鉴" });
      });
    }
  }
  await store.writeObservations(rows, { author: "seed", status: "approved", at: "2021-01-01T00:00:00.000Z" });
});
afterEach(async () => store.close());

describe("importPlan", () => {
  it("imports a YAML plan, lists it and audits the import", async () => {
    const r = await importPlan(ctx, { fileName: "plan.yaml", text: planYaml(GOOD_TARGETS) });
    expect(r).toMatchObject({
      planId: PLAN_ID,
      targets: 2,
      format: "yaml",
      replaced: false,
      illustrative: true,
    });
    expect((await listPlans(ctx)).map((p) => p.id)).toEqual([PLAN_ID]);
    const view = await getPlan(ctx, PLAN_ID);
    expect(view.plan.targets.map((t) => [t.id, t.kind, t.dueMonth])).toEqual([
      ["T1", "binding", 6],
      ["T2", "expected", 6],
    ]);
    const audit = await store.queryAudit({ action: "plan.import" });
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ targetId: PLAN_ID, regionCode: "500000" });
    // re-import replaces (idempotent for the same file)
    expect((await importPlan(ctx, { fileName: "plan.yaml", text: planYaml(GOOD_TARGETS) })).replaced).toBe(
      true,
    );
    expect(await listPlans(ctx)).toHaveLength(1);
  });

  it.each([
    [
      "unknown indicator",
      GOOD_TARGETS.replace("indicator: ECO-02", "indicator: ZZZ-99"),
      "unknown_indicator",
      2,
    ],
    [
      "target year before baseline",
      GOOD_TARGETS.replace("target: { year: 2020, value: 8 }", "target: { year: 2014, value: 8 }"),
      "target_before_baseline",
      2,
    ],
    [
      "growth target on a level (%) indicator",
      GOOD_TARGETS.replace("indicator: ECO-02", "indicator: POP-01"),
      "growth_on_non_amount",
      2,
    ],
    [
      "unit mismatch",
      GOOD_TARGETS.replace("department: 农业农村委", "department: 农业农村委\n    unit: 万元"),
      "unit_mismatch",
      2,
    ],
    [
      "region not in the store",
      GOOD_TARGETS.replace(
        "applies_to_level: county\n    baseline: { year: 2015, from_data: true }\n    target: { year: 2020, value: 8 }",
        'region: "500199"\n    baseline: { year: 2015, from_data: true }\n    target: { year: 2020, value: 8 }',
      ),
      "unknown_region",
      2,
    ],
  ])("rejects a plan with %s as invalid_plan and imports nothing", async (_label, targets, reason, row) => {
    const e = await errorOf(importPlan(ctx, { fileName: "bad.yaml", text: planYaml(targets) }));
    expect(e.code).toBe("invalid_plan");
    const errors = e.details.errors as Array<{ row: number; reason: string }>;
    expect(errors).toContainEqual(expect.objectContaining({ row, reason }));
    expect(await listPlans(ctx)).toEqual([]);
    expect(await store.queryAudit({ action: "plan.import" })).toEqual([]);
  });

  it("imports XLSX rows with sheet row numbers in errors, and CSV with plan columns", async () => {
    const header = [
      "target_id",
      "indicator",
      "name",
      "applies_to_level",
      "baseline_year",
      "baseline_from_data",
      "target_year",
      "target_value",
      "form",
      "kind",
    ];
    const sheet = async (rows: unknown[][]) => {
      const wb = new ExcelJS.Workbook();
      const ws = wb.addWorksheet("targets");
      ws.addRow(header);
      for (const r of rows) ws.addRow(r);
      return new Uint8Array(await wb.xlsx.writeBuffer());
    };
    const good = ["T1", "ECO-03", "收入比", "county", 2015, "是", 2020, 2.4, "ratio_at_most", "约束性"];
    const bad = await sheet([
      good,
      [],
      ["T2", "NOPE-1", "未知", "county", 2015, "true", 2020, 8, "avg_annual_growth_at_least", "预期性"],
    ]);
    const plan = { id: "x", name: "表格规划", region: "500000" };
    const e = await errorOf(importPlan(ctx, { fileName: "plan.xlsx", bytes: bad }, {}));
    expect(e.code).toBe("invalid_plan");
    // The header is row 1, row 3 is blank, the bad target sits on sheet row 4. Without plan columns the id is missing too.
    expect(e.details.errors).toContainEqual(expect.objectContaining({ row: 4, reason: "unknown_indicator" }));
    expect(await listPlans(ctx)).toEqual([]);

    const withPlan = (cells: unknown[]) => [...cells, plan.id, plan.name, plan.region];
    header.push("plan_id", "plan_name", "plan_region");
    const ok = await importPlan(ctx, { fileName: "plan.xlsx", bytes: await sheet([withPlan(good)]) });
    expect(ok).toMatchObject({ planId: "x", format: "xlsx", targets: 1 });

    const csv = `plan_id,plan_name,plan_region,target_id,indicator,name,applies_to_level,baseline_year,baseline_value,target_year,target_value,form,kind\ncsv-plan,CSV规划,500000,T1,ECO-02,农村收入,county,2015,,2020,8,avg_annual_growth_at_least,expected\n`;
    const e2 = await errorOf(importPlan(ctx, { fileName: "p.csv", bytes: new TextEncoder().encode(csv) }));
    expect(e2.details.errors).toContainEqual(expect.objectContaining({ row: 2, reason: "missing_baseline" }));
    const csvOk = csv.replace(",2015,,2020,", ",2015,10000,2020,");
    expect(
      await importPlan(ctx, { fileName: "p.csv", bytes: new TextEncoder().encode(csvOk) }),
    ).toMatchObject({ planId: "csv-plan", format: "csv" });
  });

  it("needs analyze rights on the plan region", async () => {
    const text = planYaml(GOOD_TARGETS);
    expect((await errorOf(importPlan(as(user("v", "viewer", "500000")), { text }))).code).toBe("forbidden");
    expect((await errorOf(importPlan(as(user("a", "analyst", A)), { text }))).code).toBe("not_found");
    expect(await listPlans(ctx)).toEqual([]);
    expect((await importPlan(as(user("a", "analyst", "500000")), { text })).planId).toBe(PLAN_ID);
  });
});

describe("monitorPlan", () => {
  beforeEach(async () => {
    await importPlan(ctx, { fileName: "plan.yaml", text: planYaml(GOOD_TARGETS) });
  });
  const cell = (view: Awaited<ReturnType<typeof monitorPlan>>, t: string, r: string) =>
    view.results.find((x) => x.targetId === t && x.region === r);

  it("evaluates targets × counties with the observations used, and opens first warnings", async () => {
    const v = await monitorPlan(ctx, PLAN_ID, { year: 2020 });
    expect(v.asOfDate).toBe("2021-12-31");
    expect(v.regions.map((r) => r.code)).toEqual([A, B, C]);
    expect(v.results).toHaveLength(6);
    expect(cell(v, "T1", A)).toMatchObject({
      status: "achieved",
      latestYear: 2020,
      regionName: "甲区",
      statusLabel: "已完成",
    });
    expect(cell(v, "T1", A)?.latestValue).toBeCloseTo(37996 / 16100, 12);
    expect(cell(v, "T2", A)?.realisedGrowthPct).toBeCloseTo(((16100 / 10000) ** 0.2 - 1) * 100, 9);
    expect(cell(v, "T2", A)?.status).toBe("achieved");
    expect(cell(v, "T1", B)?.status).toBe("off_track");
    expect(cell(v, "T2", B)?.status).toBe("off_track");
    expect(cell(v, "T1", C)?.status).toBe("no_data");
    expect(v.counts).toMatchObject({ achieved: 2, off_track: 2, no_data: 2 });
    // provenance: the derived ratio names both stored revisions, the stored series its own
    const used = cell(v, "T1", A)?.observations.find((o) => o.year === 2020);
    expect(used).toMatchObject({ revisionId: "ECO-01@r1,ECO-02@r1", sourceId: "测试年鉴" });
    expect(cell(v, "T2", B)?.observations.find((o) => o.year === 2015)?.revisionId).toBe("ECO-02@r1");

    expect(v.recorded).toBe(true);
    expect(v.previous).toBeNull();
    const types = v.warnings.opened.map((w) => `${w.type}:${w.targetId}:${w.region}`).sort();
    // B's two misses are first seen off track; C's reports for 2016–2020 are overdue on 2021-12-31 (due 30 June)
    const missing = [2016, 2017, 2018, 2019, 2020]
      .flatMap(() => ["missing_report:T1:500103", "missing_report:T2:500103"])
      .sort();
    expect(types).toEqual([...missing, "status_change:T1:500102", "status_change:T2:500102"].sort());
    expect(v.warnings.opened.find((w) => w.targetId === "T1" && w.region === B)?.severity).toBe("alarm"); // binding
    expect(v.warnings.opened.find((w) => w.targetId === "T2" && w.region === B)?.severity).toBe("warning");
    expect(JSON.stringify(v)).not.toMatch(/NaN/);

    // the same run again reports nothing new
    const again = await monitorPlan(ctx, PLAN_ID, { year: 2020 });
    expect(again.previous?.asOfYear).toBe(2020);
    expect(again.changes).toEqual([]);
    expect(again.warnings.opened).toEqual([]);
    expect((await getPlan(ctx, PLAN_ID)).monitoredYears).toEqual([2020]);
  });

  it("sees the status and the warnings change when one observation is revised", async () => {
    await monitorPlan(ctx, PLAN_ID, { year: 2020 });
    // A's 2020 rural income 16100 → 14000: growth (1.4)^(1/5) − 1 = 6.96 % < 8 %; ratio 37996/14000 = 2.714 > 2.4
    await writeValue(A, "ECO-02", 2020, 14000);
    const v = await monitorPlan(ctx, PLAN_ID, { year: 2020 });
    expect(cell(v, "T2", A)?.status).toBe("off_track");
    expect(cell(v, "T2", A)?.realisedGrowthPct).toBeCloseTo((1.4 ** 0.2 - 1) * 100, 9);
    expect(cell(v, "T1", A)?.status).toBe("off_track");
    expect(cell(v, "T1", A)?.observations.find((o) => o.year === 2020)?.revisionId).toBe(
      "ECO-01@r1,ECO-02@r2",
    );
    expect(v.changes).toEqual([
      { targetId: "T1", region: A, from: "achieved", to: "off_track" },
      { targetId: "T2", region: A, from: "achieved", to: "off_track" },
    ]);
    const opened = v.warnings.opened.map((w) => `${w.type}:${w.indicator}:${w.region}`).sort();
    expect(opened).toEqual([
      "implausible_jump:ECO-02:500101", // a −4 % year after steady +9–10 % years
      "implausible_jump:ECO-03:500101",
      "status_change:ECO-02:500101",
      "status_change:ECO-03:500101",
    ]);
    const jump = v.warnings.opened.find((w) => w.type === "implausible_jump" && w.indicator === "ECO-02");
    expect(jump?.evidence).toMatchObject({
      year: 2020,
      value: 14000,
      previousValue: 14600,
      revisionId: "ECO-02@r2",
    });

    // A closed jump stays closed on the same revision, and reopens when the value is revised again.
    await closeWarning(ctx, jump?.id as string, { resolution: "已核实" });
    expect((await monitorPlan(ctx, PLAN_ID, { year: 2020 })).warnings).toEqual({ opened: [], reopened: [] });
    await writeValue(A, "ECO-02", 2020, 14050);
    const third = await monitorPlan(ctx, PLAN_ID, { year: 2020 });
    expect(third.warnings.reopened.map((w) => w.id)).toContain(jump?.id);
    const reopened = third.warnings.reopened.find((w) => w.id === jump?.id);
    expect(reopened?.status).toBe("open");
    expect(reopened?.history.map((h) => h.action)).toEqual(["open", "close", "reopen"]);
    expect(reopened?.evidence).toMatchObject({ value: 14050, revisionId: "ECO-02@r3" });
  });

  it("keeps a closed missing-report warning closed", async () => {
    const v = await monitorPlan(ctx, PLAN_ID, { year: 2020 });
    const missing = v.warnings.opened.find((w) => w.type === "missing_report") as { id: string };
    await closeWarning(ctx, missing.id, { resolution: "该区无农村住户调查" });
    const again = await monitorPlan(ctx, PLAN_ID, { year: 2020 });
    expect(again.warnings.opened).toEqual([]);
    expect(again.warnings.reopened).toEqual([]);
    expect((await listWarnings(ctx, { status: "closed" })).map((w) => w.id)).toEqual([missing.id]);
  });

  it("compares a later year with the latest earlier snapshot; --no-record leaves no trace", async () => {
    const dry = await monitorPlan(ctx, PLAN_ID, { year: 2018, record: false });
    expect(dry.recorded).toBe(false);
    expect(await listWarnings(ctx)).toEqual([]);
    expect((await getPlan(ctx, PLAN_ID)).monitoredYears).toEqual([]);
    await monitorPlan(ctx, PLAN_ID, { year: 2018 });
    const later = await monitorPlan(ctx, PLAN_ID, { year: 2020 });
    expect(later.previous?.asOfYear).toBe(2018);
    // default year: the latest year with data (2020), capped at the last target year
    expect((await monitorPlan(ctx, PLAN_ID, { record: false })).asOfYear).toBe(2020);
  });

  it("scopes rows, recording and warnings to the actor's regions", async () => {
    await monitorPlan(ctx, PLAN_ID, { year: 2020 });
    const viewerB = as(user("vb", "viewer", B));
    const seen = await monitorPlan(viewerB, PLAN_ID, { year: 2020 });
    expect(seen.scope).toBe("partial");
    expect(seen.recorded).toBe(false);
    expect(seen.regions).toEqual([{ code: B, name: "乙区" }]);
    expect(seen.results.map((r) => `${r.targetId}:${r.region}:${r.status}`)).toEqual([
      `T1:${B}:off_track`,
      `T2:${B}:off_track`,
    ]);
    expect(JSON.stringify(seen)).not.toContain("甲区");

    const inbox = await listWarnings(viewerB, {});
    expect(inbox.length).toBe(2);
    expect(inbox.every((w) => w.region === B)).toBe(true);
    expect((await errorOf(listWarnings(viewerB, { regionCode: C }))).code).toBe("not_found");
    const all = await listWarnings(ctx, {});
    const ofC = all.find((w) => w.region === C) as { id: string };
    const ofB = inbox[0];

    // out of scope: not found; viewer in scope: forbidden; data-entry may comment, analysts assign and close
    expect((await errorOf(commentWarning(viewerB, ofC.id, { text: "x" }))).code).toBe("not_found");
    expect((await errorOf(assignWarning(viewerB, ofB.id, { assignee: "vb" }))).code).toBe("forbidden");
    expect((await errorOf(commentWarning(viewerB, ofB.id, { text: "看过" }))).code).toBe("forbidden");
    const commented = await commentWarning(as(user("eb", "data-entry", B)), ofB.id, { text: "数据已核对" });
    expect(commented.comments).toMatchObject([{ actor: "eb", text: "数据已核对" }]);

    const uid = (await store.createUser({ username: "clerk_b", passwordHash: "x" })).id;
    await store.addGrant({ userId: uid, role: "data-entry", regionCode: B });
    const analyst = as(user("boss", "analyst", "500000"));
    expect((await errorOf(assignWarning(analyst, ofC.id, { assignee: "clerk_b" }))).code).toBe(
      "invalid_input",
    ); // cannot see 丙区
    expect((await errorOf(assignWarning(analyst, ofB.id, { assignee: "nobody" }))).code).toBe(
      "invalid_input",
    );
    const assigned = await assignWarning(analyst, ofB.id, { assignee: "clerk_b" });
    expect(assigned).toMatchObject({ status: "assigned", assignee: "clerk_b" });
    const closed = await closeWarning(analyst, ofB.id, { resolution: "已督办" });
    expect(closed).toMatchObject({ status: "closed", resolution: "已督办" });
    expect(closed.history.map((h) => h.action)).toEqual(["open", "comment", "assign", "close"]);
    expect((await errorOf(closeWarning(analyst, ofB.id))).code).toBe("invalid_state");

    const audit = await store.queryAudit({ regionPrefixes: ["500102"] });
    expect(audit.map((a) => a.action).sort()).toEqual(["warning.assign", "warning.close", "warning.comment"]);

    // the plan itself is visible to a district (its targets apply there), not to another province
    expect((await listPlans(viewerB)).map((p) => p.id)).toEqual([PLAN_ID]);
    expect(await listPlans(as(user("bj", "viewer", "110000")))).toEqual([]);
    expect((await errorOf(monitorPlan(as(user("bj", "viewer", "110000")), PLAN_ID))).code).toBe("not_found");
  });
});
