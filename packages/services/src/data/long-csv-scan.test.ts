// The fast lane of long-form CSV imports must prepare exactly what the general path (readTable +
// prepareObservationImport) prepares, and step aside (null) for every file it does not read the same way.
import { isRongheError } from "@ronghe/core";
import type { Indicator, Store } from "@ronghe/store";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ServiceContext } from "../context.ts";
import { prepareCanonicalLongCsv } from "./canonical-csv-lane.ts";
import { importObservations, type PreparedImport, prepareObservationImport } from "./import-observations.ts";
import { plainDecimalBytes } from "./long-csv-scan.ts";
import { plainDecimal } from "./numbers.ts";
import { readTable } from "./read-table.ts";
import { chongqingTestContext, storeSnapshot } from "./test-store.ts";

const encode = (text: string) => new TextEncoder().encode(text);

let ctx: ServiceContext & { store: Store };
let catalogue: Indicator[];
let villages: string[];
beforeAll(async () => {
  ctx = await chongqingTestContext();
  catalogue = await ctx.store.listIndicators();
  villages = (await ctx.store.listRegions({ level: "village", limit: 50 })).map((r) => r.code);
});
afterAll(async () => {
  await ctx.store.close();
});

/** The general path's outcome: the prepared import or the error's code. */
async function general(fileName: string, bytes: Uint8Array): Promise<PreparedImport | string> {
  try {
    return await prepareObservationImport(ctx, await readTable(bytes, fileName), {}, catalogue);
  } catch (error) {
    if (isRongheError(error)) return error.code;
    throw error;
  }
}

// As a dry run prepares: every check made here (a real import leaves region existence to the store's write).
const fast = (fileName: string, bytes: Uint8Array) =>
  prepareCanonicalLongCsv(ctx, { fileName, bytes }, { dryRun: true }, catalogue);

describe("plainDecimalBytes", () => {
  it("reads exactly what plainDecimal reads, and refuses what it refuses", () => {
    const cell = fc.oneof(
      fc.stringMatching(/^-?[0-9]{0,20}(\.[0-9]{0,20})?$/),
      fc.string({ unit: fc.constantFrom(..."0123456789.-+eE ,"), maxLength: 24 }),
      fc.double({ noNaN: true, noDefaultInfinity: true }).map(String),
      fc
        .tuple(fc.integer({ min: -1e9, max: 1e9 }), fc.integer({ min: 0, max: 12 }))
        .map(([n, d]) => (n / 7).toFixed(d)),
    );
    fc.assert(
      fc.property(cell, (text) => {
        const bytes = encode(text);
        const mine = plainDecimalBytes(bytes, 0, bytes.length);
        const theirs = plainDecimal(text);
        if (theirs === null) expect(mine).toBeNaN();
        else expect(Object.is(mine, theirs)).toBe(true);
      }),
      { seed: 20261130, numRuns: 5000 },
    );
  });
});

