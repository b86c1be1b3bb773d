import { describe, expect, it } from "vitest";
import { evaluateTarget } from "./evaluate-target.ts";
import type { Observation, Target, TargetEvaluation } from "./types.ts";

const series = (pairs: Record<number, number | null>): Observation[] =>
  Object.entries(pairs).map(([y, v]) => ({ year: Number(y), value: v }));

const target = (over: Partial<Target>): Target => ({
  id: "T",
  indicator: "X-01",
  name: "test target",
  region: "500101",
  baseline: { year: 2015, fromData: true },
  targetYear: 2020,
  targetValue: 60,
  form: "level_at_least",
  kind: "expected",
  ...over,
});

/** Every number in an evaluation is finite or null (never NaN / Infinity). */
function expectNoNaN(e: TargetEvaluation): void {
  JSON.stringify(e, (_k, v) => {
    if (typeof v === "number") expect(Number.isFinite(v)).toBe(true);
    return v;
  });
}

describe("level_at_least", () => {
  it("on track when the linear trend reaches the target", () => {
    // b = 50 (2015), t = 60 (2020); latest 2018 = 56.
    // progress = (56 − 50) / (60 − 50) = 0.6; expected = (2018 − 2015) / 5 = 0.6.
    // OLS on 2015..2018 (50, 52, 54, 56): slope 2 → 2020: 56 + 2·2 = 60 ≥ 60 → on_track, miss share 0.
    const e = evaluateTarget(target({}), series({ 2015: 50, 2016: 52, 2017: 54, 2018: 56 }), {
      asOfYear: 2018,
    });
    expect(e.status).toBe("on_track");
    expect(e.progress).toBeCloseTo(0.6, 12);
    expect(e.expectedProgress).toBeCloseTo(0.6, 12);
    expect(e.projection?.method).toBe("linear_ols");
    expect(e.projection?.value).toBeCloseTo(60, 10);
    expect(e.projection?.slope).toBeCloseTo(2, 12);
    expect(e.projection?.missShare).toBeCloseTo(0, 10);
    expect(e.projection?.years).toEqual([2015, 2016, 2017, 2018]);
    expect(e.baselineValue).toBe(50);
    expect(e.observations.find((o) => o.year === 2015)?.roles).toEqual(["baseline", "trend"]);
    expect(e.observations.find((o) => o.year === 2018)?.roles).toEqual(["latest", "trend"]);
    expectNoNaN(e);
  });

  it("achieved at the target year, off track when missed at the target year", () => {
    // 2020 = 61 ≥ 60 → achieved; progress (61 − 50)/10 = 1.1 (raw, not clamped).
    const s = series({ 2015: 50, 2018: 56, 2020: 61 });
    const e = evaluateTarget(target({}), s, { asOfYear: 2022 });
    expect(e.status).toBe("achieved");
    expect(e.progress).toBeCloseTo(1.1, 12);
    expect(e.projection).toBeNull();
    // 2020 = 59.5 < 60 → off_track (a miss after the deadline is final), progress 0.95.
    const m = evaluateTarget(target({}), series({ 2015: 50, 2018: 56, 2020: 59.5 }), { asOfYear: 2020 });
    expect(m.status).toBe("off_track");
    expect(m.reasons).toContain("missed_at_target_year");
    expect(m.progress).toBeCloseTo(0.95, 12);
  });

  it("ignores observations after asOfYear", () => {
    const e = evaluateTarget(target({}), series({ 2015: 50, 2016: 52, 2017: 54, 2018: 56, 2019: 70 }), {
      asOfYear: 2018,
    });
    expect(e.latestYear).toBe(2018);
    expect(e.observations.map((o) => o.year)).not.toContain(2019);
  });

  it("series with gaps: uses the years present, interpolates nothing, names the missing years", () => {
    // Present 2015 = 50, 2017 = 54, 2018 = 56; 2016 missing. Progress at 2018 = 0.6.
    // OLS: x̄ = 2016.667, ȳ = 53.333; Sxy = (−1.667)(−3.333) + (0.333)(0.667) + (1.333)(2.667) = 9.333;
    // Sxx = 2.778 + 0.111 + 1.778 = 4.667; slope = 2 → 2020: 53.333 + 2·3.333 = 60 → on_track.
    const e = evaluateTarget(target({}), series({ 2015: 50, 2016: null, 2017: 54, 2018: 56 }), {
      asOfYear: 2018,
    });
    expect(e.missingYears).toEqual([2016]);
    expect(e.reasons).toContain("gaps_in_series");
    expect(e.projection?.years).toEqual([2015, 2017, 2018]);
    expect(e.projection?.slope).toBeCloseTo(2, 12);
    expect(e.projection?.value).toBeCloseTo(60, 10);
    expect(e.status).toBe("on_track");
    expect(e.observations.map((o) => o.year)).toEqual([2015, 2017, 2018]);
  });

  it("a region with no data → no_data", () => {
    for (const s of [[], null, undefined, series({ 2016: null })]) {
      const e = evaluateTarget(target({}), s, { asOfYear: 2020 });
      expect(e.status).toBe("no_data");
      expect(e.progress).toBeNull();
      expect(e.observations).toEqual([]);
      expectNoNaN(e);
    }
    // baseline taken from data but the baseline year is missing → no_data (baseline_missing)
    const nb = evaluateTarget(target({}), series({ 2016: 52, 2017: 54 }), { asOfYear: 2018 });
    expect(nb.status).toBe("no_data");
    expect(nb.reasons).toEqual(["baseline_missing"]);
    // only the baseline year is observed → nothing to measure progress with
    const ob = evaluateTarget(target({}), series({ 2015: 50 }), { asOfYear: 2018 });
    expect(ob.status).toBe("no_data");
    expect(ob.reasons).toEqual(["no_observation_after_baseline"]);
  });

  it("target already met at baseline: progress undefined, achieved while it holds, off track when it slips", () => {
    // b = 65 ≥ t = 60: the distance t − b is negative, (v − b)/(t − b) would mislead → progress null.
    const held = evaluateTarget(target({}), series({ 2015: 65, 2016: 66 }), { asOfYear: 2016 });
    expect(held.status).toBe("achieved");
    expect(held.progress).toBeNull();
    expect(held.reasons).toEqual(expect.arrayContaining(["target_met_at_baseline", "met_early"]));
    // 65 → 62 → 58: slope −3.5 → 2020 = 58 − 3.5·3 < 60; no distance to measure a small miss → off_track.
    const slipped = evaluateTarget(target({}), series({ 2015: 65, 2016: 62, 2017: 58 }), { asOfYear: 2017 });
    expect(slipped.status).toBe("off_track");
    expect(slipped.progress).toBeNull();
    expect(slipped.projection?.missShare).toBeNull();
    expectNoNaN(slipped);
    // baseline equal to the target is the same edge case (zero distance).
    const equal = evaluateTarget(target({}), series({ 2015: 60, 2016: 60.5 }), { asOfYear: 2016 });
    expect(equal.status).toBe("achieved");
    expect(equal.progress).toBeNull();
  });

  it("a baseline of zero is fine for level forms", () => {
    // b = 0, t = 10; 2017 = 4 → progress 0.4 (expected 0.4); trend 0, 2, 4 → slope 2 → 2020: 10 → on_track.
    const e = evaluateTarget(target({ targetValue: 10 }), series({ 2015: 0, 2016: 2, 2017: 4 }), {
      asOfYear: 2017,
    });
    expect(e.progress).toBeCloseTo(0.4, 12);
    expect(e.status).toBe("on_track");
  });

  it("a stated baseline wins over the data and the difference is flagged", () => {
    // stated b = 48: progress at 2018 = (56 − 48)/(60 − 48) = 0.6667
    const e = evaluateTarget(
      target({ baseline: { year: 2015, value: 48 } }),
      series({ 2015: 50, 2016: 52, 2017: 54, 2018: 56 }),
      {
        asOfYear: 2018,
      },
    );
    expect(e.baselineValue).toBe(48);
    expect(e.progress).toBeCloseTo(8 / 12, 12);
    expect(e.reasons).toContain("baseline_differs_from_data");
  });

  it("projection unavailable (one observation, stated baseline) falls back to the progress lag", () => {
    // b = 50 stated, 2016 = 53: progress 0.3 ≥ expected 0.2 → on_track without projection.
    const ahead = evaluateTarget(target({ baseline: { year: 2015, value: 50 } }), series({ 2016: 53 }), {
      asOfYear: 2016,
    });
    expect(ahead.projection).toBeNull();
    expect(ahead.status).toBe("on_track");
    expect(ahead.reasons).toContain("projection_unavailable");
    // 2016 = 51: progress 0.1, lag 0.1 ≤ 0.1 → at_risk; 2016 = 50.5: lag 0.15 → off_track.
    expect(
      evaluateTarget(target({ baseline: { year: 2015, value: 50 } }), series({ 2016: 51 }), {
        asOfYear: 2016,
      }).status,
    ).toBe("at_risk");
    expect(
      evaluateTarget(target({ baseline: { year: 2015, value: 50 } }), series({ 2016: 50.5 }), {
        asOfYear: 2016,
      }).status,
    ).toBe("off_track");
  });

  it("echoes revision and source ids of the observations used", () => {
    const s: Observation[] = [
      { year: 2015, value: 50, revisionId: 11, sourceId: "S01" },
      { year: 2016, value: 53, revisionId: 12, sourceId: "S01" },
    ];
    const e = evaluateTarget(target({}), s, { asOfYear: 2016 });
    expect(e.observations).toEqual([
      { year: 2015, value: 50, revisionId: 11, sourceId: "S01", roles: ["baseline", "trend"] },
      { year: 2016, value: 53, revisionId: 12, sourceId: "S01", roles: ["latest", "trend"] },
    ]);
  });

  it("refuses two different values for one year", () => {
    expect(() =>
      evaluateTarget(target({}), series({ 2015: 50 }).concat({ year: 2015, value: 51 }), { asOfYear: 2016 }),
    ).toThrow(expect.objectContaining({ code: "conflicting_duplicate" }));
  });
});

