import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { decodeEchartsGeoJson, decodeRing } from "./echarts-geo.ts";
import { echartsCitiesFile } from "./paths.ts";

/** The ECharts encoder, for round trips: zig-zag deltas from the offset, +64, two characters per point. */
function encodeRing(
  points: Array<[number, number]>,
  scale: number,
): { text: string; offset: [number, number] } {
  const q = points.map(([x, y]) => [Math.round(x * scale), Math.round(y * scale)]);
  let [px, py] = q[0];
  const offset: [number, number] = [px, py];
  let text = "";
  for (const [x, y] of q) {
    const dx = x - px;
    const dy = y - py;
    text += String.fromCharCode(((dx << 1) ^ (dx >> 31)) + 64, ((dy << 1) ^ (dy >> 31)) + 64);
    px = x;
    py = y;
  }
  return { text, offset };
}

describe("ECharts UTF8Encoding", () => {
  it("round-trips a ring", () => {
    const ring: Array<[number, number]> = [
      [108.5, 30.9],
      [108.51, 30.905],
      [108.49, 30.93],
      [108.5, 30.9],
    ];
    const { text, offset } = encodeRing(ring, 1024);
    const decoded = decodeRing(text, offset, 1024);
    decoded.forEach(([x, y], i) => {
      expect(x).toBeCloseTo(ring[i][0], 2);
      expect(y).toBeCloseTo(ring[i][1], 2);
    });
  });

  it("decodes Chongqing's 38 districts into closed rings inside Chongqing's bounding box", () => {
    const json = JSON.parse(
      readFileSync(echartsCitiesFile("geojson/shape-with-internal-borders/chongqing.geojson"), "utf8"),
    );
    const fc = decodeEchartsGeoJson(json);
    expect(fc.features).toHaveLength(38);
    for (const f of fc.features) {
      expect(f.geometry && ["Polygon", "MultiPolygon"].includes(f.geometry.type)).toBe(true);
      const polys =
        f.geometry?.type === "Polygon"
          ? [f.geometry.coordinates]
          : (f.geometry as GeoJSON.MultiPolygon).coordinates;
      for (const ring of polys.flat()) {
        expect(ring[0]).toEqual(ring[ring.length - 1]);
        for (const [x, y] of ring) {
          expect(x).toBeGreaterThan(105.2);
          expect(x).toBeLessThan(110.3);
          expect(y).toBeGreaterThan(28.1);
          expect(y).toBeLessThan(32.3);
        }
      }
    }
    const yunyang = fc.features.find((f) => f.properties?.name === "云阳县");
    const cp = yunyang?.properties?.cp as [number, number];
    const ring = ((yunyang as GeoJSON.Feature).geometry as GeoJSON.Polygon).coordinates[0];
    const xs = ring.map((p) => p[0]);
    const ys = ring.map((p) => p[1]);
    // the label point lies within the decoded outline's extent
    expect(cp[0]).toBeGreaterThan(Math.min(...xs));
    expect(cp[0]).toBeLessThan(Math.max(...xs));
    expect(cp[1]).toBeGreaterThan(Math.min(...ys));
    expect(cp[1]).toBeLessThan(Math.max(...ys));
  });
});
