import { describe, expect, it } from "vitest";
import { splitQuotedOnce } from "./china-division.ts";
import { splitCsvLine } from "./csv-lines.ts";

describe("splitQuotedOnce", () => {
  it("cuts lines as splitCsvLine does", () => {
    for (const line of [
      "110101001001,多福巷社区居委会,110101001",
      '110101001001,"多福巷社区居委会",110101001,11',
      '"500235","云阳县",5002',
      '500235,"云阳县, 重庆",',
      ",,",
    ]) {
      expect(splitQuotedOnce(line)).toEqual(splitCsvLine(line));
    }
  });

  it("ends at an unclosed quote in any cell (it looped forever in a later cell)", () => {
    expect(splitQuotedOnce('500235,"云阳县')).toEqual(["500235", "云阳县"]);
    expect(splitQuotedOnce('500235,"云阳县')).toEqual(splitCsvLine('500235,"云阳县'));
    expect(splitQuotedOnce('"云阳县')).toEqual(["云阳县"]);
  });
});
