import { describe, expect, it } from "vitest";
import { obstacleDegree, topObstacles } from "./obstacle-degree.ts";

const f = (xs: number[]) => Float64Array.from(xs);

describe("obstacleDegree", () => {
  it("O = w(1 − x') / Σ w(1 − x'), all 0 when nothing is lacking", () => {
    const o = obstacleDegree([f([0, 1, 0.5]), f([0, 1, 1]), f([0, 1, 0])], [0.5, 0.3, 0.2]);
    expect([o[0][0], o[1][0], o[2][0]]).toEqual([0.5, 0.3, 0.2]);
    expect([o[0][1], o[1][1], o[2][1]]).toEqual([0, 0, 0]);
    expect(o[0][2]).toBeCloseTo(0.25 / 0.45, 15);
    expect(o[1][2]).toBe(0);
    expect(o[2][2]).toBeCloseTo(0.2 / 0.45, 15);
  });

  it("top keeps indicator order among ties and skips zeros", () => {
    expect(topObstacles([0.2, 0.4, 0.4, 0], 3)).toEqual([1, 2, 0]);
    expect(topObstacles([0.1 + 0.2, 0.3, 0.4], 2)).toEqual([2, 0]);
    expect(topObstacles([0, 1e-13, 0.5], 3)).toEqual([2]);
  });
});
