// approved → locked when a published evaluation uses the data (by whoever publishes: "analyze" on the region),
// and locked → approved by an admin when the publication is withdrawn.
import { type TransitionOperation, transitionOperation } from "./transition.ts";

export const lockData: TransitionOperation = transitionOperation({
  action: "lock",
  permission: "analyze",
  from: ["approved"],
  to: "locked",
});

export const unlockData: TransitionOperation = transitionOperation({
  action: "unlock",
  permission: "admin",
  from: ["locked"],
  to: "approved",
});
