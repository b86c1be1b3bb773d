import { describe, expect, it } from "vitest";
import type { TargetResult } from "../api/types.ts";
import { zh } from "../i18n/messages.ts";
import {
  countStatuses,
  departmentsOf,
  filterTargets,
  niceAxisBounds,
  planYears,
  progressBarWidth,
  progressPercent,
  progressText,
  regionContains,
  STATUS_ORDER,
  STATUS_STYLES,
  statusStyle,
  targetChartSeries,
} from "./monitor-status.ts";

/** WCAG relative luminance and contrast ratio */
function luminance(hex: string): number {
  const c = [1, 3, 5].map((i) => Number.parseInt(hex.slice(i, i + 2), 16) / 255);
  const lin = c.map((v) => (v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4));
  return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2];
}
function contrast(a: string, b: string): number {
  const [x, y] = [luminance(a), luminance(b)].sort((p, q) => q - p);
  return (x + 0.05) / (y + 0.05);
}

describe("status styles", () => {
  it("labels every status with the Chinese words of the monitor engine", () => {
    const labels = Object.fromEntries(STATUS_ORDER.map((s) => [s, zh[STATUS_STYLES[s].key]]));
    expect(labels).toEqual({
      achieved: "已完成",
      on_track: "进度正常",
      at_risk: "存在风险",
      off_track: "进度滞后",
      no_data: "无数据",
      not_assessable: "无法评估",
    });
  });

  it("gives every status its own colour and its own symbol, and readable text", () => {
    const colours = new Set(STATUS_ORDER.map((s) => STATUS_STYLES[s].color.toLowerCase()));
    const symbols = new Set(STATUS_ORDER.map((s) => STATUS_STYLES[s].symbol));
    expect(colours.size).toBe(STATUS_ORDER.length);
    expect(symbols.size).toBe(STATUS_ORDER.length);
    for (const s of STATUS_ORDER) {
      const st = STATUS_STYLES[s];
      expect(contrast(st.color, st.text), s).toBeGreaterThanOrEqual(4.5);
      expect(st.symbol.trim()).not.toBe("");
    }
  });

  it("draws an unknown status as not assessable", () => {
    expect(statusStyle("weird")).toBe(STATUS_STYLES.not_assessable);
    expect(statusStyle("at_risk")).toBe(STATUS_STYLES.at_risk);
  });
});

describe("board filters and counts", () => {
  const targets = [
    { id: "A", department: "发改委", kind: "expected" },
    { id: "B", department: "卫健委", kind: "binding" },
    { id: "C", department: "发改委", kind: "binding" },
    { id: "D", department: null, kind: "expected" },
  ];
  it("filters by department and kind, both or neither", () => {
    const ids = (f: { department: string; kind: string }) => filterTargets(targets, f).map((t) => t.id);
    expect(ids({ department: "", kind: "" })).toEqual(["A", "B", "C", "D"]);
    expect(ids({ department: "发改委", kind: "" })).toEqual(["A", "C"]);
    expect(ids({ department: "", kind: "binding" })).toEqual(["B", "C"]);
    expect(ids({ department: "发改委", kind: "binding" })).toEqual(["C"]);
    expect(ids({ department: "教委", kind: "" })).toEqual([]);
    expect(departmentsOf(targets)).toEqual(["发改委", "卫健委"]);
  });

  it("counts statuses of the shown targets only", () => {
    const results = [
      { targetId: "A", status: "achieved" as const },
      { targetId: "A", status: "off_track" as const },
      { targetId: "B", status: "off_track" as const },
      { targetId: "C", status: "no_data" as const },
    ];
    expect(countStatuses(results)).toEqual({
      achieved: 1,
      on_track: 0,
      at_risk: 0,
      off_track: 2,
      no_data: 1,
      not_assessable: 0,
    });
    expect(countStatuses(results, new Set(["B", "C"])).off_track).toBe(1);
    expect(countStatuses(results, new Set(["B", "C"])).achieved).toBe(0);
  });

  it("lists the plan's years after the earliest baseline up to the last target year", () => {
    expect(
      planYears([
        { baselineYear: 2015, targetYear: 2020 },
        { baselineYear: 2010, targetYear: 2020 },
      ]),
    ).toEqual([2011, 2012, 2013, 2014, 2015, 2016, 2017, 2018, 2019, 2020]);
    expect(planYears([])).toEqual([]);
  });

  it("shows progress raw in % and clamps only the bar", () => {
    expect(progressPercent(0.925)).toBeCloseTo(92.5, 10);
    expect(progressPercent(-0.2)).toBeCloseTo(-20, 10);
    expect(progressPercent(null)).toBeNull();
    expect(progressPercent(Number.NaN)).toBeNull();
    expect(progressBarWidth(1.3)).toBe(100);
    expect(progressBarWidth(-0.2)).toBe(0);
    expect(progressBarWidth(0.5)).toBe(50);
    expect(progressBarWidth(null)).toBe(0);
  });
});

