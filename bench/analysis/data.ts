// Inputs of the analysis section, written once to binary files (little-endian float64) that the ronghe engines
// and R both read, so both sides compute on exactly the same numbers.
import { writeFileSync } from "node:fs";
import { Xoshiro128 } from "@ronghe/spatial-stats";

/** A smooth surface plus noise on a side × side grid (row-major), so clusters and non-significant cells occur. */
export function writeGridValues(side: number, file: string): void {
  const rng = new Xoshiro128(7);
  const x = new Float64Array(side * side);
  for (let r = 0; r < side; r++) {
    for (let c = 0; c < side; c++)
      x[r * side + c] = Math.sin(r / 17) + Math.cos(c / 23) + 2 * rng.nextDouble();
  }
  writeFileSync(file, new Uint8Array(x.buffer));
}

/** Directions of the indicator columns: every fifth a cost indicator. */
export function directions(m: number): string {
  let s = "";
  for (let j = 0; j < m; j++) s += j % 5 === 4 ? "-" : "+";
  return s;
}

/**
 * n rows × m indicators, column-major: a latent development level per row plus indicator-specific noise and
 * scale, positive, with a few heavy tails, like village statistics.
 */
export function writeIndicatorMatrix(n: number, m: number, file: string): void {
  const rng = new Xoshiro128(2024);
  const latent = new Float64Array(n);
  for (let i = 0; i < n; i++) latent[i] = rng.nextDouble();
  const x = new Float64Array(n * m);
  for (let j = 0; j < m; j++) {
    const scale = 10 ** (j % 4);
    const loading = 0.3 + 0.6 * rng.nextDouble();
    const col = x.subarray(j * n, (j + 1) * n);
    for (let i = 0; i < n; i++) {
      const u = rng.nextDouble();
      const tail = u > 0.995 ? 5 * u : 1;
      col[i] = scale * (0.05 + loading * latent[i] + (1 - loading) * rng.nextDouble()) * tail;
    }
  }
  writeFileSync(file, new Uint8Array(x.buffer));
}
