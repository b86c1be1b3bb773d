// Builds the Actor of a stored user from their grants.
import { parseRegionCode } from "@ronghe/core";
import type { Store, User } from "@ronghe/store";
import { type Actor, type Grant, ROLES, type Role } from "../context.ts";

export function isRole(value: unknown): value is Role {
  return typeof value === "string" && (ROLES as readonly string[]).includes(value);
}

export async function grantsOf(store: Store, userId: number): Promise<Grant[]> {
  const rows = await store.listGrants(userId);
  const grants: Grant[] = [];
  for (const row of rows) {
    // A row with an unknown role or a malformed code grants nothing (fail closed).
    if (!isRole(row.role)) continue;
    try {
      grants.push({ role: row.role, regionCode: parseRegionCode(row.regionCode).code });
    } catch {
      /* ignore malformed grant */
    }
  }
  return grants;
}

export async function actorForUser(store: Store, user: User): Promise<Actor> {
  return { kind: "user", userId: user.id, username: user.username, grants: await grantsOf(store, user.id) };
}
