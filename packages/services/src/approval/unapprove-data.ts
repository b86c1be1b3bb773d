// approved → submitted, from above (the same permission as approving). The data become editable again; an edit
// makes a new draft revision that has to be submitted anew. Locked data cannot be un-approved (unlock first).
import { type TransitionOperation, transitionOperation } from "./transition.ts";

export const unapproveData: TransitionOperation = transitionOperation({
  action: "unapprove",
  permission: "approve",
  from: ["approved"],
  to: "submitted",
});
