// Spec adapter of method "lisa" (spec §5 lisa, permutation extension §7).
import { type AnalysisOutcome, type AnalysisSpec, readColumnParam, readEnumParam } from "@ronghe/core";
import { localMoran } from "./local-moran.ts";
import { finiteOrNull, readSpatialInput } from "./spatial-input.ts";
import { decidingP, readLocalTestParams } from "./spec-params.ts";

export function runLisaSpec(spec: AnalysisSpec): AnalysisOutcome {
  const params = spec.params;
  const column = readColumnParam(params, "column");
  const variance = readEnumParam(params, "variance", ["conditional", "total"] as const, "conditional");
  const { alternative, significance, allowIslands, permutations, seed, inference, missing } =
    readLocalTestParams(params);

  const input = readSpatialInput(spec, column, { missing, allowIslands });
  const r = localMoran(input.x, input.weights, { variance, alternative, permutations, seed });
  const counts = { HH: 0, LL: 0, HL: 0, LH: 0, NS: 0, isolated: 0 };
  const rows = input.ids.map((id, i) => {
    const q = r.quadrant[i];
    const pUsed = decidingP(r, i, inference);
    const cluster =
      q === "isolated" ? "isolated" : Number.isFinite(pUsed) && pUsed <= significance ? q : "NS";
    counts[cluster]++;
    const row: Record<string, unknown> = {
      id,
      ii: finiteOrNull(r.ii[i]),
      expected: finiteOrNull(r.expected[i]),
      variance: finiteOrNull(r.variance[i]),
      z: finiteOrNull(r.z[i]),
      p: finiteOrNull(r.p[i]),
    };
    if (r.pSim) row.p_sim = finiteOrNull(r.pSim[i]);
    row.quadrant = q;
    row.cluster = cluster;
    return row;
  });
  const result: Record<string, unknown> = {
    n: input.ids.length,
    n_islands: input.weights.nIslands,
    variance,
    alternative,
    significance,
  };
  if (permutations > 0) result.permutation = { permutations, seed, inference };
  result.rows = rows;
  result.counts = counts;
  return { result, warnings: [] };
}
