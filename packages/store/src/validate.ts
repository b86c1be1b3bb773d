// Boundary checks shared by both backends, so both reject the same inputs with the same codes.
import { isRegionLevel, RongheError } from "@ronghe/core";
import { ascendingOrder } from "./ascending-order.ts";
import {
  AGGREGATIONS,
  INDICATOR_DIRECTIONS,
  INDICATOR_ROLES,
  type Indicator,
  OBSERVATION_STATUSES,
  type ObservationInput,
  type ObservationKey,
  type ObservationStatus,
  type RegionGeometryUpdate,
  type RegionInput,
  type WriteCounts,
  type WriteDetail,
} from "./store.ts";

/** Validates region inputs; a code given twice keeps its last occurrence (both dialects alike). */
export function prepareRegions(regions: readonly RegionInput[]): RegionInput[] {
  const { codeKeys, statKeys } = checkRegions(regions);
  if (!hasRepeat(codeKeys)) {
    checkStatCodesUnique(regions, statKeys);
    return [...regions];
  }
  const byCode = new Map<string, RegionInput>();
  for (const r of regions) {
    byCode.delete(r.code);
    byCode.set(r.code, r);
  }
  const out = [...byCode.values()];
  const keys = new Float64Array(out.length);
  for (let i = 0; i < out.length; i++) keys[i] = Number(out[i].statCode);
  checkStatCodesUnique(out, keys);
  return out;
}

/** Two regions with one statistical code would be one place under two codes: name them. */
function checkStatCodesUnique(regions: readonly RegionInput[], statKeys: Float64Array): void {
  if (!hasRepeat(statKeys)) return;
  const seen = new Map<string, string>();
  for (const r of regions) {
    const other = seen.get(r.statCode);
    if (other !== undefined) {
      throw new RongheError(
        "invalid_input",
        `regions ${other} and ${r.code} have the same statistical code ${r.statCode}`,
        { codes: [other, r.code], statCode: r.statCode },
      );
    }
    seen.set(r.statCode, r.code);
  }
}

/** Whether a key repeats. Regions come level by level, each level in code order: see ascendingOrder. */
function hasRepeat(keys: Float64Array): boolean {
  const order = ascendingOrder(keys);
  for (let k = 1; k < keys.length; k++) {
    if (order === null ? keys[k] === keys[k - 1] : keys[order[k]] === keys[order[k - 1]]) return true;
  }
  return false;
}

/**
 * Checks each region as the patterns /^\d{6}(\d{3}(\d{3})?)?$/ (code) and /^\d{12}$/ (statCode) would, by char
 * codes, and returns their numeric keys for the repeat checks: a code's value × 4 + a length tag (6, 9 or 12
 * digits: below 2^53, and codes of different lengths stay apart), a statCode's value.
 */
function checkRegions(regions: readonly RegionInput[]): { codeKeys: Float64Array; statKeys: Float64Array } {
  const codeKeys = new Float64Array(regions.length);
  const statKeys = new Float64Array(regions.length);
  let levelBefore: unknown = UNCHECKED;
  for (let i = 0; i < regions.length; i++) {
    const r = regions[i];
    const code = r.code;
    const codeValue =
      typeof code === "string" && (code.length === 6 || code.length === 9 || code.length === 12)
        ? digitsValue(code)
        : -1;
    if (codeValue < 0) {
      throw new RongheError("invalid_region_code", `region ${i}: "${r.code}" is not a canonical code`, {
        index: i,
        value: r.code,
      });
    }
    codeKeys[i] = codeValue * 4 + (code.length === 6 ? 0 : code.length === 9 ? 1 : 2);
    const statCode = r.statCode;
    // a village's statCode is its code, often the very same string
    let statValue = -1;
    if (statCode === code) statValue = code.length === 12 ? codeValue : -1;
    else if (typeof statCode === "string" && statCode.length === 12) statValue = digitsValue(statCode);
    if (statValue < 0) {
      throw new RongheError("invalid_region_code", `region ${r.code}: statCode must have 12 digits`, {
        code: r.code,
        value: r.statCode,
      });
    }
    statKeys[i] = statValue;
    // rows come in runs of one level: a level equal to the one just checked is known good
    if (r.level !== levelBefore) {
      if (!isRegionLevel(r.level)) {
        throw new RongheError("invalid_input", `region ${r.code}: unknown level "${r.level}"`, {
          code: r.code,
          level: r.level,
        });
      }
      levelBefore = r.level;
    }
    if (typeof r.name !== "string" || r.name === "") {
      throw new RongheError("invalid_input", `region ${r.code}: name is empty`, { code: r.code });
    }
  }
  return { codeKeys, statKeys };
}

