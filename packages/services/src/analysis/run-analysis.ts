// Runs one analysis spec (shared/docs/analysis-spec.md) and returns its result envelope. The CLI
// (`ronghe analyze`) and the server call this; the methods themselves live in the engines.
import {
  type AnalysisEnvelope,
  type AnalysisMethod,
  type AnalysisOutcome,
  type AnalysisSpec,
  parseAnalysisSpec,
  RongheError,
} from "@ronghe/core";
import {
  runBetaConvergenceSpec,
  runCompositeIndexSpec,
  runCouplingCoordinationSpec,
  runCriticWeightsSpec,
  runEntropyWeightsSpec,
  runGiniSpec,
  runMarkovSpec,
  runObstacleDegreeSpec,
  runSigmaConvergenceSpec,
  runTheilSpec,
  runTopsisSpec,
  runUrbanRuralTheilSpec,
} from "@ronghe/indices";
import { runGeodetectorSpec, runGetisOrdSpec, runLisaSpec, runMoranSpec } from "@ronghe/spatial-stats";

const RUNNERS: Record<AnalysisMethod, (spec: AnalysisSpec) => AnalysisOutcome> = {
  "entropy-weights": runEntropyWeightsSpec,
  "critic-weights": runCriticWeightsSpec,
  "composite-index": runCompositeIndexSpec,
  topsis: runTopsisSpec,
  "coupling-coordination": runCouplingCoordinationSpec,
  "obstacle-degree": runObstacleDegreeSpec,
  theil: runTheilSpec,
  "urban-rural-theil": runUrbanRuralTheilSpec,
  gini: runGiniSpec,
  moran: runMoranSpec,
  lisa: runLisaSpec,
  "getis-ord": runGetisOrdSpec,
  geodetector: runGeodetectorSpec,
  "sigma-convergence": runSigmaConvergenceSpec,
  "beta-convergence": runBetaConvergenceSpec,
  markov: runMarkovSpec,
};

/** Parses and runs a spec (already JSON-decoded). Throws RongheError with the spec's error codes. */
export function runAnalysis(specJson: unknown): AnalysisEnvelope {
  const spec = parseAnalysisSpec(specJson);
  const outcome = RUNNERS[spec.method](spec);
  return {
    method: spec.method,
    spec_version: 1,
    result: stripNonFinite(outcome.result),
    warnings: outcome.warnings,
  };
}

/** Parses spec text; malformed JSON is `invalid_spec`. */
export function runAnalysisText(text: string): AnalysisEnvelope {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new RongheError("invalid_spec", `the spec is not valid JSON: ${(error as Error).message}`, {});
  }
  return runAnalysis(json);
}

/** Last line of defence for "null, never NaN": any non-finite number becomes null. */
function stripNonFinite<T>(value: T): T {
  if (typeof value === "number") return (Number.isFinite(value) ? value : null) as T;
  if (Array.isArray(value)) return value.map(stripNonFinite) as T;
  if (ArrayBuffer.isView(value))
    return Array.from(value as unknown as ArrayLike<number>, stripNonFinite) as T;
  if (value !== null && typeof value === "object") {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = stripNonFinite(v);
    return out as T;
  }
  return value;
}
