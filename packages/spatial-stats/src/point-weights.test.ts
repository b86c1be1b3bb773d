import { describe, expect, it } from "vitest";
import { haversineKm } from "./haversine.ts";
import { distanceBandWeights, knnWeights, type PointInput } from "./point-weights.ts";
import { Xoshiro128 } from "./prng.ts";

function randomPoints(n: number, seed: number, lon0 = 100, lat0 = 25, span = 5): PointInput[] {
  const rng = new Xoshiro128(seed);
  return Array.from({ length: n }, (_, i) => ({
    id: `p${i}`,
    lon: lon0 + span * rng.nextDouble(),
    lat: lat0 + span * rng.nextDouble(),
  }));
}

function bruteKnn(points: PointInput[], k: number): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  points.forEach((p, i) => {
    const d = points
      .map((q, j) => ({ j, d: haversineKm(p.lon, p.lat, q.lon, q.lat) }))
      .filter((e) => e.j !== i)
      .sort((a, b) => a.d - b.d || a.j - b.j)
      .slice(0, k)
      .map((e) => e.j)
      .sort((a, b) => a - b);
    out[String(p.id)] = d.map((j) => String(points[j].id));
  });
  return out;
}

describe("haversineKm", () => {
  it("measures known distances", () => {
    // one degree of a great circle
    expect(haversineKm(0, 0, 1, 0)).toBeCloseTo((6371.0088 * Math.PI) / 180, 9);
    expect(haversineKm(116.4074, 39.9042, 121.4737, 31.2304)).toBeCloseTo(1067.3, 0); // Beijing–Shanghai
    expect(haversineKm(179.9, 0, -179.9, 0)).toBeCloseTo(haversineKm(0, 0, 0.2, 0), 9);
  });
});

describe("knnWeights", () => {
  it("equals a brute-force search, asymmetric lists included", () => {
    const pts = randomPoints(300, 5);
    for (const k of [1, 4, 8]) {
      const w = knnWeights(pts, k);
      expect(w.neighbors).toEqual(bruteKnn(pts, k));
      expect(w.islands).toEqual([]);
      expect(w.style).toBe("W");
    }
    const one = knnWeights(pts, 1);
    const asymmetric = pts.some((p) => !one.neighbors[one.neighbors[String(p.id)][0]].includes(String(p.id)));
    expect(asymmetric).toBe(true);
  });

  it("breaks ties by input order and works across the antimeridian", () => {
    const pts: PointInput[] = [
      { id: "c", lon: 0, lat: 0 },
      { id: "e", lon: 1, lat: 0 },
      { id: "w", lon: -1, lat: 0 },
      { id: "n", lon: 0, lat: 1 },
    ];
    expect(knnWeights(pts, 2).neighbors.c).toEqual(["e", "w"]);
    const dateline: PointInput[] = [
      { id: "a", lon: 179.95, lat: 10 },
      { id: "b", lon: -179.95, lat: 10 },
      { id: "c", lon: 178, lat: 10 },
    ];
    expect(knnWeights(dateline, 1).neighbors).toEqual({ a: ["b"], b: ["a"], c: ["a"] });
  });

  it("rejects k out of range and bad coordinates", () => {
    const pts = randomPoints(5, 1);
    expect(() => knnWeights(pts, 5)).toThrow(/k must be/);
    expect(() => knnWeights(pts, 0)).toThrow(/k must be/);
    expect(() => knnWeights([...pts, { id: "x", lon: 200, lat: 0 }], 2)).toThrow(/invalid coordinates/);
  });
});

describe("distanceBandWeights", () => {
  it("equals a brute-force band search and reports islands", () => {
    const pts = [...randomPoints(400, 9), { id: "far", lon: 60, lat: 60 }];
    for (const band of [15, 60]) {
      const w = distanceBandWeights(pts, band);
      for (const p of pts) {
        const expected = pts
          .filter((q) => q !== p && haversineKm(p.lon, p.lat, q.lon, q.lat) <= band)
          .map((q) => q.id);
        expect(w.neighbors[String(p.id)]).toEqual(expected.map(String));
      }
      expect(w.islands).toContain("far");
      expect(w.islands).toEqual(
        pts.filter((p) => w.neighbors[String(p.id)].length === 0).map((p) => String(p.id)),
      );
    }
  });

  it("includes a point exactly on the band and rejects a non-positive band", () => {
    const pts: PointInput[] = [
      { id: "a", lon: 0, lat: 0 },
      { id: "b", lon: 1, lat: 0 },
    ];
    const d = haversineKm(0, 0, 1, 0);
    expect(distanceBandWeights(pts, d).neighbors.a).toEqual(["b"]);
    expect(distanceBandWeights(pts, d * 0.999).neighbors.a).toEqual([]);
    expect(() => distanceBandWeights(pts, 0)).toThrow(/positive/);
  });
});
