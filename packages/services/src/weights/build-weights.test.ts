import type { Store } from "@ronghe/store";
import { afterEach, describe, expect, it } from "vitest";
import { countyCode, fixtureStore } from "../evaluation/testing/fixture-store.ts";
import { buildWeights } from "./build-weights.ts";
import { polygonCentroid } from "./polygon-centroid.ts";

// a 3 × 3 grid of unit squares (1° apart, at 100–103°E, 30–33°N) and one far-away square
const GRID: [string, number, number][] = [];
for (let row = 0; row < 3; row++) for (let col = 0; col < 3; col++) GRID.push([`g${col}${row}`, col, row]);
GRID.push(["far", 9, 9]);
const code = (col: number, row: number) => countyCode(row * 3 + col);
const FAR = countyCode(9);

const stores: Store[] = [];
async function open(extra: { withPoints?: boolean; withPolygons?: boolean } = {}) {
  const f = await fixtureStore({ counties: GRID, indicators: [], values: {}, ...extra });
  stores.push(f.store);
  return f.ctx;
}
afterEach(async () => {
  while (stores.length) await stores.pop()!.close();
});

const sorted = (xs: string[]) => [...xs].sort();

describe("buildWeights", () => {
  it("queen and rook contiguity from polygons, islands reported", async () => {
    const ctx = await open();
    const queen = await buildWeights(ctx, { region: "990000", level: "county", type: "queen" });
    expect(queen.source).toBe("polygons");
    expect(queen.ids).toHaveLength(10);
    expect(queen.weights.style).toBe("W");
    expect(queen.weights.neighbors[code(1, 1)]).toHaveLength(8);
    expect(sorted(queen.weights.neighbors[code(0, 0)])).toEqual(sorted([code(1, 0), code(0, 1), code(1, 1)]));
    expect(queen.islands).toEqual([FAR]);
    const rook = await buildWeights(ctx, { region: "990000", level: "county", type: "rook" });
    expect(sorted(rook.weights.neighbors[code(1, 1)])).toEqual(
      sorted([code(1, 0), code(0, 1), code(2, 1), code(1, 2)]),
    );
    expect(sorted(rook.weights.neighbors[code(0, 0)])).toEqual(sorted([code(1, 0), code(0, 1)]));
  });

  it("k nearest neighbours and distance bands from points (great-circle km)", async () => {
    const ctx = await open();
    const knn = await buildWeights(ctx, { region: "990000", level: "county", type: "knn", k: 2 });
    expect(knn.source).toBe("points");
    // at ~31°N one degree of longitude (~95 km) is shorter than one of latitude (~111 km)
    expect(sorted(knn.weights.neighbors[code(1, 1)])).toEqual(sorted([code(0, 1), code(2, 1)]));
    for (const id of knn.ids) expect(knn.weights.neighbors[id]).toHaveLength(2);
    const band = await buildWeights(ctx, {
      region: "990000",
      level: "county",
      type: "distance",
      bandKm: 120,
    });
    expect(sorted(band.weights.neighbors[code(1, 1)])).toEqual(
      sorted([code(1, 0), code(0, 1), code(2, 1), code(1, 2)]),
    );
    expect(band.islands).toEqual([FAR]);
    const narrow = await buildWeights(ctx, {
      region: "990000",
      level: "county",
      type: "distance",
      bandKm: 100,
    });
    expect(sorted(narrow.weights.neighbors[code(1, 1)])).toEqual(sorted([code(0, 1), code(2, 1)]));
  });

  it("falls back to polygon centroids when points are missing", async () => {
    const ctx = await open({ withPoints: false });
    const knn = await buildWeights(ctx, { region: "990000", level: "county", type: "knn", k: 2 });
    expect(knn.source).toBe("centroids");
    expect(sorted(knn.weights.neighbors[code(1, 1)])).toEqual(sorted([code(0, 1), code(2, 1)]));
  });

  it("rejects what it cannot build", async () => {
    const ctx = await open({ withPolygons: false });
    await expect(
      buildWeights(ctx, { region: "990000", level: "county", type: "queen" }),
    ).rejects.toMatchObject({ code: "missing_data" });
    await expect(buildWeights(ctx, { region: "990000", level: "county", type: "hex" })).rejects.toMatchObject(
      { code: "invalid_input" },
    );
    await expect(
      buildWeights(ctx, { region: "990000", level: "county", type: "knn", k: 10 }),
    ).rejects.toMatchObject({ code: "invalid_input" });
    await expect(buildWeights(ctx, { region: "980000", level: "county", type: "knn" })).rejects.toMatchObject(
      { code: "unknown_region" },
    );
  });

  it("polygonCentroid is the area-weighted centre, holes subtracted", () => {
    const square = (x: number, y: number, s: number) => [
      [x, y],
      [x + s, y],
      [x + s, y + s],
      [x, y + s],
      [x, y],
    ];
    expect(polygonCentroid({ type: "Polygon", coordinates: [square(0, 0, 2)] })).toEqual([1, 1]);
    // 2×2 square with a 1×1 hole in its upper-right quarter: centre moves down-left
    const c = polygonCentroid({
      type: "Polygon",
      coordinates: [square(0, 0, 2), square(1, 1, 1).reverse()],
    })!;
    expect(c[0]).toBeCloseTo((4 * 1 - 1 * 1.5) / 3, 12);
    expect(c[1]).toBeCloseTo((4 * 1 - 1 * 1.5) / 3, 12);
    // two equal squares: the midpoint
    expect(
      polygonCentroid({ type: "MultiPolygon", coordinates: [[square(0, 0, 1)], [square(4, 0, 1)]] }),
    ).toEqual([2.5, 0.5]);
    expect(polygonCentroid({ type: "Point", coordinates: [1, 2] })).toBeNull();
  });
});
