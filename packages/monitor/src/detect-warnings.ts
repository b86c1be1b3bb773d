// Early warnings from two successive evaluations and the data behind them. Three findings open a warning:
//   status_change     a target × region moved to at_risk or off_track (from anything else, or first seen so);
//   missing_report    a year of the plan period has no value and its due date (end of `dueMonth` of the
//                     following year) is before asOfDate;
//   implausible_jump  a newly reported year-on-year change is an outlier against the region's own changes
//                     (|modified z| > 3.5 by median/MAD) AND against its peers' changes the same year.
// Changes are log ratios ln(v_y / v_{y−1}) when the region's values are all positive, plain differences
// otherwise, so districts of different size are comparable. Only consecutive years make a change.
import { RongheError } from "@ronghe/core";
import { robustScale, robustZ } from "./robust.ts";
import { cleanSeries } from "./series.ts";
import {
  type DataProvider,
  type MonitorWarning,
  type Series,
  STATUS_LABELS_ZH,
  type Status,
  type TargetEvaluation,
  type WarningSeverity,
} from "./types.ts";

export interface JumpOptions {
  /** modified-z threshold for both tests (default 3.5) */
  z?: number;
  /** minimum number of own year-on-year changes for the own-series test (default 5) */
  minChanges?: number;
  /** minimum number of peers with a change the same year for the peer test (default 5) */
  minPeers?: number;
  /** what to do when too few peers report that year: warn on the own test alone (default) or skip */
  whenPeersUnavailable?: "warn" | "skip";
}

