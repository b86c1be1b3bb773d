// The response cache of the heavy read routes: a repeated request is answered without running the use case,
// byte for byte as uncached; any data change (through the API, or straight through the store as another process
// would) retires the cached answer; callers with different scopes never share one; approval status changes show.
import { brotliDecompressSync, gunzipSync } from "node:zlib";
import { fromObservationColumns } from "@ronghe/api-contract";
import type { Store } from "@ronghe/store";
import type { FastifyInstance, LightMyRequestResponse } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildServer } from "../src/app.ts";
import { type DataServices, defaultDataServices } from "../src/data-port.ts";
import { ResponseCache, responseCacheFromEnv, scopeKey } from "../src/response-cache.ts";
import {
  buildWorld,
  describeOnStores,
  IN,
  INDICATOR,
  type Login,
  leaks,
  loginAs,
  OUT,
  tokenFor,
  type World,
} from "./builders.ts";

const OBS_URL = `/api/observations?region=${IN.county}&level=township&from=2020&to=2020`;
const CITY_COUNTIES = "/api/regions/500100/children?level=county";

describeOnStores("response cache", (kind) => {
  let w: World;
  let app: FastifyInstance;
  let uncached: FastifyInstance;
  const calls = { observations: 0, children: 0, features: 0 };
  let admin: Login;
  let entry: Login;
  let approver: Login;
  let viewer: Login;

  beforeAll(async () => {
    w = await buildWorld(kind);
    const base = defaultDataServices();
    const data: DataServices = {
      ...base,
      queryObservations: (ctx, q) => {
        calls.observations++;
        return base.queryObservations(ctx, q);
      },
      regionChildren: (ctx, code, options) => {
        calls.children++;
        return base.regionChildren(ctx, code, options);
      },
      regionFeatures: (ctx, code, level) => {
        calls.features++;
        return base.regionFeatures(ctx, code, level);
      },
    };
    app = buildServer({ store: w.store, data, responseCache: new ResponseCache() });
    uncached = buildServer({ store: w.store, responseCache: null });
    await app.ready();
    await uncached.ready();
    admin = await loginAs(app, "admin_cq");
    entry = await loginAs(app, "entry_yy");
    approver = await loginAs(app, "approver_yy");
    viewer = await loginAs(app, "viewer_yy");
  });
  afterAll(async () => {
    await app.close();
    await uncached.close();
    await w.close();
  });

  const get = (who: Login | Record<string, string>, url: string, on = app) =>
    on.inject({ method: "GET", url, headers: "read" in who ? (who.read as Record<string, string>) : who });
  const post = (who: Login, url: string, payload: unknown) =>
    app.inject({ method: "POST", url, headers: who.write, payload: payload as Record<string, unknown> });
  const township = (res: LightMyRequestResponse) =>
    (res.json().items as Array<{ regionCode: string; value: number; status: string }>).find(
      (o) => o.regionCode === IN.township,
    );

  it("answers a repeated request from the cache, byte for byte as without it", async () => {
    const before = calls.observations;
    const first = await get(viewer, OBS_URL);
    expect(first.statusCode).toBe(200);
    expect(first.headers["x-cache"]).toBe("miss");
    const second = await get(viewer, OBS_URL);
    expect(second.statusCode).toBe(200);
    expect(second.headers["x-cache"]).toBe("hit");
    expect(calls.observations - before).toBe(1);
    expect(second.body).toBe(first.body);
    expect(second.headers["content-type"]).toBe(first.headers["content-type"]);
    // the query's parameter order does not matter; an uncached server gives the same bytes
    const reordered = await get(
      viewer,
      `/api/observations?to=2020&level=township&from=2020&region=${IN.county}`,
    );
    expect(reordered.headers["x-cache"]).toBe("hit");
    expect(reordered.body).toBe(first.body);
    const plain = await get(await loginAs(uncached, "viewer_yy"), OBS_URL, uncached);
    expect(plain.headers["x-cache"]).toBeUndefined();
    expect(plain.body).toBe(first.body);
    expect(township(first)?.value).toBe(200);
  });

  it("serves a new answer after a write through the API", async () => {
    await get(viewer, OBS_URL);
    const res = await post(entry, "/api/observations", {
      items: [{ regionCode: IN.township, indicator: INDICATOR, period: 2020, value: 321.5 }],
      reason: "更正",
    });
    expect(res.statusCode).toBe(200);
    const after = await get(viewer, OBS_URL);
    expect(after.headers["x-cache"]).toBe("miss");
    expect(township(after)?.value).toBe(321.5);
  });

  it("serves a new answer after a write straight to the store (another process)", async () => {
    const store: Store = w.store;
    await get(viewer, OBS_URL);
    expect((await get(viewer, OBS_URL)).headers["x-cache"]).toBe("hit");
    await store.writeObservations(
      [{ regionCode: IN.township, indicatorCode: INDICATOR, period: 2020, value: 4242.25 }],
      { author: "cli" },
    );
    const after = await get(viewer, OBS_URL);
    expect(after.headers["x-cache"]).toBe("miss");
    expect(township(after)?.value).toBe(4242.25);

    // regions: a renamed township and a new geometry show in children and features
    const children = `/api/regions/${IN.county}/children?level=township`;
    const features = `/api/regions/${IN.county}/features?level=township`;
    await get(viewer, children);
    await get(viewer, features);
    expect((await get(viewer, children)).headers["x-cache"]).toBe("hit");
    expect((await get(viewer, features)).headers["x-cache"]).toBe("hit");
    const current = await store.getRegion(IN.township);
    if (!current) throw new Error("seed region missing");
    await store.upsertRegions([{ ...current, name: "双江街道<新>&" }]);
    const renamed = await get(viewer, children);
    expect(renamed.headers["x-cache"]).toBe("miss");
    expect(renamed.json().items.map((r: { name: string }) => r.name)).toContain("双江街道<新>&");
    // markup stays escaped in the cached bytes, exactly as an uncached server sends it
    const again = await get(viewer, children);
    expect(again.headers["x-cache"]).toBe("hit");
    expect(again.body).toContain("\\u003c新\\u003e\\u0026");
    expect(again.body).toBe((await get(await loginAs(uncached, "viewer_yy"), children, uncached)).body);
    expect(again.body).toBe(renamed.body);
    await get(viewer, features);
    const square = {
      type: "Polygon",
      coordinates: [
        [
          [108, 30],
          [109, 30],
          [109, 31],
          [108, 30],
        ],
      ],
    };
    await store.setRegionGeometry([{ code: IN.township, geometry: JSON.stringify(square) }]);
    const withShape = await get(viewer, features);
    expect(withShape.headers["x-cache"]).toBe("miss");
    expect(JSON.stringify(withShape.json())).toContain("[109,31]");
  });

  it("answers the columns form with exactly the rows of the list, cached and retired alike", async () => {
    const columnsUrl = OBS_URL.replace("/api/observations?", "/api/observations/columns?");
    const list = (await get(viewer, OBS_URL)).json().items;
    const first = await get(viewer, columnsUrl);
    expect(first.statusCode).toBe(200);
    expect(list.length).toBeGreaterThan(0);
    expect(first.json().count).toBe(list.length);
    expect(fromObservationColumns(first.json())).toEqual(list);
    const again = await get(viewer, columnsUrl);
    expect(again.headers["x-cache"]).toBe("hit");
    expect(again.body).toBe(first.body);
    await w.store.writeObservations(
      [{ regionCode: IN.township, indicatorCode: INDICATOR, period: 2020, value: 99.75 }],
      { author: "cli" },
    );
    const after = await get(viewer, columnsUrl);
    expect(after.headers["x-cache"]).toBe("miss");
    const rows = fromObservationColumns(after.json());
    expect(rows.find((r) => r.regionCode === IN.township && r.period === 2020)?.value).toBe(99.75);
    expect(rows).toEqual((await get(viewer, OBS_URL)).json().items);
  });

  it("computes an answer once for concurrent misses, and again after a change", async () => {
    const store: Store = w.store;
    await store.writeObservations(
      [{ regionCode: IN.township, indicatorCode: INDICATOR, period: 2020, value: 77.5 }],
      { author: "cli" },
    );
    const before = calls.observations;
    const answers = await Promise.all(Array.from({ length: 8 }, () => get(viewer, OBS_URL)));
    expect(calls.observations - before).toBe(1);
    for (const a of answers) {
      expect(a.statusCode).toBe(200);
      expect(a.headers["x-cache"]).toBe("miss");
      expect(a.body).toBe(answers[0].body);
    }
    expect(township(answers[0])?.value).toBe(77.5);
    // a shared computation is not an answer for a later version
    await store.writeObservations(
      [{ regionCode: IN.township, indicatorCode: INDICATOR, period: 2020, value: 78.5 }],
      { author: "cli" },
    );
    const after = await Promise.all(Array.from({ length: 4 }, () => get(viewer, OBS_URL)));
    expect(calls.observations - before).toBe(2);
    for (const a of after) expect(township(a)?.value).toBe(78.5);
  });

  it("never shares an answer between scopes: out of scope stays 404 while an admin's answer is cached", async () => {
    const before = calls.children;
    const wide = await get(admin, CITY_COUNTIES);
    expect(wide.statusCode).toBe(200);
    expect(wide.body).toContain("万州");
    expect((await get(admin, CITY_COUNTIES)).headers["x-cache"]).toBe("hit");
    expect(calls.children - before).toBe(1);
    for (const who of [viewer, entry]) {
      const res = await get(who, CITY_COUNTIES);
      expect(res.statusCode).toBe(404);
      expect(leaks(res.body)).toEqual([]);
    }
    // an admin's API token narrowed to the county is a different scope too
    const narrow = await tokenFor(w.store, "admin_cq", { role: "viewer", regionCode: IN.county });
    const byToken = await get({ authorization: `Bearer ${narrow}` }, CITY_COUNTIES);
    expect(byToken.statusCode).toBe(404);
    expect(leaks(byToken.body)).toEqual([]);
    const outObs = await get({ authorization: `Bearer ${narrow}` }, `/api/observations?region=${OUT.county}`);
    expect(outObs.statusCode).toBe(404);
    // same request, in scope for both: each scope computes its own answer
    const obsBefore = calls.observations;
    await get(admin, OBS_URL);
    await get(viewer, OBS_URL);
    await get({ authorization: `Bearer ${narrow}` }, OBS_URL);
    expect(calls.observations - obsBefore).toBeGreaterThanOrEqual(2);
  });

  it("shows approval status changes at once", async () => {
    const target = { regionCode: IN.township, period: 2020 };
    const status = async () => township(await get(viewer, OBS_URL))?.status;
    const start = await status();
    expect((await get(viewer, OBS_URL)).headers["x-cache"]).toBe("hit");
    expect((await post(entry, "/api/approvals/submit", target)).statusCode).toBe(200);
    expect(await status()).toBe("submitted");
    expect(start).not.toBe("submitted");
    expect((await post(approver, "/api/approvals/approve", target)).statusCode).toBe(200);
    expect(await status()).toBe("approved");
    // straight through the store as well
    await w.store.setObservationStatus(
      [{ regionCode: IN.township, indicatorCode: INDICATOR, period: 2020 }],
      "locked",
      { author: "cli" },
    );
    expect(await status()).toBe("locked");
  });

  it("retires a cached evaluation run when the run changes", async () => {
    const run = await w.store.saveEvaluationRun(
      {
        runHash: "cache-h",
        inputsHash: "cache-i",
        schemeName: "cache-test",
        scheme: {},
        params: {},
        engineVersion: "1",
        actor: "admin_cq",
        regionCode: IN.county,
      },
      [
        {
          regionCode: IN.county,
          year: 2020,
          payload: { region: IN.county, year: 2020, rank: 1, score: 0.5 },
        },
      ],
    );
    const url = `/api/evaluations/${run.id}`;
    const first = await get(viewer, url);
    expect(first.statusCode).toBe(200);
    expect((await get(viewer, url)).headers["x-cache"]).toBe("hit");
    await w.store.updateEvaluationRun(run.id, { status: "published" });
    const after = await get(viewer, url);
    expect(after.headers["x-cache"]).toBe("miss");
    expect(after.json().status).toBe("published");
    // a run outside a caller's scope stays 404 although another caller's answer is cached
    const other = await w.store.saveEvaluationRun(
      {
        ...{ runHash: "h2", inputsHash: "i2", schemeName: "s", scheme: {}, params: {}, engineVersion: "1" },
        actor: "a",
        regionCode: OUT.county,
      },
      [],
    );
    expect((await get(admin, `/api/evaluations/${other.id}`)).statusCode).toBe(200);
    expect((await get(admin, `/api/evaluations/${other.id}`)).headers["x-cache"]).toBe("hit");
    expect((await get(viewer, `/api/evaluations/${other.id}`)).statusCode).toBe(404);
  });
});

