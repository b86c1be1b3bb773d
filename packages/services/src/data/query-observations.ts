// Current values of a region's subtree at one level, with two kinds of computed values, both marked:
//   rolled_up  a region without a stored value gets its children's aggregate by the indicator's aggregation
//              (sum, mean, weighted_mean by `weightIndicator`; none = never). Children are themselves stored or
//              rolled up. By default every child must have a value (a sum over part of the children would be a
//              wrong number); `allowPartial` relaxes this and marks the value `partial`.
//   derived    indicators with a formula are computed on read per (region, year) from their inputs' values
//              (stored, rolled up or derived); never stored. Division by zero gives value null with
//              error "formula_division_by_zero".
import {
  evaluateFormula,
  type FormulaNode,
  formulaReferences,
  isRongheError,
  LEVEL_DEPTH,
  parseRegionCode,
  type RegionLevel,
  RongheError,
} from "@ronghe/core";
import type { Indicator, Observation, ObservationStatus, Region } from "@ronghe/store";
import { assertCan } from "../access.ts";
import type { ServiceContext } from "../context.ts";
import { validateCatalogue } from "./indicator-catalogue.ts";

export interface ObservationsQuery {
  /** the root region (canonical code) */
  region: string;
  /** level of the regions returned (default: the root region itself) */
  level?: RegionLevel;
  /** indicator codes (default: every indicator with data, plus derived ones that can be computed) */
  indicators?: string[];
  fromYear?: number;
  toYear?: number;
  /** only stored values in these statuses count (default: all) */
  status?: ObservationStatus[];
  /** roll up children when a region has no value (default true) */
  rollUp?: boolean;
  /** roll up even when some children lack a value (marked partial) */
  allowPartial?: boolean;
}

export type ValueOrigin = "stored" | "rolled_up" | "derived";

export interface ObservationValue {
  regionCode: string;
  regionName: string;
  level: RegionLevel;
  indicatorCode: string;
  period: number;
  /** null only together with `error` */
  value: number | null;
  unit: string;
  origin: ValueOrigin;
  status: ObservationStatus | null;
  revision: number | null;
  source: string | null;
  note: string | null;
  /** rolled-up values: how many children there are and how many had a value */
  coverage?: { children: number; withValue: number };
  partial?: boolean;
  error?: string;
}

interface Resolved {
  value: number | null;
  origin: ValueOrigin;
  obs?: Observation;
  coverage?: { children: number; withValue: number };
  partial?: boolean;
  error?: string;
}

const clean = (x: number) => Number(x.toPrecision(15));

export interface ObservationsResult {
  region: { code: string; name: string; level: RegionLevel };
  level: RegionLevel;
  indicators: string[];
  years: number[];
  rows: ObservationValue[];
}