export interface DetectWarningsOptions {
  /** ISO date (YYYY-MM-DD) of the check; decides which reports are overdue */
  asOfDate: string;
  /** peer regions per region; default: the other regions evaluated for the same target */
  peers?:
    | Readonly<Record<string, readonly string[]>>
    | ((region: string, evaluation: TargetEvaluation) => readonly string[]);
  jump?: JumpOptions;
  /** actor recorded on the "open" event (default "system") */
  actor?: string;
  /** warnings already known; a finding whose id is open or assigned there is not reported again */
  existing?: readonly MonitorWarning[];
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

export function detectWarnings(
  previous: readonly TargetEvaluation[],
  current: readonly TargetEvaluation[],
  data: DataProvider,
  options: DetectWarningsOptions,
): MonitorWarning[] {
  const { asOfDate } = options;
  if (!ISO_DATE.test(asOfDate))
    throw new RongheError("invalid_input", `asOfDate must be YYYY-MM-DD, got "${asOfDate}"`, { asOfDate });
  const jump = {
    z: options.jump?.z ?? 3.5,
    minChanges: options.jump?.minChanges ?? 5,
    minPeers: options.jump?.minPeers ?? 5,
    whenPeersUnavailable: options.jump?.whenPeersUnavailable ?? "warn",
  };
  const actor = options.actor ?? "system";
  const live = new Set((options.existing ?? []).filter((w) => w.state !== "closed").map((w) => w.id));
  const out = new Map<string, MonitorWarning>();
  const add = (
    w: Omit<MonitorWarning, "id" | "state" | "assignee" | "resolution" | "comments" | "history">,
    key: string,
  ): void => {
    const id = `${w.type}:${w.planId ?? "-"}:${key}`;
    if (live.has(id) || out.has(id)) return;
    out.set(id, {
      ...w,
      id,
      state: "open",
      assignee: null,
      resolution: null,
      comments: [],
      history: [{ action: "open", actor, at: asOfDate }],
    });
  };
  const prevByKey = new Map(previous.map((e) => [evalKey(e), e]));
  const seriesCache = new Map<string, Series>();
  const seriesOf = (indicator: string, region: string): Series => {
    const key = `${indicator}\u0000${region}`;
    let s = seriesCache.get(key);
    if (!s) {
      s = data(indicator, region) ?? [];
      seriesCache.set(key, s);
    }
    return s;
  };

  for (const cur of current) {
    const prev = prevByKey.get(evalKey(cur));
    const base = { planId: cur.planId, targetId: cur.targetId, indicator: cur.indicator, region: cur.region };

    // 1. Status change into at_risk / off_track.
    if ((cur.status === "at_risk" || cur.status === "off_track") && prev?.status !== cur.status) {
      const severity: WarningSeverity =
        cur.kind === "binding" && cur.status === "off_track" ? "alarm" : "warning";
      add(
        {
          ...base,
          type: "status_change",
          severity,
          year: cur.asOfYear,
          message: `${cur.targetName}（${cur.region}）状态由「${zhStatus(prev?.status)}」变为「${zhStatus(cur.status)}」：${cur.explanation}`,
          evidence: {
            previousStatus: prev?.status ?? null,
            previousAsOfYear: prev?.asOfYear ?? null,
            status: cur.status,
            reasons: cur.reasons,
            progress: cur.progress,
            expectedProgress: cur.expectedProgress,
            projection: cur.projection,
            latestYear: cur.latestYear,
            latestValue: cur.latestValue,
            observations: cur.observations,
          },
        },
        `${cur.targetId}:${cur.region}:${cur.asOfYear}:${cur.status}`,
      );
    }

    // 2. Reports past their due date.
    if (cur.dueMonth !== null) {
      const present = new Set(
        cleanSeries(seriesOf(cur.indicator, cur.region), Number.MAX_SAFE_INTEGER).map((o) => o.year),
      );
      for (let y = cur.baselineYear + 1; y <= cur.targetYear; y++) {
        if (present.has(y)) continue;
        const due = dueDate(y, cur.dueMonth);
        if (asOfDate <= due) continue;
        add(
          {
            ...base,
            type: "missing_report",
            severity: "warning",
            year: y,
            message: `${cur.targetName}（${cur.region}）${y} 年数据应于 ${due} 前报送，截至 ${asOfDate} 仍未报送`,
            evidence: { year: y, dueDate: due, asOfDate, department: cur.department },
          },
          `${cur.targetId}:${cur.region}:${y}`,
        );
      }
    }
  }

  // 3. Implausible jumps in newly reported years (one finding per indicator × region × year).
  const byTarget = new Map<string, TargetEvaluation[]>();
  for (const cur of current) {
    const list = byTarget.get(`${cur.planId}\u0000${cur.targetId}`) ?? [];
    list.push(cur);
    byTarget.set(`${cur.planId}\u0000${cur.targetId}`, list);
  }
  const tested = new Set<string>();
  for (const cur of current) {
    if (cur.latestYear === null) continue;
    const prev = prevByKey.get(evalKey(cur));
    const fromYear =
      prev?.latestYear != null && prev.latestYear < cur.latestYear ? prev.latestYear + 1 : cur.latestYear;
    const own = cleanSeries(seriesOf(cur.indicator, cur.region), cur.asOfYear);
    const positive = own.every((o) => o.value > 0);
    const ownChanges = changes(own, positive);
    const peerCodes = peersOf(options.peers, cur, byTarget.get(`${cur.planId}\u0000${cur.targetId}`) ?? []);
    for (let year = fromYear; year <= cur.latestYear; year++) {
      const key = `${cur.indicator}:${cur.region}:${year}`;
      if (tested.has(key)) continue;
      tested.add(key);
      const x = ownChanges.get(year);
      if (x === undefined || ownChanges.size < jump.minChanges) continue;
      const ownScale = robustScale([...ownChanges.values()]);
      if (!ownScale) continue;
      const ownZ = robustZ(x, ownScale);
      if (!(Math.abs(ownZ) > jump.z)) continue;
      const peerValues: number[] = [];
      const peersUsed: string[] = [];
      for (const p of peerCodes) {
        const change = changes(cleanSeries(seriesOf(cur.indicator, p), cur.asOfYear), positive).get(year);
        if (change !== undefined) {
          peerValues.push(change);
          peersUsed.push(p);
        }
      }
      let peerZ: number | null = null;
      let peerCheck: "confirmed" | "unavailable";
      const peerScale = peerValues.length >= jump.minPeers ? robustScale(peerValues) : null;
      if (peerScale) {
        peerZ = robustZ(x, peerScale);
        if (!(Math.abs(peerZ) > jump.z)) continue; // peers moved alike: a common shock, not a local error
        peerCheck = "confirmed";
      } else {
        if (jump.whenPeersUnavailable === "skip") continue;
        peerCheck = "unavailable";
      }
      const v = own.find((o) => o.year === year);
      const before = own.find((o) => o.year === year - 1);
      add(
        {
          planId: cur.planId,
          targetId: cur.targetId,
          indicator: cur.indicator,
          region: cur.region,
          type: "implausible_jump",
          severity: "warning",
          year,
          message:
            `${cur.region} ${cur.indicator} ${year} 年较上年变化异常（${before?.value} → ${v?.value}）` +
            (peerCheck === "confirmed" ? "，且明显偏离同类地区同年变化" : "，同类地区数据不足，未作横向比对"),
          evidence: {
            year,
            value: v?.value ?? null,
            previousValue: before?.value ?? null,
            revisionId: v?.revisionId ?? null,
            sourceId: v?.sourceId ?? null,
            change: x,
            changeKind: positive ? "log_ratio" : "difference",
            threshold: jump.z,
            own: {
              median: ownScale.median,
              mad: ownScale.mad,
              n: ownScale.n,
              z: finiteOrNull(ownZ),
              unbounded: !Number.isFinite(ownZ),
            },
            peers: peerScale
              ? {
                  median: peerScale.median,
                  mad: peerScale.mad,
                  n: peerScale.n,
                  z: finiteOrNull(peerZ as number),
                  unbounded: !Number.isFinite(peerZ as number),
                  regions: peersUsed,
                }
              : { n: peerValues.length, regions: peersUsed },
            peerCheck,
            targetIds: current
              .filter((e) => e.indicator === cur.indicator && e.region === cur.region)
              .map((e) => e.targetId),
          },
        },
        key,
      );
    }
  }
  return [...out.values()];
}

/** Last day of `month` in the year after `year`, as YYYY-MM-DD (a year's value is reported the next year). */
export function dueDate(year: number, month: number): string {
  if (!Number.isInteger(month) || month < 1 || month > 12)
    throw new RongheError("invalid_input", `due month ${month} is not 1–12`, { month });
  const y = year + 1;
  const last = new Date(Date.UTC(y, month, 0)).getUTCDate();
  return `${String(y).padStart(4, "0")}-${String(month).padStart(2, "0")}-${String(last).padStart(2, "0")}`;
}

function evalKey(e: TargetEvaluation): string {
  return `${e.planId ?? ""}\u0000${e.targetId}\u0000${e.region}`;
}

function changes(obs: readonly { year: number; value: number }[], logRatio: boolean): Map<number, number> {
  const out = new Map<number, number>();
  for (let i = 1; i < obs.length; i++) {
    const a = obs[i - 1];
    const b = obs[i];
    if (b.year !== a.year + 1) continue;
    if (logRatio) {
      if (a.value > 0 && b.value > 0) out.set(b.year, Math.log(b.value / a.value));
    } else {
      out.set(b.year, b.value - a.value);
    }
  }
  return out;
}

function peersOf(
  peers: DetectWarningsOptions["peers"],
  cur: TargetEvaluation,
  siblings: readonly TargetEvaluation[],
): readonly string[] {
  let list: readonly string[];
  if (typeof peers === "function") list = peers(cur.region, cur);
  else if (peers) list = peers[cur.region] ?? [];
  else list = siblings.map((e) => e.region);
  return [...new Set(list)].filter((r) => r !== cur.region);
}

function finiteOrNull(x: number): number | null {
  return Number.isFinite(x) ? x : null;
}

function zhStatus(s: Status | undefined): string {
  return s ? STATUS_LABELS_ZH[s] : "首次评估";
}
