// The grants an API token carries: its owner's, narrowed by an optional role and region. A token never holds
// more than its owner: the role must not add permissions to the owner's role on that region, and the region
// must lie inside the subtree of the owner's grant (a token region above the grant narrows nothing: refused).
import { isWithin } from "@ronghe/core";
import { type Permission, roleAllows } from "../access.ts";
import type { Grant, Role } from "../context.ts";

const PERMISSIONS: readonly Permission[] = ["read", "write", "submit", "approve", "analyze", "admin"];

/** True when every permission of `narrow` is also a permission of `wide`. */
export function roleWithin(narrow: Role, wide: Role): boolean {
  return PERMISSIONS.every((p) => !roleAllows(narrow, p) || roleAllows(wide, p));
}

export function narrowGrants(owner: readonly Grant[], role: Role | null, regionCode: string | null): Grant[] {
  const out: Grant[] = [];
  for (const grant of owner) {
    if (role !== null && !roleWithin(role, grant.role)) continue;
    if (regionCode !== null && !isWithin(regionCode, grant.regionCode)) continue;
    out.push({ role: role ?? grant.role, regionCode: regionCode ?? grant.regionCode });
  }
  return out;
}
