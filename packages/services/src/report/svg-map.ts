// Choropleth maps drawn as plain SVG from the stored district polygons (GeoJSON, WGS-84 degrees), so the
// report needs no tiles, no browser and no network. Projection: equirectangular with x scaled by cos(mean
// latitude), which keeps shapes right at the scale of one province. One <path> per region (data-code), a
// label at each area-weighted centroid, and the legend drawn inside the same SVG.
import { polygonCentroid } from "../weights/polygon-centroid.ts";
import { esc } from "./html.ts";

export interface MapFeature {
  code: string;
  name: string;
  geometry: GeoJSON.Geometry | null;
}

export interface LegendEntry {
  colour: string;
  label: string;
}

export interface ChoroplethOptions {
  features: readonly MapFeature[];
  /** fill colour of a region (use the no-data colour for regions without a value) */
  fill: (code: string) => string;
  legendTitle: string;
  legend: readonly LegendEntry[];
  width?: number;
  /** accessible title of the SVG */
  title: string;
  labels?: boolean;
}

type Ring = GeoJSON.Position[];

function polygonsOf(geometry: GeoJSON.Geometry | null): Ring[][] {
  if (!geometry) return [];
  if (geometry.type === "Polygon") return [geometry.coordinates];
  if (geometry.type === "MultiPolygon") return geometry.coordinates;
  return [];
}

/** Map labels: autonomous counties by their first two characters (石柱土家族自治县 → 石柱). */
export function shortName(name: string): string {
  return /自治县$/.test(name) ? name.slice(0, 2) : name;
}

const r1 = (v: number) => Math.round(v * 10) / 10;
const MIN_STEP = 0.8;

export function choroplethSvg(options: ChoroplethOptions): string {
  const width = options.width ?? 640;
  const pad = 8;
  let minLon = Infinity;
  let maxLon = -Infinity;
  let minLat = Infinity;
  let maxLat = -Infinity;
  for (const f of options.features) {
    for (const poly of polygonsOf(f.geometry)) {
      for (const ring of poly) {
        for (const [lon, lat] of ring) {
          if (lon < minLon) minLon = lon;
          if (lon > maxLon) maxLon = lon;
          if (lat < minLat) minLat = lat;
          if (lat > maxLat) maxLat = lat;
        }
      }
    }
  }
  const legendRows = options.legend.length;
  const legendHeight = 22 + legendRows * 16;
  if (!Number.isFinite(minLon)) {
    // No geometry at all: an honest empty frame with the reason instead of a blank map.
    return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="60" viewBox="0 0 ${width} 60" role="img"><title>${esc(options.title)}</title><text x="10" y="35" font-size="13">no boundaries stored / 库中无边界数据</text></svg>`;
  }
  const k = Math.cos((((minLat + maxLat) / 2) * Math.PI) / 180);
  const spanX = (maxLon - minLon) * k;
  const spanY = maxLat - minLat;
  const scale = (width - 2 * pad) / Math.max(spanX, 1e-9);
  const mapHeight = spanY * scale + 2 * pad;
  const height = Math.ceil(mapHeight + legendHeight);
  const px = (lon: number) => r1(pad + (lon - minLon) * k * scale);
  const py = (lat: number) => r1(pad + (maxLat - lat) * scale);

  const paths: string[] = [];
  const labels: string[] = [];
  for (const f of options.features) {
    const polys = polygonsOf(f.geometry);
    if (polys.length === 0) continue;
    const parts: string[] = [];
    for (const poly of polys) {
      for (const ring of poly) {
        // Vertices closer than MIN_STEP px to the last kept one are dropped (invisible in print, and they
        // make most of the file); a ring keeps at least its first three distinct points.
        let d = "";
        let kept = 0;
        let lastX = Number.NaN;
        let lastY = Number.NaN;
        for (const [lon, lat] of ring) {
          const x = px(lon);
          const y = py(lat);
          if (kept >= 3 && Math.abs(x - lastX) < MIN_STEP && Math.abs(y - lastY) < MIN_STEP) continue;
          if (x === lastX && y === lastY) continue;
          d += `${d === "" ? "M" : "L"}${x} ${y}`;
          kept++;
          lastX = x;
          lastY = y;
        }
        if (kept >= 3) parts.push(`${d}Z`);
      }
    }
    paths.push(
      `<path data-code="${esc(f.code)}" d="${parts.join("")}" fill="${esc(options.fill(f.code))}" fill-rule="evenodd" stroke="#ffffff" stroke-width="0.7"><title>${esc(f.name)} ${esc(f.code)}</title></path>`,
    );
    if (options.labels !== false && f.geometry) {
      const c = polygonCentroid(f.geometry);
      if (c) {
        labels.push(
          `<text x="${px(c[0])}" y="${r1(py(c[1]) + 3)}" text-anchor="middle" font-size="8" fill="#1a1a1a" stroke="#ffffff" stroke-width="2" paint-order="stroke">${esc(shortName(f.name))}</text>`,
        );
      }
    }
  }
  const top = Math.ceil(mapHeight) + 6;
  const legend = [
    `<text x="${pad}" y="${top + 10}" font-size="11" font-weight="bold">${esc(options.legendTitle)}</text>`,
  ];
  options.legend.forEach((e, i) => {
    const y = top + 18 + i * 16;
    legend.push(
      `<rect x="${pad}" y="${y}" width="18" height="11" fill="${esc(e.colour)}" stroke="#666" stroke-width="0.5"/>`,
      `<text x="${pad + 24}" y="${y + 10}" font-size="10.5">${esc(e.label)}</text>`,
    );
  });
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" class="map" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img" font-family="'Noto Sans CJK SC', 'Noto Serif CJK SC', sans-serif">`,
    `<title>${esc(options.title)}</title>`,
    `<g class="regions">${paths.join("\n")}</g>`,
    `<g class="labels">${labels.join("")}</g>`,
    `<g class="legend">${legend.join("")}</g>`,
    "</svg>",
  ].join("\n");
}

