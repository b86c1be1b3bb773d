// The first load of a large region list into an empty table takes a bulk path on both stores (indexes dropped,
// rows loaded, indexes and — on PostgreSQL — key constraints rebuilt). These tests check that the path keeps the
// table's keys, indexes and merge rules, and that a failing load leaves the table empty with its indexes intact.

import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { openStore } from "./open-store.ts";
import type { RegionInput, Store } from "./store.ts";

/** 1 county, 200 townships, 300 villages each: 60,201 regions, above the bulk threshold (50,000). */
function bulkRegions(): RegionInput[] {
  const county: RegionInput = {
    code: "500235",
    statCode: "500235000000",
    parentCode: null,
    level: "county",
    name: "云阳县",
  };
  const out: RegionInput[] = [county];
  for (let t = 1; t <= 200; t++) {
    const town = `500235${String(t).padStart(3, "0")}`;
    out.push({ code: town, statCode: `${town}000`, parentCode: "500235", level: "township", name: `镇${t}` });
  }
  for (let t = 1; t <= 200; t++) {
    const town = `500235${String(t).padStart(3, "0")}`;
    for (let v = 1; v <= 300; v++) {
      const code = `${town}${String(v).padStart(3, "0")}`;
      out.push({ code, statCode: code, parentCode: town, level: "village", name: `村${v}` });
    }
  }
  return out;
}

async function indexNames(store: Store, kind: "sqlite" | "postgres"): Promise<string[]> {
  const result =
    kind === "sqlite"
      ? await store.raw("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'regions'")
      : await store.raw(
          "SELECT indexname AS name FROM pg_indexes WHERE schemaname = current_schema() AND tablename = 'regions'",
        );
  return (result.rows as Array<{ name: string }>).map((r) => r.name).sort();
}

function describeBulkLoad(kind: "sqlite" | "postgres", open: () => Promise<Store>) {
  describe(`first bulk region load (${kind})`, () => {
    it("keeps keys, indexes and merge rules", async () => {
      const store = await open();
      try {
        const indexesBefore = await indexNames(store, kind);
        const regions = bulkRegions();
        // a few regions with more than names in the middle of the list (coordinates, class, a hand-set kind)
        const extra = regions.findIndex((r) => r.code === "500235100150");
        regions[extra] = { ...regions[extra], lng: 108.7, lat: 30.9, urClass: "220", urClassYear: 2016 };
        regions[extra + 1] = { ...regions[extra + 1], kind: "居委会", kindOverridden: true };
        const counts = await store.upsertRegions(regions);
        expect(counts).toEqual({ inserted: regions.length, updated: 0 });
        expect(await indexNames(store, kind)).toEqual(indexesBefore);
        expect(await store.children("500235009")).toHaveLength(300);
        expect((await store.getRegion("500235200300"))?.name).toBe("村300");
        expect(await store.getRegion("500235100150")).toMatchObject({
          name: "村150",
          lng: 108.7,
          lat: 30.9,
          urClass: "220",
          urClassYear: 2016,
          kindOverridden: false,
        });
        expect(await store.getRegion("500235100151")).toMatchObject({ kind: "居委会", kindOverridden: true });
        expect(await store.getRegion("500235100152")).toMatchObject({
          kind: null,
          kindOverridden: false,
          lng: null,
        });
        // the key is back: a second load of the same codes merges instead of adding rows
        const again = await store.upsertRegions(
          regions.slice(0, 10).map((r) => ({ ...r, name: `${r.name}改` })),
        );
        expect(again).toEqual({ inserted: 0, updated: 10 });
        const total = await store.raw("SELECT count(*) AS n FROM regions");
        expect(Number((total.rows[0] as { n: number | string }).n)).toBe(regions.length);
        expect((await store.getRegion("500235"))?.name).toBe("云阳县改");
      } finally {
        await store.close();
      }
    });

    it("refuses two codes with one statistical code before writing anything", async () => {
      const store = await open();
      try {
        const regions = bulkRegions();
        regions.push({
          code: "500235201",
          statCode: "500235001001",
          parentCode: "500235",
          level: "township",
          name: "重",
        });
        await expect(store.upsertRegions(regions)).rejects.toThrow(
          /500235001001 and 500235201 have the same statistical code/,
        );
        expect(await store.getRegion("500235")).toBeNull();
      } finally {
        await store.close();
      }
    });

    it("an interrupted load leaves the table empty and its indexes in place", async () => {
      const store = await open();
      try {
        const indexesBefore = await indexNames(store, kind);
        const interrupt = (done: number) => {
          if (done >= 20_000) throw new Error("interrupted");
        };
        await expect(store.upsertRegions(bulkRegions(), interrupt)).rejects.toThrow("interrupted");
        const total = await store.raw("SELECT count(*) AS n FROM regions");
        expect(Number((total.rows[0] as { n: number | string }).n)).toBe(0);
        expect(await indexNames(store, kind)).toEqual(indexesBefore);
        // and a complete load afterwards works
        expect((await store.upsertRegions(bulkRegions())).inserted).toBe(60_201);
      } finally {
        await store.close();
      }
    });
  });
}

const dir = mkdtempSync(join(tmpdir(), "ronghe-bulk-"));
let files = 0;
afterAll(() => rmSync(dir, { recursive: true, force: true }));
describeBulkLoad("sqlite", () => openStore(join(dir, `bulk-${files++}.db`)));

const url = process.env.RONGHE_TEST_PG_URL;
if (url === undefined || url === "") {
  describe.skip("first bulk region load (postgres) skipped: set RONGHE_TEST_PG_URL", () => {
    it("needs a server", () => {});
  });
} else {
  const run = `ronghe_bulk_${process.pid}_${randomBytes(3).toString("hex")}`;
  const schemas: string[] = [];
  afterAll(async () => {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      for (const schema of schemas) await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    } finally {
      await client.end();
    }
  });
  describeBulkLoad("postgres", () => {
    const schema = `${run}_${schemas.length}`;
    schemas.push(schema);
    return openStore(url, { schema, maxConnections: 2 });
  });
}
