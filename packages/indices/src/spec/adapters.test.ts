import { parseAnalysisSpec } from "@ronghe/core";
import { describe, expect, it } from "vitest";
import { runCompositeIndexSpec } from "./composite-index.ts";
import { runMarkovSpec } from "./markov.ts";
import { runObstacleDegreeSpec } from "./obstacle-degree.ts";
import { runTopsisSpec } from "./topsis.ts";

const rows = [
  { id: "1", a: 1, b: 10, c: 5 },
  { id: "2", a: 2, b: 30, c: 5 },
  { id: "3", a: 4, b: 20, c: 5 },
  { id: "4", a: null, b: 20, c: 5 },
];

describe("spec adapters", () => {
  it("composite-index within_group: U_g in [0,1], score = Σ gw·U_g, drop + constant warnings", () => {
    const spec = parseAnalysisSpec({
      method: "composite-index",
      params: {
        missing: "drop",
        weighting: "equal",
        weights_scope: "within_group",
        group_weights: { u: 3, r: 1 },
        indicators: [
          { column: "a", group: "u" },
          { column: "b", direction: "-", group: "u" },
          { column: "c", group: "r" },
        ],
      },
      data: { rows },
    });
    const { result, warnings } = runCompositeIndexSpec(spec);
    expect(result.n).toBe(3);
    expect(warnings).toContain("constant_column:c");
    expect(result.groups).toEqual([
      { group: "u", weight: 0.75 },
      { group: "r", weight: 0.25 },
    ]);
    const out = result.rows as {
      id: string;
      score: number;
      rank: number;
      group_scores: Record<string, number>;
    }[];
    // row 1: a' = 0, b' = 1 → U_u = 0.5; c constant → U_r = 1
    expect(out[0].group_scores).toEqual({ u: 0.5, r: 1 });
    expect(out[0].score).toBeCloseTo(0.75 * 0.5 + 0.25, 15);
    expect(out.map((r) => r.rank)).toEqual([2, 3, 1]); // row 3: a' = 1, b' = 0.5 → U_u = 0.75
  });

  it("obstacle-degree: top in indicator order for ties", () => {
    const spec = parseAnalysisSpec({
      method: "obstacle-degree",
      params: { weighting: "equal", top_n: 2, indicators: [{ column: "a" }, { column: "b" }] },
      data: {
        rows: [
          { id: "x", a: 0, b: 0 },
          { id: "y", a: 1, b: 1 },
        ],
      },
    });
    const r = runObstacleDegreeSpec(spec).result as {
      rows: { top: string[]; obstacles: Record<string, number> }[];
    };
    expect(r.rows[0].top).toEqual(["a", "b"]);
    expect(r.rows[0].obstacles).toEqual({ a: 0.5, b: 0.5 });
    expect(r.rows[1].top).toEqual([]);
  });

  it("topsis given weights are re-normalised", () => {
    const spec = parseAnalysisSpec({
      method: "topsis",
      params: {
        weighting: "given",
        indicators: [
          { column: "a", weight: 2 },
          { column: "b", weight: 6 },
        ],
      },
      data: { rows: rows.slice(0, 3) },
    });
    const r = runTopsisSpec(spec).result as { indicators: { weight: number }[] };
    expect(r.indicators.map((d) => d.weight)).toEqual([0.25, 0.75]);
  });

  it("markov with given classes validates them and reports empty classes", () => {
    const base = { method: "markov", params: { columns: ["p1", "p2"], classification: "given", k: 3 } };
    const ok = runMarkovSpec(
      parseAnalysisSpec({
        ...base,
        data: {
          rows: [
            { id: "a", p1: 1, p2: 3 },
            { id: "b", p1: 3, p2: 3 },
          ],
        },
      }),
    );
    expect(ok.result.transitions).toEqual([
      [0, 0, 1],
      [0, 0, 0],
      [0, 0, 1],
    ]);
    expect(ok.result.steady_state).toBeNull();
    expect(ok.warnings).toContain("empty_class:2");
    expect(() =>
      runMarkovSpec(parseAnalysisSpec({ ...base, data: { rows: [{ id: "a", p1: 4, p2: 1 }] } })),
    ).toThrowError(expect.objectContaining({ code: "invalid_spec" }));
  });
});
