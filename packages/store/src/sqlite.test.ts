import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { openStore } from "./open-store.ts";
import { CONTRACT_REGIONS, contractIndicator, describeStoreContract } from "./store.contract.ts";

describe("sqlite (:memory:)", () => {
  describeStoreContract("sqlite", () => openStore(":memory:"));
});

describe("sqlite file", () => {
  const dir = mkdtempSync(join(tmpdir(), "ronghe-store-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("persists across reopen, in WAL mode, and migrates only once", async () => {
    const path = join(dir, "ronghe.db");
    const first = await openStore(path);
    await first.upsertRegions(CONTRACT_REGIONS);
    await first.upsertIndicators([contractIndicator("INC-01")]);
    await first.writeObservations(
      [{ regionCode: "500235", indicatorCode: "INC-01", period: 2020, value: 1.25 }],
      { author: "a" },
    );
    expect((await first.raw("PRAGMA journal_mode")).rows[0].journal_mode).toBe("wal");
    expect((await first.raw("PRAGMA foreign_keys")).rows[0].foreign_keys).toBe(1);
    await first.close();

    const second = await openStore(path);
    expect((await second.getRegion("500235"))?.name).toBe("云阳县");
    expect((await second.queryObservations({}))[0].value).toBe(1.25);
    const migrations = await second.raw("SELECT name FROM schema_migrations");
    expect(migrations.rows.map((r) => r.name)).toEqual([
      "0001-initial",
      "0002-data-version",
      "0003-auth-version",
      "0004-current-revision",
      "0005-change-sets",
    ]);
    await second.close();
  });
});
