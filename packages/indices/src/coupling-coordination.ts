// Coupling coordination degree of subsystem indices U (analysis-spec.md §5 coupling-coordination).
//   standard: C = [∏U_i / (ΣU_i / n)^n]^k, k = 1/n by default (= n·(∏U)^(1/n)/ΣU), C = 0 when ΣU = 0;
//   wang2021 (Wang Shujia et al. 2021, 自然资源学报 36(3)):
//     C = sqrt{[1 − Σ_{i<j}|U_i − U_j| / Σ_{m=1}^{n−1} m] · [∏(U_i / max U)]^{1/(n−1)}}, C = 0 when max U = 0;
//   T = Σ α_i U_i, D = sqrt(C·T), level = min(10, floor(10·D) + 1).
import { RongheError } from "@ronghe/core";

export type CouplingFormula = "standard" | "wang2021";

export interface CouplingOptions {
  formula?: CouplingFormula;
  /** exponent of the standard formula; default 1/n */
  k?: number;
  /** α_i, summing to 1; default equal */
  weights?: ArrayLike<number>;
}

export interface CouplingResult {
  coupling: Float64Array;
  development: Float64Array;
  coordination: Float64Array;
  level: Int32Array;
}

/** The ten classes of D, from 极度失调 (level 1, D < 0.1) to 优质协调 (level 10, D ≥ 0.9). */
export const COORDINATION_LEVELS = [
  { level: 1, zh: "极度失调", en: "extreme imbalance" },
  { level: 2, zh: "严重失调", en: "serious imbalance" },
  { level: 3, zh: "中度失调", en: "moderate imbalance" },
  { level: 4, zh: "轻度失调", en: "mild imbalance" },
  { level: 5, zh: "濒临失调", en: "on the verge of imbalance" },
  { level: 6, zh: "勉强协调", en: "barely coordinated" },
  { level: 7, zh: "初级协调", en: "primary coordination" },
  { level: 8, zh: "中级协调", en: "intermediate coordination" },
  { level: 9, zh: "良好协调", en: "good coordination" },
  { level: 10, zh: "优质协调", en: "high-quality coordination" },
] as const;

export function coordinationLevel(d: number): number {
  return Math.min(10, Math.max(1, Math.floor(10 * d) + 1));
}

/** Subsystem columns (U ≥ 0, one per subsystem) in, one value per row out. Throws `negative_values`. */
export function couplingCoordination(
  subsystems: readonly Float64Array[],
  options: CouplingOptions = {},
): CouplingResult {
  const s = subsystems.length;
  if (s < 2)
    throw new RongheError("invalid_spec", "coupling coordination needs at least 2 subsystems", { count: s });
  const n = subsystems[0].length;
  const formula = options.formula ?? "standard";
  const k = options.k ?? 1 / s;
  const alpha = new Float64Array(s);
  if (options.weights) {
    let total = 0;
    for (let j = 0; j < s; j++) total += options.weights[j];
    for (let j = 0; j < s; j++) alpha[j] = options.weights[j] / total;
  } else alpha.fill(1 / s);
  const pairDenominator = (s * (s - 1)) / 2; // Σ_{m=1}^{s−1} m

  const coupling = new Float64Array(n);
  const development = new Float64Array(n);
  const coordination = new Float64Array(n);
  const level = new Int32Array(n);
  const u = new Float64Array(s);
  for (let i = 0; i < n; i++) {
    let sum = 0;
    let max = 0;
    let t = 0;
    for (let j = 0; j < s; j++) {
      const v = subsystems[j][i];
      if (v < 0) {
        throw new RongheError(
          "negative_values",
          `subsystem index ${j + 1} is negative (${v}) in row ${i + 1}`,
          {
            row: i,
            value: v,
          },
        );
      }
      u[j] = v;
      sum += v;
      if (v > max) max = v;
      t += alpha[j] * v;
    }
    let c = 0;
    if (formula === "standard") {
      if (sum > 0) {
        const mean = sum / s;
        let ratio = 1;
        for (let j = 0; j < s; j++) ratio *= u[j] / mean;
        c = ratio ** k;
      }
    } else if (max > 0) {
      let spread = 0;
      for (let a = 0; a < s; a++) for (let b = a + 1; b < s; b++) spread += Math.abs(u[a] - u[b]);
      let prod = 1;
      for (let j = 0; j < s; j++) prod *= u[j] / max;
      const inner = (1 - spread / pairDenominator) * prod ** (1 / (s - 1));
      c = Math.sqrt(Math.max(0, inner));
    }
    coupling[i] = c;
    development[i] = t;
    coordination[i] = Math.sqrt(c * t);
    level[i] = coordinationLevel(coordination[i]);
  }
  return { coupling, development, coordination, level };
}
