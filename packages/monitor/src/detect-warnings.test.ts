import { describe, expect, it } from "vitest";
import { detectWarnings, dueDate } from "./detect-warnings.ts";
import { evaluatePlan } from "./evaluate-plan.ts";
import { robustScale, robustZ } from "./robust.ts";
import type { DataProvider, Observation, Plan, TargetEvaluation } from "./types.ts";

const obs = (start: number, values: readonly (number | null)[]): Observation[] =>
  values.map((v, i) => ({ year: start + i, value: v }));

/** A series growing by the given yearly rates from 1000 in 2010. */
const grown = (rates: readonly number[]): Observation[] => {
  const out: Observation[] = [{ year: 2010, value: 1000 }];
  for (const r of rates)
    out.push({ year: out[out.length - 1].year + 1, value: (out[out.length - 1].value as number) * (1 + r) });
  return out;
};

const plan = (over: Partial<Plan["targets"][number]> = {}): Plan => ({
  id: "P",
  name: "plan",
  illustrative: true,
  region: "500000",
  departments: [],
  targets: [
    {
      id: "T1",
      indicator: "X",
      name: "收入",
      appliesToLevel: "county",
      baseline: { year: 2015, fromData: true },
      targetYear: 2020,
      targetValue: 5,
      form: "avg_annual_growth_at_least",
      kind: "binding",
      ...over,
    },
  ],
});

const REGIONS = ["500101", "500102", "500103", "500104", "500105", "500106", "500107"];
const provider =
  (data: Record<string, Observation[]>): DataProvider =>
  (_i, region) =>
    data[region] ?? [];

describe("robust z", () => {
  it("median/MAD modified z, with the mean-AD fallback when MAD = 0", () => {
    // values 1, 2, 3, 4, 100: median 3, |dev| = 2, 1, 0, 1, 97 → MAD 1; z(100) = 0.6745 · 97 / 1 = 65.4265
    const s = robustScale([1, 2, 3, 4, 100]);
    expect(s?.median).toBe(3);
    expect(s?.mad).toBe(1);
    expect(robustZ(100, s!)).toBeCloseTo(65.4265, 10);
    // 5, 5, 5, 5, 9: MAD 0 → meanAD = 4/5 = 0.8 → z(9) = 4 / (1.253314 · 0.8) = 3.98942
    const f = robustScale([5, 5, 5, 5, 9]);
    expect(f?.mad).toBe(0);
    expect(robustZ(9, f!)).toBeCloseTo(4 / (1.253314 * 0.8), 10);
  });
});

