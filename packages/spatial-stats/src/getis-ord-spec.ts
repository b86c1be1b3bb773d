// Spec adapter of method "getis-ord" (spec §5 getis-ord, permutation extension §7).
import { type AnalysisOutcome, type AnalysisSpec, readBooleanParam, readColumnParam } from "@ronghe/core";
import { getisOrd } from "./getis-ord.ts";
import { finiteOrNull, readSpatialInput } from "./spatial-input.ts";
import { decidingP, readLocalTestParams } from "./spec-params.ts";

export function runGetisOrdSpec(spec: AnalysisSpec): AnalysisOutcome {
  const params = spec.params;
  const column = readColumnParam(params, "column");
  const star = readBooleanParam(params, "star", true);
  const { alternative, significance, allowIslands, permutations, seed, inference, missing } =
    readLocalTestParams(params);

  const input = readSpatialInput(spec, column, { missing, allowIslands, includeSelf: star });
  const r = getisOrd(input.x, input.weights, { alternative, permutations, seed });
  const rows = input.ids.map((id, i) => {
    const z = finiteOrNull(r.z[i]);
    const pUsed = decidingP(r, i, inference);
    const significant = z !== null && Number.isFinite(pUsed) && pUsed <= significance;
    const cluster = significant && z > 0 ? "hot" : significant && z < 0 ? "cold" : "NS";
    const row: Record<string, unknown> = {
      id,
      g: finiteOrNull(r.g[i]),
      expected_g: finiteOrNull(r.expectedG[i]),
      variance_g: finiteOrNull(r.varianceG[i]),
      z,
      p: finiteOrNull(r.p[i]),
    };
    if (r.pSim) row.p_sim = finiteOrNull(r.pSim[i]);
    row.cluster = cluster;
    return row;
  });
  const result: Record<string, unknown> = {
    n: input.ids.length,
    n_islands: input.weights.nIslands,
    star,
    alternative,
    significance,
  };
  if (permutations > 0) result.permutation = { permutations, seed, inference };
  result.rows = rows;
  return { result, warnings: [] };
}
