// One engine run in its own process, with time and peak memory (lib/memory.ts):
//   moran  SIDE PERMS X_FILE            moransI, permutations, queen grid, weights prebuilt (as R's listw)
//   lisa   SIDE PERMS X_FILE II_OUT     localMoran, conditional permutations; Ii written for the R cross-check
//   topsis N M X_FILE DIRS CC_OUT       entropyWeights + topsis (vector); closeness written for the R cross-check
// Input reading and weights construction happen before the clock starts; "input bytes" is what the engine is
// handed: x plus the CSR weights, or the n × m matrix.
import { readFileSync, writeFileSync } from "node:fs";
import { type Direction, entropyWeights, topsis } from "@ronghe/indices";
import { localMoran, moransI, type SpatialWeights } from "@ronghe/spatial-stats";
import { measure } from "../lib/memory.ts";
import { caseMain } from "../lib/process.ts";

export interface EngineCaseResult {
  ms: number;
  cpuMs: number;
  peakRssDelta: number;
  arrayBuffersDelta: number;
  inputBytes: number;
  /** Moran's I (moran), pseudo p; significant-cell count (lisa); weights (topsis) */
  i?: number;
  p?: number;
  significant?: number;
  weights?: number[];
}

function readF64(file: string, count: number): Float64Array {
  const out = new Float64Array(count);
  const bytes = readFileSync(file);
  if (bytes.byteLength !== count * 8)
    throw new Error(`${file}: ${bytes.byteLength} bytes, expected ${count * 8}`);
  new Uint8Array(out.buffer).set(bytes);
  return out;
}

/**
 * Row-standardised queen weights of a side × side grid (row-major cells), written straight into the CSR arrays:
 * no intermediate objects, so the heap holds no freed garbage whose pages the measured call could reuse unseen.
 * The cross-checks against spdep's cell2nb(side, side, "queen") confirm the graph.
 */
function queenGrid(side: number): SpatialWeights {
  const n = side * side;
  const inside = (r: number, c: number) => r >= 0 && r < side && c >= 0 && c < side;
  const offsets = new Uint32Array(n + 1);
  for (let r = 0; r < side; r++) {
    for (let c = 0; c < side; c++) {
      let k = 0;
      for (let dr = -1; dr <= 1; dr++)
        for (let dc = -1; dc <= 1; dc++) if ((dr !== 0 || dc !== 0) && inside(r + dr, c + dc)) k++;
      offsets[r * side + c + 1] = offsets[r * side + c] + k;
    }
  }
  const neighbours = new Uint32Array(offsets[n]);
  const weights = new Float64Array(offsets[n]);
  for (let r = 0; r < side; r++) {
    for (let c = 0; c < side; c++) {
      const i = r * side + c;
      let e = offsets[i];
      for (let dr = -1; dr <= 1; dr++) {
        for (let dc = -1; dc <= 1; dc++)
          if ((dr !== 0 || dc !== 0) && inside(r + dr, c + dc)) neighbours[e++] = (r + dr) * side + c + dc;
      }
      for (let k = offsets[i]; k < e; k++) weights[k] = 1 / (e - offsets[i]);
    }
  }
  return {
    n,
    offsets,
    neighbours,
    weights,
    style: "W",
    selfIncluded: false,
    isIsland: new Uint8Array(n),
    nIslands: 0,
  };
}

function weightsBytes(w: SpatialWeights): number {
  return w.offsets.byteLength + w.neighbours.byteLength + w.weights.byteLength + w.isIsland.byteLength;
}

caseMain(async (args): Promise<EngineCaseResult> => {
  const [kind] = args;
  if (kind === "moran" || kind === "lisa") {
    const side = Number(args[1]);
    const permutations = Number(args[2]);
    const x = readF64(args[3], side * side);
    const w = queenGrid(side);
    const inputBytes = x.byteLength + weightsBytes(w);
    if (kind === "moran") {
      const m = await measure(() =>
        moransI(x, w, { alternative: "greater", adjustN: true, permutations, seed: 12345 }),
      );
      const { value, ...rest } = m;
      return { ...rest, inputBytes, i: value.i, p: value.permutation?.p };
    }
    const m = await measure(() =>
      localMoran(x, w, { variance: "conditional", alternative: "two.sided", permutations, seed: 12345 }),
    );
    const { value, ...rest } = m;
    writeFileSync(args[4], new Uint8Array(value.ii.buffer, value.ii.byteOffset, value.ii.byteLength));
    let significant = 0;
    for (const p of value.pSim ?? []) if (p <= 0.05) significant++;
    return { ...rest, inputBytes, significant };
  }
  if (kind === "topsis") {
    const n = Number(args[1]);
    const mCols = Number(args[2]);
    const all = readF64(args[3], n * mCols);
    const columns = Array.from({ length: mCols }, (_, j) => all.subarray(j * n, (j + 1) * n));
    const dirs = [...args[4]] as Direction[];
    const m = await measure(() => {
      const ew = entropyWeights(columns, dirs);
      return { weights: ew.weights, t: topsis(columns, dirs, ew.weights, "vector") };
    });
    const { value, ...rest } = m;
    const cc = value.t.closeness;
    writeFileSync(args[5], new Uint8Array(cc.buffer, cc.byteOffset, cc.byteLength));
    return { ...rest, inputBytes: all.byteLength, weights: [...value.weights] };
  }
  throw new Error(`unknown engine case ${kind}`);
});
