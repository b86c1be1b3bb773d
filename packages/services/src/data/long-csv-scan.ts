// The fast lane of long-form CSV imports: a byte scanner for files in the canonical shape that large machine-
// written uploads have (ASCII data rows of exactly the header's cells, unquoted, no padding, one kind of line end,
// digits-only region codes and years, plain decimals). It makes no string per cell: region codes are keyed by
// their digits, repeated indicator cells are compared byte for byte, values are read straight into a
// Float64Array. Anything outside that shape gives null, and the caller reads the file the general way
// (readTable), which reads every file and names every bad cell: this lane never reports errors itself.
//
// What it yields equals what readTable + the long-form cell rules give for the same file (same cells, same line
// numbers, same numbers: a decimal of at most 15 digits is read as digits ÷ 10^k, which is exact-rounded as
// Number() is; longer ones go through Number()). long-csv-scan.test.ts holds the two paths to it.

const COMMA = 44;
const LF = 10;
const CR = 13;
const MINUS = 45;
const DOT = 46;
const ZERO = 48;
const NINE = 57;

/** 10^k for k = 0..15, all exact doubles */
const POW10 = Array.from({ length: 16 }, (_, k) => 10 ** k);

export interface LongCsvHeader {
  encoding: "utf-8" | "utf-8-bom";
  /** header cells, trimmed as readTable trims them */
  header: string[];
  /** byte offset of the first data line */
  dataStart: number;
  lineEnd: "\n" | "\r\n";
}

/** Which of the header's cells holds what; every cell must have one of these roles. */
export interface LongCsvColumns {
  region: number;
  indicator: number;
  period: number;
  value: number;
}

export interface LongCsvScan {
  /** data rows read; the arrays below may be longer */
  count: number;
  /** 1-based file line of each row (blank lines are skipped but counted, as readTable counts them) */
  line: Int32Array;
  /** region cell of each row as an index into regionCells */
  region: Int32Array;
  /** distinct region cells in order of first appearance (digits only, 2–12 of them) */
  regionCells: string[];
  /** indicator cell of each row as an index into indicatorCells */
  indicator: Int32Array;
  indicatorCells: string[];
  /** the four-digit year of each row (range unchecked) */
  period: Int32Array;
  value: Float64Array;
}

/**
 * The header line of a CSV file if the file may take the fast lane: UTF-8 (BOM or not), header on line 1,
 * unquoted. Null otherwise.
 */
export function scanLongCsvHeader(bytes: Uint8Array): LongCsvHeader | null {
  const bom = bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  const start = bom ? 3 : 0;
  const lf = bytes.indexOf(LF, start);
  if (lf <= start) return null;
  const crlf = bytes[lf - 1] === CR;
  const headerEnd = crlf ? lf - 1 : lf;
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes.subarray(start, headerEnd));
  } catch {
    return null;
  }
  if (text.includes('"') || text.includes("\r") || text.trim() === "") return null;
  return {
    encoding: bom ? "utf-8-bom" : "utf-8",
    header: text.split(",").map((h) => h.trim()),
    dataStart: lf + 1,
    lineEnd: crlf ? "\r\n" : "\n",
  };
}

const PLAIN = 0;
const COMMA_KIND = 1;
const LF_KIND = 2;
const OTHER = 3;
/** What each byte is to the row splitter: plain (printable ASCII but space, comma and quote), comma, LF, other. */
const BYTE_KIND = Uint8Array.from({ length: 256 }, (_, b) =>
  b === COMMA ? COMMA_KIND : b === LF ? LF_KIND : b > 32 && b < 127 && b !== 34 ? PLAIN : OTHER,
);

