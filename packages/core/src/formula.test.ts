import { describe, expect, it } from "vitest";
import { RongheError } from "./errors.ts";
import {
  compileCatalogueFormulas,
  evaluateFormula,
  formatNode,
  formulaReferences,
  parseFormula,
} from "./formula.ts";

function errorCode(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (error) {
    return error instanceof RongheError ? error.code : "not-a-ronghe-error";
  }
  return undefined;
}

describe("parseFormula", () => {
  it("reads codes with hyphens, Chinese operators and precedence", () => {
    const tree = parseFormula("ECO-01 ÷ ECO-02");
    expect(formulaReferences(tree)).toEqual(["ECO-01", "ECO-02"]);
    const values: Record<string, number> = { "ECO-01": 47435, "ECO-02": 20820 };
    expect(evaluateFormula(tree, (c) => values[c] ?? null)).toBeCloseTo(47435 / 20820, 12);
    const t2 = parseFormula("(POP-01 − POP-02) × 2 + 1");
    expect(evaluateFormula(t2, (c) => ({ "POP-01": 70, "POP-02": 50 })[c] ?? null)).toBe(41);
    expect(evaluateFormula(parseFormula("1 + 2 * 3"), () => null)).toBe(7);
    expect(evaluateFormula(parseFormula("-2 * -3"), () => null)).toBe(6);
    expect(
      evaluateFormula(parseFormula("max(A-1, B) - min(2, 3)"), (c) => ({ "A-1": 4, B: 9 })[c] ?? null),
    ).toBe(7);
    expect(formatNode(parseFormula("ECO-01÷ECO-02*100"))).toBe("(ECO-01 / ECO-02) * 100");
  });

  it("rejects malformed text with formula_syntax", () => {
    for (const bad of [
      "",
      "ECO-01 ÷",
      "(ECO-01",
      "ECO-01 ECO-02",
      "城镇 ÷ 乡村",
      "1 + * 2",
      "abs(1, 2)",
      "eval(1)",
    ]) {
      expect(
        errorCode(() => parseFormula(bad)),
        bad,
      ).toBe("formula_syntax");
    }
  });

  it("returns null when an input is missing, never NaN", () => {
    expect(evaluateFormula(parseFormula("A / B"), (c) => (c === "A" ? 1 : null))).toBeNull();
  });

  it("throws formula_division_by_zero", () => {
    expect(errorCode(() => evaluateFormula(parseFormula("A / (B - B)"), () => 3))).toBe(
      "formula_division_by_zero",
    );
  });
});

describe("compileCatalogueFormulas", () => {
  it("orders formulas after their inputs", () => {
    const order = compileCatalogueFormulas([
      { code: "R", formula: "Q * 2" },
      { code: "Q", formula: "A / B" },
      { code: "A", formula: null },
      { code: "B", formula: null },
    ]).map((f) => f.code);
    expect(order).toEqual(["Q", "R"]);
  });

  it("names an unknown code", () => {
    try {
      compileCatalogueFormulas([
        { code: "Q", formula: "A / NOPE-1" },
        { code: "A", formula: null },
      ]);
      expect.unreachable();
    } catch (error) {
      expect((error as RongheError).code).toBe("formula_unknown_code");
      expect((error as RongheError).details).toMatchObject({ indicator: "Q", code: "NOPE-1" });
    }
  });

  it("finds a cycle across the catalogue", () => {
    try {
      compileCatalogueFormulas([
        { code: "X", formula: "Y + 1" },
        { code: "Y", formula: "Z * 2" },
        { code: "Z", formula: "X / 3" },
      ]);
      expect.unreachable();
    } catch (error) {
      expect((error as RongheError).code).toBe("formula_cycle");
      const cycle = (error as RongheError).details?.cycle as string[];
      expect(cycle[0]).toBe(cycle[cycle.length - 1]);
      expect(new Set(cycle)).toEqual(new Set(["X", "Y", "Z"]));
    }
    expect(errorCode(() => compileCatalogueFormulas([{ code: "S", formula: "S + 1" }]))).toBe(
      "formula_cycle",
    );
  });
});
