// Compression the client asks for: a compressed answer decodes to exactly the bytes of the plain one, cached or
// not; q=0 and the absence of Accept-Encoding give the plain answer; every answer that could be compressed says
// `vary: accept-encoding`, and the cache's x-cache header still tells hits from misses.
import { brotliDecompressSync, gunzipSync } from "node:zlib";
import type { FastifyInstance, LightMyRequestResponse } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildServer } from "../src/app.ts";
import { pickEncoding } from "../src/compression.ts";
import { ResponseCache } from "../src/response-cache.ts";
import { buildWorld, IN, INDICATOR, type Login, loginAs, type World } from "./builders.ts";

const OBS_URL = `/api/observations?region=${IN.county}&level=township&from=2000&to=2020`;

function decoded(res: LightMyRequestResponse): string {
  const encoding = res.headers["content-encoding"];
  if (encoding === undefined) return res.rawPayload.toString("utf8");
  if (encoding === "gzip") return gunzipSync(res.rawPayload).toString("utf8");
  if (encoding === "br") return brotliDecompressSync(res.rawPayload).toString("utf8");
  throw new Error(`unexpected content-encoding ${String(encoding)}`);
}

describe("compression negotiated by Accept-Encoding", () => {
  let w: World;
  let app: FastifyInstance;
  let uncached: FastifyInstance;
  let viewer: Login;
  let plain: string;

  beforeAll(async () => {
    w = await buildWorld("sqlite");
    const rows = [];
    for (let period = 2000; period <= 2019; period++)
      rows.push({ regionCode: IN.township, indicatorCode: INDICATOR, period, value: period / 10 });
    await w.store.writeObservations(rows, { author: "seed" });
    app = buildServer({ store: w.store, responseCache: new ResponseCache() });
    uncached = buildServer({ store: w.store, responseCache: null });
    await app.ready();
    await uncached.ready();
    viewer = await loginAs(app, "viewer_yy");
    const res = await get(app, undefined);
    expect(res.statusCode).toBe(200);
    plain = res.body;
    expect(Buffer.byteLength(plain)).toBeGreaterThan(2048);
  });
  afterAll(async () => {
    await app.close();
    await uncached.close();
    await w.close();
  });

  function get(on: FastifyInstance, acceptEncoding: string | undefined, url = OBS_URL) {
    const headers: Record<string, string> = { ...viewer.read };
    if (acceptEncoding !== undefined) headers["accept-encoding"] = acceptEncoding;
    return on.inject({ method: "GET", url, headers });
  }

  it("serves a cached answer compressed as asked, decoding to the identical JSON", async () => {
    for (const [header, expected] of [
      ["gzip, deflate, br", "br"],
      ["gzip", "gzip"],
      ["x-gzip", "gzip"],
      ["br;q=0.5, gzip;q=0.8", "gzip"],
      ["*", "br"],
    ] as const) {
      const res = await get(app, header);
      expect(res.statusCode).toBe(200);
      expect(res.headers["x-cache"], header).toBe("hit");
      expect(res.headers["content-encoding"], header).toBe(expected);
      expect(res.headers.vary).toBe("accept-encoding");
      expect(res.headers["content-type"]).toBe("application/json; charset=utf-8");
      expect(Number(res.headers["content-length"])).toBe(res.rawPayload.length);
      expect(res.rawPayload.length).toBeLessThan(Buffer.byteLength(plain));
      expect(decoded(res)).toBe(plain);
    }
  });

  it("respects q=0 and answers plainly without Accept-Encoding or with identity", async () => {
    for (const header of [
      undefined,
      "identity",
      "gzip;q=0, br;q=0",
      "*;q=0",
      "br;q=0, gzip;q=0, *",
      "deflate",
    ]) {
      const res = await get(app, header);
      expect(res.statusCode).toBe(200);
      expect(res.headers["content-encoding"], String(header)).toBeUndefined();
      expect(res.headers.vary).toBe("accept-encoding");
      expect(res.body).toBe(plain);
    }
    const noBrotli = await get(app, "br;q=0, gzip");
    expect(noBrotli.headers["content-encoding"]).toBe("gzip");
    expect(decoded(noBrotli)).toBe(plain);
    const noGzip = await get(app, "gzip;q=0, *");
    expect(noGzip.headers["content-encoding"]).toBe("br");
  });

  it("compresses a miss too, and x-cache still tells a miss from a hit", async () => {
    await w.store.writeObservations(
      [{ regionCode: IN.township, indicatorCode: INDICATOR, period: 2020, value: 201 }],
      { author: "seed" },
    );
    const miss = await get(app, "gzip, br");
    expect(miss.headers["x-cache"]).toBe("miss");
    expect(miss.headers["content-encoding"]).toBe("br");
    const hit = await get(app, "gzip");
    expect(hit.headers["x-cache"]).toBe("hit");
    expect(hit.headers["content-encoding"]).toBe("gzip");
    const identity = await get(app, undefined);
    expect(identity.headers["x-cache"]).toBe("hit");
    expect(decoded(miss)).toBe(identity.body);
    expect(decoded(hit)).toBe(identity.body);
    expect(identity.body).not.toBe(plain);
    expect(identity.body).toContain('"value":201');
    plain = identity.body;
  });

  it("compresses other JSON answers of some size, not small ones, and never escapes markup twice", async () => {
    const big = await get(uncached, "gzip, deflate, br");
    expect(big.statusCode, big.body.slice(0, 200)).toBe(200);
    expect(big.headers["x-cache"]).toBeUndefined();
    expect(big.headers["content-encoding"]).toBe("br");
    expect(big.headers.vary).toBe("accept-encoding");
    expect(decoded(big)).toBe(plain);
    const small = await get(uncached, "gzip, deflate, br", "/api/session");
    expect(small.statusCode).toBe(200);
    expect(small.headers["content-encoding"]).toBeUndefined();
    // the OpenAPI document is JSON too
    const docs = await uncached.inject({
      method: "GET",
      url: "/api/docs/json",
      headers: { "accept-encoding": "gzip" },
    });
    expect(docs.headers["content-encoding"]).toBe("gzip");
    expect(JSON.parse(decoded(docs)).openapi).toMatch(/^3\./);
    // markup is escaped (once) before compressing, cached or not
    const township = await w.store.getRegion(IN.township);
    if (!township) throw new Error("seed region missing");
    await w.store.upsertRegions([{ ...township, name: "双江<b>&" }]);
    const children = `/api/regions/${IN.county}/children?level=township`;
    for (const on of [uncached, app]) {
      const identity = await get(on, undefined, children);
      expect(identity.body).toContain("双江\\u003cb\\u003e\\u0026");
      expect(decoded(await get(on, "gzip", children))).toBe(identity.body);
    }
  });

  it("leaves /healthz and errors alone", async () => {
    const health = await app.inject({ method: "GET", url: "/healthz", headers: { "accept-encoding": "br" } });
    expect(health.headers["content-encoding"]).toBeUndefined();
    expect(health.json()).toEqual({ ok: true });
    const denied = await app.inject({ method: "GET", url: OBS_URL, headers: { "accept-encoding": "br" } });
    expect(denied.statusCode).toBe(401);
    expect(denied.headers["content-encoding"]).toBeUndefined();
  });
});

