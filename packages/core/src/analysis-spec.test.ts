import { describe, expect, it } from "vitest";
import { codeOf } from "../test/helpers.ts";
import { ANALYSIS_METHODS, parseAnalysisSpec } from "./analysis-spec.ts";

const rows = [
  { id: "1", x: 1 },
  { id: 2, x: 2 },
];

describe("parseAnalysisSpec", () => {
  it("accepts a minimal spec and defaults params to {}", () => {
    const spec = parseAnalysisSpec({ method: "gini", data: { rows } });
    expect(spec.method).toBe("gini");
    expect(spec.params).toEqual({});
    expect(spec.spec_version).toBeUndefined();
  });

  it("lists the 16 methods of the spec", () => {
    expect(ANALYSIS_METHODS).toHaveLength(16);
    expect(new Set(ANALYSIS_METHODS).size).toBe(16);
  });

  it("rejects unknown methods, bad versions and bad shapes with the spec's codes", () => {
    expect(codeOf(() => parseAnalysisSpec({ method: "entropy", data: { rows } }))).toBe("unknown_method");
    expect(codeOf(() => parseAnalysisSpec({ method: "gini", spec_version: 2, data: { rows } }))).toBe(
      "invalid_spec",
    );
    expect(codeOf(() => parseAnalysisSpec([]))).toBe("invalid_spec");
    expect(codeOf(() => parseAnalysisSpec({ method: "gini", data: { rows: [] } }))).toBe("invalid_spec");
    expect(codeOf(() => parseAnalysisSpec({ method: "gini", params: [], data: { rows } }))).toBe(
      "invalid_spec",
    );
    expect(codeOf(() => parseAnalysisSpec({ method: "gini", data: { rows: [{ x: 1 }] } }))).toBe(
      "invalid_spec",
    );
  });

  it("treats a numeric id as its decimal text when checking duplicates", () => {
    const dup = [
      { id: 330521, x: 1 },
      { id: "330521", x: 2 },
    ];
    expect(codeOf(() => parseAnalysisSpec({ method: "gini", data: { rows: dup } }))).toBe("duplicate_id");
  });

  it("checks the shape of weights", () => {
    const base = { method: "moran", data: { rows } };
    expect(codeOf(() => parseAnalysisSpec({ ...base, weights: { neighbors: { 1: "2" } } }))).toBe(
      "invalid_weights",
    );
    expect(codeOf(() => parseAnalysisSpec({ ...base, weights: { neighbors: {}, style: "C" } }))).toBe(
      "invalid_spec",
    );
    const ok = parseAnalysisSpec({ ...base, weights: { neighbors: { 1: ["2"], 2: ["1"] }, style: "B" } });
    expect(ok.weights?.style).toBe("B");
  });
});
