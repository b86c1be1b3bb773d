// Evaluations over HTTP: shipped schemes listed by scope; a run started as a background job, polled to the end
// and read back; publishing locks the data the run used (edits refused) until an admin withdraws it; accounts
// outside the run's region neither see its runs nor start runs there.
import { evaluateScheme, getEvaluationRunView, parseScheme, SYSTEM_ACTOR } from "@ronghe/services";
import type { Indicator, RegionInput } from "@ronghe/store";
import { afterAll, beforeAll, expect, it } from "vitest";
import { buildServer } from "../src/app.ts";
import {
  buildUser,
  describeOnStores,
  type Login,
  loginAs,
  openTestStore,
  tokenFor,
  type World,
} from "./builders.ts";

const COUNTIES: Array<[string, string]> = [
  ["500229", "城口县"],
  ["500230", "丰都县"],
  ["500231", "垫江县"],
  ["500233", "忠县"],
  ["500235", "云阳县"],
  ["500236", "奉节县"],
];
const YEARS = [2018, 2019, 2020];
const USED = ["R1", "R2", "U1", "U2"];
const REGIONS: RegionInput[] = [
  { code: "500000", statCode: "500000000000", parentCode: null, level: "province", name: "重庆市" },
  { code: "500100", statCode: "500100000000", parentCode: "500000", level: "prefecture", name: "市辖区" },
  { code: "500101", statCode: "500101000000", parentCode: "500100", level: "county", name: "万州区" },
  { code: "500200", statCode: "500200000000", parentCode: "500000", level: "prefecture", name: "县" },
  ...COUNTIES.map(([code, name]) => ({
    code,
    statCode: `${code}000000`,
    parentCode: "500200",
    level: "county" as const,
    name,
  })),
  { code: "110000", statCode: "110000000000", parentCode: null, level: "province", name: "北京市" },
  { code: "110100", statCode: "110100000000", parentCode: "110000", level: "prefecture", name: "市辖区" },
  { code: "110101", statCode: "110101000000", parentCode: "110100", level: "county", name: "东城区" },
];

const indicator = (code: string, direction: "+" | "-" = "+"): Indicator => ({
  code,
  nameZh: `指标${code}`,
  nameEn: null,
  unit: "1",
  direction,
  dimension: null,
  role: "whole",
  levels: ["county"],
  aggregation: "none",
  weightIndicator: null,
  formula: null,
  description: null,
  source: null,
  builtin: false,
  notes: null,
});

/** county i, year index t: varied, no constant column */
const value = (code: string, i: number, t: number): number =>
  ({
    U1: 30000 + 2500 * i + 1200 * t + ((i * i * 37) % 500),
    U2: 12 - 0.8 * i + 0.3 * t,
    R1: 14000 + 1800 * ((i * 5) % 6) + 900 * t,
    R2: 55 + 4 * ((i * 2) % 6) - t,
    K1: 100 + i,
  })[code] as number;

const SCHEME = {
  name: "pilot-500200",
  title: "县域试点评价",
  region: "500200",
  level: "county",
  years: "2018-2020",
  indicators: [
    { code: "U1", subsystem: "urban" },
    { code: "U2", subsystem: "urban" },
    { code: "R1", subsystem: "rural" },
    { code: "R2", subsystem: "rural" },
  ],
  analyses: { coupling: true, obstacles: { top_n: 2 } },
};

const USERS: Array<[string, "admin" | "analyst" | "viewer" | "data-entry", string]> = [
  ["analyst_cq", "analyst", "500000"],
  ["admin_cq", "admin", "500000"],
  ["viewer_cq", "viewer", "500000"],
  ["entry_yy", "data-entry", "500235"],
  ["analyst_yy", "analyst", "500235"],
  ["analyst_bj", "analyst", "110000"],
];

