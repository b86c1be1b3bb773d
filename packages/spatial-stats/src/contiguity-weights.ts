// Queen and rook contiguity from GeoJSON Polygon / MultiPolygon boundaries, tolerant of boundaries that were
// digitised separately (issue 3 item 4; result = the spec's `weights` object).
//
// Tolerance t (`snapToleranceDeg`, default 1e−5° ≈ 1.1 m north-south, applied to longitude and latitude
// alike, no cos φ scaling):
// 1. Fast path, exact topology: every vertex is snapped to the grid of cell t (round(x/t), round(y/t)) and
//    hashed. Two regions with a common snapped vertex are queen neighbours; with a common snapped edge (both
//    snapped end points) rook neighbours.
// 2. Tolerant path, for boundaries whose vertices differ (an extra vertex on one side, shifted vertices): all
//    boundary segments go into a flatbush index with boxes grown by t. For segment pairs of two regions not yet
//    linked by step 1: queen if the segments come within t of each other; rook if they run along each other —
//    the shorter one lies within t of the longer one's line — and the overlapping lengths of the two regions
//    add up to more than t. Touching at a single point (corner to corner) is therefore queen, never rook.
// Holes count as boundary (a region inside another's hole is its neighbour).

import { RongheError } from "@ronghe/core";
import Flatbush from "flatbush";
import type { MultiPolygon, Polygon, Position } from "geojson";
import { toWeightsObject, uniqueIds, type WeightsObject } from "./weights-object.ts";

export const DEFAULT_SNAP_TOLERANCE_DEG = 1e-5;

export interface PolygonFeature {
  id: string | number;
  geometry: Polygon | MultiPolygon | null;
}

export interface ContiguityOptions {
  rule: "queen" | "rook";
  /** grid and distance tolerance in degrees (default 1e−5) */
  snapToleranceDeg?: number;
}

/** Boundary segments of all features as flat typed arrays: segment s runs (x0,y0) → (x1,y1), owned by feat[s]. */
interface Segments {
  x0: Float64Array;
  y0: Float64Array;
  x1: Float64Array;
  y1: Float64Array;
  feat: Uint32Array;
  count: number;
}

function ringsOf(geometry: Polygon | MultiPolygon | null, id: string): Position[][] {
  if (geometry === null || geometry === undefined) return [];
  if (geometry.type === "Polygon") return geometry.coordinates;
  if (geometry.type === "MultiPolygon") return geometry.coordinates.flat();
  throw new RongheError("invalid_input", `feature "${id}": geometry must be Polygon or MultiPolygon`, {
    id,
    type: (geometry as { type?: unknown }).type,
  });
}

function collectSegments(features: readonly PolygonFeature[], ids: string[]): Segments {
  let count = 0;
  const ringsPer = features.map((f, i) => ringsOf(f.geometry, ids[i]));
  for (const rings of ringsPer) for (const ring of rings) count += Math.max(0, ring.length);
  const seg: Segments = {
    x0: new Float64Array(count),
    y0: new Float64Array(count),
    x1: new Float64Array(count),
    y1: new Float64Array(count),
    feat: new Uint32Array(count),
    count: 0,
  };
  let s = 0;
  for (let f = 0; f < ringsPer.length; f++) {
    for (const ring of ringsPer[f]) {
      const m = ring.length;
      for (let k = 0; k < m; k++) {
        const a = ring[k];
        const b = ring[(k + 1) % m]; // closes unclosed rings; a closed ring's last pair is zero-length
        if (!Array.isArray(a) || !Number.isFinite(a[0]) || !Number.isFinite(a[1])) {
          throw new RongheError("invalid_input", `feature "${ids[f]}" has a non-numeric coordinate`, {
            id: ids[f],
          });
        }
        if (a[0] === b[0] && a[1] === b[1]) continue;
        seg.x0[s] = a[0];
        seg.y0[s] = a[1];
        seg.x1[s] = b[0];
        seg.y1[s] = b[1];
        seg.feat[s] = f;
        s++;
      }
    }
  }
  seg.count = s;
  return seg;
}

