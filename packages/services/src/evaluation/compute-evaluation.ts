// The numbers of an evaluation run, computed only through the validated analysis methods:
//   composite-index (weights_scope as the scheme says; within_group gives U_urban, U_rural in [0,1] and the index)
//   → coupling-coordination of U_urban and U_rural → obstacle-degree with the index's own effective weights
//   → urban-rural-theil of the income gap → ranks within each year (spec §3 competition ranks).
// Normalisation and weights cover all kept region-years at once ("pooled", so indices compare across years) or
// each year alone ("per_year"). Spatial analyses (Moran, LISA) are added by `addSpatialAnalyses`.
import { type AnalysisRow, competitionRanks, RongheError } from "@ronghe/core";
import { COORDINATION_LEVELS } from "@ronghe/indices";
import type { Panel, ResolvedIndicator } from "./panel.ts";
import { runSpec } from "./run-spec.ts";
import type { EvaluationScheme, SchemeWeighting, Subsystem } from "./scheme.ts";

export interface ObstacleEntry {
  code: string;
  name: string;
  /** O_ij as a fraction (not %) */
  obstacle: number;
}

export interface LisaEntry {
  ii: number | null;
  z: number | null;
  p: number | null;
  quadrant: string;
  cluster: string;
}

/** One region in one year. Undefined quantities are null, never NaN. */
export interface EvaluationRow {
  region: string;
  name: string;
  year: number;
  index: number;
  /** 1 = best within the year; ties share the smallest rank */
  rank: number;
  u_urban: number | null;
  u_rural: number | null;
  coupling: number | null;
  development: number | null;
  coordination: number | null;
  level: number | null;
  level_name: string | null;
  top_obstacles: ObstacleEntry[] | null;
  group_obstacles: Record<Subsystem, number> | null;
  theil: number | null;
  income_ratio: number | null;
  lisa: LisaEntry | null;
}

export interface DroppedRegionYear {
  region: string;
  name: string;
  year: number;
  reason: "missing_values";
  /** index indicators without a value */
  missing: string[];
}

export interface IndicatorWeight {
  code: string;
  name: string;
  subsystem: Subsystem;
  direction: "+" | "-";
  /** weight as the composite index reports it (within its subsystem for within_group) */
  weight: number;
  /** weight in the overall index (within-subsystem weight × subsystem weight) */
  effective_weight: number;
}

export interface WeightsUsed {
  /** null for pooled normalisation (one set of weights for all years) */
  year: number | null;
  n: number;
  indicators: IndicatorWeight[];
  groups: { group: Subsystem; weight: number }[];
}

export interface SpatialYear {
  year: number;
  moran: Record<string, unknown> | null;
  lisa_counts: Record<string, number> | null;
  error: { code: string; message: string } | null;
}

export interface EvaluationComputation {
  /** ordered by year, then rank, then region code */
  rows: EvaluationRow[];
  dropped: DroppedRegionYear[];
  weights: WeightsUsed[];
  spatial: SpatialYear[];
  warnings: string[];
}

/** A kept region-year: indices into panel.regions / panel.years. */
export interface Cell {
  r: number;
  y: number;
}

/** Normalisation groups: one for pooled (year null), one per year for per_year. */
export interface CellGroup {
  year: number | null;
  cells: Cell[];
}

const cellId = (panel: Panel, c: Cell) => `${panel.regions[c.r].code}@${panel.years[c.y]}`;

/**
 * Applies the missing rule: a region-year lacking any index indicator is dropped (rule "drop") or the whole
 * run fails with `missing_data` (rule "error"). An indicator with no value at all fails in both modes, since
 * dropping every region-year would hide the real problem.
 */
