// Approved and locked observations are frozen: writes that would change them fail with `invalid_state` until
// they are un-approved from above. Rows identical to the stored value (the store skips them) are allowed, so
// re-importing the same file is harmless. Call inside the same transaction as the write.
import { RongheError } from "@ronghe/core";
import type { Observation, ObservationKey, Store } from "@ronghe/store";

/** A key, optionally with the content about to be written (then identical content is not a change). */
export type EditableRow = ObservationKey & {
  value?: number;
  unit?: string | null;
  source?: string | null;
  note?: string | null;
};

export async function assertEditable(store: Store, rows: readonly EditableRow[]): Promise<void> {
  if (rows.length === 0) return;
  const wanted = new Map<string, EditableRow>();
  let from = Number.POSITIVE_INFINITY;
  let to = Number.NEGATIVE_INFINITY;
  for (const r of rows) {
    wanted.set(`${r.regionCode}|${r.indicatorCode}|${r.period}`, r);
    if (r.period < from) from = r.period;
    if (r.period > to) to = r.period;
  }
  const regions = [...new Set(rows.map((r) => r.regionCode))];
  const indicators = [...new Set(rows.map((r) => r.indicatorCode))];
  const frozen: Observation[] = [];
  for (let i = 0; i < regions.length; i += 500) {
    const current = await store.queryObservations({
      regionCodes: regions.slice(i, i + 500),
      indicators,
      fromYear: from,
      toYear: to,
      status: ["approved", "locked"],
    });
    for (const o of current) {
      const row = wanted.get(`${o.regionCode}|${o.indicatorCode}|${o.period}`);
      if (row !== undefined && !identical(o, row)) frozen.push(o);
    }
  }
  if (frozen.length > 0) {
    throw new RongheError(
      "invalid_state",
      "approved or locked data cannot be edited; ask for un-approval first",
      {
        frozen: frozen.slice(0, 50).map((o) => ({
          regionCode: o.regionCode,
          indicator: o.indicatorCode,
          period: o.period,
          status: o.status,
        })),
      },
    );
  }
}

function identical(o: Observation, row: EditableRow): boolean {
  if (row.value === undefined) return false; // a bare key: any write counts as a change
  return (
    o.value === row.value &&
    (o.unit ?? null) === (row.unit ?? null) &&
    (o.source ?? null) === (row.source ?? null) &&
    (o.note ?? null) === (row.note ?? null)
  );
}
