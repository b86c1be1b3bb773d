import { describe, expect, it } from "vitest";
import { indicatorFromRow, isExecutableFormula, parseLevels } from "./indicator.ts";

describe("indicatorFromRow", () => {
  it("reads a catalogue row, keeping prose formulas as the description", () => {
    const ind = indicatorFromRow({
      code: "POP-01",
      name_zh: "常住人口城镇化率",
      name_en: "Urbanisation rate",
      unit: "%",
      direction: "+",
      formula: "城镇常住人口 ÷ 常住人口 × 100",
      urban_rural_role: "territory",
      levels: "county; township (census years)",
    });
    expect(ind.formula).toBeNull();
    expect(ind.description).toBe("城镇常住人口 ÷ 常住人口 × 100");
    expect(ind.role).toBe("whole");
    expect(ind.levels).toEqual(["county", "township"]);
    expect(ind.aggregation).toBe("none");
  });

  it("treats a formula over codes as executable", () => {
    const ind = indicatorFromRow({
      code: "ECO-03",
      name_zh: "城乡收入比",
      unit: "ratio",
      direction: "-",
      formula: "ECO-01 ÷ ECO-02",
      urban_rural_role: "gap",
      levels: "county",
    });
    expect(ind.formula).toBe("ECO-01 ÷ ECO-02");
    expect(ind.direction).toBe("-");
    expect(ind.role).toBe("gap");
  });

  it("requires a weight for weighted_mean and rejects bad values", () => {
    expect(() =>
      indicatorFromRow({ code: "A", name_zh: "甲", unit: "元", aggregation: "weighted_mean" }),
    ).toThrow(/weight_indicator/);
    const ok = indicatorFromRow({
      code: "A",
      name_zh: "甲",
      unit: "元",
      aggregation: "weighted mean",
      weight_indicator: "P",
    });
    expect(ok.aggregation).toBe("weighted_mean");
    expect(ok.weightIndicator).toBe("P");
    expect(() => indicatorFromRow({ code: "1BAD", name_zh: "x", unit: "元" })).toThrow(/not valid/);
    expect(() => indicatorFromRow({ code: "A", name_zh: "x", unit: "元", direction: "up" })).toThrow(
      /direction/,
    );
  });

  it("distinguishes prose from formulas", () => {
    expect(isExecutableFormula("POP-01 − POP-02")).toBe(true);
    expect(isExecutableFormula("—（派生：基本养老保险参保率）")).toBe(false);
    expect(isExecutableFormula("100")).toBe(false);
    expect(() => isExecutableFormula("ECO-01 ÷ (ECO-02")).toThrow();
    expect(parseLevels("city; county")).toEqual(["prefecture", "county"]);
  });
});
