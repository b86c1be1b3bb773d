// Response compression negotiated by the client's Accept-Encoding (browsers send "gzip, deflate, br"; fetch in
// the web app decodes transparently). Cached answers keep their compressed variants (response-cache.ts); other
// JSON answers of at least COMPRESS_MIN_BYTES are compressed as they are sent, in the libuv thread pool.
import { promisify } from "node:util";
import zlib from "node:zlib";
import type { FastifyReply } from "fastify";

export type Encoding = "br" | "gzip";

/** below this, the saving does not pay for the work and the header */
export const COMPRESS_MIN_BYTES = 1024;

const gzip = promisify(zlib.gzip);
const brotli = promisify(zlib.brotliCompress);

/**
 * Brotli at quality 5: on the observation and evaluation answers (0.3–0.75 MB of JSON) it is 10–20 % smaller
 * than gzip's default level at about the same time (3–7 ms); higher qualities cost 2–3× that for ~2 % less.
 */
const BROTLI_QUALITY = 5;

export function compress(body: Buffer | string, encoding: Encoding): Promise<Buffer> {
  if (encoding === "gzip") return gzip(body, { level: zlib.constants.Z_DEFAULT_COMPRESSION });
  return brotli(body, {
    params: {
      [zlib.constants.BROTLI_PARAM_QUALITY]: BROTLI_QUALITY,
      [zlib.constants.BROTLI_PARAM_MODE]: zlib.constants.BROTLI_MODE_TEXT,
      [zlib.constants.BROTLI_PARAM_SIZE_HINT]: Buffer.byteLength(body),
    },
  });
}

const QVALUE = /^(?:0(?:\.\d{0,3})?|1(?:\.0{0,3})?)$/;

/**
 * The encoding to answer with per Accept-Encoding (RFC 9110 §12.5.3): of br and gzip, the acceptable one
 * (q > 0, named or through "*") with the higher q, brotli on a tie; null → identity. "x-gzip" counts as gzip; a
 * malformed q makes its entry unacceptable. No header, or one naming neither, means identity.
 */
export function pickEncoding(header: string | string[] | undefined): Encoding | null {
  if (header === undefined) return null;
  const text = Array.isArray(header) ? header.join(",") : header;
  // clients repeat the same header on every request
  if (text === lastHeader) return lastPick;
  const pick = parseAcceptEncoding(text);
  lastHeader = text;
  lastPick = pick;
  return pick;
}

let lastHeader: string | null = null;
let lastPick: Encoding | null = null;

function parseAcceptEncoding(text: string): Encoding | null {
  const q = new Map<string, number>();
  for (const part of text.split(",")) {
    const [rawName, ...params] = part.split(";");
    const name = rawName.trim().toLowerCase();
    if (name.length === 0) continue;
    let weight = 1;
    for (const param of params) {
      const eq = param.indexOf("=");
      if (eq === -1 || param.slice(0, eq).trim().toLowerCase() !== "q") continue;
      const value = param.slice(eq + 1).trim();
      weight = QVALUE.test(value) ? Number(value) : 0;
    }
    // the first mention of a coding counts
    if (!q.has(name)) q.set(name, weight);
  }
  const star = q.get("*") ?? 0;
  const br = q.get("br") ?? star;
  const gz = q.get("gzip") ?? q.get("x-gzip") ?? star;
  if (br <= 0 && gz <= 0) return null;
  return br >= gz ? "br" : "gzip";
}

/** Adds accept-encoding to the reply's Vary header (once). */
export function varyOnEncoding(reply: FastifyReply): void {
  const current = reply.getHeader("vary");
  if (current === undefined) {
    reply.header("vary", "accept-encoding");
    return;
  }
  const text = Array.isArray(current) ? current.join(", ") : String(current);
  const names = text.split(",").map((v) => v.trim().toLowerCase());
  if (names.includes("*") || names.includes("accept-encoding")) return;
  reply.header("vary", `${text}, accept-encoding`);
}
