// The whole Chongqing demo in one use case: regions, boundaries, the district panel (data/), and the
// illustrative monitoring plan on top of it (monitoring/). Used by `ronghe demo` and by `npm start`.
import type { ServiceContext } from "./context.ts";
import { buildDemo, type DemoResult } from "./data/demo.ts";
import { importDemoPlan } from "./monitoring/import-plan.ts";

export interface DemoSetUp extends DemoResult {
  plan: { planId: string; name: string; targets: number };
}

export async function setUpDemo(ctx: ServiceContext): Promise<DemoSetUp> {
  const demo = await buildDemo(ctx);
  const plan = await importDemoPlan(ctx);
  return { ...demo, plan: { planId: plan.planId, name: plan.name, targets: plan.targets } };
}
