// The report as HTML on the Chongqing demo (no browser needed): every district in the ranking table, the
// municipality's income ratio (checked against an independent computation), the run hash, one map path per
// district, escaping, target progress with warnings, and the named errors.

import { execFile } from "node:child_process";
import { readFileSync } from "node:fs";
import { promisify } from "node:util";
import {
  buildDemo,
  buildReport,
  evaluateScheme,
  importDemoPlan,
  monitorPlan,
  parseSchemeText,
  queryObservations,
  SYSTEM_ACTOR,
} from "@ronghe/services";
import { openStore, type Store } from "@ronghe/store";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const SCHEME = new URL("../../../schemes/chongqing-default.yaml", import.meta.url).pathname;
let store: Store;
const ctx = () => ({ store, actor: SYSTEM_ACTOR });
let planId: string;

beforeAll(async () => {
  store = await openStore(":memory:");
  await buildDemo(ctx());
  planId = (await importDemoPlan(ctx())).planId;
  // Two recorded monitoring runs, so that the plan has open warnings.
  await monitorPlan(ctx(), planId, { year: 2018, asOfDate: "2019-12-31" });
  await monitorPlan(ctx(), planId, { year: 2020, asOfDate: "2021-12-31" });
}, 240_000);
afterAll(async () => {
  await store?.close();
});

const textOf = (html: string) => html.replace(/<style>[\s\S]*?<\/style>/, "").replace(/<[^>]+>/g, " ");
const between = (html: string, start: string, end: string) => {
  const i = html.indexOf(start);
  const j = html.indexOf(end, i + start.length);
  return i < 0 ? "" : html.slice(i, j < 0 ? undefined : j);
};

