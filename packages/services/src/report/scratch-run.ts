import { openStore } from "@ronghe/store";
import { SYSTEM_ACTOR, buildReport, renderPdf } from "@ronghe/services";
const store = await openStore("/tmp/rpt/demo-plan.db");
const ctx = { store, actor: SYSTEM_ACTOR };
const r = await buildReport(ctx, { regionCode: "500000", year: 2020, planId: "cq-illustrative-2015-2020" });
console.log(JSON.stringify(await renderPdf(r.html, "/tmp/rpt/r.pdf")));
await store.close();
