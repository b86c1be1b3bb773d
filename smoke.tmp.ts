import { openStore } from "@ronghe/store";
import { SYSTEM_ACTOR, importDemoPlan, monitorPlan, listWarnings, listPlans } from "@ronghe/services";
const store = await openStore("/tmp/mon/smoke.db");
const ctx = { store, actor: SYSTEM_ACTOR };
let t = Date.now();
console.log(await importDemoPlan(ctx), Date.now() - t);
for (const year of [2018, 2020]) {
  t = Date.now();
  const v = await monitorPlan(ctx, "cq-illustrative-2015-2020", { year });
  console.log(year, Date.now() - t, "ms", v.asOfDate, v.counts, v.results.length, "opened", v.warnings.opened.length, "changes", v.changes.length);
  const byType: Record<string, number> = {};
  for (const w of v.warnings.opened) byType[w.type] = (byType[w.type] ?? 0) + 1;
  console.log(byType);
  const r = v.results.find((x) => x.targetId === "CQ-T01" && x.region === "500101");
  console.log(JSON.stringify(r, null, 0).slice(0, 1500));
}
const again = await monitorPlan(ctx, "cq-illustrative-2015-2020", { year: 2020 });
console.log("rerun", again.warnings.opened.length, again.changes.length, again.previous);
console.log((await listWarnings(ctx, {})).length, await listPlans(ctx));
await store.close();
