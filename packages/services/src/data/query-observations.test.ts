import { isRongheError } from "@ronghe/core";
import type { Store } from "@ronghe/store";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ServiceContext } from "../context.ts";
import { importIndicators } from "./import-indicators.ts";
import { importObservations } from "./import-observations.ts";
import { queryObservations } from "./query-observations.ts";
import { chongqingTestContext, storeSnapshot } from "./test-store.ts";

const INDICATORS = `code,name_zh,unit,direction,aggregation,weight_indicator,expression
T-POP,人口,万人,+,sum,,
T-INC,人均收入,元,+,weighted_mean,T-POP,
T-AVG,平均值,个,+,mean,,
T-RATE,比率,%,+,none,,
T-ZERO,零,个,+,sum,,
T-RATIO,人均比,元/万人,+,,,T-INC / T-POP
T-DIV0,除零,个,+,,,T-INC / T-ZERO
`;

const csv = (rows: Array<[string, string, number, number]>) =>
  new TextEncoder().encode(
    `region_code,indicator,period,value\n${rows.map((r) => r.join(",")).join("\n")}\n`,
  );

let ctx: ServiceContext & { store: Store };
let counties: string[];
const pop = (i: number) => 20 + i * 3;
const inc = (i: number) => 10000 + i * 700;

beforeAll(async () => {
  ctx = await chongqingTestContext();
  await importIndicators(ctx, { fileName: "t.csv", bytes: new TextEncoder().encode(INDICATORS) });
  counties = (await ctx.store.children("500200")).map((r) => r.code);
  const rows: Array<[string, string, number, number]> = [];
  counties.forEach((code, i) => {
    rows.push(
      [code, "T-POP", 2020, pop(i)],
      [code, "T-INC", 2020, inc(i)],
      [code, "T-AVG", 2020, i],
      [code, "T-RATE", 2020, 50 + i],
      [code, "T-ZERO", 2020, 0],
    );
  });
  // one county of the other prefecture, so the province roll-up is partial
  rows.push(["500101", "T-POP", 2020, 100]);
  await importObservations(ctx, { fileName: "v.csv", bytes: csv(rows) });
});
afterAll(async () => {
  await ctx.store.close();
});

describe("roll-ups", () => {
  it("sums, averages and weights children, and marks the values", async () => {
    const r = await queryObservations(ctx, {
      region: "500200",
      indicators: ["T-POP", "T-INC", "T-AVG", "T-RATE"],
    });
    const byInd = Object.fromEntries(r.rows.map((x) => [x.indicatorCode, x]));
    const n = counties.length;
    expect(n).toBe(12);
    let popSum = 0;
    let incWeighted = 0;
    for (let i = 0; i < n; i++) {
      popSum += pop(i);
      incWeighted += pop(i) * inc(i);
    }
    expect(byInd["T-POP"]).toMatchObject({
      value: popSum,
      origin: "rolled_up",
      coverage: { children: n, withValue: n },
    });
    expect(byInd["T-INC"].value).toBeCloseTo(incWeighted / popSum, 9);
    expect(byInd["T-AVG"].value).toBeCloseTo((n * (n - 1)) / 2 / n, 12);
    expect(byInd["T-RATE"]).toBeUndefined(); // aggregation none
  });

  it("does not roll up over missing children unless asked, and then marks it partial", async () => {
    const strict = await queryObservations(ctx, { region: "500000", indicators: ["T-POP"] });
    expect(strict.rows).toEqual([]);
    const partial = await queryObservations(ctx, {
      region: "500000",
      indicators: ["T-POP"],
      allowPartial: true,
    });
    expect(partial.rows).toHaveLength(1);
    expect(partial.rows[0]).toMatchObject({ origin: "rolled_up", partial: true, coverage: { children: 2 } });
    const popSum = counties.reduce((s, _c, i) => s + pop(i), 0);
    // 500100 has 1 of 26 districts: partial too, so the province gets 500200's full sum + 100
    expect(partial.rows[0].value).toBe(popSum + 100);
  });

  it("prefers a stored value over the roll-up", async () => {
    await importObservations(ctx, { fileName: "p.csv", bytes: csv([["500200", "T-AVG", 2020, 999]]) });
    const r = await queryObservations(ctx, { region: "500200", indicators: ["T-AVG"] });
    expect(r.rows[0]).toMatchObject({ value: 999, origin: "stored", status: "draft", revision: 1 });
  });

  it("rolls up two levels, villages → townships → county", async () => {
    const villages = await ctx.store.descendants("500235", { level: "village" });
    expect(villages.length).toBe(480);
    await importObservations(ctx, {
      fileName: "vil.csv",
      bytes: csv(villages.map((v, i) => [v.code, "T-POP", 2021, (i % 7) + 1])),
    });
    const county = await queryObservations(ctx, {
      region: "500235",
      indicators: ["T-POP"],
      fromYear: 2021,
      toYear: 2021,
    });
    const expected = villages.reduce((s, _v, i) => s + (i % 7) + 1, 0);
    expect(county.rows[0]).toMatchObject({ value: expected, origin: "rolled_up" });
    const towns = await queryObservations(ctx, {
      region: "500235",
      level: "township",
      indicators: ["T-POP"],
      fromYear: 2021,
    });
    expect(towns.rows.length).toBe(42);
    expect(towns.rows.reduce((s, r) => s + (r.value ?? 0), 0)).toBe(expected);
  });
});

