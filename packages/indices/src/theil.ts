// Theil T index and its group decomposition (Theil 1967; Shorrocks 1980), analysis-spec.md §5 theil.
//   s_i = y_i p_i / Σ y p, q_i = p_i / Σ p (p ≡ 1 unweighted), T = Σ s_i ln(s_i / q_i) with 0·ln 0 = 0;
//   groups: between = Σ_g S_g ln(S_g / Q_g), within = Σ_g S_g T_g, T = between + within.
import { RongheError } from "@ronghe/core";

export interface TheilGroup {
  n: number;
  valueShare: number;
  populationShare: number;
  /** Theil index inside the group; null when the group's total value is 0 */
  t: number | null;
  withinContribution: number;
}

export interface TheilResult {
  t: number;
  between?: number;
  within?: number;
  groups?: TheilGroup[];
}

function theilOf(
  y: ArrayLike<number>,
  p: ArrayLike<number> | undefined,
  rows: ArrayLike<number>,
): number | null {
  let yp = 0;
  let pp = 0;
  for (let k = 0; k < rows.length; k++) {
    const i = rows[k];
    const pi = p ? p[i] : 1;
    yp += y[i] * pi;
    pp += pi;
  }
  if (!(yp > 0)) return null;
  let t = 0;
  for (let k = 0; k < rows.length; k++) {
    const i = rows[k];
    const pi = p ? p[i] : 1;
    const s = (y[i] * pi) / yp;
    if (s > 0) t += s * Math.log(s / (pi / pp));
  }
  return t;
}

/**
 * Theil T of values y ≥ 0 with optional population weights p > 0 and optional group index per row (0…G−1).
 * Throws `negative_values`, `non_positive_population`, `degenerate` (all values 0).
 */
export function theil(
  y: ArrayLike<number>,
  population?: ArrayLike<number>,
  groupOf?: ArrayLike<number>,
): TheilResult {
  const n = y.length;
  for (let i = 0; i < n; i++) {
    if (y[i] < 0)
      throw new RongheError("negative_values", `Theil needs values ≥ 0 (row ${i + 1}: ${y[i]})`, { row: i });
    if (population && !(population[i] > 0)) {
      throw new RongheError(
        "non_positive_population",
        `population must be > 0 (row ${i + 1}: ${population[i]})`,
        {
          row: i,
        },
      );
    }
  }
  const all = Int32Array.from({ length: n }, (_, i) => i);
  const t = theilOf(y, population, all);
  if (t === null) throw new RongheError("degenerate", "Theil is undefined: every value is 0", {});
  if (!groupOf) return { t };

  let groupCount = 0;
  for (let i = 0; i < n; i++) groupCount = Math.max(groupCount, groupOf[i] + 1);
  const members: number[][] = Array.from({ length: groupCount }, () => []);
  for (let i = 0; i < n; i++) members[groupOf[i]].push(i);
  let ypTotal = 0;
  let pTotal = 0;
  for (let i = 0; i < n; i++) {
    const pi = population ? population[i] : 1;
    ypTotal += y[i] * pi;
    pTotal += pi;
  }
  let between = 0;
  let within = 0;
  const groups: TheilGroup[] = members.map((rows) => {
    let yp = 0;
    let pp = 0;
    for (const i of rows) {
      const pi = population ? population[i] : 1;
      yp += y[i] * pi;
      pp += pi;
    }
    const S = yp / ypTotal;
    const Q = pp / pTotal;
    const tg = theilOf(y, population, rows);
    if (S > 0) between += S * Math.log(S / Q);
    const contribution = tg === null ? 0 : S * tg;
    within += contribution;
    return { n: rows.length, valueShare: S, populationShare: Q, t: tg, withinContribution: contribution };
  });
  return { t, between, within, groups };
}
