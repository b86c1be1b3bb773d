// Groups the row errors of an import_rejected answer by file row (1-based, header = row 1). Errors without a
// row, or pointing past the rows read in the browser, are listed apart so none is lost.
import type { ImportRowError, ImportSummary } from "../api/types.ts";

export function groupRowErrors(
  errors: readonly ImportRowError[],
  rowCount: number,
): { byRow: Map<number, ImportRowError[]>; other: ImportRowError[] } {
  const byRow = new Map<number, ImportRowError[]>();
  const other: ImportRowError[] = [];
  for (const e of errors) {
    const r = typeof e.row === "number" && Number.isInteger(e.row) ? e.row : null;
    if (r === null || r < 2 || r > rowCount) {
      other.push(e);
      continue;
    }
    const list = byRow.get(r);
    if (list) list.push(e);
    else byRow.set(r, [e]);
  }
  return { byRow, other };
}

/** The counts of an import answer: `{summary:{rows,inserted,…}}` (api.md) or the data core's flat result. */
export function importSummaryOf(res: Record<string, unknown>): ImportSummary {
  const s = (res.summary && typeof res.summary === "object" ? res.summary : res) as Record<string, unknown>;
  const n = (...keys: string[]) => {
    for (const k of keys) if (typeof s[k] === "number") return s[k] as number;
    return 0;
  };
  return {
    rows: n("rows", "values"),
    inserted: n("inserted", "new"),
    revised: n("revised"),
    unchanged: n("unchanged"),
    normalisedNumbers: n("normalisedNumbers"),
  };
}
