// draft → submitted, by data entry on the region (or an admin).
import type { ServiceContext } from "../context.ts";
import type { ApprovalTarget, TransitionResult } from "./approval-target.ts";
import { transition } from "./transition.ts";

export function submitData(
  ctx: ServiceContext,
  target: ApprovalTarget,
  reason?: string | null,
): Promise<TransitionResult> {
  return transition(
    ctx,
    { action: "submit", permission: "submit", from: ["draft"], to: "submitted" },
    target,
    reason,
  );
}
