// Coordinate conversion at import: everything is WGS-84 inside. Chinese web maps publish GCJ-02 (Amap, Tencent)
// or BD-09 (Baidu); gcoord implements the published transforms.

import { RongheError } from "@ronghe/core";
import gcoord from "gcoord";

export const INPUT_CRS = ["wgs84", "gcj02", "bd09"] as const;
export type InputCrs = (typeof INPUT_CRS)[number];

export function parseCrs(value: string): InputCrs {
  const v = value
    .trim()
    .toLowerCase()
    .replace(/[-_\s]/g, "");
  if (v === "wgs84" || v === "epsg4326") return "wgs84";
  if (v === "gcj02") return "gcj02";
  if (v === "bd09") return "bd09";
  throw new RongheError("invalid_input", `unknown CRS "${value}"; use wgs84, gcj02 or bd09`, { crs: value });
}

function crsType(crs: InputCrs) {
  return crs === "gcj02" ? gcoord.GCJ02 : crs === "bd09" ? gcoord.BD09 : gcoord.WGS84;
}

/** [lng, lat] in WGS-84, rounded to 1e-6 degrees (≈0.1 m, finer than any source here). */
export function toWgs84Point(lng: number, lat: number, from: InputCrs): [number, number] {
  if (from === "wgs84") return [lng, lat];
  const [x, y] = gcoord.transform([lng, lat], crsType(from), gcoord.WGS84) as [number, number];
  return [Math.round(x * 1e6) / 1e6, Math.round(y * 1e6) / 1e6];
}

/** Converts a GeoJSON geometry in place to WGS-84 and returns it. */
export function toWgs84Geometry<T extends GeoJSON.Geometry>(geometry: T, from: InputCrs): T {
  if (from === "wgs84") return geometry;
  return gcoord.transform(geometry as never, crsType(from), gcoord.WGS84) as T;
}
