// Min-max normalisation (analysis-spec.md §3): benefit (x − min)/(max − min), cost (max − x)/(max − min).
// A constant column carries no information on rank; it becomes 1 for every row so that it neither rewards nor
// penalises anyone, and the caller reports `constant_column:<column>`.
import type { Direction } from "./types.ts";

export interface MinmaxColumn {
  values: Float64Array;
  constant: boolean;
  min: number;
  max: number;
}

export function minmaxNormalise(column: Float64Array, direction: Direction): MinmaxColumn {
  const n = column.length;
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < n; i++) {
    const v = column[i];
    if (v < min) min = v;
    if (v > max) max = v;
  }
  const values = new Float64Array(n);
  const range = max - min;
  if (n === 0 || !(range > 0)) {
    values.fill(1);
    return { values, constant: true, min, max };
  }
  if (direction === "+") for (let i = 0; i < n; i++) values[i] = (column[i] - min) / range;
  else for (let i = 0; i < n; i++) values[i] = (max - column[i]) / range;
  return { values, constant: false, min, max };
}

/** Normalises every column; `constant[j]` tells which were constant. */
export function minmaxNormaliseAll(
  columns: readonly Float64Array[],
  directions: readonly Direction[],
): { values: Float64Array[]; constant: boolean[] } {
  const values: Float64Array[] = [];
  const constant: boolean[] = [];
  for (let j = 0; j < columns.length; j++) {
    const r = minmaxNormalise(columns[j], directions[j]);
    values.push(r.values);
    constant.push(r.constant);
  }
  return { values, constant };
}
