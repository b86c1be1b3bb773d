// approved → locked when a published evaluation uses the data (by whoever publishes: "analyze" on the region),
// and locked → approved by an admin when the publication is withdrawn.
import type { ServiceContext } from "../context.ts";
import type { ApprovalTarget, TransitionResult } from "./approval-target.ts";
import { transition } from "./transition.ts";

export function lockData(
  ctx: ServiceContext,
  target: ApprovalTarget,
  reason?: string | null,
): Promise<TransitionResult> {
  return transition(
    ctx,
    { action: "lock", permission: "analyze", from: ["approved"], to: "locked" },
    target,
    reason,
  );
}

export function unlockData(
  ctx: ServiceContext,
  target: ApprovalTarget,
  reason?: string | null,
): Promise<TransitionResult> {
  return transition(
    ctx,
    { action: "unlock", permission: "admin", from: ["locked"], to: "approved" },
    target,
    reason,
  );
}