describe("response cache (unit)", () => {
  it("evicts least recently used entries to stay within its byte bound", () => {
    const cache = new ResponseCache(1000);
    const body = Buffer.alloc(400, "x"); // 400 bytes plus the key
    cache.set("a", 1, body, "application/json");
    cache.set("b", 1, body, "application/json");
    expect(cache.get("a", 1)?.body).toBe(body); // a is now the most recent
    cache.set("c", 1, body, "application/json");
    expect(cache.get("b", 1)).toBeUndefined();
    expect(cache.get("a", 1)?.body).toBe(body);
    expect(cache.get("c", 1)?.body).toBe(body);
    expect(cache.stats().bytes).toBeLessThanOrEqual(1000);
    cache.set("huge", 1, Buffer.alloc(1200), "application/json");
    expect(cache.get("huge", 1)).toBeUndefined();
  });

  it("keeps each compressed form of an entry once, counted in its size", async () => {
    const cache = new ResponseCache(100_000);
    const body = Buffer.from(JSON.stringify({ items: Array.from({ length: 500 }, (_, i) => ({ i })) }));
    const entry = cache.set("k", 1, body, "application/json");
    if (entry === undefined) throw new Error("not stored");
    const before = cache.stats().bytes;
    const [a, b] = await Promise.all([cache.encoded(entry, "gzip"), cache.encoded(entry, "gzip")]);
    expect(a).toBe(b);
    expect(gunzipSync(a).equals(body)).toBe(true);
    expect(cache.stats().bytes).toBe(before + a.length);
    const br = await cache.encoded(entry, "br");
    expect(brotliDecompressSync(br).equals(body)).toBe(true);
    expect(cache.stats().bytes).toBe(before + a.length + br.length);
    expect(await cache.encoded(entry, "br")).toBe(br);
    // a newer version replaces the entry and its compressed forms
    cache.set("k", 2, body, "application/json");
    expect(cache.stats().bytes).toBe(before);
  });

  it("drops an entry of another data version", () => {
    const cache = new ResponseCache();
    cache.set("k", 7, Buffer.from("{}"), "application/json");
    expect(cache.get("k", 8)).toBeUndefined();
    expect(cache.get("k", 7)).toBeUndefined();
    expect(cache.stats().entries).toBe(0);
  });

  it("is off with RONGHE_RESPONSE_CACHE=0 and keys scopes by sorted grants", () => {
    expect(responseCacheFromEnv({ RONGHE_RESPONSE_CACHE: "0" })).toBeNull();
    expect(responseCacheFromEnv({})).toBeInstanceOf(ResponseCache);
    const a = scopeKey({
      kind: "user",
      userId: 1,
      username: "a",
      grants: [
        { role: "viewer", regionCode: "500235" },
        { role: "admin", regionCode: "500000" },
      ],
    });
    const b = scopeKey({
      kind: "user",
      userId: 2,
      username: "b",
      grants: [
        { role: "admin", regionCode: "500000" },
        { role: "viewer", regionCode: "500235" },
      ],
    });
    expect(a).toBe(b);
    expect(
      scopeKey({
        kind: "token",
        userId: 1,
        username: "a",
        grants: [{ role: "viewer", regionCode: "500235" }],
      }),
    ).not.toBe(a);
  });
});
