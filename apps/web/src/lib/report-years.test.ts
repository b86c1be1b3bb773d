import { describe, expect, it } from "vitest";
import { reportYears, schemeYears } from "./report-years.ts";

describe("report years", () => {
  it("reads every form a scheme's years come in", () => {
    expect(schemeYears({ from: 2018, to: 2020 })).toEqual([2018, 2019, 2020]);
    expect(schemeYears("2010-2012")).toEqual([2010, 2011, 2012]);
    expect(schemeYears("2015")).toEqual([2015]);
    expect(schemeYears([2020, 2018])).toEqual([2020, 2018]);
    expect(schemeYears({ from: 2020, to: 2018 })).toEqual([]);
    expect(schemeYears(null)).toEqual([]);
    expect(schemeYears("soon")).toEqual([]);
  });

  it("takes the schemes over the region only", () => {
    const schemes = [
      { name: "cq", regionCode: "500000", years: { from: 2018, to: 2020 } },
      { name: "yy", regionCode: "500235", years: { from: 2021, to: 2022 } },
      { name: "sc", regionCode: "510000", years: { from: 2000, to: 2001 } },
    ];
    expect(reportYears(schemes, "500000")).toEqual([2018, 2019, 2020]);
    expect(reportYears(schemes, "500235")).toEqual([2018, 2019, 2020, 2021, 2022]);
    expect(reportYears(schemes, "500101")).toEqual([2018, 2019, 2020]);
    expect(reportYears(schemes, "110000")).toEqual([]);
  });
});
