// Resolved sessions and tokens kept in memory: a repeated request reads the store's versions once and nothing
// else; anything that changes what a session or token may do, also through another handle on the same database
// (as the CLI or another server would), takes effect at the next request.
import { sha256Hex } from "@ronghe/services";
import type { Store } from "@ronghe/store";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildServer } from "../src/app.ts";
import { AuthCache } from "../src/auth-cache.ts";
import { ResponseCache } from "../src/response-cache.ts";
import {
  buildWorld,
  describeOnStores,
  IN,
  INDICATOR,
  type Login,
  loginAs,
  tokenFor,
  type World,
} from "./builders.ts";

const OBS_URL = `/api/observations?region=${IN.county}&level=township&from=2000&to=2020`;
const CITY_COUNTIES = "/api/regions/500100/children?level=county";

/** The store, recording the name of every method called on it. */
function counting(store: Store, calls: string[]): Store {
  return new Proxy(store, {
    get(target, prop, receiver) {
      const value = Reflect.get(target, prop, receiver);
      if (typeof value !== "function" || typeof prop !== "string") return value;
      return (...args: unknown[]) => {
        calls.push(prop);
        return value.apply(target, args);
      };
    },
  });
}

describeOnStores("auth cache", (kind) => {
  let w: World;
  let other: Store;

  beforeAll(async () => {
    w = await buildWorld(kind, { file: true });
    other = await w.reopen();
    const rows = [];
    for (let period = 2000; period <= 2019; period++)
      rows.push({ regionCode: IN.township, indicatorCode: INDICATOR, period, value: period / 10 });
    await w.store.writeObservations(rows, { author: "seed" });
  });
  afterAll(async () => {
    await other.close();
    await w.close();
  });

  const get = (url: string, headers: Record<string, string>, app: FastifyInstance = w.app) =>
    app.inject({ method: "GET", url, headers });
  const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
  const userId = async (username: string) => {
    const user = await w.store.getUserByUsername(username);
    if (!user) throw new Error(`no user ${username}`);
    return user.id;
  };

  it("a repeated request reads only the store's versions, once, for authentication and the response cache", async () => {
    const calls: string[] = [];
    const app = buildServer({
      store: counting(w.store, calls),
      responseCache: new ResponseCache(),
      authCache: new AuthCache(),
    });
    await app.ready();
    try {
      const viewer = await loginAs(app, "viewer_yy");
      const first = await get(OBS_URL, viewer.read, app);
      expect(first.headers["x-cache"]).toBe("miss");
      calls.length = 0;
      const second = await get(OBS_URL, viewer.read, app);
      expect(second.statusCode).toBe(200);
      expect(second.headers["x-cache"]).toBe("hit");
      expect(second.body).toBe(first.body);
      expect(calls).toEqual(["versions"]);

      // a token: the same one read, plus the record of its use (lastUsedAt)
      const token = await tokenFor(w.store, "viewer_yy");
      expect((await get(OBS_URL, bearer(token), app)).statusCode).toBe(200);
      calls.length = 0;
      expect((await get(OBS_URL, bearer(token), app)).statusCode).toBe(200);
      expect(calls).toEqual(["versions", "touchApiToken"]);
    } finally {
      await app.close();
    }
  });

  it("a session deleted through another handle is refused at the next request", async () => {
    const viewer = await loginAs(w.app, "viewer_yy");
    expect((await get("/api/session", viewer.read)).statusCode).toBe(200);
    expect((await get(OBS_URL, viewer.read)).statusCode).toBe(200);
    expect((await get(OBS_URL, viewer.read)).headers["x-cache"]).toBe("hit");
    expect(await other.deleteUserSessions(await userId("viewer_yy"))).toBeGreaterThan(0);
    expect((await get("/api/session", viewer.read)).statusCode).toBe(401);
    expect((await get(OBS_URL, viewer.read)).statusCode).toBe(401);
  });

  it("logout through the API ends the session at once", async () => {
    const viewer = await loginAs(w.app, "viewer_yy");
    expect((await get(OBS_URL, viewer.read)).statusCode).toBe(200);
    expect((await get(OBS_URL, viewer.read)).statusCode).toBe(200);
    const out = await w.app.inject({ method: "DELETE", url: "/api/session", headers: viewer.write });
    expect(out.statusCode).toBe(204);
    expect((await get(OBS_URL, viewer.read)).statusCode).toBe(401);
  });

  it("a user disabled through another handle is refused at once, by cookie and by token", async () => {
    const approver = await loginAs(w.app, "approver_yy");
    const token = await tokenFor(w.store, "approver_yy");
    for (let k = 0; k < 2; k++) {
      expect((await get(OBS_URL, approver.read)).statusCode).toBe(200);
      expect((await get(OBS_URL, bearer(token))).statusCode).toBe(200);
    }
    const id = await userId("approver_yy");
    await other.updateUser(id, { disabled: true });
    expect((await get(OBS_URL, approver.read)).statusCode).toBe(401);
    expect((await get(OBS_URL, bearer(token))).statusCode).toBe(401);
    await other.updateUser(id, { disabled: false });
    expect((await get(OBS_URL, approver.read)).statusCode).toBe(200);
    expect((await get(OBS_URL, bearer(token))).statusCode).toBe(200);
  });

  it("a grant removed through another handle shrinks the scope at the next request", async () => {
    const admin = await loginAs(w.app, "admin_cq");
    const token = await tokenFor(w.store, "admin_cq");
    for (let k = 0; k < 2; k++) {
      expect((await get(CITY_COUNTIES, admin.read)).statusCode).toBe(200);
      expect((await get(CITY_COUNTIES, bearer(token))).statusCode).toBe(200);
    }
    const id = await userId("admin_cq");
    await other.transaction(async (tx) => {
      await tx.removeGrant({ userId: id, role: "admin", regionCode: "500000" });
      await tx.addGrant({ userId: id, role: "viewer", regionCode: IN.county });
    });
    expect((await get(CITY_COUNTIES, admin.read)).statusCode).toBe(404);
    expect((await get(CITY_COUNTIES, bearer(token))).statusCode).toBe(404);
    expect((await get("/api/session", admin.read)).json().user.grants).toEqual([
      { role: "viewer", regionCode: IN.county },
    ]);
    expect((await get(OBS_URL, admin.read)).statusCode).toBe(200);
    await other.transaction(async (tx) => {
      await tx.removeGrant({ userId: id, role: "viewer", regionCode: IN.county });
      await tx.addGrant({ userId: id, role: "admin", regionCode: "500000" });
    });
    expect((await get(CITY_COUNTIES, admin.read)).statusCode).toBe(200);
  });

  it("a token revoked through another handle is refused at the next request; each use is recorded", async () => {
    const token = await tokenFor(w.store, "entry_yy");
    const record = await w.store.getApiTokenByHash(sha256Hex(token));
    if (!record) throw new Error("token not stored");
    for (let k = 0; k < 3; k++) expect((await get(OBS_URL, bearer(token))).statusCode).toBe(200);
    const used = (await w.store.getApiToken(record.id))?.lastUsedAt ?? null;
    expect(used).not.toBeNull();
    // the use audit stays hourly, cached or not: one entry for three uses
    const audits = await w.store.queryAudit({ action: "token.use" });
    expect(audits.filter((a) => a.targetId === record.id)).toHaveLength(1);
    expect((await get(OBS_URL, bearer(token))).statusCode).toBe(200);
    expect(((await w.store.getApiToken(record.id))?.lastUsedAt ?? "") >= (used ?? "")).toBe(true);
    expect(await other.revokeApiToken(record.id, new Date().toISOString())).toBe(true);
    expect((await get(OBS_URL, bearer(token))).statusCode).toBe(401);
  });

  it("a write still needs the session's CSRF token when the session comes from the cache", async () => {
    const entry: Login = await loginAs(w.app, "entry_yy");
    expect((await get(OBS_URL, entry.read)).statusCode).toBe(200);
    const payload = {
      items: [{ regionCode: IN.village, indicator: INDICATOR, period: 2021, value: 3 }],
      reason: "r",
    };
    const wrong = await w.app.inject({
      method: "POST",
      url: "/api/observations",
      headers: { cookie: entry.cookie, "x-csrf-token": "nope" },
      payload,
    });
    expect(wrong.statusCode).toBe(403);
    const right = await w.app.inject({
      method: "POST",
      url: "/api/observations",
      headers: entry.write,
      payload,
    });
    expect(right.statusCode).toBe(200);
  });
});

