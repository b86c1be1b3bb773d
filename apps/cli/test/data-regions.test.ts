import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ronghe } from "./data-cli-helpers.ts";

let dir: string;
let db: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "ronghe-regions-"));
  db = join(dir, "t.db");
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("ronghe init / import regions / regions", () => {
  it("initialises a store with the built-in catalogue", () => {
    const r = ronghe(["init", "--db", db, "--json"]);
    expect(r.status).toBe(0);
    expect(r.json().indicators).toMatchObject({ total: 45, inserted: 45 });
  });

  it("imports one province and lists 云阳县's villages", () => {
    const imp = ronghe(["import", "regions", "--province", "50", "--db", db, "--json"]);
    expect(imp.status, imp.stderr).toBe(0);
    const result = imp.json();
    expect(result.byLevel).toEqual({
      province: 1,
      prefecture: 2,
      county: 38,
      township: 1031,
      village: 11270,
    });
    expect(result.pointsConvertedFromGcj02).toBeGreaterThan(0);

    const list = ronghe([
      "regions",
      "list",
      "--parent",
      "500235",
      "--level",
      "village",
      "--db",
      db,
      "--json",
    ]);
    expect(list.status).toBe(0);
    const body = list.json();
    expect(body.total).toBe(480);
    expect(body.regions).toHaveLength(480);
    for (const v of body.regions) {
      expect(v.code).toMatch(/^500235\d{6}$/);
      expect(v.level).toBe("village");
      expect(["居委会", "村委会", "其他"]).toContain(v.kind);
    }
    expect(body.regions.some((v: { name: string }) => v.name === "杏家湾社区居民委员会")).toBe(true);
  });

  it("shows a region with its ancestors and searches by name", () => {
    const show = ronghe(["regions", "show", "500235", "--db", db, "--json"]).json();
    expect(show.region.name).toBe("云阳县");
    expect(show.ancestors.map((a: { code: string }) => a.code)).toEqual(["500000", "500200"]);
    expect(show.descendantCounts).toEqual({ township: 42, village: 480 });
    const found = ronghe(["regions", "search", "云阳", "--level", "county", "--db", db, "--json"]).json();
    expect(found.map((r: { code: string }) => r.code)).toEqual(["500235"]);
  });

  it("exits 2 with a JSON error on bad input", () => {
    const r = ronghe(["regions", "show", "5002X5", "--db", db, "--json"]);
    expect(r.status).toBe(2);
    expect(r.json().error.code).toBe("invalid_region_code");
  });
});
