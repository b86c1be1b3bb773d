// Resolved sessions and API tokens kept in memory, so that a request whose credentials were seen before costs one
// read of the store's versions (shared with the response cache) instead of the session, user and grant reads.
// Correctness rules:
//   - every entry was resolved after reading the store's auth version, and is served only while a request reads
//     that same version. The store bumps it in the transaction of every change that can alter a resolved session
//     or token (a user disabled, a grant added or removed, a session deleted, a token revoked), by this server,
//     the CLI or another server: such a change retires every entry at the next request (a change racing a
//     resolution can only leave the entry tagged with the older version: a miss, never stale);
//   - a session entry also ends at its own expiry (then the store resolves it again, which deletes it);
//   - only live credentials are kept: an unknown, expired, revoked or disabled one is looked up every time;
//   - entries are keyed by the sha256 of the raw secret (as the store keys them), never by the secret itself;
//   - a token's use is still recorded on every request (lastUsedAt, and the hourly audit entry), by the caller.
// Bounded by count (oldest out first). RONGHE_AUTH_CACHE=0 turns it off.
import type { Actor } from "@ronghe/services";

export interface CachedSession {
  actor: Actor;
  csrfToken: string;
  /** ms since the epoch */
  expiresAt: number;
}

export interface CachedToken {
  actor: Actor;
  tokenId: string;
  /** the last use this server recorded (decides the hourly use audit) */
  lastUsedAt: string | null;
}

export const DEFAULT_AUTH_CACHE_ENTRIES = 10_000;

export class AuthCache {
  /** the auth version every entry was resolved at */
  #version: number | null = null;
  readonly #sessions = new Map<string, CachedSession>();
  readonly #tokens = new Map<string, CachedToken>();

  constructor(readonly maxEntries = DEFAULT_AUTH_CACHE_ENTRIES) {}

  session(idHash: string, authVersion: number, now = Date.now()): CachedSession | undefined {
    if (authVersion !== this.#version) return undefined;
    const entry = this.#sessions.get(idHash);
    if (entry === undefined) return undefined;
    if (entry.expiresAt <= now) {
      this.#sessions.delete(idHash);
      return undefined;
    }
    return entry;
  }

  setSession(idHash: string, authVersion: number, entry: CachedSession): void {
    if (!this.#adopt(authVersion)) return;
    freeze(entry.actor);
    put(this.#sessions, idHash, entry, this.maxEntries);
  }

  token(tokenHash: string, authVersion: number): CachedToken | undefined {
    return authVersion === this.#version ? this.#tokens.get(tokenHash) : undefined;
  }

  setToken(tokenHash: string, authVersion: number, entry: CachedToken): void {
    if (!this.#adopt(authVersion)) return;
    freeze(entry.actor);
    put(this.#tokens, tokenHash, entry, this.maxEntries);
  }

  forgetSession(idHash: string): void {
    this.#sessions.delete(idHash);
  }

  forgetToken(tokenHash: string): void {
    this.#tokens.delete(tokenHash);
  }

  stats(): { sessions: number; tokens: number; version: number | null } {
    return { sessions: this.#sessions.size, tokens: this.#tokens.size, version: this.#version };
  }

  /**
   * Entries of one version at a time: a different version drops them all. Versions only grow, so an entry
   * resolved at an older version than the cache holds is not kept (the request that read it was overtaken).
   */
  #adopt(authVersion: number): boolean {
    if (authVersion === this.#version) return true;
    if (this.#version !== null && authVersion < this.#version) return false;
    this.#sessions.clear();
    this.#tokens.clear();
    this.#version = authVersion;
    return true;
  }
}

/** One actor object serves many requests: frozen, so that no request can change another's. */
function freeze(actor: Actor): void {
  for (const grant of actor.grants) Object.freeze(grant);
  Object.freeze(actor.grants);
  Object.freeze(actor);
}

function put<V>(map: Map<string, V>, key: string, value: V, max: number): void {
  map.delete(key);
  while (map.size >= max) {
    const oldest = map.keys().next();
    if (oldest.done) break;
    map.delete(oldest.value);
  }
  map.set(key, value);
}

/** A cache per the environment: off when RONGHE_AUTH_CACHE is "0". */
export function authCacheFromEnv(env: NodeJS.ProcessEnv = process.env): AuthCache | null {
  return env.RONGHE_AUTH_CACHE === "0" ? null : new AuthCache();
}
