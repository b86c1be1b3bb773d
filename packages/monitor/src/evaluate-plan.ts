// Evaluate every target of a plan in every region it applies to. The data provider is a plain function so
// that the engine stays free of I/O: services wire it to the store (and to derived-indicator formulas).
import { isStrictlyBelow, parseRegionCode, RongheError } from "@ronghe/core";
import { evaluateTarget } from "./evaluate-target.ts";
import type {
  DataProvider,
  EvaluateOptions,
  Plan,
  PlanEvaluation,
  Target,
  TargetEvaluation,
} from "./types.ts";

export interface EvaluatePlanOptions extends EvaluateOptions {
  /** candidate region codes; targets with `appliesToLevel` are evaluated for those at that level below the target region */
  regions?: readonly string[];
}

/** The regions a target is evaluated for, sorted by code. */
export function targetRegions(plan: Plan, target: Target, regions: readonly string[] = []): string[] {
  const home = target.region ?? plan.region;
  if (!target.appliesToLevel) return [home];
  if (regions.length === 0) {
    throw new RongheError(
      "invalid_input",
      `target ${target.id} applies to each ${target.appliesToLevel} below ${home}; pass options.regions`,
      {
        targetId: target.id,
      },
    );
  }
  const level = target.appliesToLevel;
  const out = new Set<string>();
  for (const code of regions) {
    const parsed = parseRegionCode(code);
    if (parsed.level === level && isStrictlyBelow(parsed.code, home)) out.add(parsed.code);
  }
  return [...out].sort();
}

export function evaluatePlan(plan: Plan, data: DataProvider, options: EvaluatePlanOptions): PlanEvaluation {
  const results: TargetEvaluation[] = [];
  for (const target of plan.targets) {
    for (const region of targetRegions(plan, target, options.regions)) {
      results.push(
        evaluateTarget(target, data(target.indicator, region), { ...options, region, planId: plan.id }),
      );
    }
  }
  return {
    planId: plan.id,
    planName: plan.name,
    illustrative: plan.illustrative,
    asOfYear: options.asOfYear,
    results,
  };
}
