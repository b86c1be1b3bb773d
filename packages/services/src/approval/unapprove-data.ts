// approved → submitted, from above (the same permission as approving). The data become editable again; an edit
// makes a new draft revision that has to be submitted anew. Locked data cannot be un-approved (unlock first).
import type { ServiceContext } from "../context.ts";
import type { ApprovalTarget, TransitionResult } from "./approval-target.ts";
import { transition } from "./transition.ts";

export function unapproveData(
  ctx: ServiceContext,
  target: ApprovalTarget,
  reason?: string | null,
): Promise<TransitionResult> {
  return transition(
    ctx,
    { action: "unapprove", permission: "approve", from: ["approved"], to: "submitted" },
    target,
    reason,
  );
}