describe("status-change warnings", () => {
  const make = (
    status: TargetEvaluation["status"],
    kind: "binding" | "expected" = "binding",
    asOfYear = 2018,
  ): TargetEvaluation =>
    ({
      planId: "P",
      targetId: "T1",
      targetName: "收入",
      indicator: "X",
      region: "500101",
      form: "level_at_least",
      kind,
      department: null,
      unit: null,
      dueMonth: null,
      asOfYear,
      baselineYear: 2015,
      baselineValue: 1,
      targetYear: 2020,
      targetValue: 2,
      requiredValue: 2,
      latestYear: null,
      latestValue: null,
      cumulativeValue: null,
      realisedGrowthPct: null,
      progress: null,
      expectedProgress: null,
      projection: null,
      status,
      reasons: [],
      explanation: "",
      observations: [],
      missingYears: [],
      thresholds: { riskLag: 0.1, riskMissShare: 0.1 },
    }) as TargetEvaluation;
  const none: DataProvider = () => [];

  it("opens on a change to at_risk / off_track only, alarm for a binding target off track", () => {
    const w = detectWarnings([make("on_track", "binding", 2017)], [make("off_track")], none, {
      asOfDate: "2019-07-01",
    });
    expect(w).toHaveLength(1);
    expect(w[0]).toMatchObject({
      type: "status_change",
      severity: "alarm",
      state: "open",
      region: "500101",
      targetId: "T1",
    });
    expect(w[0].evidence.previousStatus).toBe("on_track");
    expect(w[0].history).toEqual([{ action: "open", actor: "system", at: "2019-07-01" }]);
    // expected (预期性) target → warning, not alarm
    expect(
      detectWarnings([make("on_track", "expected")], [make("off_track", "expected")], none, {
        asOfDate: "2019-07-01",
      })[0].severity,
    ).toBe("warning");
    // same status again → nothing; improvement → nothing
    expect(
      detectWarnings([make("off_track")], [make("off_track")], none, { asOfDate: "2019-07-01" }),
    ).toEqual([]);
    expect(detectWarnings([make("at_risk")], [make("on_track")], none, { asOfDate: "2019-07-01" })).toEqual(
      [],
    );
    // first evaluation already at risk → opens (previous status null)
    const first = detectWarnings([], [make("at_risk")], none, { asOfDate: "2019-07-01" });
    expect(first).toHaveLength(1);
    expect(first[0].evidence.previousStatus).toBeNull();
  });

  it("does not reopen a finding that is already open", () => {
    const w = detectWarnings([], [make("at_risk")], none, { asOfDate: "2019-07-01" });
    expect(detectWarnings([], [make("at_risk")], none, { asOfDate: "2019-07-01", existing: w })).toEqual([]);
    expect(
      detectWarnings([], [make("at_risk")], none, {
        asOfDate: "2019-07-01",
        existing: [{ ...w[0], state: "closed" }],
      }),
    ).toHaveLength(1);
  });

  it("a changed observation changes the status and opens a warning", () => {
    // 5 % growth every year meets a 5 % target (on_track); revising 2018 down to the 2017 level makes the
    // log-linear projection miss → the status leaves on_track and a warning opens.
    const steady = grown([0.05, 0.05, 0.05, 0.05, 0.05, 0.05, 0.05, 0.05]);
    const p = plan();
    const before = evaluatePlan(p, provider({ "500101": steady }), {
      asOfYear: 2018,
      regions: ["500101"],
    }).results;
    expect(before[0].status).toBe("on_track");
    const revised = steady.map((o) => (o.year === 2018 ? { ...o, value: steady[7].value } : o));
    const after = evaluatePlan(p, provider({ "500101": revised }), {
      asOfYear: 2018,
      regions: ["500101"],
    }).results;
    expect(["at_risk", "off_track"]).toContain(after[0].status);
    const w = detectWarnings(before, after, provider({ "500101": revised }), {
      asOfDate: "2019-07-01",
      jump: { minPeers: 99, whenPeersUnavailable: "skip" },
    });
    expect(w.map((x) => x.type)).toEqual(["status_change"]);
  });
});

describe("missing-report warnings", () => {
  it("a year without a value opens once its due date (end of due month of the next year) has passed", () => {
    expect(dueDate(2019, 6)).toBe("2020-06-30");
    expect(dueDate(2019, 2)).toBe("2020-02-29");
    const p = plan({ dueMonth: 6 });
    // 2015..2018 present, 2019 missing
    const data = provider({ "500101": obs(2015, [100, 105, 110, 116]) });
    const evalAt = evaluatePlan(p, data, { asOfYear: 2019, regions: ["500101"] }).results;
    expect(
      detectWarnings([], evalAt, data, { asOfDate: "2020-06-30" }).filter((w) => w.type === "missing_report"),
    ).toEqual([]);
    const late = detectWarnings([], evalAt, data, { asOfDate: "2020-07-01" }).filter(
      (w) => w.type === "missing_report",
    );
    expect(late).toHaveLength(1);
    expect(late[0]).toMatchObject({
      year: 2019,
      region: "500101",
      evidence: { dueDate: "2020-06-30", asOfDate: "2020-07-01" },
    });
    // no due month → no missing-report check
    const noDue = evaluatePlan(plan(), data, { asOfYear: 2019, regions: ["500101"] }).results;
    expect(
      detectWarnings([], noDue, data, { asOfDate: "2022-01-01" }).filter((w) => w.type === "missing_report"),
    ).toEqual([]);
  });

  it("rejects a malformed date", () => {
    expect(() => detectWarnings([], [], () => [], { asOfDate: "2020/07/01" })).toThrow(
      expect.objectContaining({ code: "invalid_input" }),
    );
  });
});