describe("decreasing targets (cost direction): ratio_at_most / level_at_most", () => {
  const s = series({ 2015: 2.6, 2016: 2.55, 2017: 2.5, 2018: 2.45 });

  it("off track: progress with the sign handled", () => {
    // b = 2.6, t = 2.2: progress 2018 = (2.45 − 2.6)/(2.2 − 2.6) = (−0.15)/(−0.4) = 0.375; expected 0.6.
    // Trend slope −0.05 → 2020 = 2.35; projected progress (2.35 − 2.6)/(−0.4) = 0.625 → miss 0.375 > 0.1;
    // lag 0.225 > 0.1 → off_track.
    const e = evaluateTarget(target({ form: "ratio_at_most", targetValue: 2.2 }), s, { asOfYear: 2018 });
    expect(e.progress).toBeCloseTo(0.375, 12);
    expect(e.projection?.value).toBeCloseTo(2.35, 10);
    expect(e.projection?.missShare).toBeCloseTo(0.375, 10);
    expect(e.status).toBe("off_track");
  });

  it("at risk by the progress lag", () => {
    // t = 2.32: progress 2018 = −0.15/−0.28 = 0.5357, lag 0.6 − 0.5357 = 0.064 ≤ 0.1;
    // projection 2.35 misses by 1 − (−0.25/−0.28) = 0.107 > 0.1 → at_risk via the lag only.
    const e = evaluateTarget(target({ form: "level_at_most", targetValue: 2.32 }), s, { asOfYear: 2018 });
    expect(e.progress).toBeCloseTo(0.15 / 0.28, 12);
    expect(e.projection?.missShare).toBeCloseTo(1 - 0.25 / 0.28, 10);
    expect(e.status).toBe("at_risk");
    expect(e.reasons).toEqual(expect.arrayContaining(["progress_lag_within_threshold"]));
    expect(e.reasons).not.toContain("projection_misses_within_threshold");
  });

  it("on track and achieved in the cost direction", () => {
    // t = 2.35: projection 2.35 ≤ 2.35 → on_track; a 2018 value of 2.3 ≤ 2.35 → achieved early.
    expect(
      evaluateTarget(target({ form: "ratio_at_most", targetValue: 2.35 }), s, { asOfYear: 2018 }).status,
    ).toBe("on_track");
    const early = evaluateTarget(
      target({ form: "ratio_at_most", targetValue: 2.35 }),
      series({ 2015: 2.6, 2018: 2.3 }),
      { asOfYear: 2018 },
    );
    expect(early.status).toBe("achieved");
    expect(early.progress).toBeCloseTo(0.3 / 0.25, 12);
  });
});