/** No input's level: the first row's level is always checked. */
const UNCHECKED = Symbol("unchecked");

/** The value of a string of ASCII digits (exact up to 15 digits), or -1 if any char is not one. */
function digitsValue(text: string): number {
  let value = 0;
  for (let k = 0; k < text.length; k++) {
    const digit = text.charCodeAt(k) - 48;
    if (digit < 0 || digit > 9) return -1;
    value = value * 10 + digit;
  }
  return value;
}

/** Merges updates of the same code (later fields win) and checks coordinates are finite or null. */
export function prepareGeometryUpdates(updates: readonly RegionGeometryUpdate[]): RegionGeometryUpdate[] {
  const byCode = new Map<string, RegionGeometryUpdate>();
  for (const u of updates) {
    for (const field of ["lng", "lat"] as const) {
      const v = u[field];
      if (v !== undefined && v !== null && (typeof v !== "number" || !Number.isFinite(v))) {
        throw new RongheError("invalid_input", `region ${u.code}: ${field} must be a finite number or null`, {
          code: u.code,
          field,
        });
      }
    }
    const prior = byCode.get(u.code);
    const merged: RegionGeometryUpdate = { ...(prior ?? {}), code: u.code };
    for (const field of ["geometry", "geometrySource", "lng", "lat"] as const) {
      if (u[field] !== undefined) (merged as unknown as Record<string, unknown>)[field] = u[field];
    }
    byCode.set(u.code, merged);
  }
  return [...byCode.values()];
}

export function checkIndicator(ind: Indicator): void {
  const bad = (field: string, value: unknown) =>
    new RongheError("invalid_input", `indicator ${ind.code}: invalid ${field}`, {
      code: ind.code,
      field,
      value,
    });
  if (typeof ind.code !== "string" || ind.code === "") throw bad("code", ind.code);
  if (typeof ind.nameZh !== "string" || ind.nameZh === "") throw bad("nameZh", ind.nameZh);
  if (typeof ind.unit !== "string") throw bad("unit", ind.unit);
  if (!(INDICATOR_DIRECTIONS as readonly string[]).includes(ind.direction))
    throw bad("direction", ind.direction);
  if (!(INDICATOR_ROLES as readonly string[]).includes(ind.role)) throw bad("role", ind.role);
  if (!(AGGREGATIONS as readonly string[]).includes(ind.aggregation))
    throw bad("aggregation", ind.aggregation);
  if (!Array.isArray(ind.levels) || !ind.levels.every(isRegionLevel)) throw bad("levels", ind.levels);
}

export function checkStatus(status: ObservationStatus): void {
  if (!(OBSERVATION_STATUSES as readonly string[]).includes(status)) {
    throw new RongheError("invalid_input", `unknown observation status "${status}"`, { status });
  }
}

export function observationKey(k: ObservationKey): string {
  return `${k.regionCode}\u0000${k.indicatorCode}\u0000${k.period}`;
}

function keyProblem(k: ObservationKey, i: number): RongheError | null {
  if (
    typeof k.regionCode !== "string" ||
    k.regionCode === "" ||
    typeof k.indicatorCode !== "string" ||
    k.indicatorCode === ""
  ) {
    return new RongheError("invalid_input", `observation ${i}: region and indicator codes are required`, {
      index: i,
    });
  }
  if (!Number.isInteger(k.period)) {
    return new RongheError("invalid_input", `observation ${i}: period must be an integer year`, {
      index: i,
      value: k.period,
    });
  }
  return null;
}

function checkKey(k: ObservationKey, i: number): void {
  const problem = keyProblem(k, i);
  if (problem) throw problem;
}

function invalidValue(r: ObservationInput, i: number): RongheError {
  return new RongheError("invalid_input", `observation ${i}: value must be a finite number`, {
    index: i,
    region: r.regionCode,
    indicator: r.indicatorCode,
    period: r.period,
    value: String(r.value),
  });
}