export function selectCells(
  panel: Panel,
  indicators: readonly ResolvedIndicator[],
  scheme: EvaluationScheme,
): { cells: Cell[]; dropped: DroppedRegionYear[] } {
  const codeIdx = indicators.map((ind) => panel.codes.indexOf(ind.code));
  const empty = indicators.filter((_, j) => {
    for (let r = 0; r < panel.regions.length; r++) {
      for (let y = 0; y < panel.years.length; y++) if (panel.values[r][y][codeIdx[j]] !== null) return false;
    }
    return true;
  });
  if (empty.length > 0) {
    throw new RongheError(
      "missing_data",
      `指标无数据 / no value at all for ${empty.map((i) => i.code).join(", ")} in ${scheme.region} (${scheme.level}) ${scheme.years.from}–${scheme.years.to}`,
      { indicators: empty.map((i) => i.code) },
    );
  }
  const cells: Cell[] = [];
  const dropped: DroppedRegionYear[] = [];
  for (let y = 0; y < panel.years.length; y++) {
    for (let r = 0; r < panel.regions.length; r++) {
      const missing = indicators.filter((_, j) => panel.values[r][y][codeIdx[j]] === null).map((i) => i.code);
      if (missing.length === 0) cells.push({ r, y });
      else {
        const { code, name } = panel.regions[r];
        dropped.push({ region: code, name, year: panel.years[y], reason: "missing_values", missing });
      }
    }
  }
  if (scheme.missing === "error" && dropped.length > 0) {
    const shown = dropped.slice(0, 10).map((d) => `${d.name}(${d.region}) ${d.year}: ${d.missing.join(",")}`);
    throw new RongheError(
      "missing_data",
      `缺失数据 / ${dropped.length} region-years lack index indicators (missing: "error"): ${shown.join("; ")}${dropped.length > 10 ? " …" : ""}`,
      { dropped: dropped.map(({ region, year, missing }) => ({ region, year, missing })) },
    );
  }
  if (cells.length === 0) {
    throw new RongheError("missing_data", "no region-year has every index indicator", {
      dropped: dropped.length,
    });
  }
  return { cells, dropped };
}

export function groupCells(panel: Panel, cells: readonly Cell[], scope: "pooled" | "per_year"): CellGroup[] {
  if (scope === "pooled") return [{ year: null, cells: [...cells] }];
  return panel.years
    .map((year, y) => ({ year: year as number | null, cells: cells.filter((c) => c.y === y) }))
    .filter((g) => g.cells.length > 0);
}

/** A constant index indicator carries no information on rank: it is an error, named, not a silent 1. */
export function assertNoConstantColumn(
  panel: Panel,
  indicators: readonly ResolvedIndicator[],
  groups: readonly CellGroup[],
): void {
  for (const group of groups) {
    for (const ind of indicators) {
      const c = panel.codes.indexOf(ind.code);
      let min = Number.POSITIVE_INFINITY;
      let max = Number.NEGATIVE_INFINITY;
      for (const cell of group.cells) {
        const v = panel.values[cell.r][cell.y][c] as number;
        if (v < min) min = v;
        if (v > max) max = v;
      }
      if (group.cells.length > 0 && min === max) {
        const where = group.year === null ? "over all region-years" : `in ${group.year}`;
        throw new RongheError(
          "constant_column",
          `指标 ${ind.code} 取值恒定 / indicator ${ind.code} is constant (${min}) ${where}`,
          {
            indicator: ind.code,
            year: group.year,
            value: min,
          },
        );
      }
    }
  }
}

export interface IndexVariant {
  weighting: SchemeWeighting;
  /** raw weights per indicator for weighting "given" (scheme order) */
  given?: readonly number[];
  groupWeights: Record<Subsystem, number>;
  /** replaces the values of a group before the composite index (rank-based normalisation); same shape as input */
  transform?: (columns: Float64Array[]) => Float64Array[];
}

export interface IndexOutcome {
  /** per cell of the group, in group order */
  score: Float64Array;
  urban: Float64Array;
  rural: Float64Array;
  /** within-group (or global) weight of each indicator, scheme order */
  weights: Float64Array;
  groupWeights: Record<Subsystem, number>;
  warnings: string[];
}

/** The composite index of one normalisation group through the composite-index method. */
export function computeIndex(
  panel: Panel,
  indicators: readonly ResolvedIndicator[],
  group: CellGroup,
  scheme: EvaluationScheme,
  variant: IndexVariant,
): IndexOutcome {
  let columns: Float64Array[] = indicators.map((ind) => {
    const c = panel.codes.indexOf(ind.code);
    return Float64Array.from(group.cells, (cell) => panel.values[cell.r][cell.y][c] as number);
  });
  if (variant.transform) columns = variant.transform(columns);
  const rows: AnalysisRow[] = group.cells.map((cell, i) => {
    const row: AnalysisRow = { id: cellId(panel, cell) };
    indicators.forEach((ind, j) => {
      row[ind.code] = columns[j][i];
    });
    return row;
  });
  const params: Record<string, unknown> = {
    indicators: indicators.map((ind, j) => ({
      column: ind.code,
      direction: ind.direction,
      group: ind.subsystem,
      ...(variant.weighting === "given" ? { weight: variant.given?.[j] ?? ind.weight } : {}),
    })),
    normalization: "minmax",
    weighting: variant.weighting,
    weights_scope: scheme.aggregation.weights_scope,
    missing: "error",
  };
  if (scheme.aggregation.weights_scope === "within_group") params.group_weights = { ...variant.groupWeights };
  const { result, warnings } = runSpec("composite-index", params, rows);
  const outRows = result.rows as { id: string; score: number; group_scores?: Record<string, number> }[];
  const score = Float64Array.from(outRows, (r) => r.score);
  const urban = Float64Array.from(outRows, (r) => r.group_scores?.urban ?? Number.NaN);
  const rural = Float64Array.from(outRows, (r) => r.group_scores?.rural ?? Number.NaN);
  const indOut = result.indicators as { column: string; weight: number }[];
  const weights = Float64Array.from(
    indicators,
    (ind) => indOut.find((o) => o.column === ind.code)?.weight ?? 0,
  );
  const groupsOut = (result.groups as { group: string; weight: number }[] | undefined) ?? [];
  const groupWeights = {
    urban: groupsOut.find((g) => g.group === "urban")?.weight ?? 1,
    rural: groupsOut.find((g) => g.group === "rural")?.weight ?? 1,
  };
  return { score, urban, rural, weights, groupWeights, warnings };
}

