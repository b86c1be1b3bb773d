import { describe, expect, it } from "vitest";
import { fromObservationColumns, type ObservationRow, toObservationColumns } from "./observation-columns.ts";
import { ObservationColumnsSchema, ObservationSchema } from "./observations.ts";

const rows: ObservationRow[] = [
  {
    regionCode: "500235001",
    regionName: "双江街道",
    indicator: "ECO-01",
    period: 2020,
    value: 41234.5,
    unit: "元",
    status: "approved",
    revision: 3,
    derived: false,
    rolledUp: false,
    source: "云阳县统计局",
  },
  {
    regionCode: "500235",
    regionName: "云阳县",
    indicator: "ECO-03",
    period: 2020,
    value: null,
    unit: null,
    status: null,
    revision: null,
    derived: true,
    rolledUp: false,
    source: null,
  },
];

describe("observation columns", () => {
  it("round-trips rows, nulls and order included, and matches both schemas", () => {
    const columns = toObservationColumns(rows);
    expect(columns.count).toBe(2);
    expect(columns.value).toEqual([41234.5, null]);
    expect(ObservationColumnsSchema.parse(columns)).toEqual(columns);
    const back = fromObservationColumns(columns);
    expect(back).toEqual(rows);
    for (const r of back) expect(ObservationSchema.parse(r)).toEqual(r);
    expect(fromObservationColumns(toObservationColumns([]))).toEqual([]);
  });

  it("refuses columns of unequal length", () => {
    const columns = toObservationColumns(rows);
    columns.source = [null];
    expect(() => fromObservationColumns(columns)).toThrow(/"source" has 1 values, expected 2/);
  });

  it("the schema's fields are the row's fields", () => {
    expect(Object.keys(ObservationColumnsSchema.shape).sort()).toEqual(
      ["count", ...Object.keys(ObservationSchema.shape)].sort(),
    );
  });
});