function conflictingDuplicate(rows: readonly ObservationInput[], first: number, i: number): RongheError {
  const r = rows[i];
  return new RongheError(
    "conflicting_duplicate",
    `observation ${i}: the same region, indicator and period appear twice with different values`,
    {
      index: i,
      region: r.regionCode,
      indicator: r.indicatorCode,
      period: r.period,
      first: rows[first].value,
      second: r.value,
    },
  );
}

const sameContent = (a: ObservationInput, b: ObservationInput) =>
  a.value === b.value &&
  (a.unit ?? null) === (b.unit ?? null) &&
  (a.source ?? null) === (b.source ?? null) &&
  (a.note ?? null) === (b.note ?? null);

/**
 * Observation rows validated and sorted into key order (region, indicator, period) for the bulk writers. Keys are
 * numbers: the ranks of the region, indicator and period among the call's distinct ones, combined (see keyOf), so
 * no per-row key string is built; the same key finds a stored row by binary search in `keys`.
 */
export interface PreparedObservations {
  rows: readonly ObservationInput[];
  /** the call's distinct region codes, sorted */
  regions: string[];
  /** the call's distinct indicator codes, sorted */
  indicators: string[];
  /** the rows to write as indexes into `rows` (the first of identical repeats), in key order */
  order: Int32Array;
  /** the key of each entry of `order`, strictly ascending */
  keys: Float64Array;
  /** for each row, the earlier row it repeats, or -1; null when nothing repeats */
  repeatOf: Int32Array | null;
  regionRank: Map<string, number>;
  indicatorRank: Map<string, number>;
  periodRank: Map<number, number>;
}

/** The key of a region, indicator and period in a prepared call, or -1 when the call has none of that key. */
export function keyOf(p: PreparedObservations, region: string, indicator: string, period: number): number {
  const r = p.regionRank.get(region);
  const i = p.indicatorRank.get(indicator);
  const y = p.periodRank.get(period);
  if (r === undefined || i === undefined || y === undefined) return -1;
  return (r * p.indicators.length + i) * p.periodRank.size + y;
}

/** The position of `key` in p.keys[from, to), or -1. */
export function positionOf(p: PreparedObservations, key: number, from = 0, to = p.keys.length): number {
  let lo = from;
  let hi = to - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    const k = p.keys[mid];
    if (k < key) lo = mid + 1;
    else if (k > key) hi = mid - 1;
    else return mid;
  }
  return -1;
}

/** The end of the region group that starts at position `from` of p.order (all its rows share one region). */
export function regionGroupEnd(p: PreparedObservations, from: number): number {
  const perRegion = p.indicators.length * p.periodRank.size;
  const limit = (Math.floor(p.keys[from] / perRegion) + 1) * perRegion;
  let end = from + 1;
  while (end < p.keys.length && p.keys[end] < limit) end++;
  return end;
}

/**
 * Sets each distinct value's entry (holding its first-seen id) to its rank in sorted order; returns the sorted
 * values and, by id, the ranks.
 */
function rank<T extends string | number>(
  ranks: Map<T, number>,
  compare: (a: T, b: T) => number,
): { sorted: T[]; rankOfId: Int32Array } {
  const sorted = [...ranks.keys()].sort(compare);
  const rankOfId = new Int32Array(sorted.length);
  for (let r = 0; r < sorted.length; r++) {
    rankOfId[ranks.get(sorted[r]) as number] = r;
    ranks.set(sorted[r], r);
  }
  return { sorted, rankOfId };
}

/** Integer periods below this (years) find their id in a table, not a Map. */
const PERIOD_TABLE_SIZE = 4096;

/** The first bad row's error: codes, then period, then value. */
function rowProblem(r: ObservationInput, i: number): RongheError | null {
  const bad = keyProblem(r, i);
  if (bad === null && (typeof r.value !== "number" || !Number.isFinite(r.value))) return invalidValue(r, i);
  return bad;
}

/**
 * Checks the rows and sorts them into key order, de-duplicated, up to the first bad row: throws at the first
 * conflicting repeat before it, else at the bad row.
 */