describe("implausible-jump warnings", () => {
  // Own series 2010..2019 grows 4–6 % a year, then +40 % in 2020.
  // Own log changes: ln 1.04 … ln 1.06 and ln 1.40 = 0.3365; median ≈ 0.0488, MAD ≈ 0.005 → z ≈ 0.6745 · 0.29 / 0.005 ≫ 3.5.
  const rates = [0.04, 0.05, 0.06, 0.05, 0.045, 0.055, 0.05, 0.04, 0.06];
  const jumper = grown([...rates, 0.4]);
  const peerSteady = (shift: number) => grown(rates.map((r) => r + shift).concat(0.05 + shift));
  const peerJump = (shift: number) => grown(rates.map((r) => r + shift).concat(0.4 + shift));
  const p = plan({ targetValue: 5 });
  const asOf = { asOfYear: 2020, regions: REGIONS };

  it("opens when the change is an outlier against the own series AND the peers", () => {
    const data: Record<string, Observation[]> = { "500101": jumper };
    for (const [i, r] of REGIONS.slice(1).entries()) data[r] = peerSteady(i * 0.002);
    const cur = evaluatePlan(p, provider(data), asOf).results;
    const w = detectWarnings([], cur, provider(data), { asOfDate: "2021-01-15" }).filter(
      (x) => x.type === "implausible_jump",
    );
    expect(w).toHaveLength(1);
    expect(w[0]).toMatchObject({
      region: "500101",
      year: 2020,
      evidence: { peerCheck: "confirmed", changeKind: "log_ratio" },
    });
    const ev = w[0].evidence as { change: number; own: { z: number }; peers: { z: number; n: number } };
    expect(ev.change).toBeCloseTo(Math.log(1.4), 12);
    expect(ev.own.z).toBeGreaterThan(3.5);
    expect(ev.peers.z).toBeGreaterThan(3.5);
    expect(ev.peers.n).toBe(6);
  });

  it("stays silent when the peers jumped alike (common shock, e.g. a statistical reform)", () => {
    const data: Record<string, Observation[]> = { "500101": jumper };
    for (const [i, r] of REGIONS.slice(1).entries()) data[r] = peerJump(i * 0.002);
    const cur = evaluatePlan(p, provider(data), asOf).results;
    expect(
      detectWarnings([], cur, provider(data), { asOfDate: "2021-01-15" }).filter(
        (x) => x.type === "implausible_jump",
      ),
    ).toEqual([]);
  });

  it("without enough peers: warns on the own test (default) or skips", () => {
    const data = { "500101": jumper };
    const cur = evaluatePlan(p, provider(data), { asOfYear: 2020, regions: ["500101"] }).results;
    const w = detectWarnings([], cur, provider(data), { asOfDate: "2021-01-15" }).filter(
      (x) => x.type === "implausible_jump",
    );
    expect(w).toHaveLength(1);
    expect(w[0].evidence.peerCheck).toBe("unavailable");
    expect(
      detectWarnings([], cur, provider(data), {
        asOfDate: "2021-01-15",
        jump: { whenPeersUnavailable: "skip" },
      }).filter((x) => x.type === "implausible_jump"),
    ).toEqual([]);
  });

  it("an ordinary year is not flagged, and explicit peers are honoured", () => {
    const data: Record<string, Observation[]> = { "500101": grown([...rates, 0.05]) };
    for (const [i, r] of REGIONS.slice(1).entries()) data[r] = peerSteady(i * 0.002);
    const cur = evaluatePlan(p, provider(data), asOf).results;
    expect(
      detectWarnings([], cur, provider(data), { asOfDate: "2021-01-15" }).filter(
        (x) => x.type === "implausible_jump",
      ),
    ).toEqual([]);
    // jumper with peers given explicitly as jumping regions only → silent
    const d2: Record<string, Observation[]> = {
      ...data,
      "500101": jumper,
      "500199": peerJump(0),
      "500198": peerJump(0.001),
      "500197": peerJump(0.002),
      "500196": peerJump(0.003),
      "500195": peerJump(0.004),
    };
    const cur2 = evaluatePlan(p, provider(d2), asOf).results;
    const peers = { "500101": ["500195", "500196", "500197", "500198", "500199"] };
    expect(
      detectWarnings([], cur2, provider(d2), { asOfDate: "2021-01-15", peers }).filter(
        (x) => x.type === "implausible_jump",
      ),
    ).toEqual([]);
  });

  it("tests the years reported since the previous evaluation (and the latest year again)", () => {
    // jump in 2019, ordinary 2020
    const data = { "500101": grown([...rates.slice(0, 8), 0.4, 0.05]) };
    const at = (y: number) => evaluatePlan(p, provider(data), { asOfYear: y, regions: ["500101"] }).results;
    const jumps = (prev: TargetEvaluation[]) =>
      detectWarnings(prev, at(2020), provider(data), { asOfDate: "2021-01-15" }).filter(
        (x) => x.type === "implausible_jump",
      );
    expect(jumps(at(2018)).map((w) => w.year)).toEqual([2019]); // 2019 and 2020 tested, 2019 flagged
    expect(jumps(at(2019))).toEqual([]); // only 2020 is new
    expect(jumps([])).toEqual([]); // first run: only the latest year
  });
});