describe("pickEncoding", () => {
  it("picks the acceptable encoding with the higher q, brotli on a tie, identity otherwise", () => {
    expect(pickEncoding(undefined)).toBeNull();
    expect(pickEncoding("")).toBeNull();
    expect(pickEncoding("identity")).toBeNull();
    expect(pickEncoding("deflate")).toBeNull();
    expect(pickEncoding("gzip, deflate, br")).toBe("br");
    expect(pickEncoding("gzip, deflate, br, zstd")).toBe("br");
    expect(pickEncoding("GZIP")).toBe("gzip");
    expect(pickEncoding("br;q=0.1, gzip")).toBe("gzip");
    expect(pickEncoding("br;q=0, gzip;q=0")).toBeNull();
    expect(pickEncoding("br; q=0.000, gzip ; Q=0.5")).toBe("gzip");
    expect(pickEncoding("*;q=0")).toBeNull();
    expect(pickEncoding("*;q=0, gzip")).toBe("gzip");
    expect(pickEncoding("*")).toBe("br");
    expect(pickEncoding("gzip;q=0, *")).toBe("br");
    expect(pickEncoding("br;q=abc, gzip")).toBe("gzip");
    expect(pickEncoding("br;q=1.5")).toBeNull();
    expect(pickEncoding(["gzip", "br;q=0"])).toBe("gzip");
  });
});
