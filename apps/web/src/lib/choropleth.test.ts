import { describe, expect, it } from "vitest";
import { levelChoropleth, levelColor, quantileChoropleth } from "./choropleth.ts";
import { MISSING_COLOR } from "./class-breaks.ts";

describe("quantileChoropleth", () => {
  it("colours by quantile class, darkest for the largest, grey legend row for missing", () => {
    const values = { a: 1, b: 2, c: 3, d: 4, e: null };
    const ch = quantileChoropleth(values, { k: 2, lang: "zh", missingLabel: "无数据" });
    expect(ch.breaks).toEqual([2.5]);
    expect(ch.fills.a).toBe(ch.fills.b);
    expect(ch.fills.c).toBe(ch.fills.d);
    expect(ch.fills.a).not.toBe(ch.fills.d);
    expect(ch.fills.e).toBeUndefined();
    expect(ch.entries.map((e) => e.label)).toEqual(["1 – 2.5", "2.5 – 4", "无数据"]);
    expect(ch.entries[2].color).toBe(MISSING_COLOR);
  });

  it("has no entries without values except the missing row", () => {
    const ch = quantileChoropleth({ a: null }, { lang: "en", missingLabel: "No data" });
    expect(ch.entries).toEqual([{ color: MISSING_COLOR, label: "No data" }]);
  });
});

describe("levelChoropleth", () => {
  it("orders present levels and colours low levels red, high green", () => {
    const ch = levelChoropleth(
      [
        { code: "x", level: 8, levelName: "良好协调" },
        { code: "y", level: 2, levelName: "严重失调" },
        { code: "z", level: null },
      ],
      "无数据",
    );
    expect(ch.entries.map((e) => e.label)).toEqual(["2 · 严重失调", "8 · 良好协调", "无数据"]);
    expect(levelColor(1)).toBe("#a50026");
    expect(levelColor(10)).toBe("#006837");
    expect(ch.fills.y).toBe(levelColor(2));
  });
});
