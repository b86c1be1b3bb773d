import { Xoshiro128 } from "../src/prng.ts";
const rng = new Xoshiro128(1);
let t0 = performance.now(); let acc = 0;
for (let i = 0; i < 1e8; i++) acc += rng.nextUint32();
console.log("nextUint32 1e8", performance.now() - t0, acc);
t0 = performance.now(); acc = 0;
for (let i = 0; i < 1e8; i++) acc += rng.below(40000 - (i & 7));
console.log("below 1e8", performance.now() - t0, acc);
const idx = new Int32Array(40000); for (let k = 0; k < 40000; k++) idx[k] = k;
t0 = performance.now(); acc = 0;
for (let r = 0; r < 1e8 / 8; r++) { let t = 0; for (let e = 0; e < 8; e++) { const j = t + rng.below(40000 - t); const v = idx[j]; idx[j] = idx[t]; idx[t] = v; t++; acc += v; } }
console.log("partial FY 1e8", performance.now() - t0, acc);
