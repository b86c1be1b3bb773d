// Section "load" (issue 4): the real server on loopback, on SQLite and on PostgreSQL, each with the Chongqing
// demo; autocannon at 1, 10 and 50 connections against /healthz (the floor), region children, an observation
// query over a district's townships for 10 years, and an evaluation run's results of its latest year.
// Latencies are recorded per response (autocannon's own summary has no p95). Goal: p95 of every data query
// within 5× of /healthz's at 50 connections. The server runs in a child process, so client and server do not
// share one event loop. Every request says `accept-encoding: gzip, deflate, br`, as a browser does; the
// answer's size is printed both ways.
import { readFileSync } from "node:fs";
import { request as httpRequest } from "node:http";
import { join } from "node:path";
import { brotliDecompressSync, gunzipSync, inflateSync } from "node:zlib";
import autocannon from "autocannon";
import { benchSchema, dropSchema, PG_URL, pgUnavailable } from "../lib/pg.ts";
import { type Service, startService } from "../lib/process.ts";
import type { BenchOptions, Goal, SectionReport } from "../lib/report.ts";
import { fmt, formatTable, ratio } from "../lib/table.ts";
import { makeTempDir } from "../lib/temp.ts";
import { BENCH_PASSWORD, BENCH_USER, type ServerInfo, TOWNSHIP_COUNTY } from "./constants.ts";

const CONNECTIONS = [1, 10, 50] as const;
const GOAL_P95_RATIO = 5;
/** what a browser sends (fetch adds it by itself; autocannon and node:http do not) */
const ACCEPT_ENCODING = "gzip, deflate, br";

interface Endpoint {
  name: string;
  path: (info: ServerInfo) => string;
  data: boolean;
}

const ENDPOINTS: Endpoint[] = [
  { name: "/healthz (floor)", path: () => "/healthz", data: false },
  { name: "region children", path: () => "/api/regions/500000/children?level=county", data: true },
  // the same query in both forms: the dashboard asks for columns; API clients may ask for the item list
  {
    name: "observations (columns), townships ×10 y",
    path: () => `/api/observations/columns?region=${TOWNSHIP_COUNTY}&level=township&from=2011&to=2020`,
    data: true,
  },
  {
    name: "observations (item list), townships ×10 y",
    path: () => `/api/observations?region=${TOWNSHIP_COUNTY}&level=township&from=2011&to=2020`,
    data: true,
  },
  // as the evaluation page asks for a run: its latest year (the whole run is the CLI's and reports' concern)
  {
    name: "evaluation results, latest year",
    path: (i) => `/api/evaluations/${encodeURIComponent(i.runId)}?year=latest`,
    data: true,
  },
];

interface LoadResult {
  rps: number;
  p50: number;
  p95: number;
  p99: number;
  requests: number;
  failures: number;
}

/** CPU time (user + system) of another process in ms, from /proc (Linux); null elsewhere. */
function processCpuMs(pid: number | undefined): number | null {
  if (pid === undefined) return null;
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1].split(" ");
    // utime and stime are fields 14 and 15 of stat(5), counted in clock ticks (100 per second on Linux)
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return null;
  }
}

/** This process's CPU time in ms: autocannon runs here, so this is the load generator's share. */
function ownCpuMs(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
}

function percentile(sorted: Float64Array, q: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))];
}

function cannon(url: string, connections: number, seconds: number, cookie: string): Promise<LoadResult> {
  return new Promise((resolve, reject) => {
    let times = new Float64Array(1 << 16);
    let count = 0;
    let failures = 0;
    const instance = autocannon(
      {
        url,
        connections,
        duration: seconds,
        timeout: 10,
        headers: { cookie, "accept-encoding": ACCEPT_ENCODING },
      },
      (error, result) => {
        if (error) {
          reject(error);
          return;
        }
        const sorted = times.slice(0, count).sort();
        resolve({
          rps: count / result.duration,
          p50: percentile(sorted, 0.5),
          p95: percentile(sorted, 0.95),
          p99: percentile(sorted, 0.99),
          requests: count,
          failures: failures + result.errors + result.timeouts,
        });
      },
    );
    instance.on("response", (_client, statusCode, _bytes, responseTime) => {
      if (statusCode < 200 || statusCode >= 300) {
        failures++;
        return;
      }
      if (count === times.length) {
        const bigger = new Float64Array(times.length * 2);
        bigger.set(times);
        times = bigger;
      }
      times[count++] = responseTime;
    });
  });
}

async function timedGet(url: string, cookie: string): Promise<number> {
  const t0 = performance.now();
  await fetch(url, { headers: { cookie, "accept-encoding": ACCEPT_ENCODING } }).then((r) => r.arrayBuffer());
  return performance.now() - t0;
}

/**
 * Waits until the server has worked off the requests a finished run left behind (a client that stops does not
 * stop the handlers it started): a request to the endpoint must again take no longer than twice its idle time
 * (+ 10 ms), twice in a row. At most 60 s.
 */
