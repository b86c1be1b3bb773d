// Moran's I (999 permutations) and LISA (999 conditional permutations) on a 200 × 200 queen grid (40,000
// regions), through the spec adapters (weights validation and CSR build included) and through the engines on
// prebuilt weights. Run: npx tsx packages/spatial-stats/bench/moran-lisa.bench.ts [side] [permutations]
import type { AnalysisSpec } from "@ronghe/core";
import { runGetisOrdSpec } from "../src/getis-ord-spec.ts";
import { runLisaSpec } from "../src/lisa-spec.ts";
import { localMoran } from "../src/local-moran.ts";
import { runMoranSpec } from "../src/moran-spec.ts";
import { moransI } from "../src/morans-i.ts";
import { Xoshiro128 } from "../src/prng.ts";
import { buildSpatialWeights } from "../src/spatial-weights.ts";

const side = Number(process.argv[2] ?? 200);
const permutations = Number(process.argv[3] ?? 999);
const n = side * side;

// queen neighbours of a side × side lattice, ids "r,c"
const ids: string[] = [];
for (let r = 0; r < side; r++) for (let c = 0; c < side; c++) ids.push(`${r},${c}`);
const neighbors: Record<string, string[]> = {};
for (let r = 0; r < side; r++) {
  for (let c = 0; c < side; c++) {
    const list: string[] = [];
    for (let dr = -1; dr <= 1; dr++) {
      for (let dc = -1; dc <= 1; dc++) {
        if ((dr !== 0 || dc !== 0) && r + dr >= 0 && r + dr < side && c + dc >= 0 && c + dc < side) {
          list.push(`${r + dr},${c + dc}`);
        }
      }
    }
    neighbors[`${r},${c}`] = list;
  }
}
// a smooth surface plus noise, so that both clusters and non-significant regions occur
const rng = new Xoshiro128(7);
const values = new Float64Array(n);
for (let r = 0; r < side; r++) {
  for (let c = 0; c < side; c++) {
    values[r * side + c] = Math.sin(r / 17) + Math.cos(c / 23) + 2 * rng.nextDouble();
  }
}
const rows = ids.map((id, i) => ({ id, v: values[i] }));
const spec = (method: "moran" | "lisa" | "getis-ord"): AnalysisSpec => ({
  method,
  params: { column: "v", permutations, seed: 12345 },
  data: { rows },
  weights: { neighbors, style: "W" },
});

/** Wall time and the process's CPU time (user + system), which is less sensitive to a busy machine. */
function time<T>(fn: () => T): { ms: number; cpuMs: number; value: T } {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  const value = fn();
  const ms = performance.now() - t0;
  const c = process.cpuUsage(c0);
  return { ms, cpuMs: (c.user + c.system) / 1000, value };
}

// machine-speed yardstick: on a busy or oversubscribed machine every number below scales with this one
const calibration = time(() => {
  let s = 0;
  for (let i = 0; i < 1e9; i++) s = (s + Math.imul(i, 2654435761)) | 0;
  return s;
});

const w = buildSpatialWeights(ids, ids, neighbors, { style: "W" });
const results: Array<[string, { ms: number; cpuMs: number }, string]> = [];
const moranCore = time(() =>
  moransI(values, w, { alternative: "greater", adjustN: true, permutations, seed: 12345 }),
);
results.push(["moransI (engine, prebuilt weights)", moranCore, `p_perm=${moranCore.value.permutation?.p}`]);
const lisaCore = time(() =>
  localMoran(values, w, { variance: "conditional", alternative: "two.sided", permutations, seed: 12345 }),
);
results.push(["localMoran (engine, prebuilt weights)", lisaCore, `p_sim[0]=${lisaCore.value.pSim?.[0]}`]);
const moranSpec = time(() => runMoranSpec(spec("moran")));
results.push([
  "runMoranSpec (spec → result)",
  moranSpec,
  `I=${(moranSpec.value.result.i as number).toFixed(6)}`,
]);
const lisaSpec = time(() => runLisaSpec(spec("lisa")));
results.push(["runLisaSpec (spec → result)", lisaSpec, JSON.stringify(lisaSpec.value.result.counts)]);
const giSpec = time(() => runGetisOrdSpec(spec("getis-ord")));
results.push(["runGetisOrdSpec Gi* (spec → result)", giSpec, ""]);

results.push(["calibration: 1e9 imul-add loop", calibration, "≈ 500–1000 ms on an idle 2–3 GHz core"]);

const R_SECONDS: Record<string, number> = { moran: 60, lisa: 95 };
console.log(`${side}×${side} queen grid, n = ${n}, ${permutations} permutations`);
console.log(`${"case".padEnd(40)} ${"wall ms".padStart(9)} ${"cpu ms".padStart(9)}  note`);
for (const [name, t, note] of results) {
  console.log(`${name.padEnd(40)} ${t.ms.toFixed(1).padStart(9)} ${t.cpuMs.toFixed(1).padStart(9)}  ${note}`);
}
console.log(
  `reference (R spdep, this machine class): moran.mc ~${R_SECONDS.moran} s, localmoran_perm ~${R_SECONDS.lisa} s → ` +
    `wall-clock speed-up ${((R_SECONDS.moran * 1000) / moranSpec.ms).toFixed(0)}× and ` +
    `${((R_SECONDS.lisa * 1000) / lisaSpec.ms).toFixed(0)}×`,
);
console.log(
  `cost in calibration units (machine-independent): moran ${(moranSpec.cpuMs / calibration.cpuMs).toFixed(2)}, ` +
    `lisa ${(lisaSpec.cpuMs / calibration.cpuMs).toFixed(2)}`,
);
