// Resolving and ending cookie sessions.
import type { Session, Store, User } from "@ronghe/store";
import type { Actor } from "../context.ts";
import { actorForUser } from "./actor-for-user.ts";
import { sha256Hex } from "./secrets.ts";

export interface ResolvedSession {
  session: Session;
  user: User;
  actor: Actor;
}

/** The live session behind a raw cookie value, or null (unknown, expired, or the user is disabled). */
export async function resolveSession(
  store: Store,
  rawId: string,
  now = new Date(),
): Promise<ResolvedSession | null> {
  if (rawId.length === 0 || rawId.length > 128) return null;
  const idHash = sha256Hex(rawId);
  const session = await store.getSession(idHash);
  if (session === null) return null;
  if (Date.parse(session.expiresAt) <= now.getTime()) {
    await store.deleteSession(idHash);
    return null;
  }
  const user = await store.getUser(session.userId);
  if (user === null || user.disabled) return null;
  return { session, user, actor: await actorForUser(store, user) };
}

export async function logout(store: Store, rawId: string): Promise<void> {
  await store.deleteSession(sha256Hex(rawId));
}
