// Shared front end of the spatial methods (moran, lisa, getis-ord): reads the variable and the weights of a spec
// and applies the checks of spec §1 in one place, so the three methods reject bad input identically.
import { type AnalysisSpec, type MissingRule, RongheError, readTable } from "@ronghe/core";
import { buildSpatialWeights, type SpatialWeights } from "./spatial-weights.ts";

export interface SpatialInput {
  ids: string[];
  x: Float64Array;
  weights: SpatialWeights;
  droppedIds: string[];
}

export interface SpatialInputOptions {
  missing: MissingRule;
  allowIslands: boolean;
  includeSelf?: boolean;
}

export function readSpatialInput(
  spec: AnalysisSpec,
  column: string,
  options: SpatialInputOptions,
): SpatialInput {
  const table = readTable(spec, { numeric: [column] }, options.missing);
  if (spec.weights === undefined) {
    throw new RongheError("invalid_weights", `method ${spec.method} needs a weights object with neighbors`);
  }
  const allIds = spec.data.rows.map((row) => String(row.id));
  const weights = buildSpatialWeights(allIds, table.ids, spec.weights.neighbors, {
    style: spec.weights.style ?? "W",
    includeSelf: options.includeSelf === true,
  });
  const n = table.ids.length;
  if (n < 4) {
    throw new RongheError("insufficient_data", `spatial methods need at least 4 rows, got ${n}`, { n });
  }
  if (weights.nIslands > 0 && !options.allowIslands) {
    const islands: string[] = [];
    for (let i = 0; i < n; i++) if (weights.isIsland[i]) islands.push(table.ids[i]);
    const shown =
      islands.length <= 10 ? islands.join(", ") : `${islands.slice(0, 10).join(", ")} … (${islands.length})`;
    throw new RongheError(
      "no_neighbors",
      `regions without neighbours: ${shown}; set params.allow_islands to true to keep them (spatial lag 0)`,
      { ids: islands },
    );
  }
  const x = table.numeric.get(column) as Float64Array;
  let constant = true;
  for (let i = 1; i < n && constant; i++) if (x[i] !== x[0]) constant = false;
  if (constant) {
    throw new RongheError("constant_column", `column "${column}" has the same value in every row used`, {
      column,
    });
  }
  return { ids: table.ids, x, weights, droppedIds: table.droppedIds };
}

/** Mean with one correction pass (as R's mean), so deviations from it sum to ~0. */
export function accurateMean(x: Float64Array): number {
  const n = x.length;
  let s = 0;
  for (let i = 0; i < n; i++) s += x[i];
  const m = s / n;
  let t = 0;
  for (let i = 0; i < n; i++) t += x[i] - m;
  return m + t / n;
}

/** A finite number (−0 as 0), or null (spec §2: never NaN or ±Infinity in output). */
export function finiteOrNull(v: number): number | null {
  return Number.isFinite(v) ? v + 0 : null;
}
