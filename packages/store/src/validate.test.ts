// prepareRegions and prepareObservations against plain reference implementations (regexes, Maps and sorts) on
// random inputs: the same output, or the same error for the same row.
import { isRegionLevel, isRongheError, type RegionLevel, RongheError } from "@ronghe/core";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { ObservationInput, RegionInput } from "./store.ts";
import { keyOf, prepareObservations, prepareRegions } from "./validate.ts";

/** What a call gave: its value, or the error's code, message and details. */
function outcome<T>(
  f: () => T,
): { value: T } | { error: { code: string; message: string; details: unknown } } {
  try {
    return { value: f() };
  } catch (e) {
    if (!isRongheError(e)) throw e;
    return { error: { code: e.code, message: e.message, details: e.details } };
  }
}

describe("prepareRegions", () => {
  /** The rules as first written: regexes, then a Map for repeated codes (last wins), then one for statCodes. */
  function reference(regions: readonly RegionInput[]): RegionInput[] {
    regions.forEach((r, i) => {
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
    });
    const byCode = new Map<string, RegionInput>();
    for (const r of regions) {
      byCode.delete(r.code);
      byCode.set(r.code, r);
    }
    const out = byCode.size === regions.length ? [...regions] : [...byCode.values()];
    const seen = new Map<string, string>();
    for (const r of out) {
      const other = seen.get(r.statCode);
      if (other !== undefined) {
        throw new RongheError(
          "invalid_input",
          `regions ${other} and ${r.code} have the same statistical code ${r.statCode}`,
          {
            codes: [other, r.code],
            statCode: r.statCode,
          },
        );
      }
      seen.set(r.statCode, r.code);
    }
    return out;
  }

  function expectSame(regions: readonly RegionInput[]): void {
    const got = outcome(() => prepareRegions(regions));
    const want = outcome(() => reference(regions));
    expect(got).toEqual(want);
    // the very same region objects, in the same order
    if ("value" in got && "value" in want) {
      for (let i = 0; i < got.value.length; i++) expect(got.value[i]).toBe(want.value[i]);
    }
  }

  const LEVELS: RegionLevel[] = ["province", "prefecture", "county", "township", "village"];
  const goodCode = fc.oneof(
    fc.stringMatching(/^\d{6}$/),
    fc.stringMatching(/^\d{9}$/),
    fc.stringMatching(/^\d{12}$/),
    fc.constantFrom("500000", "500235", "500235105", "500235105001", "000000", "999999999999"),
  );
  const badCode = fc.constantFrom<unknown>(
    "50023",
    "5002351",
    "5002351050011",
    "50023a",
    "50023５",
    "50023\u0665",
    "500235\n",
    " 500235",
    "",
    undefined,
    null,
    500235,
  );
  const region = fc.record({
    code: fc.oneof({ weight: 30, arbitrary: goodCode }, { weight: 1, arbitrary: badCode }),
    statCode: fc.oneof(
      { weight: 30, arbitrary: fc.stringMatching(/^\d{12}$/) },
      { weight: 10, arbitrary: fc.constantFrom("padded", "code") },
      { weight: 1, arbitrary: badCode },
    ),
    level: fc.oneof(
      { weight: 30, arbitrary: fc.constantFrom(...LEVELS) },
      { weight: 1, arbitrary: fc.constantFrom<unknown>("town", undefined, null, "") },
    ),
    name: fc.oneof(
      { weight: 30, arbitrary: fc.constantFrom("云阳县", "x") },
      { weight: 1, arbitrary: fc.constantFrom<unknown>("", undefined, 1) },
    ),
  });
  /** Regions, often in a few ascending runs as a real import gives them, with repeated codes and statCodes. */
  const regionList = fc
    .record({
      rows: fc.array(region, { maxLength: 160 }),
      runs: fc.integer({ min: 0, max: 80 }),
      repeats: fc.array(fc.tuple(fc.nat(), fc.nat(), fc.constantFrom("code", "statCode", "both", "object")), {
        maxLength: 3,
      }),
    })
    .map(({ rows, runs, repeats }) => {
      const list = rows.map((r) => ({
        ...r,
        // the code zero-padded, or the code itself (the same string: valid for 12 digits only)
        statCode:
          r.statCode === "padded" && typeof r.code === "string"
            ? r.code.padEnd(12, "0")
            : r.statCode === "code"
              ? r.code
              : r.statCode,
      })) as RegionInput[];
      // runs === 0: as generated (unordered); else sorted, then cut into that many runs reassembled backwards
      if (runs > 0) {
        list.sort((a, b) => (String(a.code) < String(b.code) ? -1 : String(a.code) > String(b.code) ? 1 : 0));
        const size = Math.ceil(list.length / runs) || 1;
        const parts: RegionInput[][] = [];
        for (let k = 0; k < list.length; k += size) parts.push(list.slice(k, k + size));
        list.splice(0, list.length, ...parts.reverse().flat());
      }
      for (const [from, to, what] of repeats) {
        if (list.length === 0) break;
        const a = list[from % list.length];
        const b = list[to % list.length];
        if (what === "object") list.push(a);
        else if (what === "code") list.push({ ...b, code: a.code });
        else if (what === "statCode") list.push({ ...b, statCode: a.statCode });
        else list.push({ ...b, code: a.code, statCode: a.statCode });
      }
      return list;
    });

  it("gives what the reference gives, on random regions", () => {
    fc.assert(
      fc.property(regionList, (regions) => expectSame(regions)),
      { seed: 20261130, numRuns: 3000 },
    );
  });

  it("finds repeats across 63 to 66 ascending runs (merged or sorted)", () => {
    for (const runs of [63, 64, 65, 66]) {
      const list: RegionInput[] = [];
      for (let r = runs - 1; r >= 0; r--) {
        for (let k = 0; k < 3; k++) {
          const code = String(100000 + r * 10 + k);
          list.push({ code, statCode: `${code}000000`, parentCode: null, level: "county", name: "x" });
        }
      }
      expectSame(list);
      // repeats of the largest and of the smallest key
      expectSame([...list, { ...list[0], name: "again" }]);
      expectSame([...list, { ...list[list.length - 3], name: "again" }]);
      expectSame([...list, { ...list[1], code: "999999" }]);
      expectSame([...list, { ...list[list.length - 3], code: "999999" }]);
      expectSame([{ ...list[list.length - 1], code: "999999" }, ...list]);
    }
  });
});

