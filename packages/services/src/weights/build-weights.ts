// Spatial weights from what the store holds, as the analysis spec's `weights` object ({neighbors, style}).
//   queen / rook  — contiguity of the stored polygons (tolerant snapping, see @ronghe/spatial-stats);
//   knn / distance — great-circle k nearest neighbours / distance band on the stored points, or on polygon
//                    centroids for units without a point.
// Units lacking the geometry the type needs are left out and listed in `skipped`.
import { parseRegionCode, parseRegionLevel, type RegionLevel, RongheError } from "@ronghe/core";
import {
  contiguityWeights,
  distanceBandWeights,
  knnWeights,
  type PointInput,
  type PolygonFeature,
} from "@ronghe/spatial-stats";
import { assertCan } from "../access.ts";
import type { ServiceContext } from "../context.ts";
import { polygonCentroid } from "./polygon-centroid.ts";

export const WEIGHT_TYPES = ["queen", "rook", "knn", "distance"] as const;
export type WeightType = (typeof WEIGHT_TYPES)[number];

export interface BuildWeightsOptions {
  /** the region whose subtree holds the units */
  region: string;
  /** level of the units */
  level: RegionLevel | string;
  type: WeightType | string;
  /** knn: neighbours per unit (default 6) */
  k?: number;
  /** distance: band in great-circle km (default 30) */
  bandKm?: number;
  /** queen / rook: vertex snapping tolerance in degrees (default: the engine's) */
  snapToleranceDeg?: number;
  /** default "W" */
  style?: "W" | "B";
}

export interface BuiltWeights {
  type: WeightType;
  /** the spec's weights object */
  weights: { neighbors: Record<string, string[]>; style: "W" | "B" };
  /** unit codes in the store's order */
  ids: string[];
  /** units without any neighbour */
  islands: string[];
  /** units left out: no polygon (queen/rook) or neither point nor polygon (knn/distance) */
  skipped: string[];
  /** what the weights were built from */
  source: "polygons" | "points" | "points+centroids" | "centroids";
}

function parseGeometry(text: string | null): GeoJSON.Geometry | null {
  if (!text) return null;
  try {
    const g = JSON.parse(text) as GeoJSON.Geometry | GeoJSON.Feature;
    return g.type === "Feature" ? g.geometry : g;
  } catch {
    return null;
  }
}

export async function buildWeights(ctx: ServiceContext, options: BuildWeightsOptions): Promise<BuiltWeights> {
  const region = parseRegionCode(options.region).code;
  const level = parseRegionLevel(String(options.level));
  if (!(WEIGHT_TYPES as readonly string[]).includes(options.type)) {
    throw new RongheError(
      "invalid_input",
      `weights type must be one of ${WEIGHT_TYPES.join(", ")}, not "${options.type}"`,
      {
        type: options.type,
      },
    );
  }
  const type = options.type as WeightType;
  assertCan(ctx.actor, "read", region);
  const root = await ctx.store.getRegion(region);
  if (!root) throw new RongheError("unknown_region", `region ${region} is not in the store`, { region });
  const units = root.level === level ? [root] : await ctx.store.descendants(region, { level });
  if (units.length === 0)
    throw new RongheError("invalid_input", `${region} has no regions at level ${level}`, { region, level });

  const style = options.style ?? "W";
  const skipped: string[] = [];
  let result: { ids: string[]; neighbors: Record<string, string[]>; islands: string[] };
  let source: BuiltWeights["source"];
  if (type === "queen" || type === "rook") {
    const features: PolygonFeature[] = [];
    for (const u of units) {
      const geometry = parseGeometry(u.geometry);
      if (geometry && (geometry.type === "Polygon" || geometry.type === "MultiPolygon"))
        features.push({ id: u.code, geometry });
      else skipped.push(u.code);
    }
    if (features.length === 0) {
      throw new RongheError(
        "missing_data",
        `no polygon is stored for the ${level} units of ${region}; import boundaries first`,
        { region, level },
      );
    }
    result = contiguityWeights(features, {
      rule: type,
      ...(options.snapToleranceDeg !== undefined ? { snapToleranceDeg: options.snapToleranceDeg } : {}),
    });
    source = "polygons";
  } else {
    const points: PointInput[] = [];
    let fromPoints = 0;
    let fromCentroids = 0;
    for (const u of units) {
      if (u.lng !== null && u.lat !== null && Number.isFinite(u.lng) && Number.isFinite(u.lat)) {
        points.push({ id: u.code, lon: u.lng, lat: u.lat });
        fromPoints++;
        continue;
      }
      const geometry = parseGeometry(u.geometry);
      const c = geometry ? polygonCentroid(geometry) : null;
      if (c) {
        points.push({ id: u.code, lon: c[0], lat: c[1] });
        fromCentroids++;
      } else skipped.push(u.code);
    }
    if (points.length === 0) {
      throw new RongheError(
        "missing_data",
        `no point or polygon is stored for the ${level} units of ${region}`,
        { region, level },
      );
    }
    if (type === "knn") {
      const k = options.k ?? 6;
      if (!Number.isInteger(k) || k < 1)
        throw new RongheError("invalid_input", `k must be an integer ≥ 1, not ${k}`, { k });
      if (k >= points.length) {
        throw new RongheError(
          "invalid_input",
          `k = ${k} needs more than ${k} units with a location (have ${points.length})`,
          {
            k,
            units: points.length,
          },
        );
      }
      result = knnWeights(points, k);
    } else {
      const bandKm = options.bandKm ?? 30;
      if (!(bandKm > 0) || !Number.isFinite(bandKm))
        throw new RongheError("invalid_input", `band must be > 0 km, not ${bandKm}`, { bandKm });
      result = distanceBandWeights(points, bandKm);
    }
    source = fromCentroids === 0 ? "points" : fromPoints === 0 ? "centroids" : "points+centroids";
  }

  const neighbors: Record<string, string[]> = {};
  for (const id of result.ids) neighbors[id] = [...(result.neighbors[id] ?? [])].map(String);
  return {
    type,
    weights: { neighbors, style },
    ids: [...result.ids],
    islands: [...result.islands],
    skipped,
    source,
  };
}