describe("canonical long-form CSV lane", () => {
  const header = ["region_code", "indicator", "period", "value"];

  it("prepares a canonical file exactly as the general path does", async () => {
    const lines = [header.join(",")];
    for (const v of villages.slice(0, 40))
      for (const ind of ["LND-03", "ENV-01"])
        for (let y = 2011; y <= 2020; y++) lines.push(`${v},${ind},${y},${((y * 7.31) % 97).toFixed(3)}`);
    // a repeated identical row merges, blank lines are counted, CRLF and BOM are read
    lines.push(lines[5], "");
    const files = [
      `${lines.join("\n")}\n`,
      `\uFEFF${lines.join("\r\n")}`,
      `区划代码,指标,年份,数值\n${lines.slice(1).join("\n")}`,
    ];
    for (const text of files) {
      const bytes = encode(text);
      const expected = await general("a.csv", bytes);
      const got = await fast("a.csv", bytes);
      expect(got).not.toBeNull();
      expect(got).toEqual(expected);
      expect(got?.duplicatesMerged).toBe(1);
    }
  });

  it("prepares what the general path prepares, or steps aside, for any mix of good and bad cells", async () => {
    const regionCell = fc.oneof(
      { weight: 8, arbitrary: fc.constantFrom(...villages.slice(0, 6)) },
      fc.constantFrom("500235", "500235000000", "500235101", "5002", "50", "999999", "abc", "", " 500235"),
    );
    const indicatorCell = fc.oneof(
      { weight: 8, arbitrary: fc.constantFrom("LND-03", "ENV-01") },
      fc.constantFrom("NOPE-1", "ECO-03", "", "LND-03 "),
    );
    const periodCell = fc.oneof(
      { weight: 8, arbitrary: fc.integer({ min: 2015, max: 2020 }).map(String) },
      // a wide span of years: repeated keys are then found by hash instead of a flat table
      { weight: 1, arbitrary: fc.constantFrom("1950", "1951") },
      fc.constantFrom("1900", "2999", "２０１９", "2019年", "19", ""),
    );
    const valueCell = fc.oneof(
      { weight: 8, arbitrary: fc.integer({ min: -9999, max: 99999 }).map((n) => (n / 100).toString()) },
      fc.constantFrom("-0", ".5", "5.", "1e3", '"1,234.5"', "12345678901234567.5", "x", "", "１２"),
    );
    const row = fc.tuple(regionCell, indicatorCell, periodCell, valueCell);
    const file = fc.record({
      rows: fc.array(row, { minLength: 1, maxLength: 30 }),
      order: fc.constantFrom([0, 1, 2, 3], [2, 0, 3, 1]),
      lineEnd: fc.constantFrom("\n", "\r\n"),
      bom: fc.boolean(),
      blankLines: fc.boolean(),
      extraCell: fc.boolean(),
    });
    let taken = 0;
    await fc.assert(
      fc.asyncProperty(file, async (f) => {
        const pick = (cells: readonly string[]) => f.order.map((c) => cells[c]).join(",");
        const lines = [pick(header), ...f.rows.map(pick)];
        if (f.blankLines) lines.splice(2, 0, "");
        if (f.extraCell) lines[1] += ",x";
        const bytes = encode(`${f.bom ? "\uFEFF" : ""}${lines.join(f.lineEnd)}${f.lineEnd}`);
        const got = await fast("p.csv", bytes);
        if (got === null) return;
        taken++;
        expect(got).toEqual(await general("p.csv", bytes));
      }),
      { seed: 20261130, numRuns: 400 },
    );
    // the lane is exercised, not always bypassed
    expect(taken).toBeGreaterThan(20);
  });

  it("imports through the lane, and an unknown region rolls the write back for the general path to name", async () => {
    const v = villages.slice(0, 3);
    const good = `region_code,indicator,period,value\n${v[0]},LND-03,2019,1.5\n${v[1]},LND-03,2019,2.5\n`;
    const done = await importObservations(ctx, { fileName: "good.csv", bytes: encode(good) });
    expect([done.new, done.values, done.encoding]).toEqual([2, 2, "utf-8"]);
    const stored = await ctx.store.queryObservations({ regionCodes: [v[0], v[1]], indicators: ["LND-03"] });
    expect(stored.map((o) => [o.regionCode, o.value])).toEqual([
      [v[0], 1.5],
      [v[1], 2.5],
    ]);

    const before = await storeSnapshot(ctx.store);
    const bad = `region_code,indicator,period,value\n${v[2]},LND-03,2019,1\n500235999999,LND-03,2019,2\n${v[2]},LND-04,2019,3\n500235999998,LND-04,2019,4\n`;
    const error = await importObservations(ctx, { fileName: "bad.csv", bytes: encode(bad) }).then(
      () => null,
      (e: unknown) => e,
    );
    expect(isRongheError(error) && error.code).toBe("import_rejected");
    const errors = (error as { details: { errors: Array<{ row: number; reason: string }> } }).details.errors;
    expect(errors.map((e) => [e.row, e.reason])).toEqual([
      [3, "unknown_region"],
      [5, "unknown_region"],
    ]);
    expect(await storeSnapshot(ctx.store)).toEqual(before);
  });

  it("steps aside for wide files, other columns, quotes and XLSX names", async () => {
    const v = villages[0];
    for (const [name, text] of [
      ["w.csv", `region_code,period,LND-03\n${v},2020,1\n`],
      ["u.csv", `region_code,indicator,period,value,unit\n${v},LND-03,2020,1,亩\n`],
      ["q.csv", `region_code,indicator,period,value\n"${v}",LND-03,2020,1\n`],
      ["x.xlsx", `region_code,indicator,period,value\n${v},LND-03,2020,1\n`],
      ["e.csv", "region_code,indicator,period,value\n"],
    ] as const) {
      expect(await fast(name, encode(text))).toBeNull();
    }
  });
});
