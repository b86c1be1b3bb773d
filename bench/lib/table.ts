// Plain-text tables with aligned columns: numbers right-aligned, text left-aligned. Width counts CJK characters
// as two columns so Chinese labels line up in a terminal.

export type Cell = string | number | null;

function displayWidth(text: string): number {
  let w = 0;
  for (const ch of text)
    w += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/.test(
      ch,
    )
      ? 2
      : 1;
  return w;
}

function pad(text: string, width: number, right: boolean): string {
  const fill = " ".repeat(Math.max(0, width - displayWidth(text)));
  return right ? fill + text : text + fill;
}

/** A number with a fixed count of decimals and thousands separators; null (not measured) as "—". */
export function fmt(value: number | null | undefined, decimals = 0): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return "—";
  return value.toLocaleString("en-US", { minimumFractionDigits: decimals, maximumFractionDigits: decimals });
}

/** A ratio as "1.23×"; null as "—". */
export function ratio(value: number | null | undefined, decimals = 2): string {
  return value === null || value === undefined || !Number.isFinite(value) ? "—" : `${fmt(value, decimals)}×`;
}

export function formatTable(
  title: string,
  header: readonly string[],
  rows: readonly (readonly Cell[])[],
): string {
  const text = rows.map((r) => r.map((c) => (c === null ? "—" : String(c))));
  const numeric = header.map(
    (_, j) =>
      text.length > 0 &&
      rows.every(
        (r) => typeof r[j] === "number" || /^[-+]?[\d,.]+(×|%| s| ms| MB)?$|^—$/.test(String(r[j] ?? "—")),
      ),
  );
  const widths = header.map((h, j) =>
    Math.max(displayWidth(h), ...text.map((r) => displayWidth(r[j] ?? ""))),
  );
  const line = (cells: readonly string[]) =>
    cells
      .map((c, j) => pad(c, widths[j], numeric[j]))
      .join("  ")
      .trimEnd();
  const rule = widths.map((w) => "─".repeat(w)).join("  ");
  return [title, line(header), rule, ...text.map(line)].join("\n");
}
