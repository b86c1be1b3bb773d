// Every indicator's obstacle degree per unit in one year (the run stores only the top ones): the run's own
// computation repeated in memory on the same panel with top_n = all indicators. Nothing is stored. The result
// is checked against the run (same index and same top indicators for every unit); a mismatch means the data
// changed under the run, and the means are then not shown.

import type { ServiceContext } from "../context.ts";
import type { EvaluationRow } from "../evaluation/compute-evaluation.ts";
import { computeEvaluation } from "../evaluation/compute-evaluation.ts";
import { loadPanel } from "../evaluation/load-panel.ts";
import type { EvaluationScheme } from "../evaluation/scheme.ts";

export interface ObstacleMean {
  code: string;
  name: string;
  subsystem: string;
  /** mean obstacle degree over the units of the year, as a fraction */
  mean: number;
  /** units where the indicator is among the run's top obstacles */
  inTop: number;
}

export interface ObstacleDegrees {
  year: number;
  units: number;
  means: ObstacleMean[];
}

export async function obstacleDegrees(
  ctx: ServiceContext,
  scheme: EvaluationScheme,
  year: number,
  runRows: readonly EvaluationRow[],
): Promise<ObstacleDegrees | null> {
  if (!scheme.analyses.obstacles) return null;
  const { panel, indicators } = await loadPanel(ctx, scheme);
  const all: EvaluationScheme = {
    ...scheme,
    analyses: { ...scheme.analyses, obstacles: { top_n: indicators.length }, moran: null, lisa: null },
  };
  const computed = computeEvaluation(panel, indicators, all).rows.filter((r) => r.year === year);
  const byRegion = new Map(computed.map((r) => [r.region, r]));
  const topN = scheme.analyses.obstacles.top_n;
  for (const run of runRows) {
    const again = byRegion.get(run.region);
    const sameTop =
      again?.top_obstacles &&
      run.top_obstacles?.every(
        (o, i) =>
          again.top_obstacles?.[i]?.code === o.code &&
          Math.abs(again.top_obstacles[i].obstacle - o.obstacle) < 1e-9,
      );
    if (!again || Math.abs(again.index - run.index) > 1e-9 || !sameTop) return null;
  }
  if (computed.length !== runRows.length) return null;
  const means: ObstacleMean[] = indicators.map((ind) => {
    let sum = 0;
    let inTop = 0;
    for (const r of computed) {
      const entries = r.top_obstacles ?? [];
      const e = entries.find((o) => o.code === ind.code);
      sum += e?.obstacle ?? 0;
      if (entries.slice(0, topN).some((o) => o.code === ind.code)) inTop++;
    }
    return {
      code: ind.code,
      name: ind.nameZh,
      subsystem: ind.subsystem,
      mean: computed.length ? sum / computed.length : 0,
      inTop,
    };
  });
  means.sort((a, b) => b.mean - a.mean || (a.code < b.code ? -1 : 1));
  return { year, units: computed.length, means };
}
