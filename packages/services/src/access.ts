// Role-based access scoped to region subtrees. Permissions per role (documented in docs/access.md):
//   viewer      read
//   data-entry  read, write (drafts), submit
//   approver    read, approve / un-approve data of regions strictly below the grant's region
//   analyst     read, analyze (evaluations, analyses, schemes, reports)
//   admin       everything above, plus users, tokens and audit within the subtree
// Out-of-scope access raises `not_found` for reads (no names or counts leak) and `forbidden` for writes.
import { isStrictlyBelow, isWithin, RongheError } from "@ronghe/core";
import type { Actor, Role } from "./context.ts";

export type Permission = "read" | "write" | "submit" | "approve" | "analyze" | "admin";

const ROLE_PERMISSIONS: Record<Role, readonly Permission[]> = {
  viewer: ["read"],
  "data-entry": ["read", "write", "submit"],
  approver: ["read", "approve"],
  analyst: ["read", "analyze"],
  admin: ["read", "write", "submit", "approve", "analyze", "admin"],
};

export function roleAllows(role: Role, permission: Permission): boolean {
  return ROLE_PERMISSIONS[role].includes(permission);
}

/** True when the actor holds `permission` on `regionCode`. Approval needs a grant strictly above the region. */
export function can(actor: Actor, permission: Permission, regionCode: string): boolean {
  if (actor.kind === "system") return true;
  return actor.grants.some((grant) => {
    if (!roleAllows(grant.role, permission)) return false;
    if (permission === "approve" && grant.role !== "admin")
      return isStrictlyBelow(regionCode, grant.regionCode);
    return isWithin(regionCode, grant.regionCode);
  });
}

/** Region codes the actor may read from (null = unrestricted). */
export function readableRoots(actor: Actor): string[] | null {
  if (actor.kind === "system") return null;
  return actor.grants.map((g) => g.regionCode);
}

export function assertCan(actor: Actor, permission: Permission, regionCode: string): void {
  if (can(actor, permission, regionCode)) return;
  if (permission === "read" || !can(actor, "read", regionCode)) {
    throw new RongheError("not_found", "region not found", { region: "hidden" });
  }
  throw new RongheError("forbidden", `not allowed to ${permission} here`, { permission });
}

/** For actions not tied to one region (e.g. an analysis of data the caller supplies): some grant allows it. */
export function assertMayAnywhere(actor: Actor, permission: Permission): void {
  if (actor.kind === "system" || actor.grants.some((g) => roleAllows(g.role, permission))) return;
  throw new RongheError("forbidden", `not allowed to ${permission}`, { permission });
}
