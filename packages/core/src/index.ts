export type { AnalysisTable, MissingRule, NumberConstraints, TableNeeds } from "./analysis-data.ts";
export {
  competitionRanks,
  nearlyEqual,
  readBooleanParam,
  readColumnListParam,
  readColumnParam,
  readEnumParam,
  readMissingParam,
  readNumberListParam,
  readNumberParam,
  readParam,
  readTable,
  requireNumberParam,
} from "./analysis-data.ts";
export type {
  AnalysisEnvelope,
  AnalysisErrorEnvelope,
  AnalysisMethod,
  AnalysisOutcome,
  AnalysisRow,
  AnalysisSpec,
  AnalysisWeights,
} from "./analysis-spec.ts";
export { ANALYSIS_METHODS, isAnalysisMethod, parseAnalysisSpec } from "./analysis-spec.ts";
export type { AnalysisErrorCode, ErrorCode, PlatformErrorCode } from "./errors.ts";
export { ANALYSIS_ERROR_CODES, isRongheError, PLATFORM_ERROR_CODES, RongheError } from "./errors.ts";
export type { CompiledFormula, FormulaFunction, FormulaNode } from "./formula.ts";
export {
  compileCatalogueFormulas,
  evaluateFormula,
  FORMULA_FUNCTIONS,
  formatNode,
  formulaReferences,
  parseFormula,
} from "./formula.ts";
export type {
  Aggregation,
  IndicatorDefaults,
  IndicatorDefinition,
  IndicatorDirection,
  IndicatorRole,
} from "./indicator.ts";
export {
  AGGREGATIONS,
  INDICATOR_CODE_PATTERN,
  INDICATOR_DIRECTIONS,
  INDICATOR_ROLES,
  indicatorFromRow,
  isExecutableFormula,
  parseAggregation,
  parseDirection,
  parseLevels,
  parseRole,
} from "./indicator.ts";
export type { ParsedRegionCode, RegionLevel } from "./region-code.ts";
export {
  isRegionLevel,
  LEVEL_DEPTH,
  LEVEL_NAMES_ZH,
  parentCodeOf,
  parseRegionCode,
  parseRegionLevel,
  REGION_LEVELS,
} from "./region-code.ts";
export { isStrictlyBelow, isWithin, subtreePrefix } from "./scope.ts";