describe("status thresholds at the boundaries", () => {
  // b = 100, t = 200; 2015..2018 = 100, 110, 120, 130 → slope 10 → 2020 = 150.
  // progress 2018 = 0.3, expected 0.6 → lag 0.3; projected progress 0.5 → miss share 0.5.
  const s = series({ 2015: 100, 2016: 110, 2017: 120, 2018: 130 });
  const t = target({ targetValue: 200 });

  it("defaults (10 %, 10 pp) → off_track", () => {
    const e = evaluateTarget(t, s, { asOfYear: 2018 });
    expect(e.progress).toBeCloseTo(0.3, 12);
    expect(e.projection?.missShare).toBeCloseTo(0.5, 12);
    expect(e.status).toBe("off_track");
  });

  it("miss share exactly at the threshold is at risk, just below it is off track", () => {
    expect(evaluateTarget(t, s, { asOfYear: 2018, thresholds: { riskMissShare: 0.5 } }).status).toBe(
      "at_risk",
    );
    expect(evaluateTarget(t, s, { asOfYear: 2018, thresholds: { riskMissShare: 0.4999 } }).status).toBe(
      "off_track",
    );
  });

  it("lag exactly at the threshold is at risk, just below it is off track", () => {
    expect(evaluateTarget(t, s, { asOfYear: 2018, thresholds: { riskLag: 0.3 } }).status).toBe("at_risk");
    expect(evaluateTarget(t, s, { asOfYear: 2018, thresholds: { riskLag: 0.2999 } }).status).toBe(
      "off_track",
    );
  });

  it("projection exactly on the target is on track, a hair below is at risk", () => {
    // t = 150: projection 150 → on_track; t = 150.5: miss (150.5 − 150)/50.5 = 0.0099 ≤ 0.1 → at_risk.
    expect(evaluateTarget(target({ targetValue: 150 }), s, { asOfYear: 2018 }).status).toBe("on_track");
    const near = evaluateTarget(target({ targetValue: 150.5 }), s, { asOfYear: 2018 });
    expect(near.projection?.missShare).toBeCloseTo(0.5 / 50.5, 10);
    expect(near.status).toBe("at_risk");
  });

  it("rejects thresholds outside [0, 1] and bad k", () => {
    expect(() => evaluateTarget(t, s, { asOfYear: 2018, thresholds: { riskLag: 2 } })).toThrow(
      expect.objectContaining({ code: "invalid_input" }),
    );
    expect(() => evaluateTarget(t, s, { asOfYear: 2018, projection: { k: 1 } })).toThrow(
      expect.objectContaining({ code: "invalid_input" }),
    );
  });

  it("k limits the trend window to the last k observed years", () => {
    // last 2 years 120, 130 → slope 10 either way; with a kink the window matters:
    const kink = series({ 2015: 100, 2016: 100, 2017: 100, 2018: 130 });
    // k = 2: slope 30 → 2020 = 190; k = 4: slope = Σdx·dy/Σdx² = (−1.5·−7.5 −0.5·−7.5 + 0.5·−7.5 + 1.5·22.5)/5 = 45/5 = 9 → 2020 = 107.5 + 9·3.5 = 139
    expect(evaluateTarget(t, kink, { asOfYear: 2018, projection: { k: 2 } }).projection?.value).toBeCloseTo(
      190,
      10,
    );
    expect(evaluateTarget(t, kink, { asOfYear: 2018, projection: { k: 4 } }).projection?.value).toBeCloseTo(
      139,
      10,
    );
  });
});