/**
 * Class breaks at quantiles of the values (equal counts), rounded to `digits` and de-duplicated, so that
 * k classes are [b0, b1), [b1, b2), … [b(k-1), bk] with b0 = min and bk = max.
 */
export function quantileBreaks(values: readonly number[], classes: number, digits: number): number[] {
  const v = values.filter((x) => Number.isFinite(x)).sort((a, b) => a - b);
  if (v.length === 0) return [];
  const f = 10 ** digits;
  const breaks = [Math.floor(v[0] * f) / f];
  for (let i = 1; i < classes; i++) {
    const q = v[Math.min(v.length - 1, Math.floor((i * v.length) / classes))];
    const b = Math.round(q * f) / f;
    if (b > breaks[breaks.length - 1]) breaks.push(b);
  }
  const top = Math.ceil(v[v.length - 1] * f) / f;
  if (top > breaks[breaks.length - 1]) breaks.push(top);
  else breaks.push(breaks[breaks.length - 1] + 1 / f);
  return breaks;
}

/** The class of a value under `quantileBreaks` (0-based); the last class includes its upper bound. */
export function classOf(value: number, breaks: readonly number[]): number {
  for (let i = 1; i < breaks.length - 1; i++) if (value < breaks[i]) return i - 1;
  return breaks.length - 2;
}

/** Sequential palette (light → dark blue-green) for up to 7 classes. */
export const SEQUENTIAL = ["#edf8e9", "#c7e9c0", "#a1d99b", "#74c476", "#41ab5d", "#238b45", "#005a32"];
export const NO_DATA = "#d9d9d9";

/** Categorical colours for the 10 coupling-coordination levels: reds (失调) to blues/greens (协调). */
export const LEVEL_COLOURS = [
  "#67001f",
  "#b2182b",
  "#d6604d",
  "#f4a582",
  "#fddbc7",
  "#d1e5f0",
  "#92c5de",
  "#4393c3",
  "#2166ac",
  "#053061",
];
