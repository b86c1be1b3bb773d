import { describe, expect, it } from "vitest";
import { formatNumber, formatValue, unitLabel } from "./format.ts";

describe("formatValue", () => {
  it("always carries the unit", () => {
    expect(formatValue(37595, "元", "zh")).toBe("37,595 元");
    expect(formatValue(37595, "元", "en")).toBe("37,595 yuan");
    expect(formatValue(299480, "万元", "en")).toBe("299,480 10k yuan");
    expect(formatValue(70.96, "%", "zh")).toBe("70.96%");
    expect(formatValue(2.456789, "ratio (rural = 1)", "zh")).toBe("2.46 倍（乡村 = 1）");
  });

  it("shows missing and non-finite values as a dash, never NaN", () => {
    for (const v of [null, undefined, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(formatValue(v, "元", "zh")).toBe("—");
      expect(formatValue(v, "元", "en")).not.toMatch(/NaN|Infinity/);
    }
  });

  it("rounds for display by magnitude, or to fixed digits", () => {
    expect(formatNumber(0.123456, "zh")).toBe("0.1235");
    expect(formatNumber(123.456, "zh")).toBe("123.5");
    expect(formatNumber(1234.5, "en")).toBe("1,235");
    expect(formatNumber(0.5, "en", { digits: 3 })).toBe("0.500");
    expect(formatNumber(-0.00001, "en")).toBe("0");
    expect(formatNumber(-12.5, "en")).toBe("-12.5");
  });

  it("passes unknown units through and drops empty ones", () => {
    expect(unitLabel("辆", "en")).toBe("辆");
    expect(unitLabel("", "zh")).toBe("");
    expect(formatValue(3, null, "zh")).toBe("3");
    expect(unitLabel("yuan", "zh")).toBe("元");
  });
});
