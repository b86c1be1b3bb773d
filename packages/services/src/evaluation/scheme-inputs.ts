// The inputs of a scheme on the current data and their hash. Evaluating (evaluate-scheme.ts) stores this hash
// and publishing (publish-run.ts) recomputes it to refuse a run whose data changed, so both build it here:
// were the two to drift, publishing would refuse every run.
import type { ServiceContext } from "../context.ts";
import { buildWeights } from "../weights/build-weights.ts";
import { canonicalJson, sha256Hex } from "./canonical-json.ts";
import type { IndicatorDefinitionInput } from "./load-panel.ts";
import type { Panel } from "./panel.ts";
import type { EvaluationScheme } from "./scheme.ts";

/** Spatial weights as the scheme uses them: neighbour lists restricted to the evaluated units. */
export interface SchemeWeights {
  neighbors: Record<string, string[]>;
  style: "W" | "B";
}

/** The scheme's spatial weights over the panel's units, or null when no spatial analysis asks for them. */
export async function schemeWeights(
  ctx: ServiceContext,
  scheme: EvaluationScheme,
  panel: Panel,
): Promise<SchemeWeights | null> {
  const sw = scheme.analyses.spatial_weights;
  if (!sw || !(scheme.analyses.moran || scheme.analyses.lisa)) return null;
  const built = await buildWeights(ctx, {
    region: scheme.region,
    level: scheme.level,
    type: sw.type,
    k: sw.k,
    bandKm: sw.band_km,
    ...(sw.snap_tolerance_deg === null ? {} : { snapToleranceDeg: sw.snap_tolerance_deg }),
    style: sw.style,
  });
  // a unit without geometry is not among the evaluated units, nor among anyone's neighbours
  const units = panel.regions.map((r) => r.code);
  const keep = new Set(units);
  const neighbors: Record<string, string[]> = {};
  for (const id of units) {
    neighbors[id] = (built.weights.neighbors[id] ?? []).map(String).filter((nb) => keep.has(nb));
  }
  return { neighbors, style: sw.style };
}

/**
 * sha256 of the canonical JSON of the units, years, indicator definitions, every input value and the spatial
 * weights used.
 */
export function schemeInputsHash(
  scheme: EvaluationScheme,
  panel: Panel,
  definitions: IndicatorDefinitionInput[],
  weights: SchemeWeights | null,
): string {
  const inputs = {
    region: scheme.region,
    level: scheme.level,
    units: panel.regions.map((r) => r.code),
    years: panel.years,
    indicators: definitions,
    values: panel.regions.map((r, ri) => [
      r.code,
      panel.years.map((year, yi) => [
        year,
        Object.fromEntries(panel.codes.map((c, ci) => [c, panel.values[ri][yi][ci]])),
      ]),
    ]),
    weights: weights ? { neighbors: weights.neighbors, style: weights.style } : null,
  };
  return sha256Hex(canonicalJson(inputs));
}
