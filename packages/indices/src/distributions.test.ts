import { describe, expect, it } from "vitest";
import {
  fUpperTail,
  logGamma,
  regularizedIncompleteBeta,
  studentTCdf,
  studentTTwoSided,
} from "./distributions.ts";

describe("distributions", () => {
  it("log-gamma matches factorials and Γ(1/2) = √π", () => {
    expect(logGamma(10)).toBeCloseTo(Math.log(362880), 12);
    expect(logGamma(0.5)).toBeCloseTo(0.5 * Math.log(Math.PI), 14);
    expect(logGamma(171)).toBeCloseTo(706.5730622457874, 9);
  });

  it("incomplete beta closed forms: I_x(1, b) = 1 − (1 − x)^b, I_x(a, 1) = x^a", () => {
    expect(regularizedIncompleteBeta(0.3, 1, 4)).toBeCloseTo(1 - 0.7 ** 4, 15);
    expect(regularizedIncompleteBeta(0.8, 3, 1)).toBeCloseTo(0.8 ** 3, 15);
    expect(regularizedIncompleteBeta(0.5, 7, 7)).toBeCloseTo(0.5, 14);
  });

  it("Student t: df 1 (Cauchy) and df 2 closed forms", () => {
    for (const t of [0.3, 1, 2.5, 12, 300]) {
      expect(studentTTwoSided(t, 1)).toBeCloseTo(1 - (2 / Math.PI) * Math.atan(t), 14);
      expect(studentTTwoSided(-t, 2)).toBeCloseTo(1 - t / Math.sqrt(2 + t * t), 14);
    }
    expect(studentTCdf(0, 7)).toBeCloseTo(0.5, 15);
    expect(studentTCdf(-1.5, 4) + studentTCdf(1.5, 4)).toBeCloseTo(1, 15);
  });

  it("keeps tiny tail probabilities accurate (reference values from scipy.stats)", () => {
    expect(studentTTwoSided(-5.19538743207969, 30) / 1.34163797518482e-5).toBeCloseTo(1, 10);
    expect(studentTTwoSided(40, 5) / 1.8411962171772954e-7).toBeCloseTo(1, 10);
    expect(fUpperTail(3.5, 4, 20)).toBeCloseTo(0.02538523086644128, 13);
  });

  it("F with d1 = 1 is the square of t", () => {
    expect(fUpperTail(2.3 ** 2, 1, 9)).toBeCloseTo(studentTTwoSided(2.3, 9), 14);
  });
});
