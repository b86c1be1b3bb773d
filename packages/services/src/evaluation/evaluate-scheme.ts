// Runs an evaluation scheme over stored data and stores the run (load → compute → save).
//   inputs hash = schemeInputsHash (scheme-inputs.ts): the units, years, indicator definitions, every input
//                 value and the spatial weights used;
//   run hash    = sha256(inputs hash, canonical scheme, run parameters (uncertainty n and seed), engine version).
// Nothing time-dependent is hashed, so the same scheme on the same data gives the same run hash, and the
// stored run with that hash is returned instead of a duplicate.
import { RongheError } from "@ronghe/core";
import type { EvaluationRun } from "@ronghe/store";
import { assertCan } from "../access.ts";
import type { ServiceContext } from "../context.ts";
import { canonicalJson, sha256Hex } from "./canonical-json.ts";
import {
  computeEvaluation,
  type DroppedRegionYear,
  type EvaluationRow,
  groupCells,
  type SpatialYear,
  selectCells,
  type WeightsUsed,
} from "./compute-evaluation.ts";
import { engineVersion } from "./engine-version.ts";
import { loadPanel } from "./load-panel.ts";
import { type RankUncertainty, rankUncertainty } from "./rank-uncertainty.ts";
import type { EvaluationScheme } from "./scheme.ts";
import { schemeInputsHash, schemeWeights } from "./scheme-inputs.ts";
import { addSpatialAnalyses } from "./spatial-analyses.ts";

export interface EvaluateOptions {
  /** number of random alternatives for rank uncertainty (0 or absent = none) */
  uncertainty?: number;
  /** seed of the alternatives (default 12345) */
  seed?: number;
}

/** What is stored as the run's summary (and shown by `evaluate show`). */
export interface EvaluationSummary {
  years: number[];
  units: number;
  dropped: DroppedRegionYear[];
  weights: WeightsUsed[];
  spatial: SpatialYear[];
  warnings: string[];
  uncertainty: RankUncertainty | null;
}

/** A run as the services present it: the stored record, its summary and its rows. */
export interface EvaluationRunView {
  id: string;
  run_hash: string;
  inputs_hash: string;
  engine_version: string;
  scheme_name: string;
  region: string | null;
  created_at: string;
  actor: string;
  status: string;
  /** true when an identical run (same run hash) was already stored and is returned as is */
  reused: boolean;
  scheme: EvaluationScheme;
  parameters: RunParameters;
  summary: EvaluationSummary;
  /** ordered by year, then rank */
  rows: EvaluationRow[];
}

export interface RunParameters {
  uncertainty: { n: number; seed: number } | null;
  indicators: { code: string; direction: "+" | "-"; subsystem: string; weight: number | null }[];
}

export const DEFAULT_UNCERTAINTY_SEED = 12345;

export async function evaluateScheme(
  ctx: ServiceContext,
  scheme: EvaluationScheme,
  options: EvaluateOptions = {},
): Promise<EvaluationRunView> {
  assertCan(ctx.actor, "analyze", scheme.region);
  const n = options.uncertainty ?? 0;
  if (!Number.isInteger(n) || n < 0 || n > 100000) {
    throw new RongheError("invalid_input", `--uncertainty must be an integer from 0 to 100000, not ${n}`, {
      uncertainty: n,
    });
  }
  const seed = options.seed ?? DEFAULT_UNCERTAINTY_SEED;
  if (!Number.isInteger(seed))
    throw new RongheError("invalid_input", `--seed must be an integer, not ${seed}`, { seed });

  const loaded = await loadPanel(ctx, scheme);
  const { panel, indicators, definitions } = loaded;

  const weights = await schemeWeights(ctx, scheme, panel);
  const inputsHash = schemeInputsHash(scheme, panel, definitions, weights);
  const parameters: RunParameters = {
    uncertainty: n > 0 ? { n, seed } : null,
    indicators: indicators.map((i) => ({
      code: i.code,
      direction: i.direction,
      subsystem: i.subsystem,
      weight: i.weight,
    })),
  };
  const version = engineVersion();
  const runHash = sha256Hex(
    [inputsHash, canonicalJson(scheme), canonicalJson(parameters), version].join("\n"),
  );

  const existing = await ctx.store.findRunByHash(runHash);
  if (existing) return { ...(await viewOf(ctx, existing)), reused: true };

  const computation = computeEvaluation(panel, indicators, scheme);
  if (weights) addSpatialAnalyses(panel, computation, weights, scheme);
  let uncertainty: RankUncertainty | null = null;
  if (n > 0) {
    const { cells } = selectCells(panel, indicators, scheme);
    const groups = groupCells(panel, cells, scheme.normalisation.scope);
    uncertainty = rankUncertainty(
      panel,
      indicators,
      scheme,
      groups,
      computation.rows,
      { n, seed },
      ctx.progress,
    );
  }
  const summary: EvaluationSummary = {
    years: panel.years,
    units: panel.regions.length,
    dropped: computation.dropped,
    weights: computation.weights,
    spatial: computation.spatial,
    warnings: computation.warnings,
    uncertainty,
  };
  const run = await ctx.store.saveEvaluationRun(
    {
      runHash,
      inputsHash,
      schemeName: scheme.name,
      scheme,
      params: parameters,
      engineVersion: version,
      actor: ctx.actor.username,
      regionCode: scheme.region,
      status: "succeeded",
      summary,
    },
    computation.rows.map((row) => ({ regionCode: row.region, year: row.year, payload: row })),
  );
  return {
    ...runHeader(run),
    reused: false,
    scheme,
    parameters,
    summary,
    rows: computation.rows,
  };
}

function runHeader(run: EvaluationRun) {
  return {
    id: run.id,
    run_hash: run.runHash,
    inputs_hash: run.inputsHash,
    engine_version: run.engineVersion,
    scheme_name: run.schemeName,
    region: run.regionCode,
    created_at: run.createdAt,
    actor: run.actor,
    status: run.status,
  };
}

export async function viewOf(ctx: ServiceContext, run: EvaluationRun): Promise<EvaluationRunView> {
  const results = await ctx.store.getEvaluationResults(run.id);
  const rows = results.map((r) => r.payload as EvaluationRow);
  rows.sort(
    (a, b) => a.year - b.year || a.rank - b.rank || (a.region < b.region ? -1 : a.region > b.region ? 1 : 0),
  );
  return {
    ...runHeader(run),
    reused: false,
    scheme: run.scheme as EvaluationScheme,
    parameters: run.params as RunParameters,
    summary: run.summary as EvaluationSummary,
    rows,
  };
}
