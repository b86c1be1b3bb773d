// ECharts' compressed GeoJSON ("UTF8Encoding": true): each ring is a string of character pairs; a character
// code minus 64 is a zig-zag-encoded delta (x, y) from the previous point, starting at the ring's
// `encodeOffsets` entry, and coordinates are the integers divided by the scale (UTF8Scale, default 1024).
// This is the decoder of ECharts' own parseGeoJson, written out so no ECharts runtime is needed.

type Ring = Array<[number, number]>;

export function decodeRing(encoded: string, offset: readonly [number, number], scale: number): Ring {
  const ring: Ring = [];
  let prevX = offset[0];
  let prevY = offset[1];
  for (let i = 0; i + 1 < encoded.length; i += 2) {
    let x = encoded.charCodeAt(i) - 64;
    let y = encoded.charCodeAt(i + 1) - 64;
    x = (x >> 1) ^ -(x & 1);
    y = (y >> 1) ^ -(y & 1);
    x += prevX;
    y += prevY;
    prevX = x;
    prevY = y;
    ring.push([x / scale, y / scale]);
  }
  return ring;
}

function closeRing(ring: Ring): Ring | null {
  const distinct = new Set(ring.map(([x, y]) => `${x},${y}`));
  if (distinct.size < 3) return null; // degenerate sliver, as found in some ECharts files
  const [fx, fy] = ring[0];
  const [lx, ly] = ring[ring.length - 1];
  return fx === lx && fy === ly ? ring : [...ring, [fx, fy]];
}

interface EncodedGeometry {
  type: string;
  coordinates: unknown;
  encodeOffsets?: unknown;
}

/** Decodes one geometry; null when nothing but degenerate rings remain. */
export function decodeEchartsGeometry(geometry: EncodedGeometry, scale = 1024): GeoJSON.Geometry | null {
  const offsets = geometry.encodeOffsets as never;
  if (geometry.type === "Polygon") {
    const rings = polygon(geometry.coordinates as string[], offsets, scale);
    return rings ? { type: "Polygon", coordinates: rings } : null;
  }
  if (geometry.type === "MultiPolygon") {
    const polys = (geometry.coordinates as string[][])
      .map((p, i) => polygon(p, (offsets as Array<Array<[number, number]>>)[i], scale))
      .filter((p): p is Ring[] => p !== null);
    if (polys.length === 0) return null;
    return polys.length === 1
      ? { type: "Polygon", coordinates: polys[0] }
      : { type: "MultiPolygon", coordinates: polys };
  }
  if (geometry.type === "LineString") {
    return { type: "LineString", coordinates: decodeRing(geometry.coordinates as string, offsets, scale) };
  }
  if (geometry.type === "MultiLineString") {
    return {
      type: "MultiLineString",
      coordinates: (geometry.coordinates as string[]).map((l, i) =>
        decodeRing(l, (offsets as Array<[number, number]>)[i], scale),
      ),
    };
  }
  return geometry as GeoJSON.Geometry;
}

function polygon(rings: string[], offsets: Array<[number, number]>, scale: number): Ring[] | null {
  const out: Ring[] = [];
  for (let i = 0; i < rings.length; i++) {
    const ring =
      typeof rings[i] === "string"
        ? closeRing(decodeRing(rings[i], offsets[i], scale))
        : closeRing(rings[i] as never);
    if (ring) out.push(ring);
    else if (i === 0) return null;
  }
  return out.length ? out : null;
}

/** True for an ECharts-compressed FeatureCollection. */
export function isEchartsEncoded(json: { UTF8Encoding?: unknown }): boolean {
  return json.UTF8Encoding === true;
}

/** Decodes a compressed FeatureCollection into plain GeoJSON (features with no usable geometry are kept with null). */
export function decodeEchartsGeoJson(json: {
  UTF8Encoding?: unknown;
  UTF8Scale?: number;
  features: Array<{
    id?: string | number;
    type: string;
    properties?: Record<string, unknown>;
    geometry: EncodedGeometry | null;
  }>;
}): GeoJSON.FeatureCollection {
  const scale = json.UTF8Scale ?? 1024;
  return {
    type: "FeatureCollection",
    features: json.features.map((f) => ({
      type: "Feature",
      ...(f.id !== undefined ? { id: f.id } : {}),
      properties: f.properties ?? {},
      geometry:
        f.geometry && isEchartsEncoded(json)
          ? decodeEchartsGeometry(f.geometry, scale)
          : (f.geometry as GeoJSON.Geometry | null),
    })) as GeoJSON.Feature[],
  };
}
