// Bounding box of a GeoJSON collection, for fitting the map; null when it has no coordinates.
export type BBox = [number, number, number, number];

export function featuresBBox(fc: GeoJSON.FeatureCollection | null | undefined): BBox | null {
  let minX = Number.POSITIVE_INFINITY;
  let minY = Number.POSITIVE_INFINITY;
  let maxX = Number.NEGATIVE_INFINITY;
  let maxY = Number.NEGATIVE_INFINITY;
  const visit = (c: unknown): void => {
    if (!Array.isArray(c)) return;
    if (typeof c[0] === "number" && typeof c[1] === "number") {
      const [x, y] = c as number[];
      if (Number.isFinite(x) && Number.isFinite(y)) {
        if (x < minX) minX = x;
        if (y < minY) minY = y;
        if (x > maxX) maxX = x;
        if (y > maxY) maxY = y;
      }
      return;
    }
    for (const d of c) visit(d);
  };
  const visitGeom = (g: GeoJSON.Geometry | null): void => {
    if (!g) return;
    if (g.type === "GeometryCollection") for (const gg of g.geometries) visitGeom(gg);
    else visit(g.coordinates);
  };
  for (const f of fc?.features ?? []) visitGeom(f.geometry);
  if (!Number.isFinite(minX)) return null;
  return [minX, minY, maxX, maxY];
}