describeOnStores("evaluations API", (kind) => {
  let w: World;
  const as: Record<string, Login> = {};
  let runId = "";

  beforeAll(async () => {
    const { store, reopen, dispose } = await openTestStore(kind);
    await store.upsertRegions(REGIONS);
    await store.upsertIndicators([
      indicator("U1"),
      indicator("U2", "-"),
      indicator("R1"),
      indicator("R2"),
      indicator("K1"),
    ]);
    await store.writeObservations(
      [
        ...COUNTIES.flatMap(([code], i) =>
          YEARS.flatMap((year, t) =>
            [...USED, "K1"].map((c) => ({
              regionCode: code,
              indicatorCode: c,
              period: year,
              value: value(c, i, t),
            })),
          ),
        ),
        { regionCode: "500101", indicatorCode: "U1", period: 2020, value: 41000 },
        { regionCode: "110101", indicatorCode: "U1", period: 2020, value: 88000 },
      ],
      { author: "seed", reason: "seed" },
    );
    for (const [username, role, regionCode] of USERS)
      await buildUser(store, username, [{ role, regionCode }]);
    const app = buildServer({ store });
    await app.ready();
    w = {
      store,
      app,
      reopen,
      close: async () => {
        await app.close();
        await dispose();
      },
    };
    for (const [username] of USERS) as[username] = await loginAs(app, username);
  });
  afterAll(async () => w?.close());

  const get = (who: string, url: string) => w.app.inject({ method: "GET", url, headers: as[who].read });
  const post = (who: string, url: string, payload?: unknown) =>
    w.app.inject({
      method: "POST",
      url,
      headers: as[who].write,
      ...(payload === undefined ? {} : { payload: payload as never }),
    });
  const status = async (code: string, ind: string, period: number) =>
    (
      await w.store.queryObservations({
        regionCodes: [code],
        indicators: [ind],
        fromYear: period,
        toYear: period,
      })
    )[0].status;

  async function finish(who: string, jobId: string) {
    const deadline = Date.now() + 20_000;
    for (;;) {
      const res = await get(who, `/api/jobs/${jobId}`);
      expect(res.statusCode).toBe(200);
      const job = res.json();
      if (job.status === "done" || job.status === "failed") return job;
      if (Date.now() > deadline) throw new Error(`job ${jobId} still ${job.status}`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  it("lists the shipped schemes the caller may read", async () => {
    const cq = await get("analyst_cq", "/api/schemes");
    expect(cq.statusCode).toBe(200);
    const shipped = cq.json().items.find((s: { name: string }) => s.name === "chongqing-default");
    expect(shipped).toEqual({
      name: "chongqing-default",
      title: expect.stringContaining("重庆"),
      regionCode: "500000",
      level: "county",
      years: { from: 2010, to: 2020 },
    });
    for (const who of ["analyst_yy", "analyst_bj", "entry_yy"]) {
      const res = await get(who, "/api/schemes");
      expect(res.statusCode).toBe(200);
      expect(res.json().items.map((s: { regionCode: string }) => s.regionCode)).not.toContain("500000");
    }
    expect((await w.app.inject({ method: "GET", url: "/api/schemes" })).statusCode).toBe(401);
  });

  it("runs an evaluation as a job with progress, then lists and shows it with results", async () => {
    const start = await post("analyst_cq", "/api/evaluations", { scheme: SCHEME, uncertainty: 30, seed: 7 });
    expect(start.statusCode).toBe(202);
    const { jobId } = start.json();
    const job = await finish("analyst_cq", jobId);
    expect(job).toMatchObject({ kind: "evaluation", status: "done", progress: 31, total: 31 });
    expect(job.result).toMatchObject({ reused: false });
    runId = job.result.runId;

    const list = await get("analyst_cq", "/api/evaluations");
    expect(list.json().items).toEqual([
      expect.objectContaining({
        id: runId,
        scheme_name: "pilot-500200",
        region: "500200",
        status: "succeeded",
        actor: "analyst_cq",
      }),
    ]);

    const res = await get("analyst_cq", `/api/evaluations/${runId}`);
    expect(res.statusCode).toBe(200);
    const view = res.json();
    expect(view).toMatchObject({
      id: runId,
      status: "succeeded",
      region: "500200",
      scheme: { title: "县域试点评价" },
    });
    expect(view.rows).toHaveLength(COUNTIES.length * YEARS.length);
    const names = new Map(COUNTIES);
    for (const year of YEARS) {
      const rows = view.rows.filter((r: { year: number }) => r.year === year);
      expect(rows.map((r: { rank: number }) => r.rank)).toEqual([1, 2, 3, 4, 5, 6]);
      for (let k = 0; k < rows.length; k++) {
        const r = rows[k];
        expect(r.name).toBe(names.get(r.region));
        // equal subsystem weights: the index is the mean of the two subsystem scores
        expect(r.index).toBeCloseTo((r.u_urban + r.u_rural) / 2, 12);
        if (k > 0) expect(r.index).toBeLessThanOrEqual(rows[k - 1].index);
        expect(r.coupling).toBeGreaterThanOrEqual(0);
        expect(r.coupling).toBeLessThanOrEqual(1);
        expect(r.level).toBeGreaterThanOrEqual(1);
        expect(typeof r.level_name).toBe("string");
        expect(r.top_obstacles).toHaveLength(2);
      }
    }
    expect(view.summary.uncertainty).toMatchObject({ n: 30, seed: 7 });
    expect(view.summary.uncertainty.years).toHaveLength(YEARS.length);

    // the API serves exactly what the services compute: the same scheme and parameters give the stored run
    const again = await evaluateScheme({ store: w.store, actor: SYSTEM_ACTOR }, parseScheme(SCHEME), {
      uncertainty: 30,
      seed: 7,
    });
    expect(again.reused).toBe(true);
    expect(again.id).toBe(runId);
    expect(JSON.parse(JSON.stringify(again.rows))).toEqual(view.rows);
  });

  it("shows one year of a run with ?year= (latest or a year of the run); without it the whole run", async () => {
    const full = await get("analyst_cq", `/api/evaluations/${runId}`);
    expect(full.statusCode).toBe(200);
    const whole = full.json();
    // the full view is the services' view as is: every year, no `year` field
    const services = await getEvaluationRunView({ store: w.store, actor: SYSTEM_ACTOR }, runId);
    expect(whole).toEqual(JSON.parse(JSON.stringify(services)));
    expect(whole).not.toHaveProperty("year");
    expect(whole.rows).toHaveLength(COUNTIES.length * YEARS.length);

    const yearOf = (body: { rows: { year: number }[]; summary: Record<string, unknown> }, year: number) => {
      const s = whole.summary;
      expect(body.rows).toEqual(whole.rows.filter((r: { year: number }) => r.year === year));
      expect(body.summary).toEqual({
        ...s,
        years: YEARS, // all the run's years, for the year selector
        dropped: s.dropped.filter((d: { year: number }) => d.year === year),
        weights: s.weights.filter((x: { year: number | null }) => x.year === null || x.year === year),
        spatial: s.spatial.filter((x: { year: number }) => x.year === year),
        uncertainty: {
          ...s.uncertainty,
          years: s.uncertainty.years.filter((u: { year: number }) => u.year === year),
        },
      });
    };
    const latest = await get("analyst_cq", `/api/evaluations/${runId}?year=latest`);
    expect(latest.statusCode).toBe(200);
    expect(latest.json()).toMatchObject({ id: runId, year: 2020, status: "succeeded" });
    expect(latest.json().rows).toHaveLength(COUNTIES.length);
    expect(latest.json().summary.uncertainty.years).toHaveLength(1);
    yearOf(latest.json(), 2020);
    const y2019 = await get("analyst_cq", `/api/evaluations/${runId}?year=2019`);
    expect(y2019.statusCode).toBe(200);
    expect(y2019.json().year).toBe(2019);
    yearOf(y2019.json(), 2019);
    expect(y2019.body.length).toBeLessThan(full.body.length / 2);

    // each query is its own cache entry: a year never answers for the whole run, nor for another year
    const again = await get("analyst_cq", `/api/evaluations/${runId}?year=latest`);
    expect([again.headers["x-cache"], again.body]).toEqual(["hit", latest.body]);
    const wholeAgain = await get("analyst_cq", `/api/evaluations/${runId}`);
    expect(wholeAgain.body).toBe(full.body);
    expect((await get("analyst_cq", `/api/evaluations/${runId}?year=2018`)).json().year).toBe(2018);

    // a year the run does not have: 404 naming it and listing the run's years
    const missing = await get("analyst_cq", `/api/evaluations/${runId}?year=2017`);
    expect(missing.statusCode).toBe(404);
    expect(missing.json().error).toMatchObject({
      code: "not_found",
      message: expect.stringContaining("2017"),
      details: { year: 2017, years: YEARS },
    });
    // malformed: 400 from the query schema
    for (const bad of ["latests", "20x9", "2019.5", "1800", ""]) {
      const res = await get("analyst_cq", `/api/evaluations/${runId}?year=${bad}`);
      expect([bad, res.statusCode, res.json().error.code]).toEqual([bad, 400, "invalid_input"]);
    }
    // out of scope: the run is not found, and its years are not told
    const hidden = await get("analyst_bj", `/api/evaluations/${runId}?year=2017`);
    expect(hidden.statusCode).toBe(404);
    expect(hidden.json().error.details).toEqual({ id: runId });
  });

  it("starts shipped schemes by name; bad names and bodies are refused", async () => {
    const token = await tokenFor(w.store, "analyst_cq");
    const byName = await w.app.inject({
      method: "POST",
      url: "/api/evaluations",
      headers: { authorization: `Bearer ${token}` },
      payload: { schemeName: "chongqing-default" },
    });
    expect(byName.statusCode).toBe(202);
    // the shipped scheme needs the demo's indicators, which this store lacks: the job fails with the reason
    const job = await w.app.inject({
      method: "GET",
      url: `/api/jobs/${byName.json().jobId}`,
      headers: { authorization: `Bearer ${token}` },
    });
    expect(job.statusCode).toBe(200);
    expect((await finish("analyst_cq", byName.json().jobId)).error).toMatchObject({
      code: "unknown_indicator",
    });

    for (const schemeName of ["no-such-scheme", "../schemes/chongqing-default", "chongqing-default.yaml"]) {
      const res = await post("analyst_cq", "/api/evaluations", { schemeName });
      expect([schemeName, res.statusCode, res.json().error.code]).toEqual([schemeName, 404, "not_found"]);
    }
    expect((await post("analyst_cq", "/api/evaluations", {})).statusCode).toBe(400);
    expect(
      (await post("analyst_cq", "/api/evaluations", { scheme: SCHEME, schemeName: "chongqing-default" }))
        .statusCode,
    ).toBe(400);
    const invalid = await post("analyst_cq", "/api/evaluations", {
      scheme: { ...SCHEME, weighting: "magic" },
    });
    expect([invalid.statusCode, invalid.json().error.code]).toEqual([400, "invalid_scheme"]);
  });

  it("publishing refuses unapproved data, locks the used data, and an admin's withdrawal makes it editable again", async () => {
    const total = COUNTIES.length * YEARS.length * USED.length;
    const drafts = await post("analyst_cq", `/api/evaluations/${runId}/publish`, {});
    expect(drafts.statusCode).toBe(409);
    expect(drafts.json().error).toMatchObject({
      code: "invalid_state",
      details: { notApproved: total, observations: total },
    });

    // the city admin submits and approves every county-year of the used indicators but one
    const transition = async (action: string, regionCode: string, period: number, indicators = USED) => {
      const res = await post("admin_cq", `/api/approvals/${action}`, { regionCode, period, indicators });
      expect([action, regionCode, period, res.statusCode]).toEqual([action, regionCode, period, 200]);
    };
    for (const [code] of COUNTIES) {
      for (const year of YEARS) {
        await transition("submit", code, year);
        if (code !== "500235" || year !== 2020) await transition("approve", code, year);
      }
    }
    const one = await post("analyst_cq", `/api/evaluations/${runId}/publish`);
    expect(one.statusCode).toBe(409);
    expect(one.json().error.details).toMatchObject({
      notApproved: USED.length,
      byStatus: { submitted: USED.length },
    });
    await transition("approve", "500235", 2020);

    // who may publish: analyst or admin in the run's region
    expect((await post("viewer_cq", `/api/evaluations/${runId}/publish`)).statusCode).toBe(403);
    expect((await post("analyst_yy", `/api/evaluations/${runId}/publish`)).statusCode).toBe(404);
    expect((await post("analyst_bj", `/api/evaluations/${runId}/publish`)).statusCode).toBe(404);
    expect(await status("500235", "U1", 2020)).toBe("approved");

    const published = await post("analyst_cq", `/api/evaluations/${runId}/publish`, {
      reason: "2020年度公报",
    });
    expect(published.statusCode).toBe(200);
    expect(published.json()).toEqual({
      id: runId,
      status: "published",
      observations: total,
      locked: total,
      alreadyLocked: 0,
    });
    const publishedView = (await get("analyst_cq", `/api/evaluations/${runId}`)).json();
    expect(publishedView.status).toBe("published");
    // a year view holds the publication with the locked data groups of its year only
    const record = publishedView.summary.publication;
    expect(record).toMatchObject({ published_by: "analyst_cq", observations: total });
    const publishedYear = (await get("analyst_cq", `/api/evaluations/${runId}?year=2019`)).json();
    expect(publishedYear.status).toBe("published");
    expect(publishedYear.summary.publication).toEqual({
      ...record,
      held: record.held.filter((h: { period: number }) => h.period === 2019),
    });
    expect(publishedYear.summary.publication.held).toHaveLength(COUNTIES.length);
    expect((await get("analyst_cq", "/api/evaluations")).json().items[0]).toMatchObject({
      id: runId,
      status: "published",
    });
    expect(await status("500235", "U1", 2020)).toBe("locked");
    expect(await status("500235", "K1", 2020)).toBe("draft"); // not used by the run

    const edit = (indicatorCode: string, v: number) =>
      post("entry_yy", "/api/observations", {
        items: [{ regionCode: "500235", indicator: indicatorCode, period: 2020, value: v }],
        reason: "更正",
      });
    const refused = await edit("U1", 12345);
    expect([refused.statusCode, refused.json().error.code]).toEqual([409, "invalid_state"]);
    expect((await edit("K1", 7)).statusCode).toBe(200);
    // locked data cannot be un-approved either; only the publication's withdrawal unlocks it
    const target = { regionCode: "500235", period: 2020, indicators: ["U1"] };
    expect((await post("admin_cq", "/api/approvals/unapprove", target)).statusCode).toBe(409);

    expect((await post("analyst_cq", `/api/evaluations/${runId}/unpublish`)).statusCode).toBe(403);
    const withdrawn = await post("admin_cq", `/api/evaluations/${runId}/unpublish`, { reason: "数据更正" });
    expect(withdrawn.statusCode).toBe(200);
    expect(withdrawn.json()).toEqual({
      id: runId,
      status: "succeeded",
      observations: total,
      unlocked: total,
      keptLocked: 0,
    });
    expect(await status("500235", "U1", 2020)).toBe("approved");

    // unlocked data are approved again: un-approve from above, then the edit goes through as a new draft
    expect((await post("admin_cq", "/api/approvals/unapprove", target)).statusCode).toBe(200);
    const allowed = await edit("U1", 12345);
    expect(allowed.statusCode).toBe(200);
    expect(allowed.json()).toMatchObject({ revised: 1 });
    const history = await w.store.observationHistory("500235", "U1", 2020);
    expect(history.map((h) => h.status)).toEqual([
      "draft",
      "submitted",
      "approved",
      "locked",
      "approved",
      "submitted",
      "draft",
    ]);

    const audit = await get("admin_cq", "/api/audit?region=500200");
    const actions = audit
      .json()
      .items.map((a: { action: string; actor: string; targetId: string | null }) => [
        a.action,
        a.actor,
        a.targetId,
      ]);
    expect(actions).toContainEqual(["evaluation.publish", "analyst_cq", runId]);
    expect(actions).toContainEqual(["evaluation.unpublish", "admin_cq", runId]);
  });

  it("out-of-scope accounts neither see the run nor start runs in its region", async () => {
    for (const who of ["analyst_yy", "analyst_bj"]) {
      const show = await get(who, `/api/evaluations/${runId}`);
      expect(show.statusCode).toBe(404);
      expect(show.body).not.toMatch(/城口|丰都|忠县|奉节|pilot/);
      expect((await get(who, "/api/evaluations")).json().items).toEqual([]);
      expect((await get(who, "/api/evaluations?region=500200")).statusCode).toBe(404);
      for (const body of [
        { scheme: SCHEME },
        { scheme: { region: "500200" } },
        { schemeName: "chongqing-default" },
      ]) {
        const res = await post(who, "/api/evaluations", body);
        expect([who, JSON.stringify(body), res.statusCode]).toEqual([who, JSON.stringify(body), 404]);
      }
      expect((await post(who, `/api/evaluations/${runId}/unpublish`)).statusCode).toBe(404);
    }
    // in scope but without "analyze": refused
    expect((await post("viewer_cq", "/api/evaluations", { scheme: SCHEME })).statusCode).toBe(403);
    expect(
      (await post("entry_yy", "/api/evaluations", { scheme: { ...SCHEME, region: "500235" } })).statusCode,
    ).toBe(403);
    // nothing was started by the refused requests
    expect((await w.store.listJobs({ kind: "evaluation" })).map((j) => j.actor).sort()).toEqual([
      "analyst_cq",
      "analyst_cq",
    ]);
  });
});