describe("avg_annual_growth_at_least", () => {
  const g = (over: Partial<Target> = {}) =>
    target({ form: "avg_annual_growth_at_least", targetValue: 8, ...over });

  it("growing at exactly the required rate keeps progress = elapsed share and is on track", () => {
    // b = 10000, r = 8 %: L = 10000 · 1.08^5 = 14693.28; 2018 = 10000 · 1.08^3 = 12597.12.
    // progress = ln(1.259712)/ln(1.469328) = 3 ln 1.08 / (5 ln 1.08) = 0.6 = expected.
    // log-linear fit is exact → 2020 = 14693.28 → on_track; implied growth 8 %.
    const e = evaluateTarget(g(), series({ 2015: 10000, 2016: 10800, 2017: 11664, 2018: 12597.12 }), {
      asOfYear: 2018,
    });
    expect(e.requiredValue).toBeCloseTo(14693.28077, 4);
    expect(e.realisedGrowthPct).toBeCloseTo(8, 10);
    expect(e.progress).toBeCloseTo(0.6, 12);
    expect(e.projection?.method).toBe("log_linear_ols");
    expect(e.projection?.annualGrowthPct).toBeCloseTo(8, 8);
    expect(e.projection?.value).toBeCloseTo(14693.28077, 4);
    expect(e.status).toBe("on_track");
  });

  it("growing at 5 % against an 8 % target is off track", () => {
    // 2017 = 11025: progress = 2 ln 1.05 / (5 ln 1.08) = 0.0975803 / 0.3848018 = 0.253584; expected 0.4 → lag 0.146.
    // projection 10000 · 1.05^5 = 12762.82; miss = 1 − ln 1.05 / ln 1.08 = 1 − 0.0487902 / 0.0769610 = 1 − 0.633959 = 0.366041 → off_track.
    const e = evaluateTarget(g(), series({ 2015: 10000, 2016: 10500, 2017: 11025 }), { asOfYear: 2017 });
    expect(e.realisedGrowthPct).toBeCloseTo(5, 10);
    expect(e.progress).toBeCloseTo((2 * Math.log(1.05)) / (5 * Math.log(1.08)), 12);
    expect(e.progress).toBeCloseTo(0.253584, 6);
    expect(e.projection?.value).toBeCloseTo(12762.815625, 5);
    expect(e.projection?.missShare).toBeCloseTo(0.366041, 6);
    expect(e.status).toBe("off_track");
  });

  it("the final year decides: realised CAGR below the rate → off track", () => {
    // 2020 = 14000: CAGR = 1.4^(1/5) − 1 = 6.961 % < 8 % → off_track.
    const e = evaluateTarget(g(), series({ 2015: 10000, 2020: 14000 }), { asOfYear: 2020 });
    expect(e.realisedGrowthPct).toBeCloseTo((1.4 ** 0.2 - 1) * 100, 10);
    expect(e.realisedGrowthPct).toBeCloseTo(6.961, 3);
    expect(e.status).toBe("off_track");
  });

  it("a baseline of zero makes growth undefined: explained status, no NaN", () => {
    const e = evaluateTarget(g(), series({ 2015: 0, 2016: 5, 2017: 9 }), { asOfYear: 2017 });
    expect(e.status).toBe("not_assessable");
    expect(e.reasons).toEqual(["baseline_zero"]);
    expect(e.explanation).toMatch(/基期值为 0/);
    expect(e.progress).toBeNull();
    expect(e.realisedGrowthPct).toBeNull();
    expectNoNaN(e);
  });

  it("the linear method can be forced and is named", () => {
    const e = evaluateTarget(g(), series({ 2015: 10000, 2016: 10500, 2017: 11025 }), {
      asOfYear: 2017,
      projection: { method: "linear" },
    });
    // slope (11025 − 10000)/2 = 512.5 → 2020 = 10508.33 + 512.5 · 4 = 12558.33
    expect(e.projection?.method).toBe("linear_ols");
    expect(e.projection?.value).toBeCloseTo(12558.3333, 3);
  });
});

