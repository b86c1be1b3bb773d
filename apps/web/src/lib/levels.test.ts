import { describe, expect, it } from "vitest";
import { childLevelOf, periodYear, rootRegionCode } from "./levels.ts";

describe("levels", () => {
  it("drills Chongqing to districts, other provinces to prefectures, down to villages", () => {
    expect(childLevelOf("500000", "province")).toBe("county");
    expect(childLevelOf("510000", "province")).toBe("prefecture");
    expect(childLevelOf("510100", "prefecture")).toBe("county");
    expect(childLevelOf("500235", "county")).toBe("township");
    expect(childLevelOf("500235100", "township")).toBe("village");
    expect(childLevelOf("500235100201", "village")).toBeNull();
  });

  it("reads years from periods", () => {
    expect(periodYear("2020")).toBe(2020);
    expect(periodYear(2019)).toBe(2019);
    expect(periodYear("2021-Q3")).toBe(2021);
    expect(periodYear("x")).toBeNull();
  });

  it("roots the view at the highest grant", () => {
    expect(rootRegionCode([{ regionCode: "500235" }, { regionCode: "500000" }])).toBe("500000");
    expect(rootRegionCode([{ regionCode: "500235100" }])).toBe("500235100");
    expect(rootRegionCode([])).toBeNull();
  });
});
