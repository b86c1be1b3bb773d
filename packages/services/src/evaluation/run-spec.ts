// Evaluations compute only through the validated analysis methods (analysis-spec.md): this wraps runAnalysis so
// that an error envelope, if one comes back instead of a throw, still surfaces as a RongheError with its code.
import type { AnalysisMethod, AnalysisRow, AnalysisWeights, ErrorCode } from "@ronghe/core";
import { RongheError } from "@ronghe/core";
import { runAnalysis } from "../analysis/run-analysis.ts";

export interface SpecResult {
  result: Record<string, unknown>;
  warnings: string[];
}

export function runSpec(
  method: AnalysisMethod,
  params: Record<string, unknown>,
  rows: AnalysisRow[],
  weights?: AnalysisWeights,
): SpecResult {
  const spec = { spec_version: 1 as const, method, params, data: { rows }, ...(weights ? { weights } : {}) };
  const out = runAnalysis(spec) as unknown as
    | { result: Record<string, unknown>; warnings?: string[] }
    | { error: { code: string; message: string; details?: Record<string, unknown> } };
  if ("error" in out)
    throw new RongheError(out.error.code as ErrorCode, out.error.message, out.error.details);
  return { result: out.result, warnings: out.warnings ?? [] };
}