describe("auth cache (unit)", () => {
  const actor = {
    kind: "user" as const,
    userId: 1,
    username: "a",
    grants: [{ role: "viewer" as const, regionCode: "500235" }],
  };

  it("serves an entry only at the auth version it was resolved at, and until it expires", () => {
    const cache = new AuthCache();
    const entry = { actor: structuredClone(actor), csrfToken: "c", expiresAt: 2_000 };
    cache.setSession("h", 5, entry);
    expect(cache.session("h", 5, 1_000)).toBe(entry);
    expect(cache.session("h", 6, 1_000)).toBeUndefined();
    expect(cache.session("h", 5, 2_000)).toBeUndefined();
    expect(cache.session("h", 5, 1_000)).toBeUndefined();
    // a newer version drops every entry; an older one is not kept
    cache.setSession("h", 5, entry);
    cache.setSession("k", 6, { ...entry });
    expect(cache.session("h", 6, 1_000)).toBeUndefined();
    cache.setSession("h", 5, entry);
    expect(cache.session("h", 5, 1_000)).toBeUndefined();
    expect(cache.stats()).toEqual({ sessions: 1, tokens: 0, version: 6 });
  });

  it("is bounded, and its actors cannot be changed by a request", () => {
    const cache = new AuthCache(2);
    for (const key of ["a", "b", "c"])
      cache.setToken(key, 1, { actor: structuredClone(actor), tokenId: key, lastUsedAt: null });
    expect(cache.token("a", 1)).toBeUndefined();
    const c = cache.token("c", 1);
    if (c === undefined) throw new Error("entry c missing");
    expect(c.tokenId).toBe("c");
    const grants = c.actor.grants as Array<{ role: string; regionCode: string }>;
    expect(() => grants.push({ role: "admin", regionCode: "1" })).toThrow();
    expect(() => {
      grants[0].role = "admin";
    }).toThrow();
  });
});
