// Evaluation schemes over stored data: parse a scheme, run it, store and read runs, rank uncertainty, exports.
export { canonicalJson } from "./canonical-json.ts";
export type {
  DroppedRegionYear,
  EvaluationComputation,
  EvaluationRow,
  IndicatorWeight,
  WeightsUsed,
} from "./compute-evaluation.ts";
export { computeEvaluation } from "./compute-evaluation.ts";
export { engineVersion } from "./engine-version.ts";
export type {
  EvaluateOptions,
  EvaluationRunView,
  EvaluationSummary,
  RunParameters,
} from "./evaluate-scheme.ts";
export { DEFAULT_UNCERTAINTY_SEED, evaluateScheme } from "./evaluate-scheme.ts";
export type { EvaluationRunListItem } from "./evaluation-runs.ts";
export { getEvaluationRunView, listEvaluationRuns } from "./evaluation-runs.ts";
export type { ResultRecord } from "./export-evaluation.ts";
export { evaluationCsv, evaluationRecords, evaluationXlsx, RESULT_COLUMNS } from "./export-evaluation.ts";
export type { Panel, ResolvedIndicator } from "./panel.ts";
export { quantileType7 } from "./quantile.ts";
export type { RankUncertainty, UncertaintyOptions } from "./rank-uncertainty.ts";
export {
  averageRanks,
  rankUncertainty,
  UNCERTAINTY_NORMALISATIONS,
  UNCERTAINTY_WEIGHTINGS,
} from "./rank-uncertainty.ts";
export type { EvaluationScheme, SchemeIndicator } from "./scheme.ts";
export {
  parseScheme,
  parseSchemeText,
  SCHEME_WEIGHTINGS,
  SPATIAL_WEIGHT_TYPES,
  SUBSYSTEMS,
} from "./scheme.ts";
export type { SchemeWeights } from "./scheme-inputs.ts";
export { schemeInputsHash, schemeWeights } from "./scheme-inputs.ts";
