import { contiguityWeights, knnWeights, distanceBandWeights } from "../src/index.ts";
const side = 200;
const fs = [];
for (let r = 0; r < side; r++) for (let c = 0; c < side; c++) { const x = 100 + c * 0.01, y = 30 + r * 0.01, s = 0.01; fs.push({ id: `${r}-${c}`, geometry: { type: "Polygon" as const, coordinates: [[[x, y], [x + s, y], [x + s, y + s], [x, y + s], [x, y]]] } }); }
let t = performance.now(); const q = contiguityWeights(fs, { rule: "queen" }); console.log("queen 40k", (performance.now() - t).toFixed(0), "ms", q.neighbors["5-5"].length);
t = performance.now(); const rk = contiguityWeights(fs, { rule: "rook" }); console.log("rook 40k", (performance.now() - t).toFixed(0), "ms", rk.neighbors["5-5"].length);
const pts = fs.map((f, i) => ({ id: f.id, lon: 100 + Math.sin(i) * 5, lat: 30 + Math.cos(i * 1.3) * 5 }));
t = performance.now(); const k = knnWeights(pts, 6); console.log("knn6 40k", (performance.now() - t).toFixed(0), "ms", k.neighbors["5-5"].length);
t = performance.now(); const d = distanceBandWeights(pts, 10); console.log("band 40k", (performance.now() - t).toFixed(0), "ms", d.islands.length);
