import { readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { isRongheError, type RongheError } from "@ronghe/core";
import type { Store } from "@ronghe/store";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ServiceContext } from "../context.ts";
import { importObservations } from "./import-observations.ts";
import { chongqingTestContext, storeSnapshot } from "./test-store.ts";

const CORPUS = fileURLToPath(new URL("../../../../fixtures/bad-imports/", import.meta.url));
const file = (name: string) => ({ fileName: name, bytes: readFileSync(join(CORPUS, name)) });
const text = (name: string, body: string) => ({ fileName: name, bytes: new TextEncoder().encode(body) });

async function rejection(
  ctx: ServiceContext,
  input: { fileName: string; bytes: Uint8Array },
): Promise<RongheError> {
  try {
    await importObservations(ctx, input);
  } catch (error) {
    if (isRongheError(error)) return error;
    throw error;
  }
  throw new Error(`${input.fileName} was accepted`);
}

let ctx: ServiceContext & { store: Store };
beforeAll(async () => {
  ctx = await chongqingTestContext();
});
afterAll(async () => {
  await ctx.store.close();
});

describe("bad-file corpus", () => {
  const rowCases: Array<[string, string, number, string]> = [
    ["unknown-region.csv", "unknown_region", 3, "region_code"],
    ["unknown-indicator.csv", "unknown_indicator", 3, "indicator"],
    ["non-numeric.csv", "non_numeric", 3, "value"],
    ["unit-mismatch.csv", "unit_mismatch", 3, "unit"],
    ["conflicting-duplicate.csv", "conflicting_duplicate", 4, "value"],
    ["period-out-of-range.csv", "period_out_of_range", 3, "period"],
    ["invalid-region-code.csv", "invalid_region_code", 3, "region_code"],
  ];
  for (const [name, reason, row, column] of rowCases) {
    it(`${name} → import_rejected/${reason} at row ${row}, nothing written`, async () => {
      const before = await storeSnapshot(ctx.store);
      const error = await rejection(ctx, file(name));
      expect(error.code).toBe("import_rejected");
      const errors = error.details?.errors as Array<Record<string, unknown>>;
      expect(errors).toHaveLength(1);
      expect(errors[0]).toMatchObject({ file: name, row, column, reason });
      expect(typeof errors[0].value).toBe("string");
      expect(await storeSnapshot(ctx.store)).toEqual(before);
    });
  }

  for (const [name, code] of [
    ["wrong-header.csv", "wrong_header"],
    ["empty.csv", "empty_file"],
    ["truncated.xlsx", "unreadable_file"],
  ] as const) {
    it(`${name} → ${code}, nothing written`, async () => {
      const before = await storeSnapshot(ctx.store);
      expect((await rejection(ctx, file(name))).code).toBe(code);
      expect(await storeSnapshot(ctx.store)).toEqual(before);
    });
  }

  it("collects every bad row of a file, not just the first", async () => {
    const error = await rejection(
      ctx,
      text(
        "many.csv",
        "region_code,indicator,period,value\n500235,ECO-01,2020,x\n500235,NOPE,2021,1\n999999,ECO-01,2020,1\n500235,ECO-01,2020,y\n",
      ),
    );
    const errors = error.details?.errors as Array<{ row: number; reason: string }>;
    expect(errors.map((e) => [e.row, e.reason])).toEqual([
      [2, "non_numeric"],
      [3, "unknown_indicator"],
      [4, "unknown_region"],
      [5, "non_numeric"],
    ]);
  });

  it("reads a UTF-8 BOM file, normalising numbers and converting m² to 亩", async () => {
    const r = await importObservations(ctx, file("good-bom.csv"), { dryRun: true });
    expect(r.encoding).toBe("utf-8-bom");
    expect(r.values).toBe(3);
    expect(r.normalisedNumbers).toBe(2);
    expect(r.convertedUnits).toBe(1);
    const values = Object.fromEntries(r.sample.map((c) => [c.indicatorCode, c.after]));
    expect(values["ECO-01"]).toBe(36123.5);
    expect(values["ECO-02"]).toBe(15234.5);
    expect(values["LND-02"]).toBeCloseTo(100.000005, 9); // 66666.67 m² × 0.0015
  });

  it("reads a GBK file with Chinese headers", async () => {
    const r = await importObservations(ctx, file("good-gbk.csv"), { dryRun: true });
    expect(r.encoding).toBe("gb18030");
    expect(r.values).toBe(2);
    expect(r.sample.map((c) => [c.indicatorCode, c.period, c.after])).toEqual([
      ["ECO-01", 2019, 35100],
      ["ECO-02", 2019, 14200],
    ]);
  });
});

