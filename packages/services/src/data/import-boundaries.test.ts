import { isRongheError } from "@ronghe/core";
import type { Store } from "@ronghe/store";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ServiceContext } from "../context.ts";
import { toWgs84Point } from "./crs.ts";
import { importBoundaries } from "./import-boundaries.ts";
import { chongqingTestContext } from "./test-store.ts";

const square = (x: number, y: number): GeoJSON.Polygon => ({
  type: "Polygon",
  coordinates: [
    [
      [x, y],
      [x + 0.1, y],
      [x + 0.1, y + 0.1],
      [x, y + 0.1],
      [x, y],
    ],
  ],
});
const bytes = (features: unknown[]) =>
  new TextEncoder().encode(JSON.stringify({ type: "FeatureCollection", features }));

let ctx: ServiceContext & { store: Store };
beforeAll(async () => {
  ctx = await chongqingTestContext();
});
afterAll(async () => {
  await ctx.store.close();
});

describe("importBoundaries", () => {
  it("matches by code and by name stem, converting GCJ-02 to WGS-84", async () => {
    const r = await importBoundaries(ctx, {
      fileName: "b.geojson",
      bytes: bytes([
        { type: "Feature", properties: { adcode: 500235, name: "云阳县" }, geometry: square(108.6, 30.9) },
        { type: "Feature", properties: { name: "梁平县" }, geometry: square(107.7, 30.6) },
      ]),
      level: "county",
      parent: "500000",
      crs: "gcj02",
    });
    expect(r).toMatchObject({
      features: 2,
      matchedByCode: 1,
      matchedByName: 1,
      updated: 2,
      converted: 2,
      crs: "gcj02",
    });
    expect(r.codes).toEqual(["500235", "500155"]);
    const yunyang = await ctx.store.getRegion("500235");
    const ring = (JSON.parse(yunyang?.geometry as string) as GeoJSON.Polygon).coordinates[0];
    const [wx, wy] = toWgs84Point(108.6, 30.9, "gcj02");
    expect(ring[0][0]).toBeCloseTo(wx, 6);
    expect(ring[0][1]).toBeCloseTo(wy, 6);
    // GCJ-02 is offset from WGS-84 by a few hundred metres in China
    expect(Math.abs(ring[0][0] - 108.6) + Math.abs(ring[0][1] - 30.9)).toBeGreaterThan(0.001);
    expect(yunyang?.geometrySource).toMatch(/GCJ02 to WGS-84/);
  });

  it("rejects the whole file when a feature matches nothing", async () => {
    const before = (await ctx.store.getRegion("500236"))?.geometry ?? null;
    try {
      await importBoundaries(ctx, {
        fileName: "c.geojson",
        bytes: bytes([
          { type: "Feature", properties: { code: "500236" }, geometry: square(109.4, 31.0) },
          { type: "Feature", properties: { name: "不存在县" }, geometry: square(109, 31) },
        ]),
        level: "county",
        parent: "500000",
      });
      expect.unreachable();
    } catch (error) {
      expect(isRongheError(error) && error.code).toBe("import_rejected");
      expect(
        (isRongheError(error) ? ((error.details?.errors as unknown[] | undefined) ?? []) : [])[0],
      ).toMatchObject({
        row: 2,
        reason: "unknown_region",
        value: "不存在县",
      });
    }
    expect((await ctx.store.getRegion("500236"))?.geometry ?? null).toBe(before);
  });
});
