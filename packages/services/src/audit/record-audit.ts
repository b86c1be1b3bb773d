// Appends one audit entry for an actor. Every write, approval transition, login (failed too) and token use
// goes through here, so the audit log has one shape: who, when, what, on which region, before/after.
import type { AuditEntry, Store } from "@ronghe/store";
import type { Actor } from "../context.ts";

export interface AuditEvent {
  /** dotted verb, e.g. "session.login", "session.login_failed", "observations.write", "approval.approve" */
  action: string;
  targetType?: string | null;
  targetId?: string | null;
  /** the region the event concerns; entries are searchable by admins of a subtree containing it */
  regionCode?: string | null;
  before?: unknown;
  after?: unknown;
  ip?: string | null;
}

/** Actor used for events before anyone is authenticated (failed logins). */
export function anonymousActor(username: string): Actor {
  return { kind: "user", userId: null, username, grants: [] };
}

export async function recordAudit(store: Store, actor: Actor | null, event: AuditEvent): Promise<AuditEntry> {
  return store.appendAudit({
    actor: actor?.username ?? "anonymous",
    actorKind: actor === null ? "anonymous" : actor.kind,
    action: event.action,
    targetType: event.targetType ?? null,
    targetId: event.targetId ?? null,
    regionCode: event.regionCode ?? null,
    before: event.before ?? null,
    after: event.after ?? null,
    ip: event.ip ?? null,
  });
}
