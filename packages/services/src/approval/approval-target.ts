// What an approval transition acts on (as in DHIS2): one region, one period and a set of indicators
// (all indicators with data for that region and period when none are named). Only the region's own
// observations move; each child region goes through its own workflow.
import { parseRegionCode, RongheError } from "@ronghe/core";
import type { Observation, ObservationStatus, Store } from "@ronghe/store";

export interface ApprovalTarget {
  regionCode: string;
  /** year */
  period: number;
  /** indicator codes; empty or absent = every indicator with data */
  indicators?: string[];
}

export interface TransitionResult {
  regionCode: string;
  period: number;
  indicators: string[];
  status: ObservationStatus;
  /** observations whose status changed */
  changed: number;
  /** observations already in the target status */
  unchanged: number;
}

export async function loadTarget(
  store: Store,
  target: ApprovalTarget,
): Promise<{ code: string; rows: Observation[] }> {
  const code = parseRegionCode(target.regionCode).code;
  if (!Number.isInteger(target.period))
    throw new RongheError("invalid_input", "period must be a year", { field: "period" });
  const indicators =
    target.indicators && target.indicators.length > 0 ? [...new Set(target.indicators)] : undefined;
  const rows = await store.queryObservations({
    regionCodes: [code],
    fromYear: target.period,
    toYear: target.period,
    indicators,
  });
  const own = rows.filter((r) => r.regionCode === code && r.period === target.period);
  if (own.length === 0) {
    throw new RongheError("not_found", "no observations for this region, period and indicators", {
      regionCode: code,
      period: target.period,
    });
  }
  return { code, rows: own };
}

export function countStatuses(rows: readonly Observation[]): Record<ObservationStatus, number> {
  const counts: Record<ObservationStatus, number> = { draft: 0, submitted: 0, approved: 0, locked: 0 };
  for (const r of rows) counts[r.status] += 1;
  return counts;
}
