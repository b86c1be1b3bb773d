// Observations as columns: one array per field, all of one length. A large query (a district's townships over
// ten years) is half the JSON of the item list and a third of its compressed bytes, because each field's values
// sit together. The dashboard asks for this form; the conversion lives here, without zod, so the server and the
// web app share one definition and the web bundle stays free of the schemas.

/** One observation as GET /api/observations lists it. */
export interface ObservationRow {
  regionCode: string;
  regionName: string;
  indicator: string;
  period: number;
  value: number | null;
  unit: string | null;
  status: string | null;
  revision: number | null;
  derived: boolean;
  rolledUp: boolean;
  source: string | null;
}

export const OBSERVATION_FIELDS = [
  "regionCode",
  "regionName",
  "indicator",
  "period",
  "value",
  "unit",
  "status",
  "revision",
  "derived",
  "rolledUp",
  "source",
] as const satisfies ReadonlyArray<keyof ObservationRow>;

export type ObservationColumns = { count: number } & {
  [K in keyof ObservationRow]: Array<ObservationRow[K]>;
};

export function toObservationColumns(rows: readonly ObservationRow[]): ObservationColumns {
  const n = rows.length;
  const columns = { count: n } as ObservationColumns;
  for (const field of OBSERVATION_FIELDS) {
    const values = new Array(n);
    for (let i = 0; i < n; i++) values[i] = rows[i][field];
    (columns as Record<string, unknown>)[field] = values;
  }
  return columns;
}

/** The rows back, in the same order; a column of the wrong length is an error, not a silent gap. */
export function fromObservationColumns(columns: ObservationColumns): ObservationRow[] {
  const n = columns.count;
  for (const field of OBSERVATION_FIELDS) {
    const values = columns[field];
    if (!Array.isArray(values) || values.length !== n)
      throw new Error(
        `observation columns: "${field}" has ${Array.isArray(values) ? values.length : "no"} values, expected ${n}`,
      );
  }
  const rows = new Array<ObservationRow>(n);
  for (let i = 0; i < n; i++) {
    rows[i] = {
      regionCode: columns.regionCode[i],
      regionName: columns.regionName[i],
      indicator: columns.indicator[i],
      period: columns.period[i],
      value: columns.value[i],
      unit: columns.unit[i],
      status: columns.status[i],
      revision: columns.revision[i],
      derived: columns.derived[i],
      rolledUp: columns.rolledUp[i],
      source: columns.source[i],
    };
  }
  return rows;
}