describe("cumulative_at_least", () => {
  const c = (over: Partial<Target> = {}) =>
    target({ form: "cumulative_at_least", targetValue: 100, baseline: { year: 2015 }, ...over });

  it("sums baseline+1 … latest and projects the remaining years' values", () => {
    // Σ 2016..2018 = 15 + 20 + 25 = 60 → progress 0.6 (expected 0.6); 2015's value is not summed.
    // trend of the annual values (5 per year) → 2019: 30, 2020: 35 → projected total 125 ≥ 100 → on_track.
    const e = evaluateTarget(c(), series({ 2015: 999, 2016: 15, 2017: 20, 2018: 25 }), {
      asOfYear: 2018,
      projection: { k: 3 },
    });
    expect(e.cumulativeValue).toBe(60);
    expect(e.progress).toBeCloseTo(0.6, 12);
    expect(e.projection?.value).toBeCloseTo(125, 10);
    expect(e.status).toBe("on_track");
    expect(e.observations.find((o) => o.year === 2015)).toBeUndefined();
    expect(e.baselineValue).toBeNull();
  });

  it("gaps are not filled: the missing year counts as nothing reported", () => {
    // Σ = 15 + 25 = 40 (2017 missing) → progress 0.4, lag 0.2; trend on (2016,15),(2018,25): slope 5
    // → 2019: 30, 2020: 35 → total 105 ≥ 100 → on_track, 2017 listed as missing.
    const e = evaluateTarget(c(), series({ 2016: 15, 2018: 25 }), { asOfYear: 2018 });
    expect(e.cumulativeValue).toBe(40);
    expect(e.missingYears).toEqual([2017]);
    expect(e.projection?.value).toBeCloseTo(105, 10);
    expect(e.status).toBe("on_track");
  });

  it("achieved as soon as the sum reaches the amount; off track at the deadline otherwise", () => {
    expect(evaluateTarget(c(), series({ 2016: 60, 2017: 45 }), { asOfYear: 2017 }).status).toBe("achieved");
    const e = evaluateTarget(c(), series({ 2016: 10, 2017: 10, 2018: 10, 2019: 10, 2020: 10 }), {
      asOfYear: 2020,
    });
    expect(e.cumulativeValue).toBe(50);
    expect(e.status).toBe("off_track");
  });
});

describe("share_at_least", () => {
  it("uses the level arithmetic", () => {
    // b = 40 %, t = 50 %; 2017 = 44 → progress 0.4; trend 40, 42, 44 → 2020 = 50 → on_track.
    const e = evaluateTarget(
      target({ form: "share_at_least", targetValue: 50 }),
      series({ 2015: 40, 2016: 42, 2017: 44 }),
      { asOfYear: 2017 },
    );
    expect(e.progress).toBeCloseTo(0.4, 12);
    expect(e.status).toBe("on_track");
  });
});