describe("prepareObservations", () => {
  const sameContent = (a: ObservationInput, b: ObservationInput) =>
    a.value === b.value &&
    (a.unit ?? null) === (b.unit ?? null) &&
    (a.source ?? null) === (b.source ?? null) &&
    (a.note ?? null) === (b.note ?? null);

  /** Row by row: the first bad row, string keys in a Map, and sorts of the distinct values. */
  function reference(rows: readonly ObservationInput[]) {
    let bad: { code: string; message: string; details: unknown } | null = null;
    let count = rows.length;
    for (let i = 0; i < rows.length && bad === null; i++) {
      const r = rows[i];
      if (
        typeof r.regionCode !== "string" ||
        r.regionCode === "" ||
        typeof r.indicatorCode !== "string" ||
        r.indicatorCode === ""
      ) {
        bad = {
          code: "invalid_input",
          message: `observation ${i}: region and indicator codes are required`,
          details: { index: i },
        };
      } else if (!Number.isInteger(r.period)) {
        bad = {
          code: "invalid_input",
          message: `observation ${i}: period must be an integer year`,
          details: { index: i, value: r.period },
        };
      } else if (typeof r.value !== "number" || !Number.isFinite(r.value)) {
        bad = {
          code: "invalid_input",
          message: `observation ${i}: value must be a finite number`,
          details: {
            index: i,
            region: r.regionCode,
            indicator: r.indicatorCode,
            period: r.period,
            value: String(r.value),
          },
        };
      }
      if (bad !== null) count = i;
    }
    const firstOf = new Map<string, number>();
    const repeatOf = new Int32Array(rows.length).fill(-1);
    let repeated = false;
    for (let i = 0; i < count; i++) {
      const r = rows[i];
      const k = JSON.stringify([r.regionCode, r.indicatorCode, r.period]);
      const first = firstOf.get(k);
      if (first === undefined) firstOf.set(k, i);
      else if (sameContent(rows[first], r)) {
        repeatOf[i] = first;
        repeated = true;
      } else {
        const f = rows[first];
        return {
          error: {
            code: "conflicting_duplicate",
            message: `observation ${i}: the same region, indicator and period appear twice with different values`,
            details: {
              index: i,
              region: r.regionCode,
              indicator: r.indicatorCode,
              period: r.period,
              first: f.value,
              second: r.value,
            },
          },
        };
      }
    }
    if (bad !== null) return { error: bad };
    const distinct = <T>(values: T[]) => [...new Set(values)];
    const used = rows.slice(0, count);
    const regions = distinct(used.map((r) => r.regionCode)).sort();
    const indicators = distinct(used.map((r) => r.indicatorCode)).sort();
    const periods = distinct(used.map((r) => r.period)).sort((a, b) => a - b);
    // ranks keyed in order of first appearance, as the Maps are filled
    const ranks = <T>(values: T[], sorted: T[]) =>
      distinct(values).map((v) => [v, sorted.indexOf(v)] as const);
    const regionRank = ranks(
      used.map((r) => r.regionCode),
      regions,
    );
    const indicatorRank = ranks(
      used.map((r) => r.indicatorCode),
      indicators,
    );
    const periodRank = ranks(
      used.map((r) => r.period),
      periods,
    );
    const keyOfRow = (r: ObservationInput) =>
      (regions.indexOf(r.regionCode) * indicators.length + indicators.indexOf(r.indicatorCode)) *
        periods.length +
      periods.indexOf(r.period);
    const order = [...firstOf.values()].sort((a, b) => keyOfRow(rows[a]) - keyOfRow(rows[b]));
    return {
      value: {
        regions,
        indicators,
        regionRank,
        indicatorRank,
        periodRank,
        order,
        keys: order.map((i) => keyOfRow(rows[i])),
        repeatOf: repeated ? [...repeatOf] : null,
      },
    };
  }

  function expectSame(rows: readonly ObservationInput[]): void {
    const got = outcome(() => prepareObservations(rows));
    const want = reference(rows);
    if ("error" in want || "error" in got) {
      expect(got).toEqual(want);
      return;
    }
    const p = got.value;
    expect({
      value: {
        regions: p.regions,
        indicators: p.indicators,
        regionRank: [...p.regionRank],
        indicatorRank: [...p.indicatorRank],
        periodRank: [...p.periodRank],
        order: [...p.order],
        keys: [...p.keys],
        repeatOf: p.repeatOf && [...p.repeatOf],
      },
    }).toEqual(want);
    expect(p.rows).toBe(rows);
    for (let k = 0; k < p.order.length; k++) {
      const r = rows[p.order[k]];
      expect(keyOf(p, r.regionCode, r.indicatorCode, r.period)).toBe(p.keys[k]);
    }
  }

  const REGIONS = ["500235", "500101", "500235105", "500235105001", "110101", "A", "b"];
  const INDICATORS = ["LND-03", "LND-04", "ENV-01", "INC-01"];
  // years, and periods outside the small table: negative, zero, -0, large
  const PERIODS = [2011, 2012, 2013, 2015, 2020, 0, -0, -3, 4095, 4096, 1e6];
  const content = {
    value: fc.constantFrom(1, 2, 2.5, 0, -0),
    unit: fc.constantFrom<string | null | undefined>(null, undefined, "亩"),
    note: fc.constantFrom<string | null | undefined>(null, undefined, "n"),
  };
  const badRow = fc.constantFrom<Partial<ObservationInput>>(
    { regionCode: "" },
    { indicatorCode: undefined as unknown as string },
    { period: 2011.5 },
    { period: "2011" as unknown as number },
    { period: Number.NaN },
    { value: Number.NaN },
    { value: Number.POSITIVE_INFINITY },
    { value: "1" as unknown as number },
  );
  /** Runs of one region and indicator over some periods, then shuffled or not, with repeats and bad rows. */
  const rowList = fc
    .record({
      runs: fc.array(
        fc.record({
          region: fc.constantFrom(...REGIONS),
          indicator: fc.constantFrom(...INDICATORS),
          periods: fc.subarray(PERIODS, { minLength: 1 }),
          ...content,
        }),
        { maxLength: 24 },
      ),
      shuffle: fc.constantFrom("no", "no", "shuffle", "reverse"),
      seed: fc.nat(),
      repeats: fc.array(fc.tuple(fc.nat(), fc.nat(), fc.boolean(), fc.record(content)), { maxLength: 4 }),
      bad: fc.option(fc.tuple(fc.nat(), badRow), { freq: 4 }),
    })
    .map(({ runs, shuffle, seed, repeats, bad }) => {
      const rows: ObservationInput[] = runs.flatMap((run) =>
        run.periods.map((period) => ({
          regionCode: run.region,
          indicatorCode: run.indicator,
          period,
          value: run.value,
          unit: run.unit,
          note: run.note,
        })),
      );
      for (const [of, at, identical, changed] of repeats) {
        if (rows.length === 0) break;
        const r = rows[of % rows.length];
        rows.splice(at % (rows.length + 1), 0, identical ? { ...r } : { ...r, ...changed });
      }
      if (shuffle === "reverse") rows.reverse();
      if (shuffle === "shuffle") {
        let s = seed;
        for (let i = rows.length - 1; i > 0; i--) {
          s = (Math.imul(s, 1103515245) + 12345) >>> 0;
          const k = s % (i + 1);
          [rows[i], rows[k]] = [rows[k], rows[i]];
        }
      }
      if (bad && rows.length > 0) {
        const at = bad[0] % rows.length;
        rows[at] = { ...rows[at], ...bad[1] };
      }
      return rows;
    });

  it("gives what the reference gives, on random rows", () => {
    fc.assert(
      fc.property(rowList, (rows) => expectSame(rows)),
      { seed: 20261130, numRuns: 3000 },
    );
  });

  it("sorts many rows over many keys (counting by rank) and few keys (counting by key) alike", () => {
    let s = 7;
    const next = (n: number) => {
      s = (Math.imul(s, 1103515245) + 12345) >>> 0;
      return s % n;
    };
    for (const [regions, indicators, periods, count] of [
      [300, 5, 12, 2000],
      [20, 3, 10, 3000],
      [1, 1, 1, 50],
    ]) {
      const rows: ObservationInput[] = [];
      for (let k = 0; k < count; k++) {
        rows.push({
          regionCode: `R${next(regions)}`,
          indicatorCode: `I${next(indicators)}`,
          period: 2000 + next(periods),
          value: next(3),
        });
      }
      // identical repeats only: same key, same value
      const unique = new Map(rows.map((r) => [`${r.regionCode} ${r.indicatorCode} ${r.period}`, r]));
      const consistent = rows.map(
        (r) => ({ ...unique.get(`${r.regionCode} ${r.indicatorCode} ${r.period}`) }) as ObservationInput,
      );
      expectSame(consistent);
      expectSame(rows); // conflicts
    }
  });
});
