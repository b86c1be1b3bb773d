import type { AnalysisSpec } from "@ronghe/core";
import { describe, expect, it } from "vitest";
import { codeOf, compareWithCase, type Loose, loadCase } from "../test/helpers.ts";
import { studentTwoSidedP } from "./beta.ts";
import { compareCodePoints, interactionType, riskOrder, welchTest } from "./geodetector.ts";
import { runGeodetectorSpec } from "./geodetector-spec.ts";

function spec(rows: Array<Record<string, unknown>>, params: Record<string, unknown>): AnalysisSpec {
  return { method: "geodetector", params, data: { rows: rows as AnalysisSpec["data"]["rows"] } };
}

describe("geodetector", () => {
  it.each(["geodetector-ntd", "geodetector-gdverse-tiny"])("matches the public reference case %s", (name) => {
    const c = loadCase(name);
    expect(compareWithCase(c.expectedPath, "geodetector", runGeodetectorSpec(c.spec))).toBe("ok");
  });

  const rows = [
    { id: "1", y: 1, a: "p", b: 1 },
    { id: "2", y: 2, a: "p", b: 2 },
    { id: "3", y: 4, a: "q", b: 1 },
    { id: "4", y: 5, a: "q", b: 2 },
    { id: "5", y: 9, a: "r", b: 1 },
    { id: "6", y: 10, a: "r", b: 2 },
  ];

  it("computes q, f and λ by hand", () => {
    const r = runGeodetectorSpec(spec(rows, { y: "y", factors: ["a", "b"], risk: true })).result as Loose;
    // ȳ = 31/6; SST = Σy² − 31²/6 = 227 − 160.1667 = 66.8333; SSW(a) = 3 × 0.5 = 1.5
    const sst = 227 - 961 / 6;
    const qa = 1 - 1.5 / sst;
    expect(r.factors[0].q).toBeCloseTo(qa, 14);
    expect(r.factors[0].strata).toBe(3);
    expect(r.factors[0].f).toBeCloseTo((3 / 2) * (qa / (1 - qa)), 11);
    const means = [1.5, 4.5, 9.5];
    const lambda =
      (means.reduce((s, m) => s + m * m, 0) - means.reduce((s, m) => s + Math.sqrt(2) * m, 0) ** 2 / 6) /
      (sst / 5);
    expect(r.factors[0].lambda).toBeCloseTo(lambda, 12);
    expect(r.factors[0].p).toBeGreaterThan(0);
    expect(r.factors[0].p).toBeLessThan(1);
    // b splits every stratum of a into its two values: a×b has 6 singleton strata, q_ab = 1
    const qb = 1 - (1 + 16 + 81 - (14 * 14) / 3 + (4 + 25 + 100 - (17 * 17) / 3)) / sst;
    expect(r.factors[1].q).toBeCloseTo(qb, 14);
    expect(r.interactions).toEqual([
      {
        factor_a: "a",
        factor_b: "b",
        q_a: r.factors[0].q,
        q_b: r.factors[1].q,
        q_ab: 1,
        type: interactionType(qa, qb, 1),
      },
    ]);
    // risk detector: strata of b sorted numerically; Welch between {1, 4, 9} and {2, 5, 10}
    const rb = r.risk[1];
    expect(rb.strata).toEqual([
      { stratum: "1", n: 3, mean: 14 / 3 },
      { stratum: "2", n: 3, mean: 17 / 3 },
    ]);
    const va = (1 + 16 + 81 - (14 * 14) / 3) / 2;
    const vb = (4 + 25 + 100 - (17 * 17) / 3) / 2;
    const t = (14 / 3 - 17 / 3) / Math.sqrt(va / 3 + vb / 3);
    const df = (va / 3 + vb / 3) ** 2 / ((va / 3) ** 2 / 2 + (vb / 3) ** 2 / 2);
    expect(rb.pairs[0].t).toBeCloseTo(t, 12);
    expect(rb.pairs[0].df).toBeCloseTo(df, 12);
    expect(rb.pairs[0].p).toBeCloseTo(studentTwoSidedP(t, df), 14);
    expect(rb.pairs[0].significant).toBe(false);
  });

  it("q = 1 gives f null and p 0; risk pairs of singletons or zero variances are null", () => {
    const r = runGeodetectorSpec(
      spec(
        [
          { id: "1", y: 3, s: "x" },
          { id: "2", y: 3, s: "x" },
          { id: "3", y: 0.1, s: "y" },
          { id: "4", y: 0.1, s: "y" },
          { id: "5", y: 0.1, s: "y" },
          { id: "6", y: 7, s: "z" },
        ],
        { y: "y", factors: ["s"], risk: true, interaction: false },
      ),
    ).result as Loose;
    expect(r.factors[0]).toMatchObject({ strata: 3, q: 1, f: null, p: 0 });
    expect(r.interactions).toEqual([]);
    for (const pair of r.risk[0].pairs)
      expect(pair).toMatchObject({ t: null, df: null, p: null, significant: null });
  });

  it("orders interaction types by the spec's rules", () => {
    expect(interactionType(0.2, 0.3, 0.5)).toBe("independent");
    expect(interactionType(0.2, 0.3, 0.5 + 1e-11)).toBe("independent");
    expect(interactionType(0.2, 0.3, 0.6)).toBe("nonlinear_enhance");
    expect(interactionType(0.2, 0.3, 0.4)).toBe("bivariate_enhance");
    expect(interactionType(0.2, 0.3, 0.3)).toBe("univariate_weaken");
    expect(interactionType(0.2, 0.3, 0.25)).toBe("univariate_weaken");
    expect(interactionType(0.2, 0.3, 0.1)).toBe("nonlinear_weaken");
  });

  it("sorts risk strata numerically when all labels are numbers, else by code point", () => {
    expect(riskOrder(["10", "9", "1.5", "-2"]).map((h) => ["10", "9", "1.5", "-2"][h])).toEqual([
      "-2",
      "1.5",
      "9",
      "10",
    ]);
    const labels = ["b", "B", "\u{1F600}", "\uFF5E", "a10", "a9"];
    expect(riskOrder(labels).map((h) => labels[h])).toEqual(["B", "a10", "a9", "b", "\uFF5E", "\u{1F600}"]);
    expect(compareCodePoints("\u{1F600}", "\uFF5E")).toBeGreaterThan(0);
  });

  it("Welch test is null when a stratum has one row or both variances are 0", () => {
    expect(welchTest(1, 2, Number.NaN, 3, 4, 1)).toEqual({ t: null, df: null, p: null });
    expect(welchTest(3, 2, 0, 3, 4, 0)).toEqual({ t: null, df: null, p: null });
    const one = welchTest(3, 2, 0, 3, 4, 1.5);
    expect(one.df).toBeCloseTo(2, 14); // all variance from b: df = n_b − 1
  });

  it('treats 3 and "3" as one stratum and drops missing rows on request', () => {
    const mixed = [
      { id: "1", y: 1, f: 3 },
      { id: "2", y: 2, f: "3" },
      { id: "3", y: 5, f: 4 },
      { id: "4", y: 6, f: "4" },
      { id: "5", y: 7, f: null },
    ];
    expect(codeOf(() => runGeodetectorSpec(spec(mixed, { y: "y", factors: ["f"] })))).toBe("missing_values");
    const r = runGeodetectorSpec(spec(mixed, { y: "y", factors: ["f"], missing: "drop" })).result as Loose;
    expect(r.n).toBe(4);
    expect(r.factors[0].strata).toBe(2);
    expect(r.factors[0].q).toBeCloseTo(1 - 1 / 17, 14);
  });

  it("rejects constant y, one stratum, one stratum per row, and unknown columns", () => {
    expect(
      codeOf(() =>
        runGeodetectorSpec(
          spec(
            rows.map((r) => ({ ...r, y: 2 })),
            { y: "y", factors: ["a"] },
          ),
        ),
      ),
    ).toBe("constant_column");
    expect(
      codeOf(() =>
        runGeodetectorSpec(
          spec(
            rows.map((r) => ({ ...r, a: "same" })),
            { y: "y", factors: ["a"] },
          ),
        ),
      ),
    ).toBe("insufficient_data");
    expect(codeOf(() => runGeodetectorSpec(spec(rows, { y: "y", factors: ["id"] })))).toBe(
      "insufficient_data",
    );
    expect(codeOf(() => runGeodetectorSpec(spec(rows, { y: "y", factors: ["nope"] })))).toBe(
      "unknown_column",
    );
    expect(codeOf(() => runGeodetectorSpec(spec(rows, { y: "y" })))).toBe("invalid_spec");
  });
});
