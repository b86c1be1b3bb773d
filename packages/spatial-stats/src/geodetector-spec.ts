// Spec adapter of method "geodetector" (spec §5 geodetector).
import {
  type AnalysisOutcome,
  type AnalysisSpec,
  RongheError,
  readBooleanParam,
  readColumnListParam,
  readColumnParam,
  readMissingParam,
  readTable,
} from "@ronghe/core";
import {
  crossStrata,
  factorDetector,
  interactionType,
  riskOrder,
  type Strata,
  strataOf,
  stratumStats,
  welchTest,
} from "./geodetector.ts";
import { accurateMean, finiteOrNull } from "./spatial-input.ts";
import { readSignificance } from "./spec-params.ts";

export function runGeodetectorSpec(spec: AnalysisSpec): AnalysisOutcome {
  const params = spec.params;
  const yColumn = readColumnParam(params, "y");
  const factors = readColumnListParam(params, "factors", 1);
  const withInteraction = readBooleanParam(params, "interaction", true);
  const withRisk = readBooleanParam(params, "risk", false);
  const significance = readSignificance(params);
  const missing = readMissingParam(params);

  const table = readTable(spec, { numeric: [yColumn], labels: factors }, missing);
  const y = table.numeric.get(yColumn) as Float64Array;
  const N = y.length;
  let constant = true;
  for (let i = 1; i < N && constant; i++) if (y[i] !== y[0]) constant = false;
  if (constant) {
    throw new RongheError("constant_column", `column "${yColumn}" has the same value in every row used`, {
      column: yColumn,
    });
  }
  const mean = accurateMean(y);
  let sst = 0;
  for (let i = 0; i < N; i++) sst += (y[i] - mean) ** 2;
  const sampleVariance = sst / (N - 1);

  const strata: Strata[] = factors.map((factor) => {
    const s = strataOf(table.labels.get(factor) as string[]);
    const L = s.labels.length;
    if (L < 2 || L >= N) {
      throw new RongheError(
        "insufficient_data",
        `factor "${factor}" has ${L} strata for ${N} rows; GeoDetector needs 2 ≤ strata < rows`,
        { factor, strata: L, n: N },
      );
    }
    return s;
  });

  const factorRows = factors.map((factor, k) => {
    const r = factorDetector(y, strata[k], sst, sampleVariance);
    return {
      factor,
      strata: r.strata,
      q: finiteOrNull(r.q),
      f: r.f === null ? null : finiteOrNull(r.f),
      lambda: finiteOrNull(r.lambda),
      p: finiteOrNull(r.p),
      qValue: r.q,
    };
  });

  const interactions: Record<string, unknown>[] = [];
  if (withInteraction) {
    for (let a = 0; a < factors.length; a++) {
      for (let b = a + 1; b < factors.length; b++) {
        const crossed = crossStrata(strata[a], strata[b]);
        const qab = factorDetector(y, crossed, sst, sampleVariance).q;
        const qa = factorRows[a].qValue;
        const qb = factorRows[b].qValue;
        interactions.push({
          factor_a: factors[a],
          factor_b: factors[b],
          q_a: finiteOrNull(qa),
          q_b: finiteOrNull(qb),
          q_ab: finiteOrNull(qab),
          type: interactionType(qa, qb, qab),
        });
      }
    }
  }

  const risk: Record<string, unknown>[] = [];
  if (withRisk) {
    factors.forEach((factor, k) => {
      const s = strata[k];
      const stats = stratumStats(y, s);
      const order = riskOrder(s.labels);
      const variance = (h: number) => (stats.n[h] > 1 ? stats.ss[h] / (stats.n[h] - 1) : Number.NaN);
      const pairs: Record<string, unknown>[] = [];
      for (let u = 0; u < order.length; u++) {
        for (let v = u + 1; v < order.length; v++) {
          const a = order[u];
          const b = order[v];
          const w = welchTest(stats.n[a], stats.mean[a], variance(a), stats.n[b], stats.mean[b], variance(b));
          const t = w.t === null ? null : finiteOrNull(w.t);
          const p = w.p;
          pairs.push({
            stratum_a: s.labels[a],
            stratum_b: s.labels[b],
            t,
            df: w.df === null ? null : finiteOrNull(w.df),
            p,
            significant: p === null ? null : p <= significance,
          });
        }
      }
      risk.push({
        factor,
        strata: order.map((h) => ({ stratum: s.labels[h], n: stats.n[h], mean: stats.mean[h] })),
        pairs,
      });
    });
  }

  return {
    result: {
      n: N,
      factors: factorRows.map(({ qValue: _q, ...row }) => row),
      interactions,
      risk,
    },
    warnings: [],
  };
}
