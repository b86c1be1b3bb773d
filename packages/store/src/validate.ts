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

function checkKey(k: ObservationKey, i: number): void {
  if (
    typeof k.regionCode !== "string" ||
    k.regionCode === "" ||
    typeof k.indicatorCode !== "string" ||
    k.indicatorCode === ""
  ) {
    throw new RongheError("invalid_input", `observation ${i}: region and indicator codes are required`, {
      index: i,
    });
  }
  if (!Number.isInteger(k.period)) {
    throw new RongheError("invalid_input", `observation ${i}: period must be an integer year`, {
      index: i,
      value: k.period,
    });
  }
}

/**
 * Validates and de-duplicates observation rows. Identical repeats collapse to one; the same key with different
 * content is a conflicting duplicate. Returns the input rows themselves (first occurrences, in order): callers
 * read optional fields with `?? null`. Kept allocation-light: it runs over every row of a 600k-row import.
 */
export function prepareObservations(rows: readonly ObservationInput[]): readonly ObservationInput[] {
  const firstIndex = new Map<string, number>();
  let duplicates = 0;
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i];
    checkKey(r, i);
    if (typeof r.value !== "number" || !Number.isFinite(r.value)) {
      throw new RongheError("invalid_input", `observation ${i}: value must be a finite number`, {
        index: i,
        region: r.regionCode,
        indicator: r.indicatorCode,
        period: r.period,
        value: String(r.value),
      });
    }
    const key = `${r.regionCode}|${r.indicatorCode}|${r.period}`;
    const prior = firstIndex.get(key);
    if (prior === undefined) {
      firstIndex.set(key, i);
      continue;
    }
    const p = rows[prior];
    if (
      p.value !== r.value ||
      (p.unit ?? null) !== (r.unit ?? null) ||
      (p.source ?? null) !== (r.source ?? null) ||
      (p.note ?? null) !== (r.note ?? null)
    ) {
      throw new RongheError(
        "conflicting_duplicate",
        `observation ${i}: the same region, indicator and period appear twice with different values`,
        {
          index: i,
          region: r.regionCode,
          indicator: r.indicatorCode,
          period: r.period,
          first: p.value,
          second: r.value,
        },
      );
    }
    duplicates++;
  }
  if (duplicates === 0) return rows;
  return rows.filter((r, i) => firstIndex.get(`${r.regionCode}|${r.indicatorCode}|${r.period}`) === i);
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

export function unknownRegion(code: string): RongheError {
  return new RongheError("unknown_region", `unknown region "${code}"`, { region: code });
}

export function unknownIndicator(code: string): RongheError {
  return new RongheError("unknown_indicator", `unknown indicator "${code}"`, { indicator: code });
}
