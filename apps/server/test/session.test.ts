// The interfaces others rely on: login, session, logout, Bearer, GET /api/regions/{code}; and the account
// defences: session fixation, lockout, per-IP throttling, CSRF on logout, cookie attributes.
import { afterAll, beforeAll, expect, it } from "vitest";
import {
  buildWorld,
  describeOnStores,
  IN,
  leaks,
  loginAs,
  OUT,
  PASSWORD,
  sessionCookie,
  tokenFor,
  type World,
} from "./builders.ts";

describeOnStores("session and interfaces", (kind) => {
  let w: World;
  beforeAll(async () => {
    w = await buildWorld(kind, { throttle: { maxFailuresPerIp: 1000 } });
  });
  afterAll(async () => w?.close());

  it("POST /api/session answers 200 with an httpOnly SameSite=Strict cookie and a CSRF token", async () => {
    const res = await w.app.inject({
      method: "POST",
      url: "/api/session",
      payload: { username: "viewer_yy", password: PASSWORD },
    });
    expect(res.statusCode).toBe(200);
    const cookie = res.cookies.find((c) => c.name === "ronghe_session");
    expect(cookie?.httpOnly).toBe(true);
    expect(cookie?.sameSite).toBe("Strict");
    expect(cookie?.secure).toBeFalsy(); // plain http in tests; Secure behind https
    expect(cookie?.value.length).toBeGreaterThanOrEqual(43);
    const body = res.json();
    expect(body.user.username).toBe("viewer_yy");
    expect(body.user.grants).toEqual([{ role: "viewer", regionCode: IN.county }]);
    expect(body.csrfToken.length).toBeGreaterThanOrEqual(43);
    // the raw session id is not what the store keeps
    const stored = await w.store.getSession(cookie?.value as string);
    expect(stored).toBeNull();
  });

  it("a wrong password and an unknown user both answer 401 with the same message", async () => {
    const a = await w.app.inject({
      method: "POST",
      url: "/api/session",
      payload: { username: "viewer_yy", password: "wrong-password-1" },
    });
    const b = await w.app.inject({
      method: "POST",
      url: "/api/session",
      payload: { username: "nobody_here", password: "wrong-password-1" },
    });
    expect(a.statusCode).toBe(401);
    expect(b.statusCode).toBe(401);
    expect(a.json().error).toEqual(b.json().error);
    expect(a.headers["set-cookie"]).toBeUndefined();
  });

  it("GET /api/session returns the user and CSRF token; 401 without a session", async () => {
    const login = await loginAs(w.app, "entry_yy");
    const res = await w.app.inject({ method: "GET", url: "/api/session", headers: login.read });
    expect(res.statusCode).toBe(200);
    expect(res.json().csrfToken).toBe(login.csrf);
    const anon = await w.app.inject({ method: "GET", url: "/api/session" });
    expect(anon.statusCode).toBe(401);
    expect(anon.json().error.code).toBe("unauthenticated");
  });

  it("GET /api/regions/{code}: 200 in scope, 404 out of scope without the name, 401 without a session", async () => {
    const login = await loginAs(w.app, "viewer_yy");
    const inScope = await w.app.inject({
      method: "GET",
      url: `/api/regions/${IN.county}`,
      headers: login.read,
    });
    expect(inScope.statusCode).toBe(200);
    expect(inScope.json()).toMatchObject({
      code: IN.county,
      name: "云阳县",
      level: "county",
      parentCode: "500200",
    });
    for (const code of [OUT.county, OUT.province, OUT.district, "500000"]) {
      const res = await w.app.inject({ method: "GET", url: `/api/regions/${code}`, headers: login.read });
      expect([403, 404]).toContain(res.statusCode);
      expect(leaks(res.body)).toEqual([]);
      expect(res.body).not.toContain("重庆");
    }
    const anon = await w.app.inject({ method: "GET", url: `/api/regions/${IN.county}` });
    expect(anon.statusCode).toBe(401);
    expect(anon.body).not.toContain("云阳");
  });

  it("Authorization: Bearer works where the cookie does, needs no CSRF, and a bad token is 401", async () => {
    const token = await tokenFor(w.store, "viewer_yy");
    expect(token.startsWith("rgh_")).toBe(true);
    const ok = await w.app.inject({
      method: "GET",
      url: `/api/regions/${IN.county}`,
      headers: { authorization: `Bearer ${token}` },
    });
    expect(ok.statusCode).toBe(200);
    const out = await w.app.inject({
      method: "GET",
      url: `/api/regions/${OUT.county}`,
      headers: { authorization: `Bearer ${token}` },
    });
    expect(out.statusCode).toBe(404);
    const bad = await w.app.inject({
      method: "GET",
      url: `/api/regions/${IN.county}`,
      headers: { authorization: "Bearer rgh_not-a-token" },
    });
    expect(bad.statusCode).toBe(401);
    const entryToken = await tokenFor(w.store, "entry_yy");
    const write = await w.app.inject({
      method: "POST",
      url: "/api/observations",
      headers: { authorization: `Bearer ${entryToken}` },
      payload: {
        items: [{ regionCode: IN.village, indicator: "pop_test", period: 2021, value: 7 }],
        reason: "bearer write",
      },
    });
    expect(write.statusCode).toBe(200);
    expect(write.json()).toEqual({ inserted: 1, revised: 0, unchanged: 0 });
    // token use is recorded (last used)
    const tokens = await w.store.listApiTokens((await w.store.getUserByUsername("entry_yy"))!.id);
    expect(tokens.some((t) => t.lastUsedAt !== null)).toBe(true);
  });

  it("no session fixation: a cookie set before login is never promoted, and each login gets a new id", async () => {
    const planted = "attacker-chosen-session-id-0123456789abcdef";
    const res = await w.app.inject({
      method: "POST",
      url: "/api/session",
      headers: { cookie: `ronghe_session=${planted}` },
      payload: { username: "viewer_yy", password: PASSWORD },
    });
    expect(res.statusCode).toBe(200);
    const issued = sessionCookie(res);
    expect(issued).not.toContain(planted);
    const withPlanted = await w.app.inject({
      method: "GET",
      url: "/api/session",
      headers: { cookie: `ronghe_session=${planted}` },
    });
    expect(withPlanted.statusCode).toBe(401);
    // logging in again while holding a valid session rotates it: the old id stops working
    const again = await w.app.inject({
      method: "POST",
      url: "/api/session",
      headers: { cookie: issued },
      payload: { username: "viewer_yy", password: PASSWORD },
    });
    const second = sessionCookie(again);
    expect(second).not.toBe(issued);
    expect(
      (await w.app.inject({ method: "GET", url: "/api/session", headers: { cookie: issued } })).statusCode,
    ).toBe(401);
    expect(
      (await w.app.inject({ method: "GET", url: "/api/session", headers: { cookie: second } })).statusCode,
    ).toBe(200);
  });

  it("logout needs the CSRF token, then ends the session", async () => {
    const login = await loginAs(w.app, "analyst_yy");
    const noCsrf = await w.app.inject({ method: "DELETE", url: "/api/session", headers: login.read });
    expect(noCsrf.statusCode).toBe(403);
    expect(noCsrf.json().error.code).toBe("csrf");
    const out = await w.app.inject({ method: "DELETE", url: "/api/session", headers: login.write });
    expect(out.statusCode).toBe(204);
    expect((await w.app.inject({ method: "GET", url: "/api/session", headers: login.read })).statusCode).toBe(
      401,
    );
  });

  it("locks an account after 5 failed logins (even the right password is refused), and audits the failures", async () => {
    const { buildUser } = await import("./builders.ts");
    await buildUser(w.store, "lock_me", [{ role: "viewer", regionCode: IN.county }]);
    for (let i = 0; i < 5; i++) {
      const r = await w.app.inject({
        method: "POST",
        url: "/api/session",
        payload: { username: "lock_me", password: `wrong-${i}-xxxxxx` },
      });
      expect(r.statusCode).toBe(401);
    }
    const locked = await w.app.inject({
      method: "POST",
      url: "/api/session",
      payload: { username: "lock_me", password: PASSWORD },
    });
    expect(locked.statusCode).toBe(429);
    expect(locked.json().error.code).toBe("locked_out");
    const user = await w.store.getUserByUsername("lock_me");
    expect(user?.lockedUntil).not.toBeNull();
    const failures = await w.store.queryAudit({ action: "session.login_failed" });
    expect(failures.filter((a) => a.targetId === "lock_me").length).toBeGreaterThanOrEqual(6);
    // after the lock expires the right password works again
    await w.store.updateUser(user!.id, { lockedUntil: new Date(Date.now() - 1000).toISOString() });
    const ok = await w.app.inject({
      method: "POST",
      url: "/api/session",
      payload: { username: "lock_me", password: PASSWORD },
    });
    expect(ok.statusCode).toBe(200);
  });

  it("throttles failed logins per IP address across usernames", async () => {
    const other = await buildWorld(kind, { throttle: { maxFailuresPerIp: 3 } });
    try {
      for (let i = 0; i < 3; i++) {
        const r = await other.app.inject({
          method: "POST",
          url: "/api/session",
          payload: { username: `spray${i}`, password: "whatever-password" },
        });
        expect(r.statusCode).toBe(401);
      }
      const blocked = await other.app.inject({
        method: "POST",
        url: "/api/session",
        payload: { username: "viewer_yy", password: PASSWORD },
      });
      expect(blocked.statusCode).toBe(429);
    } finally {
      await other.close();
    }
  });

  it("/healthz is public and /api/docs serves the OpenAPI document", async () => {
    expect((await w.app.inject({ method: "GET", url: "/healthz" })).json()).toEqual({ ok: true });
    const doc = await w.app.inject({ method: "GET", url: "/api/docs/json" });
    expect(doc.statusCode).toBe(200);
    expect(Object.keys(doc.json().paths)).toContain("/api/regions/{code}");
  });

  it("unknown errors come out as a generic 500 without internals", async () => {
    const broken = await buildWorld(kind);
    try {
      const login = await loginAs(broken.app, "viewer_yy");
      (broken.app.store as unknown as { getRegion: unknown }).getRegion = undefined;
      Object.defineProperty(broken.store, "getRegion", {
        value: () => Promise.reject(new Error("SQLITE secret /var/db path")),
      });
      const res = await broken.app.inject({
        method: "GET",
        url: `/api/regions/${IN.county}`,
        headers: login.read,
      });
      expect(res.statusCode).toBe(500);
      expect(res.json()).toEqual({ error: { code: "internal", message: "internal error" } });
    } finally {
      await broken.close();
    }
  });
});
