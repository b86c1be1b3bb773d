// Boundary checks shared by both backends, so both reject the same inputs with the same codes.
import { isRegionLevel, RongheError } from "@ronghe/core";
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
  checkRegions(regions);
  let out: RegionInput[];
  if (codesAreUnique(regions)) out = [...regions];
  else {
    const byCode = new Map<string, RegionInput>();
    for (const r of regions) {
      byCode.delete(r.code);
      byCode.set(r.code, r);
    }
    out = [...byCode.values()];
  }
  checkStatCodesUnique(out);
  return out;
}

/** Two regions with one statistical code would be one place under two codes: name them. */
function checkStatCodesUnique(regions: readonly RegionInput[]): void {
  const keys = new Float64Array(regions.length);
  for (let i = 0; i < regions.length; i++) keys[i] = Number(regions[i].statCode);
  keys.sort();
  let repeated = false;
  for (let i = 1; i < keys.length && !repeated; i++) repeated = keys[i] === keys[i - 1];
  if (!repeated) return;
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

/**
 * Whether no code repeats, by sorting numeric keys (digits plus the length) in a typed array: a string Set over
 * the 665k codes of all China costs several times more.
 */
function codesAreUnique(regions: readonly RegionInput[]): boolean {
  const keys = new Float64Array(regions.length);
  // canonical codes have 6, 9 or 12 digits: value × 4 + length tag stays below 2^53 and tells lengths apart
  for (let i = 0; i < regions.length; i++) {
    const code = regions[i].code;
    keys[i] = Number(code) * 4 + (code.length === 6 ? 0 : code.length === 9 ? 1 : 2);
  }
  keys.sort();
  for (let i = 1; i < keys.length; i++) if (keys[i] === keys[i - 1]) return false;
  return true;
}

function checkRegions(regions: readonly RegionInput[]): void {
  for (let i = 0; i < regions.length; i++) {
    const r = regions[i];
    if (typeof r.code !== "string" || !/^\d{6}(\d{3}(\d{3})?)?$/.test(r.code)) {
      throw new RongheError("invalid_region_code", `region ${i}: "${r.code}" is not a canonical code`, {
        index: i,
        value: r.code,
      });
    }
    if (typeof r.statCode !== "string" || !/^\d{12}$/.test(r.statCode)) {
      throw new RongheError("invalid_region_code", `region ${r.code}: statCode must have 12 digits`, {
        code: r.code,
        value: r.statCode,
      });
    }
    if (!isRegionLevel(r.level)) {
      throw new RongheError("invalid_input", `region ${r.code}: unknown level "${r.level}"`, {
        code: r.code,
        level: r.level,
      });
    }
    if (typeof r.name !== "string" || r.name === "") {
      throw new RongheError("invalid_input", `region ${r.code}: name is empty`, { code: r.code });
    }
  }
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

/** Sets each distinct value's entry to its rank in sorted order; returns the sorted values. */
function rank<T extends string | number>(ranks: Map<T, number>, compare: (a: T, b: T) => number): T[] {
  const sorted = [...ranks.keys()].sort(compare);
  for (let r = 0; r < sorted.length; r++) ranks.set(sorted[r], r);
  return sorted;
}

/** Key order over the first `count` rows, sorted and de-duplicated; throws at the first conflicting repeat. */
function sortKeys(rows: readonly ObservationInput[], count: number): PreparedObservations {
  const regionRank = new Map<string, number>();
  const indicatorRank = new Map<string, number>();
  const periodRank = new Map<number, number>();
  for (let i = 0; i < count; i++) {
    const r = rows[i];
    if (!regionRank.has(r.regionCode)) regionRank.set(r.regionCode, 0);
    if (!indicatorRank.has(r.indicatorCode)) indicatorRank.set(r.indicatorCode, 0);
    if (!periodRank.has(r.period)) periodRank.set(r.period, 0);
  }
  const compareText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  const regions = rank(regionRank, compareText);
  const indicators = rank(indicatorRank, compareText);
  rank(periodRank, (a, b) => a - b);
  const p: PreparedObservations = {
    rows,
    regions,
    indicators,
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
  const key = new Float64Array(count);
  for (let i = 0; i < count; i++) {
    const r = rows[i];
    key[i] = keyOf(p, r.regionCode, r.indicatorCode, r.period);
  }
  // Sort by (key, row): packed into one number where it fits (a native typed-array sort), else by comparison.
  let sorted: Int32Array;
  if (keyCount * count <= Number.MAX_SAFE_INTEGER) {
    const packed = new Float64Array(count);
    for (let i = 0; i < count; i++) packed[i] = key[i] * count + i;
    packed.sort();
    sorted = new Int32Array(count);
    for (let k = 0; k < count; k++) sorted[k] = packed[k] % count;
  } else {
    sorted = new Int32Array(count);
    for (let i = 0; i < count; i++) sorted[i] = i;
    sorted.sort((a, b) => key[a] - key[b] || a - b);
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
  if (conflict !== -1) throw conflictingDuplicate(rows, conflictFirst, conflict);
  p.order = unique === count ? sorted : sorted.slice(0, unique);
  p.keys = new Float64Array(unique);
  for (let k = 0; k < unique; k++) p.keys[k] = key[p.order[k]];
  p.repeatOf = repeatOf;
  return p;
}

/**
 * Validates observation rows and sorts them into key order. Identical repeats collapse to one; the same key with
 * different content is a conflicting duplicate. The first bad row (by index) is the one reported. Kept
 * allocation-light: it runs over every row of a 600k-row import.
 */
export function prepareObservations(rows: readonly ObservationInput[]): PreparedObservations {
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i];
    let bad = keyProblem(r, i);
    if (bad === null && (typeof r.value !== "number" || !Number.isFinite(r.value))) bad = invalidValue(r, i);
    // A conflicting repeat before the bad row is reported first.
    if (bad !== null) {
      sortKeys(rows, i);
      throw bad;
    }
  }
  return sortKeys(rows, rows.length);
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
