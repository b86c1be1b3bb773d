// Accounts: an admin creates users and grants roles inside their own admin subtree; the local system actor
// (the CLI on its own store) may do so anywhere.
import { parseRegionCode, RongheError } from "@ronghe/core";
import type { Store, User } from "@ronghe/store";
import { can } from "../access.ts";
import { recordAudit } from "../audit/record-audit.ts";
import type { Grant, ServiceContext } from "../context.ts";
import { grantsOf, isRole } from "./actor-for-user.ts";
import { assertPasswordPolicy, hashPassword } from "./password.ts";

/** login names: letters, digits and . _ @ - (2 to 64 characters) */
export const USERNAME_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._@-]{1,63}$/;

export interface CreateUserInput {
  username: string;
  password: string;
  displayName?: string | null;
  grants: Grant[];
}

export interface UserView {
  id: number;
  username: string;
  displayName: string | null;
  disabled: boolean;
  lockedUntil: string | null;
  createdAt: string;
  /** only the grants inside the caller's admin scope */
  grants: Grant[];
}

export function normaliseGrants(grants: readonly Grant[]): Grant[] {
  if (grants.length === 0)
    throw new RongheError("invalid_input", "a user needs at least one role on a region", {});
  return grants.map((g) => {
    if (!isRole(g.role))
      throw new RongheError("invalid_input", `unknown role "${String(g.role)}"`, { field: "role" });
    return { role: g.role, regionCode: parseRegionCode(g.regionCode).code };
  });
}

export async function createUserAccount(ctx: ServiceContext, input: CreateUserInput): Promise<UserView> {
  const { store, actor } = ctx;
  if (!USERNAME_PATTERN.test(input.username)) {
    throw new RongheError("invalid_input", "username: 2-64 letters, digits or . _ @ -", {
      field: "username",
    });
  }
  const grants = normaliseGrants(input.grants);
  for (const g of grants) {
    if (!can(actor, "admin", g.regionCode)) {
      throw new RongheError("forbidden", "you may grant roles only inside your admin scope", {});
    }
  }
  assertPasswordPolicy(input.password);
  const passwordHash = await hashPassword(input.password);
  const user = await store.transaction(async (tx) => {
    const created = await tx.createUser({
      username: input.username,
      passwordHash,
      displayName: input.displayName ?? null,
    });
    for (const g of grants) await tx.addGrant({ userId: created.id, role: g.role, regionCode: g.regionCode });
    return created;
  });
  await recordAudit(store, actor, {
    action: "user.create",
    targetType: "user",
    targetId: user.username,
    regionCode: grants[0].regionCode,
    after: { username: user.username, displayName: user.displayName, grants },
  });
  return view(user, grants);
}

/** Adds a grant to an existing user (admin over the grant's region). */
export async function grantRole(ctx: ServiceContext, username: string, grant: Grant): Promise<UserView> {
  const { store, actor } = ctx;
  const [g] = normaliseGrants([grant]);
  const user = await store.getUserByUsername(username);
  if (user === null || !can(actor, "admin", g.regionCode))
    throw new RongheError("not_found", "user not found", {});
  const existing = await grantsOf(store, user.id);
  if (!existing.some((e) => e.role === g.role && e.regionCode === g.regionCode)) {
    await store.addGrant({ userId: user.id, role: g.role, regionCode: g.regionCode });
    await recordAudit(store, actor, {
      action: "user.grant",
      targetType: "user",
      targetId: user.username,
      regionCode: g.regionCode,
      before: { grants: existing },
      after: { grant: g },
    });
  }
  return view(user, visibleGrants(ctx, await grantsOf(store, user.id)));
}

/** Users with at least one grant inside the caller's admin scope; other grants are not shown. */
export async function listUserAccounts(ctx: ServiceContext): Promise<UserView[]> {
  const { store } = ctx;
  if (ctx.actor.kind !== "system" && !ctx.actor.grants.some((g) => g.role === "admin")) {
    throw new RongheError("forbidden", "user management is for administrators", {});
  }
  const out: UserView[] = [];
  for (const user of await store.listUsers()) {
    const grants = visibleGrants(ctx, await grantsOf(store, user.id));
    if (grants.length > 0) out.push(view(user, grants));
  }
  return out;
}

/** Finds a user for CLI commands (system actor); throws not_found. */
export async function requireUser(store: Store, username: string): Promise<User> {
  const user = await store.getUserByUsername(username);
  if (user === null) throw new RongheError("not_found", `no user "${username}"`, {});
  return user;
}

function visibleGrants(ctx: ServiceContext, grants: Grant[]): Grant[] {
  return grants.filter((g) => can(ctx.actor, "admin", g.regionCode));
}

function view(user: User, grants: Grant[]): UserView {
  return {
    id: user.id,
    username: user.username,
    displayName: user.displayName,
    disabled: user.disabled,
    lockedUntil: user.lockedUntil,
    createdAt: user.createdAt,
    grants,
  };
}
