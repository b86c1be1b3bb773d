// Spec adapter: method "composite-index" (analysis-spec.md §5).
import {
  type AnalysisOutcome,
  type AnalysisSpec,
  competitionRanks,
  RongheError,
  readEnumParam,
  readParam,
} from "@ronghe/core";
import { compositeIndex } from "../composite-index.ts";
import { minmaxNormaliseAll } from "../minmax-normalise.ts";
import { num, readIndicatorColumns, readIndicators, readWeighting, Warnings } from "./indicator-params.ts";
import { weightsForSet } from "./weights-for-set.ts";

export function runCompositeIndexSpec(spec: AnalysisSpec): AnalysisOutcome {
  const params = spec.params;
  const set = readIndicators(params);
  const normalization = readEnumParam(params, "normalization", ["minmax", "none"] as const, "minmax");
  const weighting = readWeighting(params, set);
  const scope = readEnumParam(params, "weights_scope", ["global", "within_group"] as const, "global");
  const warnings = new Warnings();
  if (scope === "within_group" && set.groups.length === 0) {
    throw new RongheError(
      "invalid_spec",
      'weights_scope "within_group" needs a group on every indicator',
      {},
    );
  }
  const groupWeightsRaw = readParam(params, "group_weights");
  let groupWeights: Float64Array | undefined;
  if (groupWeightsRaw !== undefined) {
    if (scope !== "within_group") warnings.add("group_weights_ignored");
    else groupWeights = readGroupWeights(groupWeightsRaw, set.groups);
  }

  const { table, columns } = readIndicatorColumns(spec, set, warnings);
  const weights = weightsForSet(set, columns, weighting, scope === "within_group");
  const normalised =
    normalization === "minmax" ? minmaxNormaliseAll(columns, set.directions).values : columns;
  const grouped = set.groups.length > 0;
  const r = compositeIndex(
    normalised,
    weights,
    grouped ? { groupOf: set.groupOf, groupCount: set.groups.length, scope, groupWeights } : {},
  );
  const ranks = competitionRanks(r.score);

  const result: Record<string, unknown> = {
    n: table.ids.length,
    indicators: set.indicators.map((d, j) => ({
      column: d.column,
      direction: d.direction,
      ...(grouped ? { group: d.group } : {}),
      weight: num(weights[j]),
    })),
  };
  if (grouped) {
    const gw = new Float64Array(set.groups.length);
    if (scope === "within_group") {
      let total = 0;
      for (let g = 0; g < gw.length; g++) total += gw[g] = groupWeights ? groupWeights[g] : 1;
      for (let g = 0; g < gw.length; g++) gw[g] /= total;
    } else for (let j = 0; j < weights.length; j++) gw[set.groupOf[j]] += weights[j];
    result.groups = set.groups.map((group, g) => ({ group, weight: num(gw[g]) }));
  }
  result.rows = table.ids.map((id, i) => {
    const row: Record<string, unknown> = { id, score: num(r.score[i]), rank: ranks[i] };
    if (grouped)
      row.group_scores = Object.fromEntries(set.groups.map((g, k) => [g, num(r.groupScores[k][i])]));
    return row;
  });
  return { result, warnings: warnings.list };
}

function readGroupWeights(raw: unknown, groups: string[]): Float64Array {
  if (typeof raw !== "object" || raw === null || Array.isArray(raw)) {
    throw new RongheError("invalid_spec", "params.group_weights must map each group to a weight", {});
  }
  const o = raw as Record<string, unknown>;
  for (const key of Object.keys(o)) {
    if (!groups.includes(key))
      throw new RongheError("invalid_spec", `params.group_weights names an unknown group "${key}"`, {
        group: key,
      });
  }
  const w = new Float64Array(groups.length);
  let total = 0;
  groups.forEach((g, k) => {
    const v = o[g];
    if (typeof v !== "number" || !Number.isFinite(v) || v < 0) {
      throw new RongheError("invalid_spec", `params.group_weights["${g}"] must be a number ≥ 0`, {
        group: g,
        value: v,
      });
    }
    w[k] = v;
    total += v;
  });
  if (!(total > 0)) throw new RongheError("degenerate_weights", "params.group_weights sum to 0", {});
  return w;
}
