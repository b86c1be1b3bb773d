// @ronghe/indices: composite indices, weights, inequality and convergence (analysis-spec.md §5).
// Engines take column-major Float64Arrays; the run*Spec adapters read an AnalysisSpec and build its result.

export type { BetaConvergenceResult } from "./beta-convergence.ts";
export { betaConvergence } from "./beta-convergence.ts";
export type { CompositeIndexOptions, CompositeIndexResult } from "./composite-index.ts";
export { compositeIndex } from "./composite-index.ts";
export type { CouplingFormula, CouplingOptions, CouplingResult } from "./coupling-coordination.ts";
export { COORDINATION_LEVELS, coordinationLevel, couplingCoordination } from "./coupling-coordination.ts";
export type { CriticOptions, CriticWeightsResult } from "./critic-weights.ts";
export { criticWeights } from "./critic-weights.ts";
export {
  fUpperTail,
  logBeta,
  logGamma,
  regularizedIncompleteBeta,
  regularizedIncompleteBetaUpper,
  studentTCdf,
  studentTTwoSided,
} from "./distributions.ts";
export type { EntropyOptions, EntropyWeightsResult } from "./entropy-weights.ts";
export { DEFAULT_ENTROPY_SHIFT, entropyWeights } from "./entropy-weights.ts";
export type { GiniOptions, GiniResult } from "./gini.ts";
export { gini } from "./gini.ts";
export type { MarkovResult } from "./markov.ts";
export { markovChain, stationaryDistribution } from "./markov.ts";
export type { MinmaxColumn } from "./minmax-normalise.ts";
export { minmaxNormalise, minmaxNormaliseAll } from "./minmax-normalise.ts";
export { obstacleDegree, topObstacles } from "./obstacle-degree.ts";
export { classOf, quantileBreaks } from "./quantile-breaks.ts";
export type { ResolvedWeights, WeightingOptions } from "./resolve-weights.ts";
export { normaliseGivenWeights, resolveWeights } from "./resolve-weights.ts";
export type { SigmaConvergenceResult, SigmaMeasure } from "./sigma-convergence.ts";
export { dispersion, olsSlope, sigmaConvergence } from "./sigma-convergence.ts";
export { runBetaConvergenceSpec } from "./spec/beta-convergence.ts";
export { runCompositeIndexSpec } from "./spec/composite-index.ts";
export { runCouplingCoordinationSpec } from "./spec/coupling-coordination.ts";
export { runCriticWeightsSpec } from "./spec/critic-weights.ts";
// spec adapters: (spec: AnalysisSpec) => { result, warnings }
export { runEntropyWeightsSpec } from "./spec/entropy-weights.ts";
export { runGiniSpec } from "./spec/gini.ts";
export type { IndicatorParam, IndicatorSet } from "./spec/indicator-params.ts";
export { readIndicators, readWeighting } from "./spec/indicator-params.ts";
export { runMarkovSpec } from "./spec/markov.ts";
export { runObstacleDegreeSpec } from "./spec/obstacle-degree.ts";
export { runSigmaConvergenceSpec } from "./spec/sigma-convergence.ts";
export { runTheilSpec } from "./spec/theil.ts";
export { runTopsisSpec } from "./spec/topsis.ts";
export { runUrbanRuralTheilSpec } from "./spec/urban-rural-theil.ts";
export type { TheilGroup, TheilResult } from "./theil.ts";
export { theil } from "./theil.ts";
export type { TopsisResult } from "./topsis.ts";
export { topsis } from "./topsis.ts";
export type { Columns, Direction, WeightingMethod } from "./types.ts";
export { WEIGHTING_METHODS } from "./types.ts";
export type { UrbanRuralTheil } from "./urban-rural-theil.ts";
export { urbanRuralTheil } from "./urban-rural-theil.ts";