async function drain(url: string, cookie: string, idleMs: number): Promise<void> {
  const until = Date.now() + 60_000;
  let fast = 0;
  while (fast < 2 && Date.now() < until) {
    fast = (await timedGet(url, cookie)) <= 2 * idleMs + 10 ? fast + 1 : 0;
  }
}

async function login(base: string): Promise<string> {
  const res = await fetch(`${base}/api/session`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ username: BENCH_USER, password: BENCH_PASSWORD }),
  });
  if (!res.ok) throw new Error(`login answered ${res.status}`);
  const cookie = res.headers.getSetCookie().find((c) => c.startsWith("ronghe_session="));
  if (!cookie) throw new Error("login set no session cookie");
  return cookie.split(";")[0];
}

/** A GET whose body is kept as sent (fetch would decode it): status, content-encoding and the raw bytes. */
function rawGet(
  url: string,
  headers: Record<string, string>,
): Promise<{ status: number; encoding: string | null; body: Buffer }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, { headers }, (res) => {
      const parts: Buffer[] = [];
      res.on("data", (d: Buffer) => parts.push(d));
      res.on("end", () => {
        const encoding = res.headers["content-encoding"] ?? null;
        resolve({ status: res.statusCode ?? 0, encoding, body: Buffer.concat(parts) });
      });
      res.on("error", reject);
    });
    req.on("error", reject);
    req.end();
  });
}

function decode(encoding: string | null, body: Buffer): Buffer {
  if (encoding === null || encoding === "identity") return body;
  if (encoding === "br") return brotliDecompressSync(body);
  if (encoding === "gzip") return gunzipSync(body);
  if (encoding === "deflate") return inflateSync(body);
  throw new Error(`unknown content-encoding ${encoding}`);
}

interface Probe {
  /** for the notes */
  text: string;
  /** body bytes on the wire as the benchmark's requests get them, and the JSON's own size */
  wireBytes: number;
  jsonBytes: number;
}

/**
 * One GET of each endpoint, plain and with the browser's Accept-Encoding: both must answer 200 with the same data,
 * else the load figures would measure an error page (or a wrong answer).
 */
async function probe(base: string, path: string, cookie: string): Promise<Probe> {
  const plain = await rawGet(`${base}${path}`, { cookie });
  const text = plain.body.toString("utf8");
  if (plain.status !== 200) throw new Error(`${path} answered ${plain.status}: ${text.slice(0, 200)}`);
  const sent = await rawGet(`${base}${path}`, { cookie, "accept-encoding": ACCEPT_ENCODING });
  if (sent.status !== 200) throw new Error(`${path} answered ${sent.status} with accept-encoding`);
  if (plain.encoding !== null)
    throw new Error(`${path} was encoded (${plain.encoding}) without accept-encoding`);
  if (!decode(sent.encoding, sent.body).equals(plain.body)) {
    throw new Error(`${path}: the ${sent.encoding} answer does not decode to the plain one`);
  }
  const json = JSON.parse(text) as {
    items?: unknown[];
    rows?: unknown[];
    results?: unknown[];
    count?: number;
  };
  const items = json.items ?? json.rows ?? json.results;
  const count = Array.isArray(items) ? items.length : json.count;
  const size = `${fmt(plain.body.length / 1024, 1)} kB JSON${typeof count === "number" ? ` (${count} items)` : ""}`;
  const wire =
    sent.encoding === null ? "sent plain" : `${fmt(sent.body.length / 1024, 1)} kB ${sent.encoding}`;
  return { text: `${size}, ${wire}`, wireBytes: sent.body.length, jsonBytes: plain.body.length };
}

