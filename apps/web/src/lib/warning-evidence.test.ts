import { describe, expect, it } from "vitest";
import { formatChange, warningEvidenceLines, warningTypeKey } from "./warning-evidence.ts";

describe("formatChange", () => {
  it("shows a log ratio as a signed percentage and a difference with its unit", () => {
    // ln(3781/4376) → 3781/4376 − 1 = −13.6 %
    expect(formatChange(Math.log(3781 / 4376), "log_ratio", "zh")).toBe("-13.6%");
    expect(formatChange(Math.log(1.1), "log_ratio", "en")).toBe("+10.0%");
    expect(formatChange(-2.5, "difference", "zh", "%")).toBe("-2.5%");
    expect(formatChange(3, "difference", "en", "元")).toBe("+3 yuan");
    expect(formatChange(null, "log_ratio", "zh")).toBe("—");
  });
});

describe("warningEvidenceLines", () => {
  it("reads a status change: from → to, latest value with unit, progress and projection", () => {
    const lines = warningEvidenceLines(
      {
        type: "status_change",
        year: 2018,
        evidence: {
          previousStatus: "on_track",
          previousAsOfYear: 2017,
          status: "off_track",
          progress: 0.4,
          expectedProgress: 0.6,
          latestYear: 2018,
          latestValue: 12345,
          projection: {
            method: "log_linear_ols",
            years: [2014, 2015, 2016, 2017, 2018],
            year: 2020,
            value: 15000,
          },
        },
      },
      { lang: "zh", unit: "元" },
    );
    expect(lines).toEqual([
      "状态：进度正常 → 进度滞后",
      "对比的上次监测年份：2017",
      "最新值：2018 年 12,345 元",
      "进度 40.0%（按时间应达 60.0%）",
      "2020 年预测值 15,000 元（复合增长趋势（对数线性最小二乘），拟合 2014–2018 年）",
    ]);
  });

  it("says first assessment when there was no previous status, in English too", () => {
    const lines = warningEvidenceLines(
      {
        type: "status_change",
        year: 2020,
        evidence: { previousStatus: null, status: "at_risk", progress: null },
      },
      { lang: "en" },
    );
    expect(lines[0]).toBe("Status: first assessment → At risk");
    expect(lines.join(" ")).not.toMatch(/NaN|undefined/);
  });

  it("reads a missing report with its due date and department", () => {
    expect(
      warningEvidenceLines(
        {
          type: "missing_report",
          year: 2016,
          evidence: { year: 2016, dueDate: "2017-06-30", asOfDate: "2021-12-31", department: "市发展改革委" },
        },
        { lang: "zh" },
      ),
    ).toEqual(["2016 年数据应于 2017-06-30 前报送，截至 2021-12-31 仍未报送", "责任部门：市发展改革委"]);
  });

  it("reads a jump with the region's figures and its peers'", () => {
    const evidence = {
      year: 2020,
      value: 3781,
      previousValue: 4376,
      revisionId: "CQ-PHYSICIANS@r1",
      sourceId: "S01",
      change: Math.log(3781 / 4376),
      changeKind: "log_ratio",
      threshold: 3.5,
      own: { median: Math.log(1.1), mad: 0.04, n: 15, z: -3.91, unbounded: false },
      peers: { median: Math.log(1.04), mad: 0.02, n: 36, z: -5.23, unbounded: false, regions: [] },
      peerCheck: "confirmed",
    };
    expect(
      warningEvidenceLines({ type: "implausible_jump", year: 2020, evidence }, { lang: "zh", unit: "人" }),
    ).toEqual([
      "2019 年 → 2020 年：4,376 人 → 3,781 人（-13.6%）",
      "本地区历年变化中位数 +10.0%，稳健 z 值 -3.91（阈值 3.5，15 个年度变化）",
      "同类地区同年变化中位数 +4.0%，稳健 z 值 -5.23（36 个地区）",
      "数据版本 CQ-PHYSICIANS@r1，来源 S01",
    ]);
    const unchecked = warningEvidenceLines(
      {
        type: "implausible_jump",
        year: 2020,
        evidence: { ...evidence, peerCheck: "unavailable", peers: { n: 2, regions: ["a", "b"] } },
      },
      { lang: "en", unit: "人" },
    );
    expect(unchecked[2]).toBe("Too few peers reported that year (2): no comparison with peers");
    const unbounded = warningEvidenceLines(
      {
        type: "implausible_jump",
        year: 2020,
        evidence: { ...evidence, own: { ...evidence.own, z: null, unbounded: true } },
      },
      { lang: "en", unit: "人" },
    );
    expect(unbounded[1]).toContain("robust z ∞");
  });

  it("names warning types and leaves unknown ones without invented evidence", () => {
    expect(warningTypeKey("missing_report")).toBe("warn.type.missing_report");
    expect(warningTypeKey("new_kind")).toBe("warn.type.other");
    expect(
      warningEvidenceLines({ type: "new_kind", year: 2020, evidence: { x: 1 } }, { lang: "zh" }),
    ).toEqual([]);
  });
});
