// Urban and rural per-capita disposable income (ECO-01, ECO-02) and their ratio (ECO-03 = ECO-01 ÷ ECO-02,
// derived by the data services) for the report region and its units, year by year.
//
// The region's own ratio is the reported one whenever the store holds (or derives) it. When it does not (the
// Chongqing demo has district incomes only), it is estimated from the units as the ratio of
// population-weighted means: urban income weighted by each unit's urban population, rural income by its rural
// population (that is total income ÷ total population in each group). The weights are the census urban and
// rural populations of the census year nearest to the year. Units lacking a value are left out and named. The
// estimate is always labelled as such: it is not an official figure.

import type { RegionLevel } from "@ronghe/core";
import type { ServiceContext } from "../context.ts";
import { queryObservations } from "../data/query-observations.ts";

export const INCOME_CODES = { urban: "ECO-01", rural: "ECO-02", ratio: "ECO-03" } as const;
/** Population weights of the estimate, when these indicators exist in the store. */
export const INCOME_WEIGHT_CODES = { urban: "CQ-CENSUS-URBAN", rural: "CQ-CENSUS-RURAL" } as const;

export type IncomeBasis = "reported" | "estimated";

export interface IncomeYear {
  year: number;
  urban: number | null;
  rural: number | null;
  /** urban − rural, yuan */
  gap: number | null;
  ratio: number | null;
  basis: IncomeBasis | null;
  /** estimates: units used of all units, the units left out and the year of the population weights */
  estimate?: { used: number; total: number; missing: string[]; weightYear: number };
}

export interface UnitIncome {
  code: string;
  name: string;
  urban: number | null;
  rural: number | null;
  ratio: number | null;
  /** ratio of the previous year */
  previousRatio: number | null;
  source: string | null;
}

export interface IncomeData {
  years: IncomeYear[];
  /** units in the report year (store order) */
  units: UnitIncome[];
  /** "estimated" years: what the weights are */
  weightCodes: { urban: string; rural: string } | null;
}

export async function loadUrbanRuralIncome(
  ctx: ServiceContext,
  query: { region: string; level: RegionLevel; fromYear: number; year: number },
): Promise<IncomeData> {
  const codes: string[] = [INCOME_CODES.urban, INCOME_CODES.rural, INCOME_CODES.ratio];
  const own = await queryObservations(ctx, {
    region: query.region,
    indicators: codes,
    fromYear: query.fromYear,
    toYear: query.year,
  });
  const weightsKnown =
    (await ctx.store.getIndicator(INCOME_WEIGHT_CODES.urban)) !== null &&
    (await ctx.store.getIndicator(INCOME_WEIGHT_CODES.rural)) !== null;
  const unitCodes = weightsKnown ? [...codes, INCOME_WEIGHT_CODES.urban, INCOME_WEIGHT_CODES.rural] : codes;
  // Weights may come from any year (census years), so the unit query is not limited to the window.
  const units = await queryObservations(ctx, {
    region: query.region,
    level: query.level,
    indicators: unitCodes,
    toYear: query.year,
  });

  const value = new Map<string, number>();
  const source = new Map<string, string>();
  for (const r of [...own.rows, ...units.rows]) {
    if (r.value === null || !Number.isFinite(r.value)) continue;
    value.set(`${r.regionCode}|${r.indicatorCode}|${r.period}`, r.value);
    if (r.source) source.set(`${r.regionCode}|${r.indicatorCode}|${r.period}`, r.source);
  }
  const get = (code: string, ind: string, year: number) => value.get(`${code}|${ind}|${year}`) ?? null;
  const unitList = (await ctx.store.descendants(query.region, { level: query.level })).map((r) => ({
    code: r.code,
    name: r.name,
  }));
  const weightYears = weightsKnown
    ? [
        ...new Set(
          units.rows
            .filter((r) => r.indicatorCode === INCOME_WEIGHT_CODES.urban && r.value !== null)
            .map((r) => r.period),
        ),
      ].sort((a, b) => a - b)
    : [];

  const years: IncomeYear[] = [];
  for (let year = query.fromYear; year <= query.year; year++) {
    const ratio = get(query.region, INCOME_CODES.ratio, year);
    const urban = get(query.region, INCOME_CODES.urban, year);
    const rural = get(query.region, INCOME_CODES.rural, year);
    if (ratio !== null) {
      years.push({
        year,
        urban,
        rural,
        gap: urban !== null && rural !== null ? urban - rural : null,
        ratio,
        basis: "reported",
      });
      continue;
    }
    const est = estimate(unitList, year, weightYears, get);
    years.push(est ?? { year, urban, rural, gap: null, ratio: null, basis: null });
  }

  const unitsOut: UnitIncome[] = unitList.map((u) => ({
    code: u.code,
    name: u.name,
    urban: get(u.code, INCOME_CODES.urban, query.year),
    rural: get(u.code, INCOME_CODES.rural, query.year),
    ratio: get(u.code, INCOME_CODES.ratio, query.year),
    previousRatio: get(u.code, INCOME_CODES.ratio, query.year - 1),
    source: source.get(`${u.code}|${INCOME_CODES.urban}|${query.year}`) ?? null,
  }));
  return { years, units: unitsOut, weightCodes: weightsKnown ? { ...INCOME_WEIGHT_CODES } : null };
}

/** The census year nearest to `year` (ties: the earlier one). */
export function nearestYear(year: number, candidates: readonly number[]): number | null {
  let best: number | null = null;
  for (const c of candidates) {
    if (best === null || Math.abs(c - year) < Math.abs(best - year)) best = c;
  }
  return best;
}

function estimate(
  units: ReadonlyArray<{ code: string; name: string }>,
  year: number,
  weightYears: readonly number[],
  get: (code: string, ind: string, year: number) => number | null,
): IncomeYear | null {
  const wy = nearestYear(year, weightYears);
  if (wy === null) return null;
  let su = 0;
  let pu = 0;
  let sr = 0;
  let pr = 0;
  let used = 0;
  const missing: string[] = [];
  for (const u of units) {
    const iu = get(u.code, INCOME_CODES.urban, year);
    const ir = get(u.code, INCOME_CODES.rural, year);
    const wu = get(u.code, INCOME_WEIGHT_CODES.urban, wy);
    const wr = get(u.code, INCOME_WEIGHT_CODES.rural, wy);
    if (iu === null || ir === null || wu === null || wr === null || wu < 0 || wr < 0) {
      missing.push(u.name);
      continue;
    }
    su += iu * wu;
    pu += wu;
    sr += ir * wr;
    pr += wr;
    used++;
  }
  if (used === 0 || pu <= 0 || pr <= 0) return null;
  const urban = su / pu;
  const rural = sr / pr;
  return {
    year,
    urban,
    rural,
    gap: urban - rural,
    ratio: rural > 0 ? urban / rural : null,
    basis: "estimated",
    estimate: { used, total: units.length, missing, weightYear: wy },
  };
}
