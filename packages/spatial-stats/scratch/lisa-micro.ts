import { Xoshiro128, LEMIRE_MAX, TWO_POW_MINUS_32 } from "../src/prng.ts";
const n = 40000, R = 999, K = 8;
const values = new Float64Array(n).map((_, i) => Math.sin(i));
function full(mode: number) {
  const idx = new Int32Array(n); for (let k = 0; k < n; k++) idx[k] = k;
  const st = new Xoshiro128(1).getState(); let s0 = st[0], s1 = st[1], s2 = st[2], s3 = st[3];
  let acc = 0;
  for (let i = 0; i < n; i++) {
    for (let r = 0; r < R; r++) {
      let s = 0, t = 0;
      for (let e = 0; e < K; e++) {
        let v: number;
        do {
          const bound = n - t; let j: number;
          if (mode === 2) { j = t + ((s0 = (Math.imul(s0, 1664525) + 1013904223) | 0) >>> 0) % bound; }
          else for (;;) {
            const m5 = Math.imul(s1, 5);
            const x = Math.imul((m5 << 7) | (m5 >>> 25), 9) >>> 0;
            const t9 = s1 << 9; s2 ^= s0; s3 ^= s1; s1 ^= s2; s0 ^= s3; s2 ^= t9; s3 = (s3 << 11) | (s3 >>> 21);
            if (bound <= LEMIRE_MAX) { const low = Math.imul(x, bound) >>> 0; if (low < bound && low < (4294967296 - bound) % bound) continue; j = t + Math.floor(x * bound * TWO_POW_MINUS_32); }
            else { j = (x & (0xffffffff >>> Math.clz32(bound - 1))) >>> 0; if (j >= bound) continue; j += t; }
            break;
          }
          if (mode === 1) { v = j; t++; } else { v = idx[j]; idx[j] = idx[t]; idx[t] = v; t++; }
        } while (v === i);
        s += values[v];
      }
      acc += s;
    }
  }
  return acc;
}
for (const mode of [0, 1, 2, 0]) { const c0 = process.cpuUsage(); const a = full(mode); const c = process.cpuUsage(c0); console.log(mode, ((c.user + c.system) / 1000).toFixed(0), "ms cpu", a.toFixed(3)); }
