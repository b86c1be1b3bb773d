import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { importRegions, SYSTEM_ACTOR } from "@ronghe/services";
import { openStore, type Store } from "@ronghe/store";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { REPO, ronghe, rongheAsync, rongheRun } from "./data-cli-helpers.ts";

let dir: string;
let db: string;
const corpus = (name: string) => join(REPO, "fixtures/bad-imports", name);

async function snapshot(): Promise<unknown> {
  const store: Store = await openStore(db);
  try {
    const obs = await store.queryObservations({});
    return {
      observations: obs.map((o) => [o.regionCode, o.indicatorCode, o.period, o.value, o.revision]),
      imports: (await store.listImports({ limit: 1000 })).length,
    };
  } finally {
    await store.close();
  }
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "ronghe-import-"));
  db = join(dir, "t.db");
  // regions in-process (the CLI path is covered by data-regions.test.ts)
  const store = await openStore(db);
  await importRegions({ store, actor: SYSTEM_ACTOR }, { province: "50" });
  await store.close();
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("ronghe import observations", () => {
  it("rejects bad files with exit 2, the named error and its row, leaving the store unchanged", async () => {
    const before = await snapshot();
    const [unknown, duplicate, truncated] = await Promise.all(
      ["unknown-region.csv", "conflicting-duplicate.csv", "truncated.xlsx"].map((name) =>
        rongheRun(["import", "observations", corpus(name), "--db", db, "--json"]),
      ),
    );
    for (const [r, name, reason, row] of [
      [unknown, "unknown-region.csv", "unknown_region", 3],
      [duplicate, "conflicting-duplicate.csv", "conflicting_duplicate", 4],
    ] as const) {
      expect(r.status, name).toBe(2);
      const error = r.json().error;
      expect(error.code).toBe("import_rejected");
      expect(error.details.errors[0]).toMatchObject({ file: name, row, reason });
    }
    expect(truncated.status).toBe(2);
    expect(truncated.json().error.code).toBe("unreadable_file");
    expect(await snapshot()).toEqual(before);
  });

  it("dry-runs, imports, and keeps revisions", async () => {
    const before = await snapshot();
    const dry = ronghe(["import", "observations", corpus("good-gbk.csv"), "--dry-run", "--db", db, "--json"]);
    expect(dry.status, dry.stderr).toBe(0);
    expect(dry.json()).toMatchObject({ dryRun: true, new: 2, importId: null, encoding: "gb18030" });
    expect(await snapshot()).toEqual(before);

    const real = ronghe([
      "import",
      "observations",
      corpus("good-gbk.csv"),
      "--source",
      "统计年鉴",
      "--db",
      db,
      "--json",
    ]);
    expect(real.status, real.stderr).toBe(0);
    expect(real.json()).toMatchObject({ new: 2, revised: 0 });
    const changed = join(dir, "changed.csv");
    writeFileSync(changed, "region_code,indicator,period,value\n500235,ECO-01,2019,35200\n");
    expect(ronghe(["import", "observations", changed, "--db", db, "--json"]).json()).toMatchObject({
      new: 0,
      revised: 1,
    });
    const history = ronghe([
      "history",
      "--region",
      "500235",
      "--indicator",
      "ECO-01",
      "--period",
      "2019",
      "--db",
      db,
      "--json",
    ]).json();
    expect(history.map((h: { value: number }) => h.value)).toEqual([35100, 35200]);

    const obs = ronghe([
      "observations",
      "--region",
      "500235",
      "--indicators",
      "ECO-01,ECO-02,ECO-03",
      "--years",
      "2019",
      "--db",
      db,
      "--json",
    ]).json();
    const v = Object.fromEntries(
      obs.rows.map((r: { indicatorCode: string; value: number }) => [r.indicatorCode, r.value]),
    );
    expect(v).toEqual({ "ECO-01": 35200, "ECO-02": 14200, "ECO-03": expect.closeTo(35200 / 14200, 12) });
    const out = join(dir, "out.xlsx");
    const exp = ronghe([
      "export",
      "--region",
      "500235",
      "--years",
      "2019",
      "--out",
      out,
      "--db",
      db,
      "--json",
    ]);
    expect(exp.json()).toMatchObject({ format: "xlsx", rows: 3 });
  });

  it("leaves the store as it was when killed in the middle of a large import", async () => {
    // 11,270 villages × 3 indicators × 10 years = 338,100 values
    const store = await openStore(db);
    const villages = await store.descendants("500000", { level: "village" });
    await store.close();
    const lines = ["region_code,indicator,period,value"];
    for (const v of villages)
      for (const ind of ["POP-04", "LND-02", "SRV-01"])
        for (let y = 2011; y <= 2020; y++) lines.push(`${v.code},${ind},${y},${y - 2000}`);
    const big = join(dir, "big.csv");
    writeFileSync(big, `${lines.join("\n")}\n`);
    const before = await snapshot();

    const child = rongheAsync(["import", "observations", big, "--progress-json", "--db", db, "--json"]);
    let stderr = "";
    const killed = await new Promise<{ signal: NodeJS.Signals | null; sawWrite: boolean }>((resolve) => {
      let sawWrite = false;
      child.stderr.on("data", (chunk: Buffer) => {
        stderr += chunk.toString();
        if (!sawWrite && stderr.includes('"label":"写入观测值"')) {
          sawWrite = true; // the write transaction has begun: kill it mid-way
          setTimeout(() => child.kill("SIGKILL"), 150);
        }
      });
      child.on("exit", (_code, signal) => resolve({ signal, sawWrite }));
    });
    expect(killed.sawWrite, stderr).toBe(true);
    expect(killed.signal).toBe("SIGKILL");
    expect(await snapshot()).toEqual(before);
  });
});
