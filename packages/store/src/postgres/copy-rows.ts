// COPY … FROM STDIN (text format) through pg-copy-streams: the bulk path into PostgreSQL tables.
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import type pg from "pg";
import pgCopy from "pg-copy-streams";

const SPECIAL = /[\\\t\n\r]/;

/** One value in COPY text format: \N for NULL; backslash, tab, newline and CR escaped. */
function encode(value: unknown): string {
  if (value === null || value === undefined) return "\\N";
  if (typeof value === "number") return String(value);
  if (typeof value === "boolean") return value ? "t" : "f";
  const text = String(value);
  // Most cells (codes, numbers, names) need no escaping: skip the replace and its allocation.
  if (!SPECIAL.test(text)) return text;
  return text.replace(/[\\\t\n\r]/g, (c) =>
    c === "\\" ? "\\\\" : c === "\t" ? "\\t" : c === "\n" ? "\\n" : "\\r",
  );
}

const ROWS_PER_CHUNK = 2000;

export async function copyRows(
  client: pg.PoolClient,
  table: string,
  columns: readonly string[],
  rowCount: number,
  rowAt: (i: number) => readonly unknown[],
  onProgress?: (done: number) => void,
): Promise<void> {
  function* chunks(): Generator<string> {
    for (let start = 0; start < rowCount; start += ROWS_PER_CHUNK) {
      const end = Math.min(rowCount, start + ROWS_PER_CHUNK);
      let chunk = "";
      for (let i = start; i < end; i++) {
        const values = rowAt(i);
        let line = encode(values[0]);
        for (let j = 1; j < values.length; j++) line += `\t${encode(values[j])}`;
        chunk += `${line}\n`;
      }
      yield chunk;
      onProgress?.(end);
    }
  }
  const sink = client.query(pgCopy.from(`COPY ${table} (${columns.join(", ")}) FROM STDIN`));
  await pipeline(Readable.from(chunks()), sink);
}