describe("derived indicators", () => {
  it("computes formulas on read from stored and rolled-up inputs", async () => {
    const r = await queryObservations(ctx, { region: "500200", level: "county", indicators: ["T-RATIO"] });
    expect(r.rows).toHaveLength(12);
    counties.forEach((code, i) => {
      const row = r.rows.find((x) => x.regionCode === code);
      expect(row?.origin).toBe("derived");
      expect(row?.value).toBeCloseTo(inc(i) / pop(i), 10);
    });
    const parent = await queryObservations(ctx, {
      region: "500200",
      indicators: ["T-RATIO", "T-INC", "T-POP"],
    });
    const v = Object.fromEntries(parent.rows.map((x) => [x.indicatorCode, x.value as number]));
    expect(v["T-RATIO"]).toBeCloseTo(v["T-INC"] / v["T-POP"], 10);
  });

  it("reports division by zero as a null value with its error, never NaN", async () => {
    const r = await queryObservations(ctx, {
      region: "500235",
      indicators: ["T-DIV0"],
      fromYear: 2020,
      toYear: 2020,
    });
    expect(r.rows).toHaveLength(1);
    expect(r.rows[0]).toMatchObject({ value: null, error: "formula_division_by_zero", origin: "derived" });
  });

  it("rejects unknown codes and cycles across the whole catalogue, writing nothing", async () => {
    const before = await storeSnapshot(ctx.store);
    const attempt = async (body: string) => {
      try {
        await importIndicators(ctx, { fileName: "bad.csv", bytes: new TextEncoder().encode(body) });
      } catch (error) {
        return isRongheError(error) ? error : null;
      }
      return null;
    };
    const unknown = await attempt("code,name_zh,unit,expression\nT-BAD,坏,个,T-POP / NOPE-9\n");
    expect(unknown?.code).toBe("formula_unknown_code");
    expect(unknown?.details).toMatchObject({ indicator: "T-BAD", code: "NOPE-9" });
    // T-POP becomes derived from T-CYC, which is derived from T-RATIO = T-INC / T-POP: a cycle through stored ones
    const cycle = await attempt(
      "code,name_zh,unit,expression\nT-CYC,环,个,T-RATIO * 2\nT-POP,人口,万人,T-CYC + 1\n",
    );
    expect(cycle?.code).toBe("formula_cycle");
    const syntax = await attempt("code,name_zh,unit,expression\nT-SYN,语法,个,T-POP / (T-INC\n");
    expect(syntax?.code).toBe("import_rejected");
    expect(await storeSnapshot(ctx.store)).toEqual(before);
  });
});
