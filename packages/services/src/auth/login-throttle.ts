// Per-IP throttling of failed logins (in memory, per server process). The per-username lockout lives in the
// store (users.failedLogins / lockedUntil) so it holds across processes; this one slows password spraying
// across many usernames from one address.
import { RongheError } from "@ronghe/core";

export interface LoginThrottleOptions {
  /** failed attempts allowed per IP within the window (default 20) */
  maxFailuresPerIp?: number;
  /** window in ms (default 15 min) */
  windowMs?: number;
}

export class LoginThrottle {
  readonly maxFailuresPerIp: number;
  readonly windowMs: number;
  private readonly failures = new Map<string, number[]>();

  constructor(options: LoginThrottleOptions = {}) {
    this.maxFailuresPerIp = options.maxFailuresPerIp ?? 20;
    this.windowMs = options.windowMs ?? 15 * 60_000;
  }

  /** Throws `locked_out` when the address has used up its failures in the window. */
  check(ip: string, now = Date.now()): void {
    const recent = this.recent(ip, now);
    if (recent.length >= this.maxFailuresPerIp) {
      const retryAfterS = Math.ceil((recent[0] + this.windowMs - now) / 1000);
      throw new RongheError("locked_out", "too many failed logins from this address; try again later", {
        retryAfterSeconds: retryAfterS,
      });
    }
  }

  fail(ip: string, now = Date.now()): void {
    const recent = this.recent(ip, now);
    recent.push(now);
    this.failures.set(ip, recent);
    if (this.failures.size > 10_000) this.sweep(now);
  }

  private recent(ip: string, now: number): number[] {
    return (this.failures.get(ip) ?? []).filter((t) => now - t < this.windowMs);
  }

  private sweep(now: number): void {
    for (const [ip, times] of this.failures) {
      if (times.every((t) => now - t >= this.windowMs)) this.failures.delete(ip);
    }
  }
}