/** Squared distance from point (px,py) to segment (ax,ay)–(bx,by). */
function pointSegmentDist2(px: number, py: number, ax: number, ay: number, bx: number, by: number): number {
  const dx = bx - ax;
  const dy = by - ay;
  const len2 = dx * dx + dy * dy;
  let t = len2 > 0 ? ((px - ax) * dx + (py - ay) * dy) / len2 : 0;
  t = Math.min(1, Math.max(0, t));
  const ex = ax + t * dx - px;
  const ey = ay + t * dy - py;
  return ex * ex + ey * ey;
}

function orient(ax: number, ay: number, bx: number, by: number, cx: number, cy: number): number {
  return (bx - ax) * (cy - ay) - (by - ay) * (cx - ax);
}

/** Do two segments come within `tol` of each other (crossing counts as distance 0)? */
function segmentsWithin(s: Segments, i: number, j: number, tol: number): boolean {
  const ax = s.x0[i],
    ay = s.y0[i],
    bx = s.x1[i],
    by = s.y1[i];
  const cx = s.x0[j],
    cy = s.y0[j],
    dx = s.x1[j],
    dy = s.y1[j];
  const o1 = orient(ax, ay, bx, by, cx, cy);
  const o2 = orient(ax, ay, bx, by, dx, dy);
  const o3 = orient(cx, cy, dx, dy, ax, ay);
  const o4 = orient(cx, cy, dx, dy, bx, by);
  if (((o1 > 0 && o2 < 0) || (o1 < 0 && o2 > 0)) && ((o3 > 0 && o4 < 0) || (o3 < 0 && o4 > 0))) return true;
  const t2 = tol * tol;
  return (
    pointSegmentDist2(cx, cy, ax, ay, bx, by) <= t2 ||
    pointSegmentDist2(dx, dy, ax, ay, bx, by) <= t2 ||
    pointSegmentDist2(ax, ay, cx, cy, dx, dy) <= t2 ||
    pointSegmentDist2(bx, by, cx, cy, dx, dy) <= t2
  );
}

/**
 * Length along which two segments run together: the shorter one must lie within `tol` of the longer one's line
 * (both end points); the result is the length of its projection clipped to the longer segment (0 if none).
 */
function collinearOverlap(s: Segments, i: number, j: number, tol: number): number {
  let li = Math.hypot(s.x1[i] - s.x0[i], s.y1[i] - s.y0[i]);
  let lj = Math.hypot(s.x1[j] - s.x0[j], s.y1[j] - s.y0[j]);
  let base = i;
  let probe = j;
  if (lj > li) {
    base = j;
    probe = i;
    const t = li;
    li = lj;
    lj = t;
  }
  const L = li;
  if (!(L > 0)) return 0;
  const ux = (s.x1[base] - s.x0[base]) / L;
  const uy = (s.y1[base] - s.y0[base]) / L;
  const ax = s.x0[probe] - s.x0[base];
  const ay = s.y0[probe] - s.y0[base];
  const bx = s.x1[probe] - s.x0[base];
  const by = s.y1[probe] - s.y0[base];
  const da = ax * uy - ay * ux;
  const db = bx * uy - by * ux;
  if (Math.abs(da) > tol || Math.abs(db) > tol) return 0;
  const ta = ax * ux + ay * uy;
  const tb = bx * ux + by * uy;
  const lo = Math.max(0, Math.min(ta, tb));
  const hi = Math.min(L, Math.max(ta, tb));
  return hi > lo ? hi - lo : 0;
}

/**
 * Queen or rook contiguity weights of polygons. Ids come from `feature.id` (unique, string or number);
 * a feature with a null geometry is an island.
 */
