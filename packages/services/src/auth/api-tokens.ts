// API tokens for machine-to-machine use: "rgh_" + 32 random bytes, shown once, stored as sha256, revocable,
// scoped like the owner or narrower. `Authorization: Bearer rgh_…` works wherever the session cookie does.
import { parseRegionCode, RongheError } from "@ronghe/core";
import type { ApiToken, Store, User } from "@ronghe/store";
import { can } from "../access.ts";
import { recordAudit } from "../audit/record-audit.ts";
import type { Actor, Role, ServiceContext } from "../context.ts";
import { grantsOf } from "./actor-for-user.ts";
import { narrowGrants } from "./narrow-grants.ts";
import { API_TOKEN_PREFIX, randomSecret, sha256Hex } from "./secrets.ts";

/** audit a token's use at most once per this interval (lastUsedAt is updated on every use) */
const USE_AUDIT_INTERVAL_MS = 60 * 60_000;

export interface CreateTokenInput {
  name: string;
  /** owner; defaults to the acting user */
  username?: string;
  role?: Role | null;
  regionCode?: string | null;
}

export interface CreatedToken {
  /** the raw token: shown once, never stored */
  token: string;
  record: ApiToken;
}

export async function createApiToken(ctx: ServiceContext, input: CreateTokenInput): Promise<CreatedToken> {
  const { store, actor } = ctx;
  if (actor.kind === "token") throw new RongheError("forbidden", "API tokens cannot create tokens", {});
  const owner = await ownerFor(store, actor, input.username);
  const regionCode = input.regionCode ? parseRegionCode(input.regionCode).code : null;
  const ownerGrants = await grantsOf(store, owner.id);
  const grants = narrowGrants(ownerGrants, input.role ?? null, regionCode);
  if (grants.length === 0) {
    throw new RongheError("forbidden", "a token cannot exceed its owner's role or region", {});
  }
  const token = `${API_TOKEN_PREFIX}${randomSecret(32)}`;
  const record = await store.createApiToken({
    userId: owner.id,
    tokenHash: sha256Hex(token),
    name: input.name,
    role: input.role ?? null,
    regionCode,
  });
  await recordAudit(store, actor, {
    action: "token.create",
    targetType: "token",
    targetId: record.id,
    regionCode: regionCode ?? ownerGrants[0]?.regionCode ?? null,
    after: { name: record.name, owner: owner.username, role: record.role, regionCode: record.regionCode },
  });
  return { token, record };
}

/** A live token and the actor it acts as (the owner's grants, narrowed by the token's role and region). */
export interface ResolvedApiToken {
  token: ApiToken;
  actor: Actor;
}

/**
 * The live token behind a raw bearer value, or null (unknown, revoked, or its owner is disabled). Reads only:
 * every use must then go through `recordApiTokenUse`.
 */
export async function findApiToken(store: Store, raw: string): Promise<ResolvedApiToken | null> {
  if (!raw.startsWith(API_TOKEN_PREFIX) || raw.length > 128) return null;
  const token = await store.getApiTokenByHash(sha256Hex(raw));
  if (token === null || token.revokedAt !== null) return null;
  const user = await store.getUser(token.userId);
  if (user === null || user.disabled) return null;
  const role = (token.role as Role | null) ?? null;
  const grants = narrowGrants(await grantsOf(store, user.id), role, token.regionCode);
  return { token, actor: { kind: "token", userId: user.id, username: user.username, grants } };
}

/**
 * Records one use of a token: its lastUsedAt becomes `now`, and a `token.use` audit entry is written when the
 * previous use (`lastUsedAt`, as the caller last knew it) is at least an hour ago. A caller that knows an older
 * lastUsedAt than the stored one can only audit more often, never less.
 */
export async function recordApiTokenUse(
  store: Store,
  use: { tokenId: string; lastUsedAt: string | null; actor: Actor },
  ip: string | null = null,
  now = new Date(),
): Promise<void> {
  const last = use.lastUsedAt === null ? 0 : Date.parse(use.lastUsedAt);
  await store.touchApiToken(use.tokenId, now.toISOString());
  if (now.getTime() - last >= USE_AUDIT_INTERVAL_MS) {
    await recordAudit(store, use.actor, {
      action: "token.use",
      targetType: "token",
      targetId: use.tokenId,
      regionCode: use.actor.grants[0]?.regionCode ?? null,
      ip,
    });
  }
}

/** The actor behind a bearer token, or null (unknown, revoked, or its owner is disabled); records the use. */
export async function resolveApiToken(
  store: Store,
  raw: string,
  ip: string | null = null,
  now = new Date(),
): Promise<Actor | null> {
  const found = await findApiToken(store, raw);
  if (found === null) return null;
  const { token, actor } = found;
  await recordApiTokenUse(store, { tokenId: token.id, lastUsedAt: token.lastUsedAt, actor }, ip, now);
  return actor;
}

export async function listApiTokens(ctx: ServiceContext, username?: string): Promise<ApiToken[]> {
  const owner = await ownerFor(ctx.store, ctx.actor, username);
  return ctx.store.listApiTokens(owner.id);
}

/** Owner, an admin over every region of the owner, or the system actor may revoke. */
export async function revokeApiToken(ctx: ServiceContext, id: string): Promise<void> {
  const { store, actor } = ctx;
  const token = await store.getApiToken(id);
  const allowed = token !== null && (await mayManage(store, actor, token.userId));
  if (!allowed || token === null) throw new RongheError("not_found", "token not found", {});
  if (token.revokedAt === null) await store.revokeApiToken(id, new Date().toISOString());
  await recordAudit(store, actor, {
    action: "token.revoke",
    targetType: "token",
    targetId: id,
    regionCode: token.regionCode ?? (await grantsOf(store, token.userId))[0]?.regionCode ?? null,
    before: { revokedAt: token.revokedAt },
  });
}

async function ownerFor(store: Store, actor: Actor, username: string | undefined): Promise<User> {
  const name = username ?? actor.username;
  const owner = await store.getUserByUsername(name);
  if (owner === null || !(await mayManage(store, actor, owner.id))) {
    throw new RongheError("not_found", "user not found", {});
  }
  return owner;
}

async function mayManage(store: Store, actor: Actor, userId: number): Promise<boolean> {
  if (actor.kind === "system") return true;
  if (actor.userId === userId) return true;
  const grants = await grantsOf(store, userId);
  return grants.length > 0 && grants.every((g) => can(actor, "admin", g.regionCode));
}
