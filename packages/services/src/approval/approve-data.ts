// submitted → approved, by an approver on a region strictly above (or an admin). Draft data must be
// submitted first.
import { type TransitionOperation, transitionOperation } from "./transition.ts";

export const approveData: TransitionOperation = transitionOperation({
  action: "approve",
  permission: "approve",
  from: ["submitted"],
  to: "approved",
});
