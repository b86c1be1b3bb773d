import { describe, expect, it } from "vitest";
import { betaConvergence } from "./beta-convergence.ts";
import { dispersion, sigmaConvergence } from "./sigma-convergence.ts";

describe("sigmaConvergence", () => {
  it("sd of ln y with divisor n, and the OLS slope on time", () => {
    const r = sigmaConvergence(
      [
        [1, Math.E],
        [1, Math.E ** 2],
      ],
      [0, 1],
    );
    expect(r.sigma[0]).toBeCloseTo(0.5, 15);
    expect(r.sigma[1]).toBeCloseTo(1, 15);
    expect(r.slope).toBeCloseTo(0.5, 15);
    expect(r.converging).toBe(false);
  });

  it("cv, sd and ddof", () => {
    expect(dispersion([2, 4], "sd")).toBe(1);
    expect(dispersion([2, 4], "sd", 1)).toBeCloseTo(Math.SQRT2, 15);
    expect(dispersion([2, 4], "cv")).toBeCloseTo(1 / 3, 15);
    expect(() => dispersion([1, 0], "sd_log")).toThrowError(
      expect.objectContaining({ code: "non_positive_values" }),
    );
  });
});

describe("betaConvergence", () => {
  it("hand-worked 3-point OLS with a df = 1 (Cauchy) p-value", () => {
    const y0 = [1, Math.E, Math.E ** 2];
    const g = [0.1, 0, -0.05];
    const y1 = y0.map((v, i) => v * Math.exp(g[i] * 2));
    const r = betaConvergence(y0, y1, 2);
    expect(r.beta).toBeCloseTo(-0.075, 14);
    expect(r.alpha).toBeCloseTo(0.05 / 3 + 0.075, 14);
    const rss = (0.1 - 0.05 / 3 - 0.075) ** 2 * 2 + (0.05 / 3 - 0.05 / 3 - 0.075 + 0.075 - 0.05 / 3) ** 2;
    expect(r.seBeta).toBeCloseTo(Math.sqrt(rss / 2), 14);
    expect(r.tBeta!).toBeCloseTo(-0.075 / Math.sqrt(rss / 2), 10);
    expect(r.pBeta!).toBeCloseTo(1 - (2 / Math.PI) * Math.atan(Math.abs(r.tBeta!)), 12);
    expect(r.speed!).toBeCloseTo(-Math.log(1 - 0.15) / 2, 13);
    expect(r.halfLife!).toBeCloseTo(Math.LN2 / r.speed!, 13);
    expect(r.converging).toBe(r.pBeta! <= 0.05);
  });

  it("speed and half-life are null unless β < 0", () => {
    const r = betaConvergence([1, 2, 4], [2, 5, 12], 10);
    expect(r.beta).toBeGreaterThan(0);
    expect(r.speed).toBeNull();
    expect(r.halfLife).toBeNull();
    expect(r.converging).toBe(false);
  });
});
