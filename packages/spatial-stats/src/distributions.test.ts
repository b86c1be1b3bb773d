// Reference values: mpmath at 40 digits (normal tail, regularised incomplete beta, Student t, log-beta,
// non-central F as the full Poisson mixture).
import { describe, expect, it } from "vitest";
import { incompleteBeta, logBeta, studentTwoSidedP } from "./beta.ts";
import { noncentralFUpper, noncentralFUpperExact } from "./noncentral-f.ts";
import { normalPValue, normalUpper } from "./normal.ts";

const rel = (a: number, b: number) => Math.abs(a - b) / Math.abs(b);

describe("normal tail", () => {
  const cases: Array<[number, number]> = [
    [-8, 0.9999999999999993],
    [-1.5, 0.9331927987311419],
    [0.3, 0.3820885778110474],
    [1.96, 0.024997895148220435],
    [3.64109718354574, 0.00013573931385464075],
    [7.5, 3.1908916729108963e-14],
    [12, 1.776482112077679e-33],
    [30, 4.906713927148187e-198],
  ];
  it.each(cases)("P(Z > %d)", (z, p) => expect(rel(normalUpper(z), p)).toBeLessThan(1e-14));
  it("folds alternatives and propagates NaN", () => {
    expect(normalPValue(1.5, "two.sided")).toBeCloseTo(2 * normalUpper(1.5), 15);
    expect(normalPValue(-1.5, "less")).toBe(normalUpper(1.5));
    expect(normalPValue(Number.NaN, "greater")).toBeNaN();
  });
});

describe("incomplete beta, Student t, log-beta", () => {
  it.each([
    [0.5, 0.5, 0.3, 0.36901011956554536],
    [30, 40, 0.45, 0.6447480085585681],
    [1000, 0.5, 0.999, 0.15724727426672402],
    [5.5, 120, 0.01, 0.0038639781855112783],
  ])("I_x(%d, %d) at %d", (a, b, x, lower) => {
    const r = incompleteBeta(x, a, b);
    expect(rel(r.lower, lower)).toBeLessThan(1e-12);
    expect(rel(r.upper, 1 - lower)).toBeLessThan(1e-12);
  });
  it("keeps a tiny upper tail accurate", () => {
    expect(rel(incompleteBeta(0.99, 2, 3).upper, 3.97e-6)).toBeLessThan(1e-10);
  });
  it.each([
    [2.1, 5, 0.08975324988459876],
    [-23.5296198678415, 24.3551001796352, 2.9146435382755887e-18],
    [0.5, 1.5, 0.68056711066994],
    [40, 200, 2.2487396535202506e-97],
    [1.2, 3000.7, 0.23023407263622558],
  ])("two-sided t p (t = %d, df = %d)", (t, df, p) =>
    expect(rel(studentTwoSidedP(t, df), p)).toBeLessThan(1e-11),
  );
  it.each([
    [1000, 0.5, -2.8813876965715766],
    [30, 40, -48.30174909591612],
    [3, 4, -4.0943445622221],
    [0.2, 15, 0.987822016403889],
    [12.5, 1e5, -125.17793952144314],
  ])("ln B(%d, %d)", (a, b, v) =>
    expect(Math.abs(logBeta(a, b) - v)).toBeLessThan(1e-13 * Math.max(1, Math.abs(v))),
  );
});

describe("non-central F", () => {
  // exact tails from mpmath; R's pf (errmax 1e−9) — what the spec's p is — stays within 1e−9 of them
  const cases: Array<[number, number, number, number, number]> = [
    [12, 2, 4, 1.4333597590947, 0.04783829405229944],
    [38.735507560362, 8, 176, 152.040074659891, 0.00011699043915418192],
    [45.7651249861021, 6, 178, 197.916592599284, 0.04080406785705996],
    [28.2561188976884, 4, 180, 101.374626796785, 0.3632362881497026],
  ];
  it.each(cases)("P(F' > %d; %d, %d, λ = %d)", (f, d1, d2, lambda, exact) => {
    expect(rel(noncentralFUpperExact(f, d1, d2, lambda), exact)).toBeLessThan(1e-12);
    const r = noncentralFUpper(f, d1, d2, lambda);
    expect(Math.abs(r - exact)).toBeLessThan(2e-9);
    expect(r).toBeGreaterThanOrEqual(exact - 1e-15); // R's truncation only adds
  });
  it("reproduces R's pf values quoted by the CRAN geodetector vignette", () => {
    expect(Math.abs(noncentralFUpper(38.735507560362, 8, 176, 152.040074659891) - 0.0001169914)).toBeLessThan(
      5e-11,
    );
    expect(Math.abs(noncentralFUpper(12, 2, 4, 1.4333597590947) - 0.0478382941936874)).toBeLessThan(1e-15);
  });
  it("reduces to the central F at λ = 0 and handles the edges", () => {
    // central F(2, 4) tail: (1 + 2f/4)^(−2)
    expect(rel(noncentralFUpperExact(3, 2, 4, 0), (1 + 1.5) ** -2)).toBeLessThan(1e-13);
    expect(Math.abs(noncentralFUpper(3, 2, 4, 0) - (1 + 1.5) ** -2)).toBeLessThan(1e-12);
    expect(noncentralFUpper(0, 2, 4, 1)).toBe(1);
    expect(noncentralFUpper(Number.POSITIVE_INFINITY, 2, 4, 1)).toBe(0);
    expect(noncentralFUpper(1, 0, 4, 1)).toBeNaN();
  });
});
