// Audit search for admins: an admin sees the entries of regions inside the subtrees where they hold "admin".
// Entries with no region (e.g. failed logins of unknown usernames) are visible to the local system actor only.
import { RongheError, subtreePrefix } from "@ronghe/core";
import type { AuditEntry } from "@ronghe/store";
import { roleAllows } from "../access.ts";
import type { ServiceContext } from "../context.ts";

export interface AuditSearch {
  actor?: string;
  action?: string;
  /** region code: only entries within this subtree (must lie inside the caller's admin scope) */
  region?: string;
  /** inclusive ISO timestamps */
  from?: string;
  to?: string;
  limit?: number;
  offset?: number;
}

export async function searchAudit(ctx: ServiceContext, search: AuditSearch): Promise<AuditEntry[]> {
  const { actor, store } = ctx;
  let prefixes: string[] | undefined;
  if (actor.kind !== "system") {
    const adminRoots = actor.grants.filter((g) => roleAllows(g.role, "admin")).map((g) => g.regionCode);
    if (adminRoots.length === 0) throw new RongheError("forbidden", "audit is for administrators", {});
    prefixes = adminRoots.map(subtreePrefix);
  }
  if (search.region !== undefined) {
    const wanted = subtreePrefix(search.region);
    // The requested subtree must lie inside the caller's admin scope (else not_found, as for any region).
    if (prefixes !== undefined && !prefixes.some((p) => wanted.startsWith(p))) {
      throw new RongheError("not_found", "region not found", { region: "hidden" });
    }
    prefixes = [wanted];
  }
  return store.queryAudit({
    regionPrefixes: prefixes,
    actor: search.actor,
    action: search.action,
    from: search.from,
    to: search.to,
    limit: Math.min(search.limit ?? 200, 1000),
    offset: search.offset,
  });
}
