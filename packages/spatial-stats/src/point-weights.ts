// k-nearest-neighbour and distance-band weights from points (longitude/latitude in degrees, WGS-84), by
// great-circle distance (haversine, R = 6371.0088 km), through a k-d tree on the unit sphere: O(n log n)
// for the usual k and bands, never O(n²) for large n. Results are the spec's `weights` object; neighbour lists
// are in input order. k-nearest lists are asymmetric (i may list j while j does not list i) and are used as given.
import { RongheError } from "@ronghe/core";
import { EARTH_RADIUS_KM, haversineKm } from "./haversine.ts";
import { SphereIndex, unitVector } from "./sphere-index.ts";
import { toWeightsObject, uniqueIds, type WeightsObject } from "./weights-object.ts";

export interface PointInput {
  id: string | number;
  lon: number;
  lat: number;
}

function checkPoints(points: readonly PointInput[]): { ids: string[]; lon: Float64Array; lat: Float64Array } {
  const ids = uniqueIds(points, "point");
  const lon = new Float64Array(points.length);
  const lat = new Float64Array(points.length);
  for (let i = 0; i < points.length; i++) {
    const p = points[i];
    if (
      !(Number.isFinite(p.lon) && Number.isFinite(p.lat) && Math.abs(p.lon) <= 180 && Math.abs(p.lat) <= 90)
    ) {
      throw new RongheError(
        "invalid_input",
        `point "${ids[i]}" has invalid coordinates (${p.lon}, ${p.lat})`,
        {
          id: ids[i],
        },
      );
    }
    lon[i] = p.lon;
    lat[i] = p.lat;
  }
  return { ids, lon, lat };
}

/**
 * The k nearest other points of every point (great-circle distance; equal distances are broken by input order,
 * the earlier point first). Requires 1 ≤ k < number of points.
 */
export function knnWeights(points: readonly PointInput[], k: number): WeightsObject {
  const { ids, lon, lat } = checkPoints(points);
  const n = ids.length;
  if (!Number.isInteger(k) || k < 1 || k >= n) {
    throw new RongheError(
      "invalid_input",
      `k must be an integer from 1 to ${n - 1} (number of points − 1), not ${k}`,
      {
        k,
        n,
      },
    );
  }
  const index = new SphereIndex(lon, lat);
  const lists: number[][] = new Array(n);
  for (let i = 0; i < n; i++) {
    const [x, y, z] = unitVector(lon[i], lat[i]);
    lists[i] = index.nearest(x, y, z, k, i);
  }
  return toWeightsObject(ids, lists);
}

/** Every other point within `bandKm` kilometres (great-circle, boundary included); points with none are islands. */
export function distanceBandWeights(points: readonly PointInput[], bandKm: number): WeightsObject {
  const { ids, lon, lat } = checkPoints(points);
  if (!(bandKm > 0) || !Number.isFinite(bandKm)) {
    throw new RongheError(
      "invalid_input",
      `the distance band must be a positive number of km, not ${bandKm}`,
      {
        bandKm,
      },
    );
  }
  const n = ids.length;
  const index = new SphereIndex(lon, lat);
  // chord of the band's central angle, widened a little so that rounding never loses a point; the haversine
  // distance then decides exactly
  const angle = bandKm / EARTH_RADIUS_KM;
  const chord = angle >= Math.PI ? 2 : 2 * Math.sin(angle / 2);
  const radius = chord * (1 + 1e-9) + 1e-12;
  const lists: number[][] = new Array(n);
  for (let i = 0; i < n; i++) {
    const [x, y, z] = unitVector(lon[i], lat[i]);
    lists[i] = index
      .within(x, y, z, radius)
      .filter((j) => j !== i && haversineKm(lon[i], lat[i], lon[j], lat[j]) <= bandKm);
  }
  return toWeightsObject(ids, lists);
}
