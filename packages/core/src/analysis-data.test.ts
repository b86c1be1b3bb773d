import { describe, expect, it } from "vitest";
import { codeOf } from "../test/helpers.ts";
import { competitionRanks, readEnumParam, readNumberParam, readTable } from "./analysis-data.ts";
import { parseAnalysisSpec } from "./analysis-spec.ts";

const spec = (rows: Record<string, unknown>[]) => parseAnalysisSpec({ method: "theil", data: { rows } });

describe("readTable", () => {
  it("reads numeric columns column-major and labels as text", () => {
    const t = readTable(
      spec([
        { id: 110000, x: 1.5, g: 3 },
        { id: "120000", x: -2, g: "3" },
      ]),
      { numeric: ["x"], labels: ["g"] },
      "error",
    );
    expect(t.ids).toEqual(["110000", "120000"]);
    expect(Array.from(t.numeric.get("x")!)).toEqual([1.5, -2]);
    expect(t.labels.get("g")).toEqual(["3", "3"]);
    expect(t.droppedIds).toEqual([]);
  });

  it("reports a column that appears in no row", () => {
    expect(codeOf(() => readTable(spec([{ id: "a", x: 1 }]), { numeric: ["y"] }, "error"))).toBe(
      "unknown_column",
    );
  });

  it("rejects text and booleans in numeric columns", () => {
    expect(codeOf(() => readTable(spec([{ id: "a", x: "0.5" }]), { numeric: ["x"] }, "error"))).toBe(
      "non_numeric",
    );
    expect(codeOf(() => readTable(spec([{ id: "a", x: true }]), { numeric: ["x"] }, "drop"))).toBe(
      "non_numeric",
    );
  });

  it("names the rows with missing values, or drops them", () => {
    const s = spec([
      { id: "a", x: 1, y: 2 },
      { id: "b", x: null, y: 2 },
      { id: "c", y: 5 },
      { id: "d", x: 4, y: 1 },
    ]);
    try {
      readTable(s, { numeric: ["x", "y"] }, "error");
      expect.unreachable();
    } catch (e) {
      expect((e as { code: string }).code).toBe("missing_values");
      expect((e as Error).message).toContain("b, c");
    }
    const t = readTable(s, { numeric: ["x", "y"] }, "drop");
    expect(t.ids).toEqual(["a", "d"]);
    expect(t.droppedIds).toEqual(["b", "c"]);
    expect(Array.from(t.numeric.get("y")!)).toEqual([2, 1]);
  });
});

describe("parameter readers", () => {
  it("apply defaults and reject bad values with invalid_spec", () => {
    expect(readEnumParam({}, "m", ["a", "b"] as const, "a")).toBe("a");
    expect(codeOf(() => readEnumParam({ m: "c" }, "m", ["a", "b"] as const, "a"))).toBe("invalid_spec");
    expect(readNumberParam({ k: 3 }, "k", 5, { integer: true, min: 2 })).toBe(3);
    expect(codeOf(() => readNumberParam({ k: 2.5 }, "k", 5, { integer: true }))).toBe("invalid_spec");
    expect(codeOf(() => readNumberParam({ k: "3" }, "k", 5))).toBe("invalid_spec");
  });
});

describe("competitionRanks", () => {
  it("ranks 1 = largest with shared smallest ranks for ties (1, 2, 2, 4)", () => {
    expect(Array.from(competitionRanks([0.9, 0.5, 0.7, 0.7]))).toEqual([1, 4, 2, 2]);
  });

  it("treats values equal up to rounding noise as tied", () => {
    const a = 0.1 + 0.2; // 0.30000000000000004
    expect(Array.from(competitionRanks([0.3, a, 0.1]))).toEqual([1, 1, 3]);
    expect(Array.from(competitionRanks([0.3, 0.3 + 1e-9, 0.1]))).toEqual([2, 1, 3]);
  });
});