/** Weight of each indicator in the overall index. */
export function effectiveWeights(
  indicators: readonly ResolvedIndicator[],
  outcome: IndexOutcome,
  scope: EvaluationScheme["aggregation"]["weights_scope"],
): Float64Array {
  return Float64Array.from(indicators, (ind, j) =>
    scope === "within_group" ? outcome.weights[j] * outcome.groupWeights[ind.subsystem] : outcome.weights[j],
  );
}

const finiteOrNull = (v: unknown): number | null => (typeof v === "number" && Number.isFinite(v) ? v : null);

/** Everything except the spatial analyses. */
export function computeEvaluation(
  panel: Panel,
  indicators: readonly ResolvedIndicator[],
  scheme: EvaluationScheme,
): EvaluationComputation {
  const { cells, dropped } = selectCells(panel, indicators, scheme);
  const groups = groupCells(panel, cells, scheme.normalisation.scope);
  assertNoConstantColumn(panel, indicators, groups);
  const warnings = new Set<string>();
  const names = new Map(indicators.map((ind) => [ind.code, ind.nameZh]));

  const byCell = new Map<string, EvaluationRow>();
  const weightsUsed: WeightsUsed[] = [];
  for (const group of groups) {
    const outcome = computeIndex(panel, indicators, group, scheme, {
      weighting: scheme.weighting,
      groupWeights: scheme.aggregation.group_weights,
    });
    for (const w of outcome.warnings) warnings.add(w);
    const effective = effectiveWeights(indicators, outcome, scheme.aggregation.weights_scope);
    weightsUsed.push({
      year: group.year,
      n: group.cells.length,
      indicators: indicators.map((ind, j) => ({
        code: ind.code,
        name: ind.nameZh,
        subsystem: ind.subsystem,
        direction: ind.direction,
        weight: outcome.weights[j],
        effective_weight: effective[j],
      })),
      groups:
        scheme.aggregation.weights_scope === "within_group"
          ? (["urban", "rural"] as const).map((g) => ({ group: g, weight: outcome.groupWeights[g] }))
          : [],
    });

    const ids = group.cells.map((cell) => cellId(panel, cell));
    group.cells.forEach((cell, i) => {
      byCell.set(ids[i], {
        region: panel.regions[cell.r].code,
        name: panel.regions[cell.r].name,
        year: panel.years[cell.y],
        index: outcome.score[i],
        rank: 0,
        u_urban: finiteOrNull(outcome.urban[i]),
        u_rural: finiteOrNull(outcome.rural[i]),
        coupling: null,
        development: null,
        coordination: null,
        level: null,
        level_name: null,
        top_obstacles: null,
        group_obstacles: null,
        theil: null,
        income_ratio: null,
        lisa: null,
      });
    });

    const coupling = scheme.analyses.coupling;
    if (coupling) {
      const rows = group.cells.map((_, i) => ({
        id: ids[i],
        urban: outcome.urban[i],
        rural: outcome.rural[i],
      }));
      const cc = runSpec(
        "coupling-coordination",
        {
          subsystems: ["urban", "rural"],
          subsystem_weights: [coupling.subsystem_weights.urban, coupling.subsystem_weights.rural],
          coupling_formula: coupling.formula,
          missing: "error",
        },
        rows,
      );
      for (const w of cc.warnings) warnings.add(w);
      for (const r of cc.result.rows as Record<string, unknown>[]) {
        const row = byCell.get(String(r.id))!;
        row.coupling = finiteOrNull(r.coupling);
        row.development = finiteOrNull(r.development);
        row.coordination = finiteOrNull(r.coordination);
        row.level = finiteOrNull(r.level);
        row.level_name = row.level === null ? null : (COORDINATION_LEVELS[row.level - 1]?.zh ?? null);
      }
    }

    const obstacles = scheme.analyses.obstacles;
    if (obstacles) {
      const rows: AnalysisRow[] = group.cells.map((cell, i) => {
        const row: AnalysisRow = { id: ids[i] };
        for (const ind of indicators)
          row[ind.code] = panel.values[cell.r][cell.y][panel.codes.indexOf(ind.code)];
        return row;
      });
      const od = runSpec(
        "obstacle-degree",
        {
          indicators: indicators.map((ind, j) => ({
            column: ind.code,
            direction: ind.direction,
            group: ind.subsystem,
            weight: effective[j],
          })),
          weighting: "given",
          normalization: "minmax",
          top_n: obstacles.top_n,
          missing: "error",
        },
        rows,
      );
      for (const r of od.result.rows as {
        id: string;
        obstacles: Record<string, number>;
        group_obstacles?: Record<string, number>;
        top: string[];
      }[]) {
        const row = byCell.get(r.id)!;
        row.top_obstacles = r.top.map((code) => ({
          code,
          name: names.get(code) ?? code,
          obstacle: r.obstacles[code],
        }));
        row.group_obstacles = r.group_obstacles
          ? { urban: r.group_obstacles.urban ?? 0, rural: r.group_obstacles.rural ?? 0 }
          : null;
      }
    }
  }

  const theil = scheme.analyses.theil;
  if (theil) addTheil(panel, cells, theil, byCell, warnings);

  // ranks within each year
  const rows: EvaluationRow[] = [];
  for (let y = 0; y < panel.years.length; y++) {
    const yearRows = cells.filter((c) => c.y === y).map((c) => byCell.get(cellId(panel, c))!);
    const ranks = competitionRanks(Float64Array.from(yearRows, (r) => r.index));
    yearRows.forEach((r, i) => {
      r.rank = ranks[i];
    });
    yearRows.sort((a, b) => a.rank - b.rank || (a.region < b.region ? -1 : a.region > b.region ? 1 : 0));
    rows.push(...yearRows);
  }
  return { rows, dropped, weights: weightsUsed, spatial: [], warnings: [...warnings] };
}

