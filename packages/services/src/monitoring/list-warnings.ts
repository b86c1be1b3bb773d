// The warnings inbox: warnings of the regions the actor may read, newest first, optionally by plan, status
// and region subtree. A region filter outside the actor's scope is not_found, as for any region.
import { parseRegionCode, RongheError, subtreePrefix } from "@ronghe/core";
import { WARNING_STATUSES, type WarningStatus } from "@ronghe/store";
import { assertCan, readableRoots } from "../access.ts";
import type { ServiceContext } from "../context.ts";
import { type WarningView, warningView } from "./warning-record.ts";

export interface WarningsQuery {
  planId?: string;
  status?: WarningStatus | WarningStatus[];
  /** a region code: that region and its subtree */
  regionCode?: string;
  limit?: number;
}

export async function listWarnings(ctx: ServiceContext, query: WarningsQuery = {}): Promise<WarningView[]> {
  const statuses =
    query.status === undefined ? undefined : Array.isArray(query.status) ? query.status : [query.status];
  for (const s of statuses ?? []) {
    if (!(WARNING_STATUSES as readonly string[]).includes(s)) {
      throw new RongheError("invalid_input", `status must be one of ${WARNING_STATUSES.join(", ")}`, {
        status: s,
      });
    }
  }
  let prefixes: string[] | undefined;
  if (query.regionCode !== undefined) {
    const code = parseRegionCode(query.regionCode).code;
    assertCan(ctx.actor, "read", code);
    prefixes = [subtreePrefix(code)];
  } else {
    const roots = readableRoots(ctx.actor);
    if (roots !== null) prefixes = roots.map(subtreePrefix);
  }
  const rows = await ctx.store.listWarnings({
    ...(query.planId !== undefined ? { planId: query.planId } : {}),
    ...(statuses ? { status: statuses } : {}),
    ...(prefixes ? { regionPrefixes: prefixes } : {}),
    limit: Math.min(Math.max(query.limit ?? 500, 1), 5000),
  });
  const names = new Map(
    (await ctx.store.getRegions([...new Set(rows.map((r) => r.regionCode))])).map((r) => [r.code, r.name]),
  );
  return rows.map((r) => warningView(r, names.get(r.regionCode) ?? null));
}