export async function queryObservations(
  ctx: ServiceContext,
  query: ObservationsQuery,
): Promise<ObservationsResult> {
  const rootCode = parseRegionCode(query.region).code;
  assertCan(ctx.actor, "read", rootCode);
  const root = await ctx.store.getRegion(rootCode);
  if (!root) throw new RongheError("not_found", `region ${rootCode} not found`, { region: rootCode });
  const level = query.level ?? root.level;
  if (LEVEL_DEPTH[level] < LEVEL_DEPTH[root.level]) {
    throw new RongheError("invalid_input", `level ${level} is above region ${root.code} (${root.level})`, {
      level,
    });
  }
  const catalogue = await ctx.store.listIndicators();
  const byCode = new Map(catalogue.map((i) => [i.code, i]));
  const formulas = new Map<string, FormulaNode>();
  for (const f of validateCatalogue(catalogue)) formulas.set(f.code, f.tree);
  for (const code of query.indicators ?? []) {
    if (!byCode.has(code))
      throw new RongheError("unknown_indicator", `unknown indicator ${code}`, { indicator: code });
  }

  // Every indicator whose values may be needed: the requested ones, formula inputs and roll-up weights.
  const needed = new Set<string>();
  const need = (code: string): void => {
    if (needed.has(code)) return;
    needed.add(code);
    const ind = byCode.get(code);
    if (!ind) return;
    if (ind.formula) for (const ref of refsOf(formulas.get(code))) need(ref);
    if (ind.aggregation === "weighted_mean" && ind.weightIndicator) need(ind.weightIndicator);
  };
  const storedIndicators = catalogue.filter((i) => !i.formula).map((i) => i.code);
  for (const code of query.indicators ?? storedIndicators) need(code);

  const stored = await ctx.store.queryObservations({
    subtreeOf: root.code,
    indicators: [...needed].filter((c) => !byCode.get(c)?.formula),
    fromYear: query.fromYear,
    toYear: query.toYear,
    status: query.status,
  });
  const values = new Map<string, Observation>();
  let maxDepth = 0;
  const years = new Set<number>();
  const withData = new Set<string>();
  // Deepest level with a stored value, per indicator: a stored indicator with nothing at or below the target
  // level is null for every target (neither stored there nor rolled up), so the row loop skips it. Depths are
  // parsed once per region, not once per row.
  const depthOf = new Map<string, number>();
  const deepest = new Map<string, number>();
  for (const o of stored) {
    values.set(`${o.regionCode}|${o.indicatorCode}|${o.period}`, o);
    years.add(o.period);
    withData.add(o.indicatorCode);
    let depth = depthOf.get(o.regionCode);
    if (depth === undefined) {
      depth = LEVEL_DEPTH[parseRegionCode(o.regionCode).level];
      depthOf.set(o.regionCode, depth);
    }
    if (depth > maxDepth) maxDepth = depth;
    if (depth > (deepest.get(o.indicatorCode) ?? -1)) deepest.set(o.indicatorCode, depth);
  }

  const targets: Region[] = level === root.level ? [root] : await ctx.store.descendants(root.code, { level });
  const children = new Map<string, Region[]>();
  const rollUp = query.rollUp ?? true;
  if (rollUp) {
    for (const l of Object.keys(LEVEL_DEPTH) as RegionLevel[]) {
      const d = LEVEL_DEPTH[l];
      if (d <= LEVEL_DEPTH[level] || d > maxDepth) continue;
      for (const r of await ctx.store.descendants(root.code, { level: l })) {
        if (!r.parentCode) continue;
        const list = children.get(r.parentCode);
        if (list) list.push(r);
        else children.set(r.parentCode, [r]);
      }
    }
  }

  const memo = new Map<string, Resolved | null>();
  const resolve = (code: string, ind: string, year: number): Resolved | null => {
    const key = `${code}|${ind}|${year}`;
    if (memo.has(key)) return memo.get(key) ?? null;
    memo.set(key, null); // formulas are acyclic (validated), so a re-entry cannot happen; guard anyway
    const result = compute(code, ind, year);
    memo.set(key, result);
    return result;
  };
  const compute = (code: string, ind: string, year: number): Resolved | null => {
    const def = byCode.get(ind) as Indicator;
    const tree = formulas.get(ind);
    if (tree) {
      let partialInput = false;
      try {
        const v = evaluateFormula(tree, (ref) => {
          const input = resolve(code, ref, year);
          partialInput ||= input?.partial === true;
          return input?.value ?? null;
        });
        return v === null
          ? null
          : { value: clean(v), origin: "derived", ...(partialInput ? { partial: true } : {}) };
      } catch (error) {
        if (isRongheError(error) && error.code === "formula_division_by_zero") {
          return { value: null, origin: "derived", error: error.code };
        }
        throw error;
      }
    }
    const obs = values.get(`${code}|${ind}|${year}`);
    if (obs) return { value: obs.value, origin: "stored", obs };
    if (!rollUp || def.aggregation === "none") return null;
    const kids = children.get(code);
    if (!kids || kids.length === 0) return null;
    let sum = 0;
    let weightSum = 0;
    let n = 0;
    let partialBelow = false;
    for (const kid of kids) {
      const kv = resolve(kid.code, ind, year);
      const v = kv?.value ?? null;
      if (v === null) continue;
      let kidPartial = kv?.partial === true;
      if (def.aggregation === "weighted_mean") {
        const kw = resolve(kid.code, def.weightIndicator as string, year);
        const w = kw?.value ?? null;
        if (w === null) continue;
        kidPartial ||= kw?.partial === true;
        sum += v * w;
        weightSum += w;
      } else sum += v;
      partialBelow ||= kidPartial;
      n++;
    }
    // A child that is itself a partial roll-up makes its parent partial too.
    const partial = n < kids.length || partialBelow;
    if (n === 0 || (partial && !query.allowPartial)) return null;
    let value: number;
    if (def.aggregation === "sum") value = sum;
    else if (def.aggregation === "mean") value = sum / n;
    else {
      if (weightSum === 0) return null;
      value = sum / weightSum;
    }
    return {
      value: clean(value),
      origin: "rolled_up",
      coverage: { children: kids.length, withValue: n },
      ...(partial ? { partial } : {}),
    };
  };

  const requested =
    query.indicators ??
    catalogue
      .filter((i) => withData.has(i.code) || (i.formula && refsOf(formulas.get(i.code)).length > 0))
      .map((i) => i.code);
  const yearList = [...years].sort((a, b) => a - b);
  const rows: ObservationValue[] = [];
  const shown = new Set<string>();
  // Indicators that are null for every target, skipped below: a stored indicator with no value at or below the
  // target level (neither stored there nor rolled up), and a formula whose inputs all are such indicators and
  // which gives null (no error) when every input is null; formulas read their inputs at the same region, so
  // such a formula gives that same null everywhere.
  const targetDepth = LEVEL_DEPTH[level];
  const alwaysNull = new Map<string, boolean>();
  const isAlwaysNull = (ind: string): boolean => {
    const known = alwaysNull.get(ind);
    if (known !== undefined) return known;
    alwaysNull.set(ind, false); // acyclic (validated); a re-entry just keeps the indicator
    const tree = formulas.get(ind);
    let result: boolean;
    if (!tree) result = (deepest.get(ind) ?? -1) < targetDepth;
    else {
      try {
        result = refsOf(tree).every(isAlwaysNull) && evaluateFormula(tree, () => null) === null;
      } catch {
        result = false;
      }
    }
    alwaysNull.set(ind, result);
    return result;
  };
  const possible = requested.filter((ind) => !isAlwaysNull(ind));
  for (const region of targets) {
    for (const ind of possible) {
      const def = byCode.get(ind) as Indicator;
      const isFormula = formulas.has(ind);
      for (const year of yearList) {
        // A stored value is what resolve() would return for a non-formula indicator; look it up directly.
        const obs = isFormula ? undefined : values.get(`${region.code}|${ind}|${year}`);
        const r: Resolved | null = obs
          ? { value: obs.value, origin: "stored", obs }
          : resolve(region.code, ind, year);
        if (!r || (r.value === null && !r.error)) continue;
        shown.add(ind);
        const row: ObservationValue = {
          regionCode: region.code,
          regionName: region.name,
          level: region.level,
          indicatorCode: ind,
          period: year,
          value: r.value,
          unit: def.unit,
          origin: r.origin,
          status: r.obs?.status ?? null,
          revision: r.obs?.revision ?? null,
          source: r.obs?.source ?? null,
          note: r.obs?.note ?? null,
        };
        if (r.coverage) row.coverage = r.coverage;
        if (r.partial) row.partial = true;
        if (r.error) row.error = r.error;
        rows.push(row);
      }
    }
  }
  return {
    region: { code: root.code, name: root.name, level: root.level },
    level,
    indicators: query.indicators ?? requested.filter((c) => shown.has(c)),
    years: yearList,
    rows,
  };
}

function refsOf(tree: FormulaNode | undefined): string[] {
  return tree ? formulaReferences(tree) : [];
}

/** Every revision of one value, oldest first. */
export async function observationHistory(
  ctx: ServiceContext,
  key: { region: string; indicator: string; period: number },
) {
  const code = parseRegionCode(key.region).code;
  assertCan(ctx.actor, "read", code);
  return ctx.store.observationHistory(code, key.indicator, key.period);
}

/** Parses "2010-2020", "2015" or "2010-" into a year range. */
export function parseYearRange(text: string): { fromYear?: number; toYear?: number } {
  const m = /^\s*(\d{4})?\s*(?:(-|–|—|~|至)\s*(\d{4})?)?\s*$/.exec(text);
  if (!m || (!m[1] && !m[3]))
    throw new RongheError("invalid_input", `years "${text}" must look like 2010-2020 or 2015`, {
      years: text,
    });
  const from = m[1] ? Number(m[1]) : undefined;
  const to = m[2] ? (m[3] ? Number(m[3]) : undefined) : from;
  if (from !== undefined && to !== undefined && from > to)
    throw new RongheError("invalid_input", `years "${text}": start after end`, { years: text });
  return { fromYear: from, toYear: to };
}
