// Moran's I and LISA of the index, year by year, through the moran / lisa methods. Every unit of the weights is
// a row; region-years dropped by the missing rule carry a null index and the methods drop them (and remove them
// from every neighbour list, spdep subset.listw). A year the method rejects (e.g. an island without
// allow_islands, fewer than 4 regions) keeps its index table and records the error code for that year.
import type { AnalysisRow, AnalysisWeights } from "@ronghe/core";
import { isRongheError } from "@ronghe/core";
import type { EvaluationComputation, SpatialYear } from "./compute-evaluation.ts";
import type { Panel } from "./panel.ts";
import { runSpec } from "./run-spec.ts";
import type { EvaluationScheme } from "./scheme.ts";

export function addSpatialAnalyses(
  panel: Panel,
  computation: EvaluationComputation,
  weights: AnalysisWeights,
  scheme: EvaluationScheme,
): void {
  const { moran, lisa, allow_islands } = scheme.analyses;
  if (!moran && !lisa) return;
  const units = Object.keys(weights.neighbors);
  const warnings = new Set(computation.warnings);
  for (const year of panel.years) {
    const yearRows = computation.rows.filter((r) => r.year === year);
    if (yearRows.length === 0) continue;
    const byRegion = new Map(yearRows.map((r) => [r.region, r]));
    const rows: AnalysisRow[] = units.map((id) => ({ id, index: byRegion.get(id)?.index ?? null }));
    const entry: SpatialYear = { year, moran: null, lisa_counts: null, error: null };
    try {
      if (moran) {
        const out = runSpec(
          "moran",
          {
            column: "index",
            alternative: moran.alternative,
            permutations: moran.permutations,
            seed: moran.seed,
            allow_islands,
            missing: "drop",
          },
          rows,
          weights,
        );
        entry.moran = out.result;
        for (const w of out.warnings) warnings.add(`moran_${year}:${w}`);
      }
      if (lisa) {
        const out = runSpec(
          "lisa",
          {
            column: "index",
            significance: lisa.significance,
            variance: lisa.variance,
            allow_islands,
            missing: "drop",
          },
          rows,
          weights,
        );
        entry.lisa_counts = out.result.counts as Record<string, number>;
        for (const r of out.result.rows as Record<string, unknown>[]) {
          const row = byRegion.get(String(r.id));
          if (!row) continue;
          row.lisa = {
            ii: (r.ii as number | null) ?? null,
            z: (r.z as number | null) ?? null,
            p: (r.p as number | null) ?? null,
            quadrant: String(r.quadrant),
            cluster: String(r.cluster),
          };
        }
        for (const w of out.warnings) warnings.add(`lisa_${year}:${w}`);
      }
    } catch (error) {
      if (!isRongheError(error)) throw error;
      entry.error = { code: error.code, message: error.message };
      warnings.add(`spatial_${year}:${error.code}`);
    }
    computation.spatial.push(entry);
  }
  computation.warnings = [...warnings];
}
