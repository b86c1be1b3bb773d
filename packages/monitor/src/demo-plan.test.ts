// The shipped illustrative plan against the Chongqing demo data. The test builds its own small provider
// from the CSV files (panel → store codes via indicator-map.csv, three derived indicators computed here),
// standing in for the store so the engine can be checked end to end on real numbers.
import { readFileSync } from "node:fs";
import { parse } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import { detectWarnings } from "./detect-warnings.ts";
import { evaluatePlan } from "./evaluate-plan.ts";
import { parsePlan } from "./parse-plan.ts";
import type { DataProvider, Observation } from "./types.ts";
import type { CatalogueIndicator } from "./units.ts";

const root = new URL("../../../", import.meta.url);
const csv = (path: string): Record<string, string>[] =>
  parse(readFileSync(new URL(path, root), "utf8"), { columns: true, skip_empty_lines: true });

const catalogue: CatalogueIndicator[] = [
  ...csv("data/indicator-catalogue.csv"),
  ...csv("data/chongqing/ronghe-indicators.csv"),
].map((r) => ({
  code: r.code,
  unit: r.unit,
  direction: r.direction as "+" | "-",
}));

const map = new Map(
  csv("data/chongqing/indicator-map.csv").map((r) => [
    `${r.panel_indicator}|${r.panel_unit}`,
    { code: r.code, factor: Number(r.factor) },
  ]),
);
const stored = new Map<string, Map<number, number>>();
for (const r of csv("data/chongqing/panel_long.csv")) {
  const m = map.get(`${r.indicator}|${r.unit}`);
  if (!m || r.value === "") continue;
  const key = `${m.code}|${r.region_code}`;
  if (!stored.has(key)) stored.set(key, new Map());
  stored.get(key)?.set(Number(r.year), Number(r.value) * m.factor);
}
const raw = (code: string, region: string) => stored.get(`${code}|${region}`) ?? new Map<number, number>();
const ratio =
  (num: string, den: string, scale: number) =>
  (region: string): Observation[] => {
    const a = raw(num, region);
    const b = raw(den, region);
    return [...a]
      .filter(([y]) => (b.get(y) ?? 0) > 0)
      .map(([year, v]) => ({ year, value: (v / (b.get(year) as number)) * scale }));
  };
const derived: Record<string, (region: string) => Observation[]> = {
  "ECO-03": ratio("ECO-01", "ECO-02", 1),
  "CQ-PHYS-PER-1000": ratio("CQ-PHYSICIANS", "CQ-CENSUS-POP", 1000),
  "CQ-PUPIL-TEACHER": ratio("CQ-PRIMARY-STUDENTS", "CQ-PRIMARY-TEACHERS", 1),
};
const makeProvider =
  (patch?: (indicator: string, region: string, s: Observation[]) => Observation[]): DataProvider =>
  (indicator, region) => {
    const s =
      derived[indicator]?.(region) ?? [...raw(indicator, region)].map(([year, value]) => ({ year, value }));
    return patch ? patch(indicator, region, s) : s;
  };
const districts = csv("data/chongqing/districts.csv").map((r) => r.region_code);
const planText = readFileSync(new URL("packages/monitor/plans/chongqing-illustrative.yaml", root), "utf8");

