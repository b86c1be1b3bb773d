// Password login → a new server-side session. The raw session id (32 random bytes) goes to the client once;
// the store keeps only its sha256. A new id is issued on every login, and a session id presented before login is
// deleted, never promoted (no session fixation).
import { RongheError } from "@ronghe/core";
import type { Store, User } from "@ronghe/store";
import { recordAudit } from "../audit/record-audit.ts";
import type { Actor } from "../context.ts";
import { actorForUser } from "./actor-for-user.ts";
import type { LoginThrottle } from "./login-throttle.ts";
import { verifyAgainstDummy, verifyPassword } from "./password.ts";
import { randomSecret, sha256Hex } from "./secrets.ts";

/** failures in a row before an account is locked */
export const LOCKOUT_THRESHOLD = 5;
export const LOCKOUT_MS = 15 * 60_000;
/** absolute session lifetime */
export const SESSION_TTL_MS = 12 * 60 * 60_000;

export interface LoginInput {
  username: string;
  password: string;
  ip?: string | null;
  /** raw session id the client already sent (deleted on success) */
  previousSessionId?: string | null;
  now?: Date;
}

export interface LoginResult {
  /** raw session id for the cookie; never stored */
  sessionId: string;
  csrfToken: string;
  expiresAt: string;
  user: User;
  actor: Actor;
}

export async function login(
  store: Store,
  throttle: LoginThrottle | null,
  input: LoginInput,
): Promise<LoginResult> {
  const now = input.now ?? new Date();
  const ip = input.ip ?? null;
  if (ip !== null) throttle?.check(ip, now.getTime());

  const user = await store.getUserByUsername(input.username);
  const region = user ? ((await store.listGrants(user.id))[0]?.regionCode ?? null) : null;
  const failed = async (reason: string) => {
    if (ip !== null) throttle?.fail(ip, now.getTime());
    await recordAudit(store, null, {
      action: "session.login_failed",
      targetType: "user",
      targetId: input.username.slice(0, 64),
      regionCode: region,
      after: { reason },
      ip,
    });
  };

  if (user === null) {
    await verifyAgainstDummy(input.password);
    await failed("bad_credentials");
    throw new RongheError("unauthenticated", "wrong username or password", {});
  }
  if (user.lockedUntil !== null && Date.parse(user.lockedUntil) > now.getTime()) {
    await failed("locked");
    throw new RongheError("locked_out", "account locked after repeated failed logins; try again later", {
      retryAfterSeconds: Math.ceil((Date.parse(user.lockedUntil) - now.getTime()) / 1000),
    });
  }
  const ok = await verifyPassword(user.passwordHash, input.password);
  if (!ok || user.disabled) {
    const failures = user.failedLogins + 1;
    const lock = failures >= LOCKOUT_THRESHOLD;
    await store.updateUser(user.id, {
      failedLogins: lock ? 0 : failures,
      lockedUntil: lock ? new Date(now.getTime() + LOCKOUT_MS).toISOString() : user.lockedUntil,
    });
    await failed(user.disabled && ok ? "disabled" : lock ? "bad_credentials_locked" : "bad_credentials");
    throw new RongheError("unauthenticated", "wrong username or password", {});
  }

  if (user.failedLogins !== 0 || user.lockedUntil !== null) {
    await store.updateUser(user.id, { failedLogins: 0, lockedUntil: null });
  }
  if (input.previousSessionId) await store.deleteSession(sha256Hex(input.previousSessionId));
  const sessionId = randomSecret(32);
  const csrfToken = randomSecret(32);
  const expiresAt = new Date(now.getTime() + SESSION_TTL_MS).toISOString();
  await store.createSession({
    idHash: sha256Hex(sessionId),
    userId: user.id,
    csrfToken,
    createdAt: now.toISOString(),
    expiresAt,
  });
  const actor = await actorForUser(store, user);
  await recordAudit(store, actor, {
    action: "session.login",
    targetType: "user",
    targetId: user.username,
    regionCode: region,
    ip,
  });
  return { sessionId, csrfToken, expiresAt, user, actor };
}
