// Numbers as people type them in Chinese spreadsheets: "1,234.5" (thousands separators) and full-width
// "１２３４．５" are read; the import reports how many were normalised. Anything else is non-numeric.

const FULL_WIDTH = /[０-９．，－＋　]/g;
const HAS_FULL_WIDTH = /[０-９．，－＋　]/;

function halfWidth(ch: string): string {
  if (ch === "　") return " ";
  return String.fromCharCode(ch.charCodeAt(0) - 0xfee0);
}

const PLAIN = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;
const GROUPED = /^[+-]?\d{1,3}(?:,\d{3})+(?:\.\d+)?$/;

export interface ParsedNumber {
  value: number;
  /** true when full-width characters or thousands separators had to be rewritten */
  normalised: boolean;
}

export function parseNumberCell(text: string): ParsedNumber | null {
  let t = text.trim();
  let normalised = false;
  if (HAS_FULL_WIDTH.test(t)) {
    t = t.replace(FULL_WIDTH, halfWidth).trim();
    normalised = true;
  }
  if (t === "") return null;
  if (GROUPED.test(t)) {
    t = t.replace(/,/g, "");
    normalised = true;
  }
  if (!PLAIN.test(t)) return null;
  const value = Number(t);
  return Number.isFinite(value) ? { value, normalised } : null;
}

/** Full-width digits in codes and years ("５００２３５") → ASCII. */
export function halfWidthDigits(text: string): string {
  return text.replace(/[０-９]/g, halfWidth).trim();
}

/**
 * The value of a plain ASCII decimal ("123", "-4.50"), or null for anything else (then use parseNumberCell).
 * The per-cell fast path of large imports: one scan, no regular expression, no allocation.
 */
export function plainDecimal(text: string): number | null {
  const n = text.length;
  let i = text.charCodeAt(0) === 45 ? 1 : 0; // "-"
  if (i >= n) return null;
  let digits = 0;
  let dot = false;
  for (; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c >= 48 && c <= 57) digits++;
    else if (c === 46 && !dot) dot = true;
    else return null;
  }
  if (digits === 0 || text.charCodeAt(n - 1) === 46) return null;
  const value = Number(text);
  return Number.isFinite(value) ? value : null;
}
