// Test helpers: a fresh in-memory store with Chongqing's regions and the built-in catalogue.
import { openStore, type Store } from "@ronghe/store";
import { type ServiceContext, SYSTEM_ACTOR } from "../context.ts";
import { importRegions } from "./import-regions.ts";
import { ensureBuiltinCatalogue } from "./indicator-catalogue.ts";

export async function chongqingTestContext(): Promise<ServiceContext & { store: Store }> {
  const store = await openStore(":memory:");
  const ctx = { store, actor: SYSTEM_ACTOR };
  await importRegions(ctx, { province: "50" });
  await ensureBuiltinCatalogue(ctx);
  return ctx;
}

/** Everything an import could have changed, for before/after comparisons. */
export async function storeSnapshot(store: Store): Promise<unknown> {
  const observations = await store.queryObservations({});
  return {
    observations: observations.map((o) => [
      o.regionCode,
      o.indicatorCode,
      o.period,
      o.value,
      o.revision,
      o.status,
    ]),
    imports: (await store.listImports({ limit: 1000 })).length,
    indicators: (await store.listIndicators()).length,
    regions: await store.countRegions(),
  };
}