export function contiguityWeights(
  features: readonly PolygonFeature[],
  options: ContiguityOptions,
): WeightsObject {
  const tol = options.snapToleranceDeg ?? DEFAULT_SNAP_TOLERANCE_DEG;
  if (!(tol > 0) || !Number.isFinite(tol)) {
    throw new RongheError("invalid_input", `snapToleranceDeg must be a positive number, not ${tol}`);
  }
  if (options.rule !== "queen" && options.rule !== "rook") {
    throw new RongheError(
      "invalid_input",
      `rule must be "queen" or "rook", not ${JSON.stringify(options.rule)}`,
    );
  }
  const rook = options.rule === "rook";
  const ids = uniqueIds(features, "feature");
  const nf = ids.length;
  const seg = collectSegments(features, ids);
  const lists: number[][] = ids.map(() => []);
  const linked = new Set<number>();
  const link = (a: number, b: number) => {
    const key = a < b ? a * nf + b : b * nf + a;
    if (linked.has(key)) return;
    linked.add(key);
    lists[a].push(b);
    lists[b].push(a);
  };

  // 1. snapped vertices (queen) and snapped edges (rook) through hash maps
  const vertexId = new Map<string | number, number>();
  const vertexFeatHead: number[] = []; // vertex id → head of its feature chain
  const chainFeat: number[] = [];
  const chainNext: number[] = [];
  const snapKey = (x: number, y: number): number | string => {
    const gx = Math.round(x / tol);
    const gy = Math.round(y / tol);
    // exact numeric key while both grid coordinates fit in 26 bits (|coordinate| ≤ 2^25 · t), else text
    return Math.abs(gx) < 33554432 && Math.abs(gy) < 33554432
      ? (gx + 33554432) * 67108864 + (gy + 33554432)
      : `${gx},${gy}`;
  };
  const vertexOf = (x: number, y: number, f: number): number => {
    const key = snapKey(x, y);
    let v = vertexId.get(key);
    if (v === undefined) {
      v = vertexFeatHead.length;
      vertexId.set(key, v);
      vertexFeatHead.push(-1);
    }
    // record feature f at vertex v once; link f with every other feature there (queen)
    let seen = false;
    for (let c = vertexFeatHead[v]; c >= 0; c = chainNext[c]) {
      const g = chainFeat[c];
      if (g === f) seen = true;
      else if (!rook) link(f, g);
    }
    if (!seen) {
      chainFeat.push(f);
      chainNext.push(vertexFeatHead[v]);
      vertexFeatHead[v] = chainFeat.length - 1;
    }
    return v;
  };
  const va = new Uint32Array(seg.count);
  const vb = new Uint32Array(seg.count);
  for (let s = 0; s < seg.count; s++) {
    va[s] = vertexOf(seg.x0[s], seg.y0[s], seg.feat[s]);
    vb[s] = vertexOf(seg.x1[s], seg.y1[s], seg.feat[s]);
  }
  if (rook) {
    const nv = vertexFeatHead.length; // nv² < 2^53 for any realistic vertex count
    const edgeFirst = new Map<number, number>();
    for (let s = 0; s < seg.count; s++) {
      const a = va[s];
      const b = vb[s];
      if (a === b) continue; // shorter than the grid cell
      const key = a < b ? a * nv + b : b * nv + a;
      const f = seg.feat[s];
      const g = edgeFirst.get(key);
      if (g === undefined) edgeFirst.set(key, f);
      else if (g !== f) link(f, g);
    }
  }

  // 2. tolerant pass over nearby segments of different regions that step 1 did not link
  if (seg.count > 0) {
    const index = new Flatbush(seg.count);
    for (let s = 0; s < seg.count; s++) {
      index.add(
        Math.min(seg.x0[s], seg.x1[s]) - tol,
        Math.min(seg.y0[s], seg.y1[s]) - tol,
        Math.max(seg.x0[s], seg.x1[s]) + tol,
        Math.max(seg.y0[s], seg.y1[s]) + tol,
      );
    }
    index.finish();
    const overlap = new Map<number, number>();
    for (let s = 0; s < seg.count; s++) {
      const f = seg.feat[s];
      const hits = index.search(
        Math.min(seg.x0[s], seg.x1[s]),
        Math.min(seg.y0[s], seg.y1[s]),
        Math.max(seg.x0[s], seg.x1[s]),
        Math.max(seg.y0[s], seg.y1[s]),
      );
      for (const t of hits) {
        const g = seg.feat[t];
        if (t <= s || g === f) continue;
        const key = f < g ? f * nf + g : g * nf + f;
        if (linked.has(key)) continue;
        if (!rook) {
          if (segmentsWithin(seg, s, t, tol)) link(f, g);
          continue;
        }
        const len = collinearOverlap(seg, s, t, tol);
        if (len > 0) {
          const total = (overlap.get(key) ?? 0) + len;
          overlap.set(key, total);
          if (total > tol) link(f, g);
        }
      }
    }
  }
  return toWeightsObject(ids, lists);
}
