// Rank uncertainty (after COINr's uncertainty analysis, Becker et al. 2022; OECD/JRC Handbook 2008 §7):
// the index is recomputed under N random alternatives and each region's rank distribution is summarised.
// One alternative draws, in this order from one seeded stream:
//   1. the weighting method, uniformly from {entropy, critic, equal};
//   2. the normalisation, uniformly from {minmax, rank}:
//        minmax — the scheme's min-max normalisation;
//        rank   — each indicator replaced by its average rank (ties share the mean rank) inside the normalisation
//                 scope, then min-max normalised with its direction, i.e. percentile ranks (robust to outliers
//                 and skew). z-score-then-minmax is not offered: min-max is affine-invariant, so it would equal
//                 plain min-max exactly and add nothing;
//   3. weights computed by that method on those values, then each indicator weight (and, for within_group, each
//      subsystem weight) multiplied by an independent uniform factor in [0.8, 1.2] and re-normalised.
// The alternative's index is computed through the composite-index method with the perturbed weights as given
// weights; ranks are taken within each year. Per region and year: median rank and the 5 % and 95 % rank
// quantiles (R type 7).
import { competitionRanks } from "@ronghe/core";
import { type Cell, type CellGroup, computeIndex, type EvaluationRow } from "./compute-evaluation.ts";
import type { Panel, ResolvedIndicator } from "./panel.ts";
import { seededRandom } from "./prng.ts";
import { quantileType7 } from "./quantile.ts";
import type { EvaluationScheme } from "./scheme.ts";

export const UNCERTAINTY_WEIGHTINGS = ["entropy", "critic", "equal"] as const;
export const UNCERTAINTY_NORMALISATIONS = ["minmax", "rank"] as const;
/** ±20 % */
export const WEIGHT_PERTURBATION = 0.2;

export interface UncertaintyOptions {
  /** number of alternatives (≥ 1) */
  n: number;
  /** integer seed; the same seed gives the same alternatives and the same output */
  seed: number;
}

export interface UncertaintyRegion {
  region: string;
  name: string;
  /** rank in the run itself */
  rank: number;
  median_rank: number;
  /** 5 % quantile of the ranks (type 7) */
  rank_p05: number;
  /** 95 % quantile of the ranks (type 7) */
  rank_p95: number;
}

export interface UncertaintyYear {
  year: number;
  regions: UncertaintyRegion[];
}

export interface RankUncertainty {
  n: number;
  seed: number;
  weightings: readonly string[];
  normalisations: readonly string[];
  perturbation: number;
  /** how often each option was drawn */
  draws: { weighting: Record<string, number>; normalisation: Record<string, number> };
  years: UncertaintyYear[];
}

/** Average ranks (1…n, ascending) of one column; tied values share their mean rank. */
export function averageRanks(x: Float64Array): Float64Array {
  const n = x.length;
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => x[a] - x[b] || a - b);
  const out = new Float64Array(n);
  for (let start = 0; start < n; ) {
    let end = start + 1;
    while (end < n && x[order[end]] === x[order[start]]) end++;
    const mean = (start + 1 + end) / 2;
    for (let k = start; k < end; k++) out[order[k]] = mean;
    start = end;
  }
  return out;
}

const rankTransform = (columns: Float64Array[]) => columns.map(averageRanks);

export function rankUncertainty(
  panel: Panel,
  indicators: readonly ResolvedIndicator[],
  scheme: EvaluationScheme,
  groups: readonly CellGroup[],
  rows: readonly EvaluationRow[],
  options: UncertaintyOptions,
  progress?: (done: number, total: number, label?: string) => void,
): RankUncertainty {
  const random = seededRandom(options.seed);
  const pick = <T>(items: readonly T[]): T =>
    items[Math.min(items.length - 1, Math.floor(random() * items.length))];
  const factor = () => 1 - WEIGHT_PERTURBATION + 2 * WEIGHT_PERTURBATION * random();
  const withinGroup = scheme.aggregation.weights_scope === "within_group";

  // every kept cell, grouped by year in panel order, for the per-year ranks
  const cellKey = (c: Cell) => c.r * panel.years.length + c.y;
  const years = panel.years.map((_, y) => groups.flatMap((g) => g.cells.filter((c) => c.y === y)));
  const ranks = new Map<number, Int32Array>();
  for (const cells of years) for (const c of cells) ranks.set(cellKey(c), new Int32Array(options.n));
  const draws = {
    weighting: Object.fromEntries(UNCERTAINTY_WEIGHTINGS.map((w) => [w, 0])),
    normalisation: Object.fromEntries(UNCERTAINTY_NORMALISATIONS.map((w) => [w, 0])),
  };

  const score = new Map<number, number>();
  for (let d = 0; d < options.n; d++) {
    const weighting = pick(UNCERTAINTY_WEIGHTINGS);
    const normalisation = pick(UNCERTAINTY_NORMALISATIONS);
    draws.weighting[weighting]++;
    draws.normalisation[normalisation]++;
    const transform = normalisation === "rank" ? rankTransform : undefined;
    for (const group of groups) {
      const base = computeIndex(panel, indicators, group, scheme, {
        weighting,
        groupWeights: scheme.aggregation.group_weights,
        transform,
      });
      const given = Array.from(base.weights, (w) => w * factor());
      const groupWeights = withinGroup
        ? { urban: base.groupWeights.urban * factor(), rural: base.groupWeights.rural * factor() }
        : base.groupWeights;
      const alt = computeIndex(panel, indicators, group, scheme, {
        weighting: "given",
        given,
        groupWeights,
        transform,
      });
      group.cells.forEach((c, i) => {
        score.set(cellKey(c), alt.score[i]);
      });
    }
    for (const cells of years) {
      const r = competitionRanks(Float64Array.from(cells, (c) => score.get(cellKey(c))!));
      cells.forEach((c, i) => {
        ranks.get(cellKey(c))![d] = r[i];
      });
    }
    progress?.(d + 1, options.n, "uncertainty");
  }

  const nominal = new Map(rows.map((row) => [`${row.region}@${row.year}`, row.rank]));
  const out: UncertaintyYear[] = [];
  years.forEach((cells, y) => {
    if (cells.length === 0) return;
    const year = panel.years[y];
    const regions = cells.map((c) => {
      const rs = ranks.get(cellKey(c))!;
      const region = panel.regions[c.r];
      return {
        region: region.code,
        name: region.name,
        rank: nominal.get(`${region.code}@${year}`) ?? 0,
        median_rank: quantileType7(rs, 0.5)!,
        rank_p05: quantileType7(rs, 0.05)!,
        rank_p95: quantileType7(rs, 0.95)!,
      };
    });
    regions.sort(
      (a, b) => a.rank - b.rank || a.median_rank - b.median_rank || (a.region < b.region ? -1 : 1),
    );
    out.push({ year, regions });
  });
  return {
    n: options.n,
    seed: options.seed,
    weightings: UNCERTAINTY_WEIGHTINGS,
    normalisations: UNCERTAINTY_NORMALISATIONS,
    perturbation: WEIGHT_PERTURBATION,
    draws,
    years: out,
  };
}
