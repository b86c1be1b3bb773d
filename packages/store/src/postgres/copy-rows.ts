// COPY … FROM STDIN (text format) through pg-copy-streams: the bulk path into PostgreSQL tables.
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import type pg from "pg";
import pgCopy from "pg-copy-streams";

const SPECIAL = /[\\\t\n\r]/;

/** One value in COPY text format: \N for NULL; backslash, tab, newline and CR escaped. */
export function encodeCopy(value: unknown): string {
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

/**
 * encodeCopy for one column of many rows: a column mostly repeats its previous value (the same unit, source,
 * region for a run of rows), which is then not encoded again.
 */
export function columnEncoder(): (value: string | null | undefined) => string {
  let last: string | null | undefined = null;
  let lastEncoded = "\\N";
  return (value) => {
    if (value !== last) {
      last = value;
      lastEncoded = encodeCopy(value);
    }
    return lastEncoded;
  };
}

const ROWS_PER_CHUNK = 2000;

/** COPYs `rowCount` rows given as COPY text lines (tab-separated encodeCopy values, no line end). */
export async function copyLines(
  client: pg.PoolClient,
  table: string,
  columns: readonly string[],
  rowCount: number,
  lineAt: (i: number) => string,
  onProgress?: (done: number) => void,
): Promise<void> {
  function* chunks(): Generator<string> {
    for (let start = 0; start < rowCount; start += ROWS_PER_CHUNK) {
      const end = Math.min(rowCount, start + ROWS_PER_CHUNK);
      let chunk = "";
      for (let i = start; i < end; i++) chunk += `${lineAt(i)}\n`;
      yield chunk;
      onProgress?.(end);
    }
  }
  const sink = client.query(pgCopy.from(`COPY ${table} (${columns.join(", ")}) FROM STDIN`));
  await pipeline(Readable.from(chunks()), sink);
}

export async function copyRows(
  client: pg.PoolClient,
  table: string,
  columns: readonly string[],
  rowCount: number,
  rowAt: (i: number) => readonly unknown[],
  onProgress?: (done: number) => void,
): Promise<void> {
  await copyLines(
    client,
    table,
    columns,
    rowCount,
    (i) => {
      const values = rowAt(i);
      let line = encodeCopy(values[0]);
      for (let j = 1; j < values.length; j++) line += `\t${encodeCopy(values[j])}`;
      return line;
    },
    onProgress,
  );
}
