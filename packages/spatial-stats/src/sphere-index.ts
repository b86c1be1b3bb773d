// Static k-d tree over points on the unit sphere, stored as 3-D unit vectors (kdbush layout: ids and coordinates
// sorted in place so that every node is a contiguous range split at its middle element). Straight-line (chord)
// distance between unit vectors is monotone in great-circle distance, so nearest neighbours and distance bands
// come out exactly, with no longitude wrap-around or pole special cases.
//
//   ids:    Uint32Array(n)        input index of the point at tree position p
//   coords: Float64Array(3n)      x, y, z of the point at tree position p
const NODE_SIZE = 16;
const RAD = Math.PI / 180;

export class SphereIndex {
  readonly n: number;
  readonly ids: Uint32Array;
  readonly coords: Float64Array;

  constructor(lon: ArrayLike<number>, lat: ArrayLike<number>) {
    const n = lon.length;
    this.n = n;
    this.ids = new Uint32Array(n);
    this.coords = new Float64Array(3 * n);
    for (let i = 0; i < n; i++) {
      this.ids[i] = i;
      const [x, y, z] = unitVector(lon[i], lat[i]);
      this.coords[3 * i] = x;
      this.coords[3 * i + 1] = y;
      this.coords[3 * i + 2] = z;
    }
    this.sort(0, n - 1, 0);
  }

  private sort(left: number, right: number, axis: number): void {
    if (right - left <= NODE_SIZE) return;
    const m = (left + right) >> 1;
    this.select(m, left, right, axis);
    const next = (axis + 1) % 3;
    this.sort(left, m - 1, next);
    this.sort(m + 1, right, next);
  }

  /** Floyd–Rivest selection (as kdbush): element k in place, smaller coordinates left of it. */
  private select(k: number, left: number, right: number, axis: number): void {
    const c = this.coords;
    while (right > left) {
      if (right - left > 600) {
        const n = right - left + 1;
        const m = k - left + 1;
        const z = Math.log(n);
        const s = 0.5 * Math.exp((2 * z) / 3);
        const sd = 0.5 * Math.sqrt((z * s * (n - s)) / n) * (m - n / 2 < 0 ? -1 : 1);
        const newLeft = Math.max(left, Math.floor(k - (m * s) / n + sd));
        const newRight = Math.min(right, Math.floor(k + ((n - m) * s) / n + sd));
        this.select(k, newLeft, newRight, axis);
      }
      const t = c[3 * k + axis];
      let i = left;
      let j = right;
      this.swap(left, k);
      if (c[3 * right + axis] > t) this.swap(left, right);
      while (i < j) {
        this.swap(i, j);
        i++;
        j--;
        while (c[3 * i + axis] < t) i++;
        while (c[3 * j + axis] > t) j--;
      }
      if (c[3 * left + axis] === t) this.swap(left, j);
      else {
        j++;
        this.swap(j, right);
      }
      if (j <= k) left = j + 1;
      if (k <= j) right = j - 1;
    }
  }

  private swap(i: number, j: number): void {
    const ids = this.ids;
    const c = this.coords;
    const t = ids[i];
    ids[i] = ids[j];
    ids[j] = t;
    for (let a = 0; a < 3; a++) {
      const v = c[3 * i + a];
      c[3 * i + a] = c[3 * j + a];
      c[3 * j + a] = v;
    }
  }

  /**
   * The k nearest points to (x, y, z) other than input index `exclude`, as input indices ordered by distance,
   * ties broken by the lower input index.
   */
  nearest(x: number, y: number, z: number, k: number, exclude: number): number[] {
    // max-heap on (distance², index) of the best k so far
    const hd = new Float64Array(k);
    const hi = new Int32Array(k);
    let size = 0;
    const worse = (d1: number, i1: number, d2: number, i2: number) => d1 > d2 || (d1 === d2 && i1 > i2);
    const push = (d: number, idx: number) => {
      if (size < k) {
        let p = size++;
        while (p > 0) {
          const parent = (p - 1) >> 1;
          if (!worse(d, idx, hd[parent], hi[parent])) break;
          hd[p] = hd[parent];
          hi[p] = hi[parent];
          p = parent;
        }
        hd[p] = d;
        hi[p] = idx;
        return;
      }
      if (!worse(hd[0], hi[0], d, idx)) return;
      let p = 0;
      for (;;) {
        const l = 2 * p + 1;
        if (l >= size) break;
        const r = l + 1;
        const c = r < size && worse(hd[r], hi[r], hd[l], hi[l]) ? r : l;
        if (!worse(hd[c], hi[c], d, idx)) break;
        hd[p] = hd[c];
        hi[p] = hi[c];
        p = c;
      }
      hd[p] = d;
      hi[p] = idx;
    };
    const c = this.coords;
    const ids = this.ids;
    const q = [x, y, z];
    const visit = (left: number, right: number, axis: number): void => {
      if (right - left <= NODE_SIZE) {
        for (let p = left; p <= right; p++) {
          if (ids[p] === exclude) continue;
          push(dist2(c, p, x, y, z), ids[p]);
        }
        return;
      }
      const m = (left + right) >> 1;
      if (ids[m] !== exclude) push(dist2(c, m, x, y, z), ids[m]);
      const next = (axis + 1) % 3;
      const delta = q[axis] - c[3 * m + axis];
      const [first, second] = delta <= 0 ? [0, 1] : [1, 0];
      const ranges: Array<[number, number]> = [
        [left, m - 1],
        [m + 1, right],
      ];
      visit(ranges[first][0], ranges[first][1], next);
      // the other side can only hold points at least |delta| away; equal distance may still win on index
      if (size < k || delta * delta <= hd[0]) visit(ranges[second][0], ranges[second][1], next);
    };
    if (this.n > 0) visit(0, this.n - 1, 0);
    const out: Array<[number, number]> = [];
    for (let t = 0; t < size; t++) out.push([hd[t], hi[t]]);
    out.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
    return out.map((e) => e[1]);
  }

  /** Input indices of all points within chord distance `r` of (x, y, z). */
  within(x: number, y: number, z: number, r: number): number[] {
    const out: number[] = [];
    const c = this.coords;
    const ids = this.ids;
    const r2 = r * r;
    const q = [x, y, z];
    const visit = (left: number, right: number, axis: number): void => {
      if (right - left <= NODE_SIZE) {
        for (let p = left; p <= right; p++) if (dist2(c, p, x, y, z) <= r2) out.push(ids[p]);
        return;
      }
      const m = (left + right) >> 1;
      if (dist2(c, m, x, y, z) <= r2) out.push(ids[m]);
      const next = (axis + 1) % 3;
      const v = c[3 * m + axis];
      if (q[axis] - r <= v) visit(left, m - 1, next);
      if (q[axis] + r >= v) visit(m + 1, right, next);
    };
    if (this.n > 0) visit(0, this.n - 1, 0);
    return out;
  }
}

function dist2(c: Float64Array, p: number, x: number, y: number, z: number): number {
  const dx = c[3 * p] - x;
  const dy = c[3 * p + 1] - y;
  const dz = c[3 * p + 2] - z;
  return dx * dx + dy * dy + dz * dz;
}

export function unitVector(lon: number, lat: number): [number, number, number] {
  const cl = Math.cos(lat * RAD);
  return [cl * Math.cos(lon * RAD), cl * Math.sin(lon * RAD), Math.sin(lat * RAD)];
}