/**
 * Urban-rural Theil index per region-year. Populations come from the two population indicators, or from the
 * urbanisation rate as shares (P_u = rate, P_r = 100 − rate): the index depends on population shares only.
 * A region-year whose inputs are missing or outside the method's domain gets null and a warning.
 */
function addTheil(
  panel: Panel,
  cells: readonly Cell[],
  theil: NonNullable<EvaluationScheme["analyses"]["theil"]>,
  byCell: Map<string, EvaluationRow>,
  warnings: Set<string>,
): void {
  const col = (code: string | null) => (code === null ? -1 : panel.codes.indexOf(code));
  const [ui, ri, up, rp, ur] = [
    col(theil.urban_income),
    col(theil.rural_income),
    col(theil.urban_population),
    col(theil.rural_population),
    col(theil.urbanisation_rate),
  ];
  let skipped = 0;
  for (const cell of cells) {
    const v = panel.values[cell.r][cell.y];
    const yu = v[ui];
    const yr = v[ri];
    let pu: number | null;
    let pr: number | null;
    if (ur >= 0) {
      const rate = v[ur];
      pu = rate;
      pr = rate === null ? null : 100 - rate;
    } else {
      pu = v[up];
      pr = v[rp];
    }
    if (yu === null || yr === null || pu === null || pr === null) {
      skipped++;
      continue;
    }
    const row = byCell.get(cellId(panel, cell))!;
    try {
      const out = runSpec(
        "urban-rural-theil",
        { urban_income: "ui", rural_income: "ri", urban_population: "up", rural_population: "rp" },
        [{ id: row.region, ui: yu, ri: yr, up: pu, rp: pr }],
      );
      const r = (out.result.rows as Record<string, unknown>[])[0];
      row.theil = finiteOrNull(r.theil);
      row.income_ratio = finiteOrNull(r.income_ratio);
    } catch (error) {
      if (!(error instanceof RongheError)) throw error;
      warnings.add(`theil_skipped:${row.region}@${row.year}:${error.code}`);
    }
  }
  if (skipped > 0) warnings.add(`theil_missing_inputs:${skipped}`);
}
