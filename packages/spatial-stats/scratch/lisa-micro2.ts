import { Xoshiro128, LEMIRE_MAX, TWO_POW_MINUS_32 } from "../src/prng.ts";
const n = 40000, R = 999, K = 8;
const values = new Float64Array(n).map((_, i) => Math.sin(i));
function A() {
  const idx = new Int32Array(n); for (let k = 0; k < n; k++) idx[k] = k;
  const st = new Xoshiro128(1).getState(); let s0 = st[0], s1 = st[1], s2 = st[2], s3 = st[3];
  let acc = 0;
  for (let i = 0; i < n; i++) for (let r = 0; r < R; r++) {
    let s = 0, t = 0;
    for (let e = 0; e < K; e++) {
      let v: number;
      do {
        const bound = n - t; let j: number;
        for (;;) {
          const m5 = Math.imul(s1, 5);
          const x = Math.imul((m5 << 7) | (m5 >>> 25), 9) >>> 0;
          const t9 = s1 << 9; s2 ^= s0; s3 ^= s1; s1 ^= s2; s0 ^= s3; s2 ^= t9; s3 = (s3 << 11) | (s3 >>> 21);
          if (bound <= LEMIRE_MAX) { const low = Math.imul(x, bound) >>> 0; if (low < bound && low < (4294967296 - bound) % bound) continue; j = t + Math.floor(x * bound * TWO_POW_MINUS_32); }
          else { j = (x & (0xffffffff >>> Math.clz32(bound - 1))) >>> 0; if (j >= bound) continue; j += t; }
          break;
        }
        v = idx[j]; idx[j] = idx[t]; idx[t] = v; t++;
      } while (v === i);
      s += values[v];
    }
    acc += s;
  }
  return acc;
}
function B() {
  const idx = new Int32Array(n); for (let k = 0; k < n; k++) idx[k] = k;
  const st = new Xoshiro128(1).getState(); let s0 = st[0], s1 = st[1], s2 = st[2], s3 = st[3];
  let acc = 0;
  for (let i = 0; i < n; i++) for (let r = 0; r < R; r++) {
    let s = 0, t = 0;
    for (let e = 0; e < K; e++) {
      let v: number;
      do {
        const bound = n - t;
        let x: number, low: number;
        do {
          const m5 = Math.imul(s1, 5);
          x = Math.imul((m5 << 7) | (m5 >>> 25), 9) >>> 0;
          const t9 = s1 << 9; s2 ^= s0; s3 ^= s1; s1 ^= s2; s0 ^= s3; s2 ^= t9; s3 = (s3 << 11) | (s3 >>> 21);
          low = Math.imul(x, bound) >>> 0;
        } while (low < bound && low < (4294967296 - bound) % bound);
        const j = t + ((x * bound * TWO_POW_MINUS_32) | 0);
        v = idx[j]; idx[j] = idx[t]; idx[t] = v; t++;
      } while (v === i);
      s += values[v];
    }
    acc += s;
  }
  return acc;
}
function C() { // sfc32
  const idx = new Int32Array(n); for (let k = 0; k < n; k++) idx[k] = k;
  let a = 1, b = 2, c = 3, d = 4;
  let acc = 0;
  for (let i = 0; i < n; i++) for (let r = 0; r < R; r++) {
    let s = 0, t = 0;
    for (let e = 0; e < K; e++) {
      let v: number;
      do {
        const bound = n - t;
        let x: number, low: number;
        do {
          const tt = (((a + b) | 0) + d) | 0; d = (d + 1) | 0; a = b ^ (b >>> 9); b = (c + (c << 3)) | 0; c = (c << 21) | (c >>> 11); c = (c + tt) | 0;
          x = tt >>> 0;
          low = Math.imul(x, bound) >>> 0;
        } while (low < bound && low < (4294967296 - bound) % bound);
        const j = t + ((x * bound * TWO_POW_MINUS_32) | 0);
        v = idx[j]; idx[j] = idx[t]; idx[t] = v; t++;
      } while (v === i);
      s += values[v];
    }
    acc += s;
  }
  return acc;
}
const fns: Record<string, () => number> = { A, B, C };
for (const name of ["A", "B", "C", "A", "B", "C"]) { const c0 = process.cpuUsage(); const t0 = performance.now(); const a = fns[name](); const c = process.cpuUsage(c0); console.log(name, ((c.user + c.system) / 1000).toFixed(0), "ms cpu", (performance.now() - t0).toFixed(0), "wall", a.toFixed(2)); }
