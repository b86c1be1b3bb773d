// HTML building blocks for the report: escaping (every data string goes through `esc`) and number formatting
// that never prints NaN or "undefined" (a missing number is an em dash).
export function esc(value: unknown): string {
  if (value === null || value === undefined) return "";
  return String(value)
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&#39;");
}

export const DASH = "—";

const finite = (v: number | null | undefined): v is number => typeof v === "number" && Number.isFinite(v);

/** Fixed decimals; null/NaN → "—". */
export function fixed(v: number | null | undefined, digits: number): string {
  if (!finite(v)) return DASH;
  const s = v.toFixed(digits);
  return /^-0(\.0*)?$/.test(s) ? s.slice(1) : s;
}

/** Thousands separators (1,234,567.8); null → "—". */
export function grouped(v: number | null | undefined, digits = 0): string {
  if (!finite(v)) return DASH;
  const [int, frac] = fixed(v, digits).split(".");
  const sign = int.startsWith("-") ? "-" : "";
  const body = (sign ? int.slice(1) : int).replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  return `${sign}${body}${frac ? `.${frac}` : ""}`;
}

/** A change with an explicit sign (+0.012 / −0.030); null → "—". */
export function signed(v: number | null | undefined, digits: number): string {
  if (!finite(v)) return DASH;
  const s = fixed(Math.abs(v), digits);
  if (Number(s) === 0) return fixed(0, digits);
  return `${v > 0 ? "+" : "−"}${s}`;
}

/** A fraction as a percentage (0.1234 → "12.3%"). */
export function percent(v: number | null | undefined, digits = 1): string {
  return finite(v) ? `${fixed(v * 100, digits)}%` : DASH;
}

/** A cell spanning several columns. */
export interface SpanCell {
  html: string;
  colspan: number;
}

/** A table from rows of already-escaped cell HTML. */
export function table(head: string[], rows: Array<Array<string | SpanCell>>, className = ""): string {
  const th = head.map((h) => `<th>${h}</th>`).join("");
  const td = (c: string | SpanCell) =>
    typeof c === "string" ? `<td>${c}</td>` : `<td colspan="${c.colspan}">${c.html}</td>`;
  const body = rows.map((r) => `<tr>${r.map(td).join("")}</tr>`).join("\n");
  return `<table${className ? ` class="${className}"` : ""}><thead><tr>${th}</tr></thead><tbody>\n${body}\n</tbody></table>`;
}