export async function loadSection(options: BenchOptions): Promise<SectionReport> {
  const seconds = options.quick ? 2 : 5;
  const notes: string[] = [];
  const goals: Goal[] = [];
  const tables: string[] = [];
  const pgNote = await pgUnavailable();
  if (pgNote) notes.push(`${pgNote}; the PostgreSQL run is skipped`);
  const tmp = makeTempDir("load");
  const stores: Array<{ label: string; args: string[]; schema?: string }> = [
    { label: "SQLite", args: ["sqlite", join(tmp.dir, "load.db")] },
  ];
  if (!pgNote) {
    const schema = benchSchema("load");
    stores.push({ label: "PostgreSQL", args: ["postgres", PG_URL, schema], schema });
  }
  notes.push(
    `autocannon ${seconds} s per cell after a 1 s warm-up per endpoint, each cell starting on an idle server; every request sends ` +
      `"accept-encoding: ${ACCEPT_ENCODING}" as a browser does ("kB sent / JSON": the answer body as sent, and decoded); server: startServer() on 127.0.0.1 in a child process, ` +
      `LOG_LEVEL=warn (no per-request log lines), web app not served; client and server share the machine's cores; ` +
      "requests still in flight when a run ends are not counted, so for endpoints slower than the run the percentiles understate; " +
      "cpu ms/req: CPU time (user + system) of the server process and of the load generator (autocannon, in the bench process) " +
      "during the cell, per completed request",
  );
  try {
    for (const s of stores) {
      let service: Service<ServerInfo> | null = null;
      try {
        service = await startService<ServerInfo>("../load/server.case.ts", s.args, 1_200_000, {
          LOG_LEVEL: "warn",
        });
        const info = service.info;
        const cookie = await login(info.url);
        const sizes: string[] = [];
        const probes = new Map<string, Probe>();
        // one request per endpoint on the idle server: a check that it answers with data, then its idle latency
        const idle = new Map<string, number>();
        for (const e of ENDPOINTS) {
          const p = await probe(info.url, e.path(info), cookie);
          probes.set(e.name, p);
          sizes.push(`${e.name}: ${p.text}`);
          const times: number[] = [];
          for (let k = 0; k < 5; k++) times.push(await timedGet(`${info.url}${e.path(info)}`, cookie));
          idle.set(e.name, times.sort((x, y) => x - y)[2]);
        }
        notes.push(
          `${s.label}: store prepared in ${fmt(info.prepareMs / 1000, 1)} s (demo, ${fmt(info.townshipValues)} synthetic township values ` +
            `for ${info.townships} townships of ${TOWNSHIP_COUNTY}, one evaluation run); responses — ${sizes.join("; ")}`,
        );
        const rows: Array<Array<string | number | null>> = [];
        const at50 = new Map<string, LoadResult>();
        /** server CPU ms per answer at 50 connections */
        const cpu50 = new Map<string, number>();
        for (const e of ENDPOINTS) {
          const url = `${info.url}${e.path(info)}`;
          const idleMs = idle.get(e.name) ?? Number.POSITIVE_INFINITY;
          await drain(url, cookie, idleMs);
          await cannon(url, 10, 1, cookie);
          for (const c of CONNECTIONS) {
            await drain(url, cookie, idleMs);
            const serverBefore = processCpuMs(service.pid);
            const clientBefore = ownCpuMs();
            const r = await cannon(url, c, seconds, cookie);
            const serverAfter = processCpuMs(service.pid);
            const clientMs = ownCpuMs() - clientBefore;
            const serverMs =
              serverBefore === null || serverAfter === null ? null : serverAfter - serverBefore;
            if (c === 50) {
              at50.set(e.name, r);
              if (serverMs !== null && r.requests > 0) cpu50.set(e.name, serverMs / r.requests);
            }
            const p = probes.get(e.name);
            rows.push([
              e.name,
              c,
              p ? `${fmt(p.wireBytes / 1024, 1)} / ${fmt(p.jsonBytes / 1024, 1)}` : null,
              fmt(r.rps),
              fmt(r.p50, 1),
              fmt(r.p95, 1),
              fmt(r.p99, 1),
              fmt(r.requests),
              r.failures,
              serverMs === null || r.requests === 0 ? "—" : fmt(serverMs / r.requests, 3),
              r.requests === 0 ? "—" : fmt(clientMs / r.requests, 3),
            ]);
            if (r.failures > 0)
              notes.push(
                `${s.label} ${e.name} at ${c} connections: ${r.failures} failed requests (non-2xx, errors, timeouts)`,
              );
          }
        }
        tables.push(
          formatTable(
            `Load — ${s.label}: latency in ms (every 2xx response), requests per second`,
            [
              "endpoint",
              "conns",
              "kB sent / JSON",
              "req/s",
              "p50",
              "p95",
              "p99",
              "requests",
              "failed",
              "server cpu ms/req",
              "client cpu ms/req",
            ],
            rows,
          ),
        );
        const floor = at50.get(ENDPOINTS[0].name);
        for (const e of ENDPOINTS.filter((x) => x.data)) {
          const r = at50.get(e.name);
          const name = `${s.label}: p95 of ${e.name} within ${GOAL_P95_RATIO}× of /healthz at 50 connections`;
          if (!floor || !r || floor.requests === 0) goals.push({ name, met: null, detail: "not measured" });
          else if (r.requests === 0)
            goals.push({ name, met: false, detail: `no response completed within the ${seconds} s run` });
          else {
            const q = r.p95 / floor.p95;
            const cpu = cpu50.get(e.name);
            const cpuFloor = cpu50.get(ENDPOINTS[0].name);
            const cpuNote =
              cpu !== undefined && cpuFloor !== undefined && cpuFloor > 0
                ? `; server CPU per answer ${ratio(cpu / cpuFloor, 1)} /healthz's`
                : "";
            goals.push({
              name,
              met: q <= GOAL_P95_RATIO,
              detail: `${ratio(q, 1)} (${fmt(r.p95, 1)} ms vs ${fmt(floor.p95, 1)} ms${cpuNote})`,
            });
          }
        }
      } catch (error) {
        notes.push(`${s.label}: ${(error as Error).message}`);
        for (const e of ENDPOINTS.filter((x) => x.data)) {
          goals.push({
            name: `${s.label}: p95 of ${e.name} within ${GOAL_P95_RATIO}× of /healthz at 50 connections`,
            met: null,
            detail: "not measured (see notes)",
          });
        }
      } finally {
        await service?.stop();
        if (s.schema)
          await dropSchema(s.schema).catch((e: Error) =>
            notes.push(`could not drop schema ${s.schema}: ${e.message}`),
          );
      }
    }
  } finally {
    tmp.remove();
  }
  return { title: "load", tables, notes, goals };
}
