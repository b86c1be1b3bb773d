// A cache of serialized responses for the heavy read endpoints (observation roll-ups, region lists and map
// features, evaluation runs). Correctness rules:
//   - an entry carries the store's data version read BEFORE its body was computed, and is served only while
//     the store's data version (Store.versions) still equals it. Every data-changing store method bumps that version in its own
//     transaction, so a change by this server, the CLI or another server sharing the database retires the entry
//     (a write racing the computation can only make an entry look older than its data: a miss, never stale);
//   - the key holds the caller's effective scope (actor kind and the sorted role@region grants, which for an API
//     token are already narrowed), so callers with different scopes never share a body;
//   - bodies are kept escaped (escapeJsonMarkup, as app.ts's onSend does for strings) and UTF-8 encoded, so a hit
//     costs no serialization and no encoding (the onSend hook passes Buffers through);
//   - it runs inside the route handler, after authentication; a request whose scope check fails throws before
//     anything is stored, and errors are never cached;
//   - concurrent misses of one key at one data version share a single computation (the first one's): after a
//     change, fifty dashboards asking the same question compute it once. A request joins only a computation of
//     the version it read itself, so it never gets an answer older than that version;
//   - an entry also keeps the body compressed (gzip, brotli), each made once, the first time a request accepts
//     that encoding (compression.ts picks it from Accept-Encoding); answers of that size say
//     `vary: accept-encoding`.
// The data version is the one read once per request (versionsOf, shared with authentication). Bounded by total
// size, compressed variants included (least recently used out first). RONGHE_RESPONSE_CACHE=0 turns it off.
import type { Actor } from "@ronghe/services";
import type { FastifyReply, FastifyRequest } from "fastify";
import { COMPRESS_MIN_BYTES, compress, type Encoding, pickEncoding, varyOnEncoding } from "./compression.ts";
import { actorOf, versionsOf } from "./context.ts";
import { escapeJsonMarkup } from "./escape-json-markup.ts";

declare module "fastify" {
  interface FastifyInstance {
    /** null when response caching is off */
    responseCache: ResponseCache | null;
  }
}

interface Entry {
  key: string;
  version: number;
  /** escaped, UTF-8 */
  body: Buffer;
  contentType: string;
  bytes: number;
  /** the body compressed, made on first demand (a pending promise is shared by concurrent requests) */
  encoded: Partial<Record<Encoding, Promise<Buffer>>>;
}

export interface ResponseCacheStats {
  hits: number;
  misses: number;
  entries: number;
  bytes: number;
}

export const DEFAULT_CACHE_BYTES = 64 * 1024 * 1024;

export class ResponseCache {
  /** insertion order = recency order (a hit re-inserts) */
  readonly #entries = new Map<string, Entry>();
  #bytes = 0;
  #hits = 0;
  #misses = 0;

  constructor(readonly maxBytes = DEFAULT_CACHE_BYTES) {}

  /** The entry for `key` if it was computed at `version`; an entry of another version is dropped. */
  get(key: string, version: number): Entry | undefined {
    const entry = this.#entries.get(key);
    if (entry === undefined || entry.version !== version) {
      if (entry !== undefined) this.#delete(key, entry);
      this.#misses++;
      return undefined;
    }
    this.#entries.delete(key);
    this.#entries.set(key, entry);
    this.#hits++;
    return entry;
  }

  /** Stores an entry and returns it (undefined when it alone exceeds the bound). */
  set(key: string, version: number, body: Buffer, contentType: string): Entry | undefined {
    const bytes = body.length + key.length * 2;
    const old = this.#entries.get(key);
    if (old !== undefined) this.#delete(key, old);
    if (bytes > this.maxBytes) return undefined;
    this.#makeRoom(bytes, null);
    const entry: Entry = { key, version, body, contentType, bytes, encoded: {} };
    this.#entries.set(key, entry);
    this.#bytes += bytes;
    return entry;
  }

  /** The entry's body in `encoding`, compressed on first demand and then kept with the entry. */
  encoded(entry: Entry, encoding: Encoding): Promise<Buffer> {
    const existing = entry.encoded[encoding];
    if (existing !== undefined) return existing;
    const made = compress(entry.body, encoding).then((buffer) => {
      // counted only while the entry is still held (it may have been evicted or replaced meanwhile)
      if (this.#entries.get(entry.key) === entry) {
        entry.bytes += buffer.length;
        this.#bytes += buffer.length;
        this.#makeRoom(0, entry);
      }
      return buffer;
    });
    // a failed compression is not kept: the next request tries again
    made.catch(() => {
      if (entry.encoded[encoding] === made) delete entry.encoded[encoding];
    });
    entry.encoded[encoding] = made;
    return made;
  }

  readonly #flights = new Map<string, Promise<unknown>>();