describe("targetChartSeries", () => {
  const base = {
    asOfYear: 2018,
    baselineYear: 2015,
    baselineValue: 100,
    targetYear: 2020,
    targetValue: 10,
    requiredValue: null,
    projection: null,
  } satisfies Partial<TargetResult>;
  const series = [
    { year: 2014, value: 90 },
    { year: 2015, value: 100 },
    { year: 2016, value: 108 },
    { year: 2018, value: 125 },
    { year: 2019, value: 140 },
  ];

  it("drops values after the as-of year and keeps gaps as gaps", () => {
    const s = targetChartSeries({ ...base, form: "level_at_least", targetValue: 150 }, series);
    expect(s.actual).toEqual([
      [2014, 90],
      [2015, 100],
      [2016, 108],
      [2018, 125],
    ]);
    expect(s.targetLevel).toBe(150);
    expect(s.requiredPath).toEqual([]);
    expect(s.cumulative).toBe(false);
  });

  it("draws the required compound path of a growth target", () => {
    const s = targetChartSeries(
      { ...base, form: "avg_annual_growth_at_least", targetValue: 10, requiredValue: 161.051 },
      series,
    );
    expect(s.requiredPath.map(([y]) => y)).toEqual([2015, 2016, 2017, 2018, 2019, 2020]);
    expect(s.requiredPath[1][1]).toBeCloseTo(110, 10);
    expect(s.requiredPath[5][1]).toBeCloseTo(161.051, 10);
    expect(s.targetLevel).toBe(161.051);
  });

  it("sums a cumulative target's annual values after the baseline year", () => {
    const s = targetChartSeries(
      { ...base, form: "cumulative_at_least", targetValue: 500, asOfYear: 2020 },
      series,
    );
    expect(s.actual).toEqual([
      [2016, 108],
      [2018, 233],
      [2019, 373],
    ]);
    expect(s.targetLevel).toBe(500);
    expect(s.cumulative).toBe(true);
  });

  it("joins the projection to the last observation", () => {
    const projection = {
      method: "linear_ols",
      years: [2016, 2018],
      slope: 8.5,
      annualGrowthPct: null,
      year: 2020,
      value: 142,
      meetsTarget: false,
      missShare: 0.2,
    };
    const s = targetChartSeries({ ...base, form: "level_at_least", targetValue: 150, projection }, series);
    expect(s.projection).toEqual([
      [2018, 125],
      [2020, 142],
    ]);
  });
});

describe("regionContains", () => {
  it("follows the administrative code", () => {
    expect(regionContains("500000", "500235")).toBe(true);
    expect(regionContains("500000", "500235001")).toBe(true);
    expect(regionContains("500235", "500235001")).toBe(true);
    expect(regionContains("500000", "500000")).toBe(true);
    expect(regionContains("500000", "510104")).toBe(false);
    expect(regionContains("500235", "500000")).toBe(false);
    expect(regionContains("500101", "500102")).toBe(false);
  });
});

describe("progressText", () => {
  it("truncates toward zero so that a miss never reads 100 %", () => {
    expect(progressText(0.996, "zh")).toBe("99%");
    expect(progressText(1, "zh")).toBe("100%");
    expect(progressText(1.0734, "en", 1)).toBe("107.3%");
    expect(progressText(0.99996, "en", 1)).toBe("99.9%");
    expect(progressText(-0.776, "zh")).toBe("-77%");
    expect(progressText(-0.004, "zh")).toBe("0%");
    expect(progressText(12.345, "en")).toBe("1,234%");
    expect(progressText(null, "zh")).toBeNull();
  });
});

describe("niceAxisBounds", () => {
  it("holds every value with a margin, on round numbers", () => {
    expect(niceAxisBounds([2254, 14375, 13931])).toEqual({ min: 0, max: 16000 });
    expect(niceAxisBounds([2.41, 2.65, 2.4])).toEqual({ min: 2.35, max: 2.7 });
    expect(niceAxisBounds([5, 5])).toEqual({ min: 4.4, max: 5.6 });
    expect(niceAxisBounds([-3, 4])).toEqual({ min: -4, max: 6 });
    expect(niceAxisBounds([])).toBeNull();
    expect(niceAxisBounds([Number.NaN])).toBeNull();
  });
});