function sortKeys(rows: readonly ObservationInput[]): PreparedObservations {
  // Distinct values by first-seen id, and each row's ids. Rows come in runs of one region and one indicator,
  // so while a code stays the same the previous row's id is reused without a Map lookup (nor a check).
  const regionRank = new Map<string, number>();
  const indicatorRank = new Map<string, number>();
  const periodRank = new Map<number, number>();
  const regionId = new Int32Array(rows.length);
  const indicatorId = new Int32Array(rows.length);
  const periodId = new Int32Array(rows.length);
  const periodIdOf = new Int32Array(PERIOD_TABLE_SIZE).fill(-1);
  let regionBefore: unknown = UNCHECKED;
  let indicatorBefore: unknown = UNCHECKED;
  let regionIdBefore = -1;
  let indicatorIdBefore = -1;
  let bad: RongheError | null = null;
  let count = 0;
  for (; count < rows.length; count++) {
    const r = rows[count];
    const region = r.regionCode;
    const indicator = r.indicatorCode;
    const period = r.period;
    if (
      (region !== regionBefore && (typeof region !== "string" || region === "")) ||
      (indicator !== indicatorBefore && (typeof indicator !== "string" || indicator === "")) ||
      !Number.isInteger(period) ||
      typeof r.value !== "number" ||
      !Number.isFinite(r.value)
    ) {
      bad = rowProblem(r, count);
      break;
    }
    if (region !== regionBefore) {
      regionBefore = region;
      regionIdBefore = regionRank.get(region) ?? -1;
      if (regionIdBefore === -1) {
        regionIdBefore = regionRank.size;
        regionRank.set(region, regionIdBefore);
      }
    }
    regionId[count] = regionIdBefore;
    if (indicator !== indicatorBefore) {
      indicatorBefore = indicator;
      indicatorIdBefore = indicatorRank.get(indicator) ?? -1;
      if (indicatorIdBefore === -1) {
        indicatorIdBefore = indicatorRank.size;
        indicatorRank.set(indicator, indicatorIdBefore);
      }
    }
    indicatorId[count] = indicatorIdBefore;
    // years index a small table; other periods go to the Map
    let y = period >= 0 && period < PERIOD_TABLE_SIZE ? periodIdOf[period] : (periodRank.get(period) ?? -1);
    if (y === -1) {
      y = periodRank.size;
      periodRank.set(period, y);
      if (period >= 0 && period < PERIOD_TABLE_SIZE) periodIdOf[period] = y;
    }
    periodId[count] = y;
  }
  const compareText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  const regions = rank(regionRank, compareText);
  const indicators = rank(indicatorRank, compareText);
  const periods = rank(periodRank, (a, b) => a - b);
  const p: PreparedObservations = {
    rows,
    regions: regions.sorted,
    indicators: indicators.sorted,
    order: new Int32Array(0),
    keys: new Float64Array(0),
    repeatOf: null,
    regionRank,
    indicatorRank,
    periodRank,
  };
  const keyCount = regionRank.size * indicatorRank.size * periodRank.size;
  if (keyCount > Number.MAX_SAFE_INTEGER) {
    throw new RongheError("invalid_input", "too many distinct regions × indicators × periods in one write", {
      rows: count,
    });
  }
  // Each row's ranks (in place of its ids) and keyOf; whether the keys never descend in row order (the usual
  // file order of a single indicator), when row order is already key order.
  const indicatorCount = indicatorRank.size;
  const periodCount = periodRank.size;
  const key = new Float64Array(count);
  let ascending = true;
  for (let i = 0; i < count; i++) {
    const r = regions.rankOfId[regionId[i]];
    const n = indicators.rankOfId[indicatorId[i]];
    const y = periods.rankOfId[periodId[i]];
    regionId[i] = r;
    indicatorId[i] = n;
    periodId[i] = y;
    key[i] = (r * indicatorCount + n) * periodCount + y;
    if (i > 0 && key[i] < key[i - 1]) ascending = false;
  }
  // Rows by (key, row), with stable counting sorts: by the key itself where there are not many more keys than
  // rows, else by period, then indicator, then region rank (a key orders as those ranks do).
  let sorted: Int32Array = new Int32Array(count);
  for (let i = 0; i < count; i++) sorted[i] = i;
  if (!ascending && keyCount <= 2 * count && keyCount <= 2 ** 30) {
    const keyOfRow = new Int32Array(count);
    for (let i = 0; i < count; i++) keyOfRow[i] = key[i];
    sorted = sortByRank(sorted, keyOfRow, keyCount);
  } else if (!ascending) {
    sorted = sortByRank(sorted, periodId, periodCount);
    sorted = sortByRank(sorted, indicatorId, indicatorCount);
    sorted = sortByRank(sorted, regionId, regionRank.size);
  }
  // Runs of one key: the first row is written; identical repeats are skipped; the earliest differing repeat
  // (by row) is the conflict, as a row-by-row check would find it.
  let unique = 0;
  let conflict = -1;
  let conflictFirst = -1;
  let repeatOf: Int32Array | null = null;
  for (let k = 0; k < count; k++) {
    const i = sorted[k];
    if (unique > 0 && key[sorted[unique - 1]] === key[i]) {
      const first = sorted[unique - 1];
      if (!sameContent(rows[first], rows[i])) {
        if (conflict === -1 || i < conflict) {
          conflict = i;
          conflictFirst = first;
        }
      } else {
        repeatOf ??= new Int32Array(rows.length).fill(-1);
        repeatOf[i] = first;
      }
      continue;
    }
    sorted[unique++] = i;
  }
  // a conflicting repeat before the bad row is reported first
  if (conflict !== -1) throw conflictingDuplicate(rows, conflictFirst, conflict);
  if (bad !== null) throw bad;
  p.order = unique === count ? sorted : sorted.slice(0, unique);
  p.keys = new Float64Array(unique);
  for (let k = 0; k < unique; k++) p.keys[k] = key[p.order[k]];
  p.repeatOf = repeatOf;
  return p;
}