  /** Runs `compute` for `flightKey` unless a run for it is under way, whose outcome (or error) is then shared. */
  shared<T>(flightKey: string, compute: () => Promise<T>): Promise<T> {
    const running = this.#flights.get(flightKey);
    if (running !== undefined) return running as Promise<T>;
    const flight = compute();
    this.#flights.set(flightKey, flight);
    const done = () => {
      this.#flights.delete(flightKey);
    };
    flight.then(done, done);
    return flight;
  }

  clear(): void {
    this.#entries.clear();
    this.#bytes = 0;
  }

  stats(): ResponseCacheStats {
    return { hits: this.#hits, misses: this.#misses, entries: this.#entries.size, bytes: this.#bytes };
  }

  #delete(key: string, entry: Entry): void {
    this.#entries.delete(key);
    this.#bytes -= entry.bytes;
  }

  /** Evicts least recently used entries (never `keep`) until `extra` more bytes fit. */
  #makeRoom(extra: number, keep: Entry | null): void {
    for (const [k, e] of this.#entries) {
      if (this.#bytes + extra <= this.maxBytes) break;
      if (e !== keep) this.#delete(k, e);
    }
  }
}

/** A cache per the environment: off when RONGHE_RESPONSE_CACHE is "0", else bounded at its default size. */
export function responseCacheFromEnv(env: NodeJS.ProcessEnv = process.env): ResponseCache | null {
  return env.RONGHE_RESPONSE_CACHE === "0" ? null : new ResponseCache();
}

/** The actor's effective scope: kind plus the sorted role@region grants (a token's grants are narrowed already). */
export function scopeKey(actor: Actor): string {
  const grants = actor.grants.map((g) => `${g.role}@${g.regionCode}`).sort();
  return `${actor.kind}:${grants.join(",")}`;
}

/**
 * Route path plus the query pairs sorted by name. The sort is stable, so repeated values of one parameter keep
 * their order (it can matter to the answer); a different spelling of the same request only costs a miss.
 */
export function requestKey(request: FastifyRequest): string {
  const url = request.url;
  const q = url.indexOf("?");
  const path = q === -1 ? url : url.slice(0, q);
  const pairs = q === -1 ? [] : [...new URLSearchParams(url.slice(q + 1))];
  pairs.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  return `${request.method} ${path}?${new URLSearchParams(pairs).toString()}`;
}

/**
 * Answers from the cache when an entry for this request, scope and data version exists; otherwise runs
 * `compute` (which must do the route's own scope checks), serializes the result with the route's serializer,
 * stores it and answers with it. Call it from the handler of a GET route with a 200 answer only, and return
 * what it returns: the reply, which Fastify then awaits (onSend hooks may still be compressing when this
 * resolves; a handler resolving to undefined meanwhile would be taken as an empty answer).
 */
export async function cachedResponse(
  request: FastifyRequest,
  reply: FastifyReply,
  compute: () => Promise<unknown>,
): Promise<FastifyReply> {
  const cache = request.server.responseCache;
  if (cache === null) return reply.send(await compute());
  const key = `${requestKey(request)}\n${scopeKey(actorOf(request))}`;
  // read before computing: a change committed while computing then leaves the entry tagged with the older version
  const version = (await versionsOf(request)).data;
  const hit = cache.get(key, version);
  if (hit !== undefined) {
    reply.header("x-cache", "hit");
    return sendEntry(request, reply, cache, hit);
  }
  const contentType = "application/json; charset=utf-8";
  reply.header("x-cache", "miss");
  // the key includes the scope, so requests sharing a computation would each have computed the same answer
  const made = await cache.shared(`${key}\n${version}`, async () => {
    const serialized = reply.serialize(await compute());
    if (typeof serialized !== "string") return { serialized };
    const body = Buffer.from(escapeJsonMarkup(serialized), "utf8");
    return { body, entry: cache.set(key, version, body, contentType) };
  });
  if ("serialized" in made) return reply.type(contentType).send(made.serialized);
  if (made.entry !== undefined) return sendEntry(request, reply, cache, made.entry);
  // too big to keep: sent as any other answer (the app's onSend hook compresses it when asked to)
  return reply.type(contentType).send(made.body);
}

async function sendEntry(
  request: FastifyRequest,
  reply: FastifyReply,
  cache: ResponseCache,
  entry: Entry,
): Promise<FastifyReply> {
  reply.type(entry.contentType);
  if (entry.body.length < COMPRESS_MIN_BYTES) return reply.send(entry.body);
  varyOnEncoding(reply);
  const encoding = pickEncoding(request.headers["accept-encoding"]);
  if (encoding === null) return reply.send(entry.body);
  const encoded = await cache.encoded(entry, encoding);
  return reply.header("content-encoding", encoding).send(encoded);
}
