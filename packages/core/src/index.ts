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