describe("ronghe report (HTML)", () => {
  it("shows the ranking of every district, the municipal income ratio, the run hash and the maps", async () => {
    const report = await buildReport(ctx(), {
      regionCode: "500000",
      year: 2020,
      planId,
      generatedAt: "2026-01-01T00:00:00Z",
    });
    const html = report.html;
    const districts = await store.descendants("500000", { level: "county" });
    expect(districts.length).toBe(38);

    // the default scheme was used, and its run is the one evaluate gives
    expect(report.schemeFile).toBe("schemes/chongqing-default.yaml");
    const run = await evaluateScheme(ctx(), parseSchemeText(readFileSync(SCHEME, "utf8"), SCHEME));
    expect(report.runHash).toBe(run.run_hash);
    expect(html).toContain(run.run_hash);
    expect(html).toContain(run.inputs_hash);

    // ranking table: 37 ranked + 渝中区 listed as not ranked, each district once
    const ranking = between(html, '<table class="compact ranking">', "</table>");
    const rows = ranking.match(/<tr>/g) ?? [];
    expect(rows.length).toBe(1 + 38);
    for (const d of districts) expect(ranking).toContain(`<td>${d.name}</td>`);
    const rows2020 = run.rows.filter((r) => r.year === 2020);
    expect(rows2020.length).toBe(37);
    for (const r of rows2020)
      expect(ranking).toContain(`<td>${r.name}</td>\n<td>${r.region}</td>`.replace("\n", ""));
    const first = rows2020.find((r) => r.rank === 1)!;
    expect(ranking).toContain(`<span class="num-cell">${first.index.toFixed(4)}</span>`);

    // the municipality's income ratio, recomputed here from the district values and census weights
    const q = await queryObservations(ctx(), {
      region: "500000",
      level: "county",
      indicators: ["ECO-01", "ECO-02", "CQ-CENSUS-URBAN", "CQ-CENSUS-RURAL"],
    });
    const v = new Map(
      q.rows.map((r) => [`${r.regionCode}|${r.indicatorCode}|${r.period}`, r.value as number]),
    );
    let su = 0,
      pu = 0,
      sr = 0,
      pr = 0;
    for (const d of districts) {
      const [u, ru, wu, wr] = [
        v.get(`${d.code}|ECO-01|2020`),
        v.get(`${d.code}|ECO-02|2020`),
        v.get(`${d.code}|CQ-CENSUS-URBAN|2020`),
        v.get(`${d.code}|CQ-CENSUS-RURAL|2020`),
      ];
      if (u === undefined || ru === undefined || wu === undefined || wr === undefined) continue;
      su += u * wu;
      pu += wu;
      sr += ru * wr;
      pr += wr;
    }
    const expected = su / pu / (sr / pr);
    const y2020 = report.data.income.years.find((y) => y.year === 2020)!;
    expect(y2020.basis).toBe("estimated");
    expect(y2020.estimate?.missing).toEqual(["渝中区"]);
    expect(y2020.ratio).toBeCloseTo(expected, 12);
    const ratioText = expected.toFixed(2);
    expect(between(html, 'id="sec-1"', 'id="sec-2"')).toContain(ratioText);
    expect(between(html, 'id="sec-2"', 'id="sec-3"')).toContain(`<td>2020</td><td><span class="num-cell">`);
    expect(between(html, 'id="sec-2"', 'id="sec-3"')).toContain(`<span class="num-cell">${ratioText}</span>`);

    // two maps, one path per district with a polygon, every district code once
    const maps = html.match(/<svg[^>]*class="map"[\s\S]*?<\/svg>/g) ?? [];
    expect(maps.length).toBe(2);
    for (const map of maps) {
      const codes = [...map.matchAll(/<path data-code="(\d+)"/g)].map((m) => m[1]).sort();
      expect(codes).toEqual(districts.map((d) => d.code).sort());
    }
    // the index map colours the dropped district as no data; the level map has all 10 levels in its legend
    expect(maps[0]).toMatch(/<path data-code="500103" d="[^"]+" fill="#d9d9d9"/);
    for (const name of ["极度失调", "濒临失调", "勉强协调", "优质协调"]) expect(maps[1]).toContain(name);
    // ECharts SVGs: the income chart and the obstacle bars
    expect((html.match(/<svg /g) ?? []).length).toBeGreaterThanOrEqual(4);
    expect(between(html, 'id="sec-5"', 'id="sec-6"')).toContain("<svg");

    // target progress with status colours and the open warnings
    const targets = between(html, 'id="sec-6"', 'id="sec-7"');
    expect(targets).toContain("示意");
    expect(targets).toMatch(/<span class="status" style="background:#[0-9a-f]{6}">/);
    expect(report.data.monitoring?.warnings.length).toBeGreaterThan(0);
    expect(targets).toContain(report.data.monitoring?.warnings[0].message.slice(0, 10));

    // the appendix: weights of every indicator, sources, hashes, engine
    const appendix = between(html, 'id="sec-7"', "</body>");
    for (const code of [
      "ECO-01",
      "ECO-02",
      "POP-01",
      "CQ-GDP-PC",
      "CQ-GDP-1-SHARE",
      "CQ-AGRI-OUTPUT",
      "CQ-PUPIL-TEACHER",
    ])
      expect(appendix).toContain(`<td>${code}</td>`);
    expect(appendix).toContain("S01 (data/chongqing/sources.csv)");
    expect(appendix).toContain(run.engine_version);
    expect(appendix).toContain("schemes/chongqing-default.yaml");
    expect(report.data.provenance.values).toBeGreaterThan(0);

    // never a NaN or undefined, and self-contained (no scripts, no external references)
    expect(html).not.toMatch(/NaN|undefined|Infinity/);
    expect(html).not.toMatch(/<script|https?:\/\/(?!www\.w3\.org)/);
    expect(textOf(html)).toContain("城乡融合发展专项评估报告");
  }, 120_000);

  it("escapes data strings, writes English on request and says when no plan is given", async () => {
    const text = readFileSync(SCHEME, "utf8").replace(
      /^title: .*$/m,
      'title: "<script>alert(1)</script> & co"',
    );
    const report = await buildReport(ctx(), {
      regionCode: "500000",
      year: 2019,
      scheme: parseSchemeText(text, "x.yaml"),
      lang: "en",
    });
    expect(report.html).toContain("&lt;script&gt;alert(1)&lt;/script&gt; &amp; co");
    expect(report.html).not.toContain("<script>");
    expect(report.html).toContain("Urban-Rural Integration Evaluation Report 2019");
    expect(report.html).toContain("No plan given");
    expect(report.html).not.toMatch(/NaN|undefined/);
  }, 120_000);

  it("rejects a year outside the scheme, a region without a default scheme and an unknown plan", async () => {
    await expect(buildReport(ctx(), { regionCode: "500000", year: 2030 })).rejects.toMatchObject({
      code: "invalid_input",
    });
    await expect(buildReport(ctx(), { regionCode: "110000", year: 2020 })).rejects.toMatchObject({
      code: "invalid_input",
    });
    await expect(
      buildReport(ctx(), { regionCode: "500000", year: 2020, planId: "no-such-plan" }),
    ).rejects.toMatchObject({ code: "not_found" });
    await expect(
      buildReport(ctx(), { regionCode: "500000", year: 2020, lang: "fr" as "en" }),
    ).rejects.toMatchObject({ code: "invalid_input" });
  }, 120_000);

  it("without chromium, --out x.pdf fails with a named error before any work", async () => {
    const bin = new URL("../bin/ronghe.js", import.meta.url).pathname;
    const failed = await promisify(execFile)(
      "node",
      [
        bin,
        "report",
        "--region",
        "500000",
        "--year",
        "2020",
        "--out",
        "/tmp/never.pdf",
        "--db",
        ":memory:",
        "--json",
      ],
      {
        env: { ...process.env, RONGHE_CHROMIUM: "/nonexistent/chromium" },
      },
    ).then(
      () => null,
      (error: { code: number; stdout: string }) => error,
    );
    expect(failed?.code).toBe(2);
    const body = JSON.parse(failed?.stdout ?? "{}");
    expect(body.error.code).toBe("invalid_input");
    expect(body.error.message).toContain("apt-get install chromium fonts-noto-cjk");
  }, 60_000);
});