describe("writing", () => {
  it("dry run writes nothing and reports new / revised / unchanged", async () => {
    const before = await storeSnapshot(ctx.store);
    const body = "region_code,indicator,period,value\n500236,ECO-01,2018,30000\n500236,ECO-01,2019,31000\n";
    const dry = await importObservations(ctx, text("dry.csv", body), { dryRun: true });
    expect([dry.new, dry.revised, dry.unchanged, dry.importId]).toEqual([2, 0, 0, null]);
    expect(await storeSnapshot(ctx.store)).toEqual(before);

    const real = await importObservations(ctx, text("dry.csv", body));
    expect([real.new, real.revised, real.unchanged]).toEqual([2, 0, 0]);
    expect(real.importId).toBeTruthy();
    const again = await importObservations(ctx, text("dry.csv", body.replace("31000", "31500")), {
      dryRun: true,
    });
    expect([again.new, again.revised, again.unchanged]).toEqual([0, 1, 1]);
    expect(again.sample[0]).toMatchObject({ change: "revised", before: 31000, after: 31500, period: 2019 });
  });

  it("keeps the old value as a revision when a re-import changes it", async () => {
    const v1 = "region_code,indicator,period,value,source\n500237,ECO-02,2020,12000,first\n";
    await importObservations(ctx, text("v1.csv", v1));
    const same = await importObservations(ctx, text("v1.csv", v1));
    expect([same.new, same.revised, same.unchanged]).toEqual([0, 0, 1]);
    await importObservations(ctx, text("v2.csv", v1.replace("12000,first", "12500,second")));
    const history = await ctx.store.observationHistory("500237", "ECO-02", 2020);
    expect(history.map((h) => [h.revision, h.value, h.source, h.sourceFile, h.sourceRow])).toEqual([
      [1, 12000, "first", "v1.csv", 2],
      [2, 12500, "second", "v2.csv", 2],
    ]);
    expect(history[1].importId).toBeTruthy();
  });

  it("reads both wide forms and XLSX", async () => {
    const byIndicator = await importObservations(
      ctx,
      text(
        "w1.csv",
        "region_code,region_name,period,ECO-01,ECO-02\n500238,巫溪县,2020,30100,13100\n500238,巫溪县,2019,,12100\n",
      ),
      { dryRun: true },
    );
    expect(byIndicator.format).toBe("wide-by-indicator");
    expect(byIndicator.values).toBe(3);
    const byYear = await importObservations(
      ctx,
      text("w2.csv", "region_code,indicator,2019年,2020\n500238,ECO-01,29000,30100\n"),
      { format: "wide", dryRun: true },
    );
    expect(byYear.format).toBe("wide-by-year");
    expect(byYear.sample.map((c) => [c.period, c.after]).sort()).toEqual([
      [2019, 29000],
      [2020, 30100],
    ]);
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("s");
    ws.addRow(["region_code", "period", "ECO-01"]);
    ws.addRow([500238, 2018, 28000]);
    const bytes = new Uint8Array(await wb.xlsx.writeBuffer());
    const x = await importObservations(ctx, { fileName: "w.xlsx", bytes }, { dryRun: true });
    expect(x.sample.map((c) => [c.regionCode, c.period, c.after])).toEqual([["500238", 2018, 28000]]);
  });

  it("rejects an unknown indicator column of a wide table on the header row", async () => {
    const error = await rejection(ctx, text("w3.csv", "region_code,period,ECO-01,XYZ-1\n500238,2020,1,2\n"));
    expect((error.details?.errors as unknown[] | undefined)?.[0]).toMatchObject({
      row: 1,
      column: "XYZ-1",
      reason: "unknown_indicator",
    });
  });

  it("refuses values for derived indicators", async () => {
    const error = await rejection(
      ctx,
      text("d.csv", "region_code,indicator,period,value\n500238,ECO-03,2020,2.1\n"),
    );
    expect((error.details?.errors as unknown[] | undefined)?.[0]).toMatchObject({
      reason: "derived_indicator",
      column: "indicator",
    });
  });
});

describe("scope", () => {
  it("reports an out-of-scope region exactly like a missing one, and writes nothing", async () => {
    const scoped: ServiceContext = {
      store: ctx.store,
      actor: {
        kind: "user",
        userId: 7,
        username: "clerk",
        grants: [{ role: "data-entry", regionCode: "500235" }],
      },
    };
    const before = await storeSnapshot(ctx.store);
    const body = "region_code,indicator,period,value\n500101,ECO-02,2020,1\n500199,ECO-02,2020,1\n";
    const error = await rejection(scoped, text("scope.csv", body));
    const errors = error.details?.errors as Array<Record<string, unknown>>;
    expect(errors.map((e) => [e.row, e.reason])).toEqual([
      [2, "unknown_region"],
      [3, "unknown_region"],
    ]);
    expect(errors[0].message ?? "").toEqual(errors[1].message ?? "");
    expect(await storeSnapshot(ctx.store)).toEqual(before);
  });

  it("refuses an actor who may write nowhere", async () => {
    const viewer: ServiceContext = {
      store: ctx.store,
      actor: {
        kind: "user",
        userId: 8,
        username: "viewer",
        grants: [{ role: "viewer", regionCode: "500000" }],
      },
    };
    const error = await rejection(
      viewer,
      text("v.csv", "region_code,indicator,period,value\n500101,ECO-02,2020,1\n"),
    );
    expect(error.code).toBe("forbidden");
  });
});
