// The approver's inbox: submitted data of the regions the actor may approve, grouped by region and period.
import type { Observation } from "@ronghe/store";
import { can, roleAllows } from "../access.ts";
import type { ServiceContext } from "../context.ts";

export interface InboxItem {
  regionCode: string;
  regionName: string;
  period: number;
  indicators: string[];
  count: number;
  /** author and time of the newest status change in the group */
  submittedBy: string;
  submittedAt: string;
}

export async function approvalInbox(
  ctx: ServiceContext,
  options: { limit?: number } = {},
): Promise<InboxItem[]> {
  const { store, actor } = ctx;
  const roots =
    actor.kind === "system"
      ? [null]
      : actor.grants.filter((g) => roleAllows(g.role, "approve")).map((g) => g.regionCode);
  const rows: Observation[] = [];
  const seen = new Set<string>();
  for (const root of roots) {
    const found = await store.queryObservations({
      ...(root === null ? {} : { subtreeOf: root }),
      status: "submitted",
    });
    for (const o of found) {
      const key = `${o.regionCode}|${o.indicatorCode}|${o.period}`;
      if (seen.has(key) || !can(actor, "approve", o.regionCode)) continue;
      seen.add(key);
      rows.push(o);
    }
  }
  const groups = new Map<string, InboxItem>();
  for (const o of rows) {
    const key = `${o.regionCode}|${o.period}`;
    let g = groups.get(key);
    if (!g) {
      g = {
        regionCode: o.regionCode,
        regionName: "",
        period: o.period,
        indicators: [],
        count: 0,
        submittedBy: o.updatedBy,
        submittedAt: o.updatedAt,
      };
      groups.set(key, g);
    }
    g.indicators.push(o.indicatorCode);
    g.count += 1;
    if (o.updatedAt > g.submittedAt) {
      g.submittedAt = o.updatedAt;
      g.submittedBy = o.updatedBy;
    }
  }
  const items = [...groups.values()].sort(
    (a, b) => a.regionCode.localeCompare(b.regionCode) || a.period - b.period,
  );
  const limited = items.slice(0, options.limit ?? 500);
  const names = new Map(
    (await store.getRegions([...new Set(limited.map((i) => i.regionCode))])).map((r) => [r.code, r.name]),
  );
  for (const item of limited) {
    item.regionName = names.get(item.regionCode) ?? item.regionCode;
    item.indicators.sort();
  }
  return limited;
}
