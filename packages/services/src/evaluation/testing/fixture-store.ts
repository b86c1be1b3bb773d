// A tiny store for evaluation tests: province 990000 → prefecture 990100 → counties 990101…, unit-square
// polygons on a grid (1° apart) with a point at each centre, and whatever indicators and values a test gives.
import type { Indicator, Store } from "@ronghe/store";
import { openStore } from "@ronghe/store";
import { type ServiceContext, SYSTEM_ACTOR } from "../../context.ts";

export interface FixtureIndicator {
  code: string;
  direction?: "+" | "-";
  role?: Indicator["role"];
  formula?: string | null;
}

export interface FixtureOptions {
  /** counties as [name, column, row] on the grid; code = 9901 + two digits in order */
  counties: [string, number, number][];
  indicators: FixtureIndicator[];
  /** region index → year → code → value (absent = missing) */
  values: Record<number, Record<number, Record<string, number>>>;
  /** leave out polygons / points */
  withPolygons?: boolean;
  withPoints?: boolean;
  /** store URL (default an in-memory SQLite store) */
  url?: string;
}

/** Five counties: three in the first grid row, two in the second. */
export const FIVE_COUNTIES: [string, number, number][] = [
  ["甲县", 0, 0],
  ["乙县", 1, 0],
  ["丙县", 2, 0],
  ["丁县", 0, 1],
  ["戊县", 1, 1],
];

export const countyCode = (i: number) => `9901${String(i + 1).padStart(2, "0")}`;

function square(col: number, row: number): string {
  const ring = [
    [col, row],
    [col + 1, row],
    [col + 1, row + 1],
    [col, row + 1],
    [col, row],
  ];
  return JSON.stringify({ type: "Polygon", coordinates: [ring] });
}

export async function fixtureStore(options: FixtureOptions): Promise<{ store: Store; ctx: ServiceContext }> {
  const store = await openStore(options.url ?? ":memory:");
  await store.upsertRegions([
    { code: "990000", statCode: "990000000000", parentCode: null, level: "province", name: "测试省" },
    { code: "990100", statCode: "990100000000", parentCode: "990000", level: "prefecture", name: "测试市" },
    ...options.counties.map(([name, col, row], i) => ({
      code: countyCode(i),
      statCode: `${countyCode(i)}000000`,
      parentCode: "990100",
      level: "county" as const,
      name,
      ...(options.withPoints === false ? {} : { lng: 100 + col + 0.5, lat: 30 + row + 0.5 }),
      ...(options.withPolygons === false ? {} : { geometry: square(100 + col, 30 + row) }),
    })),
  ]);
  await store.upsertIndicators(
    options.indicators.map(
      (ind): Indicator => ({
        code: ind.code,
        nameZh: `指标${ind.code}`,
        nameEn: null,
        unit: "1",
        direction: ind.direction ?? "+",
        dimension: null,
        role: ind.role ?? "whole",
        levels: ["county"],
        aggregation: "none",
        weightIndicator: null,
        formula: ind.formula ?? null,
        description: null,
        source: null,
        builtin: false,
        notes: null,
      }),
    ),
  );
  const rows = Object.entries(options.values).flatMap(([r, byYear]) =>
    Object.entries(byYear).flatMap(([year, byCode]) =>
      Object.entries(byCode).map(([code, value]) => ({
        regionCode: countyCode(Number(r)),
        indicatorCode: code,
        period: Number(year),
        value,
      })),
    ),
  );
  if (rows.length > 0)
    await store.writeObservations(rows, { author: "test", at: "2024-01-01T00:00:00.000Z" });
  return { store, ctx: { store, actor: SYSTEM_ACTOR } };
}
