// Spec adapter of method "moran" (spec §5): parameters → moransI → the result object of the spec.
import {
  type AnalysisOutcome,
  type AnalysisSpec,
  readBooleanParam,
  readColumnParam,
  readEnumParam,
  readMissingParam,
} from "@ronghe/core";
import { moransI } from "./morans-i.ts";
import { ALTERNATIVES } from "./normal.ts";
import { finiteOrNull, readSpatialInput } from "./spatial-input.ts";
import { readPermutations } from "./spec-params.ts";

export function runMoranSpec(spec: AnalysisSpec): AnalysisOutcome {
  const params = spec.params;
  const column = readColumnParam(params, "column");
  const alternative = readEnumParam(params, "alternative", ALTERNATIVES, "greater");
  const allowIslands = readBooleanParam(params, "allow_islands", false);
  const adjustN = readBooleanParam(params, "adjust_n", true);
  const { permutations, seed } = readPermutations(params);
  const missing = readMissingParam(params);

  const input = readSpatialInput(spec, column, { missing, allowIslands });
  const r = moransI(input.x, input.weights, { alternative, adjustN, permutations, seed });
  // a variance that is not a positive finite number (too few regions left after islands) gives no z and no p
  const test = (t: { variance: number; z: number; p: number }) => {
    const usable = Number.isFinite(t.variance) && t.variance > 0 && Number.isFinite(t.z);
    return {
      variance: finiteOrNull(t.variance),
      z: usable ? t.z : null,
      p: usable ? finiteOrNull(t.p) : null,
    };
  };
  const result: Record<string, unknown> = {
    n: r.n,
    n_islands: r.nIslands,
    alternative,
    i: finiteOrNull(r.i),
    expected_i: finiteOrNull(r.expectedI),
    normality: test(r.normality),
    randomization: test(r.randomization),
  };
  if (r.permutation)
    result.permutation = { permutations: r.permutation.permutations, seed, p: r.permutation.p };
  return { result, warnings: [] };
}
