// submitted → approved, by an approver on a region strictly above (or an admin). Draft data must be
// submitted first.
import type { ServiceContext } from "../context.ts";
import type { ApprovalTarget, TransitionResult } from "./approval-target.ts";
import { transition } from "./transition.ts";

export function approveData(
  ctx: ServiceContext,
  target: ApprovalTarget,
  reason?: string | null,
): Promise<TransitionResult> {
  return transition(
    ctx,
    { action: "approve", permission: "approve", from: ["submitted"], to: "approved" },
    target,
    reason,
  );
}