describe("illustrative Chongqing plan", () => {
  const plan = parsePlan(planText, { catalogue });

  it("parses against the catalogue and is labelled illustrative", () => {
    expect(plan.illustrative).toBe(true);
    expect(plan.name).toMatch(/示意/);
    expect(plan.targets.map((t) => t.form)).toEqual(
      expect.arrayContaining([
        "ratio_at_most",
        "avg_annual_growth_at_least",
        "share_at_least",
        "level_at_least",
        "cumulative_at_least",
      ]),
    );
  });

  it("evaluates 38 districts per district target at 2020 with hand-checked cells", () => {
    const ev = evaluatePlan(plan, makeProvider(), { asOfYear: 2020, regions: districts });
    const cell = (t: string, r: string) => ev.results.find((e) => e.targetId === t && e.region === r);
    expect(ev.results.filter((e) => e.targetId === "CQ-T01")).toHaveLength(38);
    // 渝中区 (500103) has no district data in the panel → no_data for every district target
    for (const t of ["CQ-T01", "CQ-T02", "CQ-T03", "CQ-T04", "CQ-T05", "CQ-T06"])
      expect(cell(t, "500103")?.status).toBe("no_data");
    // 万州 income ratio 2020 = 37785/17292 … = 2.467 > 2.4 → off_track (final)
    expect(cell("CQ-T01", "500101")).toMatchObject({ status: "off_track", latestYear: 2020 });
    expect(cell("CQ-T01", "500101")?.latestValue).toBeCloseTo(2.467, 3);
    // 大渡口 2015 ratio 1.914 ≤ 2.4 → met at baseline, still met → achieved
    expect(cell("CQ-T01", "500104")?.reasons).toContain("target_met_at_baseline");
    expect(cell("CQ-T01", "500104")?.status).toBe("achieved");
    // 万州 rural income 10729 → 17292: CAGR = (17292/10729)^(1/5) − 1 = e^(0.47730/5) − 1 = 10.02 % ≥ 9 % → achieved
    expect(cell("CQ-T02", "500101")?.realisedGrowthPct).toBeCloseTo(10.02, 2);
    expect(cell("CQ-T02", "500101")?.status).toBe("achieved");
    // 大渡口 15439 → 23063: (1.49381)^(0.2) − 1 = 8.36 % < 9 % → off_track
    expect(cell("CQ-T02", "500104")?.realisedGrowthPct).toBeCloseTo(8.36, 2);
    expect(cell("CQ-T02", "500104")?.status).toBe("off_track");
    // 万州 land coupons 2016–2020: (827353 + 0 + 0 + 1763774 + 400159) m² × 0.0015 = 4486.93 亩 ≥ 4000 → achieved
    expect(cell("CQ-T07", "500101")?.cumulativeValue).toBeCloseTo(4486.929, 3);
    expect(cell("CQ-T07", "500101")?.status).toBe("achieved");
    // 涪陵: (1146641 + 1673954 + 168171 + 0 + 633290) × 0.0015 = 5433.08 亩 < 6000 → off_track
    expect(cell("CQ-T08", "500102")?.cumulativeValue).toBeCloseTo(5433.084, 3);
    expect(cell("CQ-T08", "500102")?.status).toBe("off_track");
    JSON.stringify(ev, (_k, v) => {
      if (typeof v === "number") expect(Number.isFinite(v)).toBe(true);
      return v;
    });
  });

  it("mid-period (2018) gives on_track / at_risk / off_track mixes, and census-only data gives no_data", () => {
    const ev = evaluatePlan(plan, makeProvider(), { asOfYear: 2018, regions: districts });
    const statuses = new Set(ev.results.map((e) => e.status));
    for (const s of ["on_track", "off_track", "achieved", "no_data"]) expect(statuses).toContain(s);
    expect(ev.results.filter((e) => e.targetId === "CQ-T05").every((e) => e.status === "no_data")).toBe(true);
  });

  it("changing one observation changes the status and opens a warning", () => {
    const before = evaluatePlan(plan, makeProvider(), { asOfYear: 2020, regions: districts }).results;
    // 万州 2020 rural income 17292 → 16000: CAGR (16000/10729)^(0.2) − 1 = 8.32 % < 9 % → off_track
    const patched = makeProvider((ind, region, s) =>
      ind === "ECO-02" && region === "500101"
        ? s.map((o) => (o.year === 2020 ? { ...o, value: 16000 } : o))
        : s,
    );
    const after = evaluatePlan(plan, patched, { asOfYear: 2020, regions: districts }).results;
    const find = (list: typeof before) => list.find((e) => e.targetId === "CQ-T02" && e.region === "500101");
    expect(find(before)?.status).toBe("achieved");
    expect(find(after)?.status).toBe("off_track");
    const warnings = detectWarnings(before, after, patched, { asOfDate: "2021-07-01" });
    expect(warnings.filter((w) => w.type === "status_change")).toMatchObject([
      { targetId: "CQ-T02", region: "500101" },
    ]);
    // census-only indicator has no annual report to miss
    expect(warnings.some((w) => w.type === "missing_report" && w.targetId === "CQ-T05")).toBe(false);
  });
});
