import { describe, expect, it } from "vitest";
import { coordinationLevel, couplingCoordination } from "./coupling-coordination.ts";

const f = (xs: number[]) => Float64Array.from(xs);

describe("couplingCoordination", () => {
  it("standard formula with k = 1/n: C = 2√(U1U2)/(U1+U2)", () => {
    const r = couplingCoordination([f([0.2, 0, 0.5]), f([0.8, 0, 0.5])]);
    expect(r.coupling[0]).toBeCloseTo(0.8, 15);
    expect(r.development[0]).toBeCloseTo(0.5, 15);
    expect(r.coordination[0]).toBeCloseTo(Math.sqrt(0.4), 15);
    expect(r.level[0]).toBe(7);
    expect(r.coupling[1]).toBe(0); // ΣU = 0
    expect(r.level[1]).toBe(1);
    expect(r.coupling[2]).toBeCloseTo(1, 15);
  });

  it("exponent k and subsystem weights", () => {
    const r = couplingCoordination([f([0.2]), f([0.8])], { k: 2, weights: [3, 1] });
    expect(r.coupling[0]).toBeCloseTo((0.16 / 0.25) ** 2, 15);
    expect(r.development[0]).toBeCloseTo(0.75 * 0.2 + 0.25 * 0.8, 15);
  });

  it("wang2021: C = sqrt{(1 − |U1 − U2|)·(U_min/U_max)} for two subsystems", () => {
    const r = couplingCoordination([f([0.2, 0]), f([0.8, 0])], { formula: "wang2021" });
    expect(r.coupling[0]).toBeCloseTo(Math.sqrt(0.4 * 0.25), 15);
    expect(r.coupling[1]).toBe(0);
    // three subsystems: pair denominator 1 + 2 = 3, product exponent 1/2
    const three = couplingCoordination([f([0.3]), f([0.6]), f([0.6])], { formula: "wang2021" });
    expect(three.coupling[0]).toBeCloseTo(Math.sqrt((1 - 0.6 / 3) * (0.5 * 1 * 1) ** 0.5), 15);
  });

  it("levels are tenths of D, capped at 10", () => {
    expect(coordinationLevel(0)).toBe(1);
    expect(coordinationLevel(0.0999)).toBe(1);
    expect(coordinationLevel(0.45)).toBe(5);
    expect(coordinationLevel(0.9)).toBe(10);
    expect(coordinationLevel(1)).toBe(10);
  });

  it("rejects negative indices", () => {
    expect(() => couplingCoordination([f([-0.1]), f([0.5])])).toThrowError(
      expect.objectContaining({ code: "negative_values" }),
    );
  });
});