/** Scans the data rows (see the module comment); null when any row is outside the canonical shape. */
export function scanLongCsvRows(
  bytes: Uint8Array,
  head: LongCsvHeader,
  columns: LongCsvColumns,
  columnCount: number,
): LongCsvScan | null {
  const n = bytes.length;
  // Columns grow as rows come (a first guess from the file size saves a pass that counts lines).
  let capacity = Math.max(1024, Math.ceil((n - head.dataStart) / 24));
  let line = new Int32Array(capacity);
  let region = new Int32Array(capacity);
  let indicator = new Int32Array(capacity);
  let period = new Int32Array(capacity);
  let value = new Float64Array(capacity);
  const regionCells: string[] = [];
  const regionOfKey = new Map<number, number>();
  const indicatorCells: string[] = [];
  const indicatorOfCell = new Map<string, number>();
  const crlf = head.lineEnd === "\r\n";
  // cell boundaries of the current row
  const cellStart = new Int32Array(columnCount);
  const cellEnd = new Int32Array(columnCount);
  let prevRegionKey = -1;
  let prevRegion = -1;
  let prevIndicatorStart = -1;
  let prevIndicatorEnd = -1;
  let prevIndicator = -1;
  let count = 0;
  let lineNo = 1;
  let pos = head.dataStart;
  while (pos < n) {
    lineNo++;
    // Split the line on commas up to its end; every byte must be plain (no space, no quote, no non-ASCII, no CR
    // but the one a CRLF file ends its lines with).
    let cell = 0;
    cellStart[0] = pos;
    let i = pos;
    for (; i < n; i++) {
      const kind = BYTE_KIND[bytes[i]];
      if (kind === PLAIN) continue;
      if (kind === COMMA_KIND) {
        cellEnd[cell] = i;
        if (++cell >= columnCount) return null;
        cellStart[cell] = i + 1;
        continue;
      }
      if (kind === LF_KIND) break;
      if (bytes[i] === CR && crlf && bytes[i + 1] === LF) break;
      return null;
    }
    const next = i < n && bytes[i] === CR ? i + 2 : i + 1;
    if (crlf && i < n && bytes[i] !== CR) return null; // a bare LF in a CRLF file
    if (i === pos) {
      pos = next; // blank line
      continue;
    }
    cellEnd[cell] = i;
    if (cell !== columnCount - 1) return null;
    pos = next;

    // region: 2–12 digits, keyed by value and length
    const rs = cellStart[columns.region];
    const re = cellEnd[columns.region];
    const rLength = re - rs;
    if (rLength < 1 || rLength > 12) return null;
    let digits = 0;
    for (let i = rs; i < re; i++) {
      const b = bytes[i];
      if (b < ZERO || b > NINE) return null;
      digits = digits * 10 + (b - ZERO);
    }
    const key = digits * 16 + rLength;
    let r = prevRegion;
    if (key !== prevRegionKey) {
      r = regionOfKey.get(key) ?? -1;
      if (r < 0) {
        r = regionCells.length;
        regionOfKey.set(key, r);
        regionCells.push(latin1(bytes, rs, re));
      }
      prevRegionKey = key;
      prevRegion = r;
    }

    // indicator: usually the previous row's
    const is = cellStart[columns.indicator];
    const ie = cellEnd[columns.indicator];
    if (ie === is) return null;
    let k = -1;
    if (ie - is === prevIndicatorEnd - prevIndicatorStart) {
      k = prevIndicator;
      for (let i = 0; i < ie - is; i++) {
        if (bytes[is + i] !== bytes[prevIndicatorStart + i]) {
          k = -1;
          break;
        }
      }
    }
    if (k < 0) {
      const text = latin1(bytes, is, ie);
      k = indicatorOfCell.get(text) ?? -1;
      if (k < 0) {
        k = indicatorCells.length;
        indicatorOfCell.set(text, k);
        indicatorCells.push(text);
      }
    }
    prevIndicatorStart = is;
    prevIndicatorEnd = ie;
    prevIndicator = k;

    // period: four digits
    const ps = cellStart[columns.period];
    if (cellEnd[columns.period] - ps !== 4) return null;
    let year = 0;
    for (let i = ps; i < ps + 4; i++) {
      const b = bytes[i];
      if (b < ZERO || b > NINE) return null;
      year = year * 10 + (b - ZERO);
    }

    const v = plainDecimalBytes(bytes, cellStart[columns.value], cellEnd[columns.value]);
    if (Number.isNaN(v)) return null;

    if (count === capacity) {
      capacity *= 2;
      line = grown(line, capacity);
      region = grown(region, capacity);
      indicator = grown(indicator, capacity);
      period = grown(period, capacity);
      value = grown(value, capacity);
    }
    line[count] = lineNo;
    region[count] = r;
    indicator[count] = k;
    period[count] = year;
    value[count] = v;
    count++;
  }
  if (count === 0) return null;
  return { count, line, region, regionCells, indicator, indicatorCells, period, value };
}

function grown<T extends Int32Array | Float64Array>(array: T, capacity: number): T {
  const next = new (array.constructor as new (length: number) => T)(capacity);
  next.set(array);
  return next;
}

function latin1(bytes: Uint8Array, from: number, to: number): string {
  return String.fromCharCode.apply(null, bytes.subarray(from, to) as unknown as number[]);
}

/**
 * The number of a plain decimal cell, by plainDecimal's rule (optional "-", digits with at most one ".", at least
 * one digit, not ending in "."), or NaN when the cell is not one or not finite.
 */
export function plainDecimalBytes(bytes: Uint8Array, from: number, to: number): number {
  let i = from;
  const negative = bytes[i] === MINUS;
  if (negative) i++;
  if (i >= to || bytes[to - 1] === DOT) return Number.NaN;
  let mantissa = 0;
  let digits = 0;
  let fraction = -1; // digits after the dot, -1 before it
  for (; i < to; i++) {
    const b = bytes[i];
    if (b >= ZERO && b <= NINE) {
      mantissa = mantissa * 10 + (b - ZERO);
      digits++;
      if (fraction >= 0) fraction++;
    } else if (b === DOT && fraction < 0) fraction = 0;
    else return Number.NaN;
  }
  if (digits === 0) return Number.NaN;
  if (digits > 15) {
    const v = Number(latin1(bytes, from, to));
    return Number.isFinite(v) ? v : Number.NaN;
  }
  // Both operands are exact (mantissa < 10^15 < 2^53), so the quotient is the correctly rounded decimal.
  const magnitude = fraction > 0 ? mantissa / POW10[fraction] : mantissa;
  return negative ? -magnitude : magnitude;
}
