// Area-weighted centroid of a GeoJSON Polygon / MultiPolygon in lng/lat degrees (planar shoelace formula over
// every ring, holes subtracting). Good enough as a stand-in point for k-nearest and distance bands of
// county-sized units; degenerate rings (zero area) are skipped; null when nothing has area.
export function polygonCentroid(geometry: GeoJSON.Geometry): [number, number] | null {
  const polygons: GeoJSON.Position[][][] =
    geometry.type === "Polygon"
      ? [geometry.coordinates]
      : geometry.type === "MultiPolygon"
        ? geometry.coordinates
        : [];
  let area2 = 0;
  let cx = 0;
  let cy = 0;
  for (const polygon of polygons) {
    polygon.forEach((ring, k) => {
      let a = 0;
      let x = 0;
      let y = 0;
      for (let i = 0, n = ring.length; i < n; i++) {
        const [x0, y0] = ring[i];
        const [x1, y1] = ring[(i + 1) % n];
        const cross = x0 * y1 - x1 * y0;
        a += cross;
        x += (x0 + x1) * cross;
        y += (y0 + y1) * cross;
      }
      if (a === 0) return;
      // outer ring adds its absolute area, holes subtract theirs, whatever their winding
      const sign = (k === 0 ? 1 : -1) * Math.sign(a);
      area2 += sign * a;
      cx += sign * x;
      cy += sign * y;
    });
  }
  if (area2 === 0) return null;
  return [cx / (3 * area2), cy / (3 * area2)];
}
