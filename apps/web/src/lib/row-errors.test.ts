import { describe, expect, it } from "vitest";
import { groupRowErrors, importSummaryOf } from "./row-errors.ts";

describe("groupRowErrors", () => {
  it("puts errors on their file rows and keeps the rest apart", () => {
    const errors = [
      { row: 3, column: "value", value: "abc", reason: "不是数字" },
      { row: 3, column: "unit", value: "吨", reason: "单位不一致" },
      { row: 5, column: "region_code", value: "999999", reason: "未知地区" },
      { row: 1, column: "value", reason: "表头错误" },
      { row: null, reason: "文件为空" },
      { row: 40, reason: "超出" },
    ];
    const g = groupRowErrors(errors, 6);
    expect([...g.byRow.keys()].sort()).toEqual([3, 5]);
    expect(g.byRow.get(3)).toHaveLength(2);
    expect(g.other.map((e) => e.reason)).toEqual(["表头错误", "文件为空", "超出"]);
  });
});

describe("importSummaryOf", () => {
  it("reads both the api.md and the data-core shapes", () => {
    expect(importSummaryOf({ summary: { rows: 3, inserted: 2, revised: 1, unchanged: 0 } })).toMatchObject({
      rows: 3,
      inserted: 2,
      revised: 1,
    });
    expect(importSummaryOf({ values: 5, new: 4, revised: 0, unchanged: 1, normalisedNumbers: 2 })).toEqual({
      rows: 5,
      inserted: 4,
      revised: 0,
      unchanged: 1,
      normalisedNumbers: 2,
    });
  });
});
