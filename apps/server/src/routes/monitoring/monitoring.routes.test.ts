// Monitoring routes on the shared test world: a city plan whose target applies to 万州区 (out of scope for the
// 云阳县 accounts) and 云阳县. The city admin uploads and runs it; a 云阳县 account sees only 云阳县's rows and
// warnings, never a 万州 name or value, and can act on its own warnings as its role allows.
import { afterAll, beforeAll, expect, it } from "vitest";
import {
  buildWorld,
  describeOnStores,
  IN,
  INDICATOR,
  type Login,
  leaks,
  loginAs,
  OUT,
  tokenFor,
  type World,
} from "../../../test/builders.ts";

const PLAN_ID = "city-test-plan";
const PLAN_YAML = `
id: ${PLAN_ID}
name: 测试监测规划
illustrative: true
region: "500000"
defaults: { due_month: 6 }
targets:
  - id: P1
    indicator: ${INDICATOR}
    name: 测试人口达到 2000
    applies_to_level: county
    baseline: { year: 2015, from_data: true }
    target: { year: 2020, value: 2000 }
    form: level_at_least
    kind: binding
`;

interface WarningItem {
  id: string;
  region: string;
  type: string;
  status: string;
  assignee: string | null;
}

function multipart(fileName: string, text: string): { payload: Buffer; headers: Record<string, string> } {
  const boundary = "----ronghe-plan-boundary";
  const payload = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\nContent-Type: application/yaml\r\n\r\n${text}\r\n--${boundary}--\r\n`,
  );
  return { payload, headers: { "content-type": `multipart/form-data; boundary=${boundary}` } };
}

describeOnStores("monitoring routes", (kind) => {
  let w: World;
  let admin: Login;
  let viewer: Login;

  beforeAll(async () => {
    w = await buildWorld(kind);
    // 云阳县 grows slowly (far from 2000: off track); 万州区 is far above but skipped its 2017 report.
    const rows = [];
    for (const [i, year] of [2015, 2016, 2017, 2018, 2019].entries()) {
      rows.push({ regionCode: IN.county, indicatorCode: INDICATOR, period: year, value: 900 + 20 * i });
      if (year !== 2017)
        rows.push({
          regionCode: OUT.county,
          indicatorCode: INDICATOR,
          period: year,
          value: 90000 + 1000 * i,
        });
    }
    await w.store.writeObservations(rows, { author: "seed" });
    admin = await loginAs(w.app, "admin_cq");
    viewer = await loginAs(w.app, "viewer_yy");
  });
  afterAll(async () => w?.close());

  it("uploads a plan (JSON text and multipart), refuses bad plans and unauthorised uploads", async () => {
    const viewerUpload = await w.app.inject({
      method: "POST",
      url: "/api/plans",
      headers: viewer.write,
      payload: { text: PLAN_YAML },
    });
    expect(viewerUpload.statusCode).toBe(403);
    const noCsrf = await w.app.inject({
      method: "POST",
      url: "/api/plans",
      headers: admin.read,
      payload: { text: PLAN_YAML },
    });
    expect(noCsrf.statusCode).toBe(403);
    expect(noCsrf.json().error.code).toBe("csrf");

    const created = await w.app.inject({
      method: "POST",
      url: "/api/plans",
      headers: admin.write,
      payload: { text: PLAN_YAML, format: "yaml" },
    });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({ planId: PLAN_ID, targets: 1, replaced: false });

    const bad = multipart(
      "bad.yaml",
      PLAN_YAML.replace(`indicator: ${INDICATOR}`, "indicator: NOPE-1").replace(
        "year: 2020, value",
        "year: 2014, value",
      ),
    );
    const rejected = await w.app.inject({
      method: "POST",
      url: "/api/plans",
      headers: { ...admin.write, ...bad.headers },
      payload: bad.payload,
    });
    expect(rejected.statusCode).toBe(400);
    expect(rejected.json().error.code).toBe("invalid_plan");
    const reasons = rejected.json().error.details.errors.map((e: { reason: string }) => e.reason);
    expect(reasons).toEqual(expect.arrayContaining(["unknown_indicator", "target_before_baseline"]));

    const again = multipart("plan.yaml", PLAN_YAML);
    const replaced = await w.app.inject({
      method: "POST",
      url: "/api/plans",
      headers: { ...admin.write, ...again.headers },
      payload: again.payload,
    });
    expect(replaced.statusCode).toBe(200);
    expect(replaced.json().replaced).toBe(true);

    const list = await w.app.inject({ method: "GET", url: "/api/plans", headers: admin.read });
    expect(list.json().items.map((p: { id: string }) => p.id)).toEqual([PLAN_ID]);
    expect((await w.store.queryAudit({ action: "plan.import" })).length).toBe(2);
    const doc = (await w.app.inject({ method: "GET", url: "/api/docs/json" })).json();
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining(["/api/plans", "/api/plans/{id}/status", "/api/warnings/{id}/assign"]),
    );
  });

  it("runs the status grid for the city admin and records warnings in both counties", async () => {
    const res = await w.app.inject({
      method: "GET",
      url: `/api/plans/${PLAN_ID}/status?year=2020`,
      headers: admin.read,
    });
    expect(res.statusCode).toBe(200);
    const view = res.json();
    expect(view).toMatchObject({ asOfYear: 2020, asOfDate: "2021-12-31", recorded: true, scope: "complete" });
    const status = Object.fromEntries(
      view.results.map((r: { region: string; status: string }) => [r.region, r.status]),
    );
    expect(status).toEqual({ [OUT.county]: "achieved", [IN.county]: "off_track" });
    const opened = view.warnings.opened.map((x: WarningItem) => `${x.type}:${x.region}`).sort();
    expect(opened).toEqual([`missing_report:${OUT.county}`, `status_change:${IN.county}`]);
    expect(view.warnings.opened.find((x: WarningItem) => x.region === IN.county).severity).toBe("alarm"); // binding, off track
  });

  it("shows a 云阳县 account only 云阳县's rows and warnings, by cookie and by token", async () => {
    const plans = await w.app.inject({ method: "GET", url: "/api/plans", headers: viewer.read });
    expect(plans.json().items).toMatchObject([{ id: PLAN_ID, regionName: null }]);
    expect(plans.body).not.toContain("重庆");

    const grid = await w.app.inject({
      method: "GET",
      url: `/api/plans/${PLAN_ID}/status?year=2020`,
      headers: viewer.read,
    });
    expect(grid.statusCode).toBe(200);
    expect(grid.json()).toMatchObject({
      scope: "partial",
      recorded: false,
      regions: [{ code: IN.county, name: "云阳县" }],
    });
    expect(grid.json().results.map((r: { region: string }) => r.region)).toEqual([IN.county]);
    expect(leaks(grid.body)).toEqual([]);

    const token = await tokenFor(w.store, "viewer_yy");
    for (const headers of [viewer.read, { authorization: `Bearer ${token}` }]) {
      const res = await w.app.inject({ method: "GET", url: "/api/warnings", headers });
      expect(res.statusCode).toBe(200);
      const items = res.json().items as WarningItem[];
      expect(items.map((x) => `${x.type}:${x.region}`)).toEqual([`status_change:${IN.county}`]);
      expect(leaks(res.body)).toEqual([]);
      expect(res.body).not.toContain(OUT.county);
    }
    const outRegion = await w.app.inject({
      method: "GET",
      url: `/api/warnings?region=${OUT.county}`,
      headers: viewer.read,
    });
    expect(outRegion.statusCode).toBe(404);
    const all = await w.app.inject({ method: "GET", url: "/api/warnings", headers: admin.read });
    expect(all.json().items).toHaveLength(2);
  });

  it("lets roles act on their own warnings only (comment, assign, close), audited", async () => {
    const all = (await w.app.inject({ method: "GET", url: "/api/warnings", headers: admin.read })).json()
      .items as WarningItem[];
    const own = all.find((x) => x.region === IN.county) as WarningItem;
    const foreign = all.find((x) => x.region === OUT.county) as WarningItem;
    const url = (x: WarningItem, action: string) => `/api/warnings/${encodeURIComponent(x.id)}/${action}`;

    const outOfScope = await w.app.inject({
      method: "POST",
      url: url(foreign, "comment"),
      headers: viewer.write,
      payload: { text: "看看" },
    });
    expect(outOfScope.statusCode).toBe(404);
    expect(leaks(outOfScope.body)).toEqual([]);
    const viewerAssign = await w.app.inject({
      method: "POST",
      url: url(own, "assign"),
      headers: viewer.write,
      payload: { assignee: "entry_yy" },
    });
    expect(viewerAssign.statusCode).toBe(403);

    const entry = await loginAs(w.app, "entry_yy");
    const comment = await w.app.inject({
      method: "POST",
      url: url(own, "comment"),
      headers: entry.write,
      payload: { text: "已补报" },
    });
    expect(comment.statusCode).toBe(200);
    expect(comment.json().comments).toMatchObject([{ actor: "entry_yy", text: "已补报" }]);

    const analyst = await loginAs(w.app, "analyst_yy");
    const foreignAssignee = await w.app.inject({
      method: "POST",
      url: url(own, "assign"),
      headers: analyst.write,
      payload: { assignee: "approver_cq" },
    });
    expect(foreignAssignee.statusCode).toBe(200); // a city approver can see 云阳县
    const badAssignee = await w.app.inject({
      method: "POST",
      url: url(own, "assign"),
      headers: analyst.write,
      payload: { assignee: "no_such_user" },
    });
    expect(badAssignee.statusCode).toBe(400);
    const assign = await w.app.inject({
      method: "POST",
      url: url(own, "assign"),
      headers: analyst.write,
      payload: { assignee: "entry_yy" },
    });
    expect(assign.json()).toMatchObject({ status: "assigned", assignee: "entry_yy" });
    const close = await w.app.inject({
      method: "POST",
      url: url(own, "close"),
      headers: analyst.write,
      payload: { resolution: "已督办" },
    });
    expect(close.statusCode).toBe(200);
    expect(close.json()).toMatchObject({ status: "closed", resolution: "已督办" });
    const closeAgain = await w.app.inject({
      method: "POST",
      url: url(own, "close"),
      headers: analyst.write,
      payload: {},
    });
    expect(closeAgain.statusCode).toBe(409);

    const foreignClose = await w.app.inject({
      method: "POST",
      url: url(foreign, "close"),
      headers: analyst.write,
      payload: {},
    });
    expect(foreignClose.statusCode).toBe(404);
    const actions = (await w.store.queryAudit({ regionPrefixes: [IN.county] }))
      .map((a) => a.action)
      .filter((a) => a.startsWith("warning."));
    expect(actions.sort()).toEqual(["warning.assign", "warning.assign", "warning.close", "warning.comment"]);
  });
});
