// Evaluation runs as the page uses them. The server may answer in the shape of notes/api.md (camelCase
// `results`, `uncertainty`) or in the services' run view (snake_case `rows`, `summary.uncertainty.years`);
// `normaliseRun` reads both, so the page has one shape to draw. A year view (`?year=`) holds the rows of one
// year and lists all the run's years in `summary.years`.
import { api } from "../api/client.ts";
import type { EvaluationResult, EvaluationRun, Items, RankUncertainty } from "../api/types.ts";

type Raw = Record<string, unknown>;

const num = (v: unknown): number | null => (typeof v === "number" && Number.isFinite(v) ? v : null);
const str = (v: unknown): string | null => (typeof v === "string" ? v : null);

function resultOf(r: Raw): EvaluationResult {
  const sub = (r.subsystems ?? {}) as Raw;
  const obstacles = (r.obstacles ?? r.top_obstacles ?? null) as Raw[] | null;
  return {
    regionCode: String(r.regionCode ?? r.region ?? ""),
    regionName: String(r.regionName ?? r.name ?? r.region ?? ""),
    year: Number(r.year),
    index: num(r.index),
    rank: num(r.rank),
    subsystems: { urban: num(sub.urban ?? r.u_urban), rural: num(sub.rural ?? r.u_rural) },
    coupling: num(r.coupling),
    coordination: num(r.coordination),
    level: num(r.level),
    levelName: str(r.levelName ?? r.level_name),
    obstacles: Array.isArray(obstacles)
      ? obstacles.map((o) => ({
          indicator: String(o.indicator ?? o.code ?? ""),
          name: str(o.name),
          value: num(o.value ?? o.obstacle),
        }))
      : null,
  };
}

function uncertaintyOf(raw: Raw): RankUncertainty[] {
  if (Array.isArray(raw.uncertainty)) {
    return (raw.uncertainty as Raw[]).map((u) => ({
      regionCode: String(u.regionCode ?? u.region ?? ""),
      year: num(u.year) ?? undefined,
      medianRank: Number(u.medianRank ?? u.median_rank),
      p5: Number(u.p5 ?? u.rank_p05),
      p95: Number(u.p95 ?? u.rank_p95),
    }));
  }
  const years = ((raw.summary as Raw | undefined)?.uncertainty as Raw | null | undefined)?.years;
  if (!Array.isArray(years)) return [];
  const out: RankUncertainty[] = [];
  for (const y of years as Raw[]) {
    for (const r of (y.regions ?? []) as Raw[]) {
      out.push({
        regionCode: String(r.region),
        year: Number(y.year),
        medianRank: Number(r.median_rank),
        p5: Number(r.rank_p05),
        p95: Number(r.rank_p95),
      });
    }
  }
  return out.filter((u) => Number.isFinite(u.medianRank) && Number.isFinite(u.p5) && Number.isFinite(u.p95));
}

/** The run's years: `summary.years` (or `years`) when given, else the years of the rows. */
function yearsOf(raw: Raw, results: readonly EvaluationResult[]): number[] {
  const listed = (raw.summary as Raw | undefined)?.years ?? raw.years;
  const years = Array.isArray(listed)
    ? listed.filter((y): y is number => typeof y === "number" && Number.isInteger(y))
    : results.map((r) => r.year);
  return [...new Set(years)].sort((a, b) => a - b);
}

function publicationOf(raw: Raw): EvaluationRun["publication"] {
  const p = (raw.publication ?? (raw.summary as Raw | undefined)?.publication) as Raw | null | undefined;
  if (!p || typeof p !== "object") return null;
  return {
    publishedAt: str(p.publishedAt ?? p.published_at),
    publishedBy: str(p.publishedBy ?? p.published_by),
    reason: str(p.reason),
  };
}

export function normaliseRun(raw: Raw): EvaluationRun {
  const scheme = raw.scheme as Raw | string | undefined;
  const schemeObj = scheme && typeof scheme === "object" ? scheme : null;
  const results = ((raw.results ?? raw.rows ?? []) as Raw[]).map(resultOf);
  return {
    id: String(raw.id),
    schemeName: str(raw.schemeName ?? raw.scheme_name) ?? str(schemeObj?.name),
    title: str(raw.title) ?? str(schemeObj?.title),
    regionCode: str(raw.regionCode ?? raw.region) ?? str(schemeObj?.region),
    level: (str(raw.level) ?? str(schemeObj?.level)) as EvaluationRun["level"],
    status: str(raw.status) ?? undefined,
    createdAt: str(raw.createdAt ?? raw.created_at),
    finishedAt: str(raw.finishedAt ?? raw.finished_at),
    years: yearsOf(raw, results),
    year: num(raw.year),
    results,
    uncertainty: uncertaintyOf(raw),
    publication: publicationOf(raw),
    runHash: str(raw.runHash ?? raw.run_hash),
  };
}

function runTime(r: EvaluationRun): string {
  return r.finishedAt ?? r.createdAt ?? "";
}

const FINISHED = new Set(["done", "succeeded", "published", "finished", "locked", "final"]);

export function latestRunId(runs: readonly EvaluationRun[]): string | null {
  let best: EvaluationRun | null = null;
  for (const r of runs) {
    if (r.status && !FINISHED.has(r.status)) continue;
    if (!best || runTime(r) > runTime(best)) best = r;
  }
  return best?.id ?? null;
}

export async function listRuns(): Promise<EvaluationRun[]> {
  const list = await api.get<Items<Raw>>("/api/evaluations");
  return list.items.map(normaliseRun);
}

/** The whole run, or with `year` one year of it ("latest": its last year). */
export async function loadRun(id: string, year?: number | "latest"): Promise<EvaluationRun> {
  const path = `/api/evaluations/${encodeURIComponent(id)}`;
  return normaliseRun(await api.get<Raw>(path, year === undefined ? undefined : { year }));
}

export async function loadLatestRun(): Promise<EvaluationRun | null> {
  const id = latestRunId(await listRuns());
  return id === null ? null : loadRun(id);
}