/** `order` stably sorted by each row's rank (below `ranks`); with one rank, `order` itself. */
function sortByRank(order: Int32Array, rankOfRow: Int32Array, ranks: number): Int32Array {
  if (ranks === 1) return order;
  const next = new Int32Array(ranks + 1);
  for (let k = 0; k < order.length; k++) next[rankOfRow[order[k]] + 1]++;
  for (let r = 0; r < ranks; r++) next[r + 1] += next[r];
  const out = new Int32Array(order.length);
  for (let k = 0; k < order.length; k++) out[next[rankOfRow[order[k]]]++] = order[k];
  return out;
}

/**
 * Validates observation rows and sorts them into key order. Identical repeats collapse to one; the same key with
 * different content is a conflicting duplicate. The first bad row (by index) is the one reported. Kept
 * allocation-light: it runs over every row of a 600k-row import.
 */
export function prepareObservations(rows: readonly ObservationInput[]): PreparedObservations {
  return sortKeys(rows);
}

export function uniqueKeys(keys: readonly ObservationKey[]): ObservationKey[] {
  const seen = new Map<string, ObservationKey>();
  keys.forEach((k, i) => {
    checkKey(k, i);
    seen.set(observationKey(k), {
      regionCode: k.regionCode,
      indicatorCode: k.indicatorCode,
      period: k.period,
    });
  });
  return [...seen.values()];
}

export function checkPrefixes(prefixes: readonly string[]): void {
  for (const p of prefixes) {
    if (typeof p !== "string" || !/^\d{1,12}$/.test(p)) {
      throw new RongheError("invalid_input", `"${p}" is not a region code prefix`, { value: p });
    }
  }
}

/** With missing references found, throws for the first row (by index) that has one, its region checked first. */
export function checkReferences(
  rows: readonly ObservationInput[],
  missingRegions: ReadonlySet<string>,
  missingIndicators: ReadonlySet<string>,
): void {
  if (missingRegions.size === 0 && missingIndicators.size === 0) return;
  for (const r of rows) {
    if (missingRegions.has(r.regionCode)) throw unknownRegion(r.regionCode);
    if (missingIndicators.has(r.indicatorCode)) throw unknownIndicator(r.indicatorCode);
  }
}

export function unknownRegion(code: string): RongheError {
  return new RongheError("unknown_region", `unknown region "${code}"`, { region: code });
}

export function unknownIndicator(code: string): RongheError {
  return new RongheError("unknown_indicator", `unknown indicator "${code}"`, { indicator: code });
}

/** A write's counts with the per-row detail it was asked for. */
export function withDetail(counts: WriteCounts): WriteCounts & { detail: WriteDetail } {
  if (!counts.detail) throw new Error("the write returned no per-row detail");
  return counts as WriteCounts & { detail: WriteDetail };
}
