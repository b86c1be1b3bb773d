export { ANALYSIS_ERROR_CODES, PLATFORM_ERROR_CODES, RongheError, isRongheError } from "./errors.ts";
export type { AnalysisErrorCode, ErrorCode, PlatformErrorCode } from "./errors.ts";
export {
  LEVEL_DEPTH,
  LEVEL_NAMES_ZH,
  REGION_LEVELS,
  isRegionLevel,
  parentCodeOf,
  parseRegionCode,
  parseRegionLevel,
} from "./region-code.ts";
export type { ParsedRegionCode, RegionLevel } from "./region-code.ts";
export { isStrictlyBelow, isWithin, subtreePrefix } from "./scope.ts";
export { ANALYSIS_METHODS, isAnalysisMethod, parseAnalysisSpec } from "./analysis-spec.ts";
export type {
  AnalysisEnvelope,
  AnalysisErrorEnvelope,
  AnalysisMethod,
  AnalysisOutcome,
  AnalysisRow,
  AnalysisSpec,
  AnalysisWeights,
} from "./analysis-spec.ts";
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
export type { AnalysisTable, MissingRule, NumberConstraints, TableNeeds } from "./analysis-data.ts";
export {
  FORMULA_FUNCTIONS,
  compileCatalogueFormulas,
  evaluateFormula,
  formatNode,
  formulaReferences,
  parseFormula,
} from "./formula.ts";
export type { CompiledFormula, FormulaFunction, FormulaNode } from "./formula.ts";
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
export type { Aggregation, IndicatorDefaults, IndicatorDefinition, IndicatorDirection, IndicatorRole } from "./indicator.ts";
