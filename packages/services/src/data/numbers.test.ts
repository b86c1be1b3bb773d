import { describe, expect, it } from "vitest";
import { parseNumberCell, plainDecimal } from "./numbers.ts";
import { parseYearRange } from "./query-observations.ts";
import { convertValue, unitFactor } from "./units.ts";

describe("parseNumberCell", () => {
  it("reads plain, grouped and full-width numbers and says when it rewrote them", () => {
    expect(parseNumberCell("36000")).toEqual({ value: 36000, normalised: false });
    expect(parseNumberCell("-0.5")).toEqual({ value: -0.5, normalised: false });
    expect(parseNumberCell("1,234.5")).toEqual({ value: 1234.5, normalised: true });
    expect(parseNumberCell("１２３４．５")).toEqual({ value: 1234.5, normalised: true });
    expect(parseNumberCell("１，２３４")).toEqual({ value: 1234, normalised: true });
  });

  it("rejects everything else", () => {
    for (const bad of ["", "1,23", "12%", "about 5", "1.2.3", "NaN", "Infinity", "0x10", "1e400"])
      expect(parseNumberCell(bad), bad).toBeNull();
  });
});

describe("units", () => {
  it("converts only declared units, exactly", () => {
    expect(unitFactor("亿元", "万元")).toBe(1e4);
    expect(unitFactor("元", "yuan")).toBe(1);
    expect(unitFactor("%", "元")).toBeNull();
    expect(unitFactor("张", "个")).toBeNull();
    expect(convertValue(5096.66, unitFactor("亿元", "万元") as number)).toBe(50966600);
    expect(convertValue(1875141, unitFactor("平方米", "亩") as number)).toBe(2812.7115);
  });
});

describe("parseYearRange", () => {
  it("reads ranges and single years", () => {
    expect(parseYearRange("2010-2020")).toEqual({ fromYear: 2010, toYear: 2020 });
    expect(parseYearRange("2015")).toEqual({ fromYear: 2015, toYear: 2015 });
    expect(parseYearRange("2010-")).toEqual({ fromYear: 2010, toYear: undefined });
    expect(() => parseYearRange("2020-2010")).toThrow();
    expect(() => parseYearRange("abc")).toThrow();
  });
});

describe("plainDecimal", () => {
  it("reads plain decimals and leaves everything else to parseNumberCell", () => {
    expect(plainDecimal("123")).toBe(123);
    expect(plainDecimal("-4.50")).toBe(-4.5);
    expect(plainDecimal(".5")).toBe(0.5);
    for (const t of ["", "-", ".", "5.", "1,234", "1e3", "+1", "１２", "1.2.3", "9".repeat(400)])
      expect(plainDecimal(t)).toBeNull();
  });
});
