// draft → submitted, by data entry on the region (or an admin).
import { type TransitionOperation, transitionOperation } from "./transition.ts";

export const submitData: TransitionOperation = transitionOperation({
  action: "submit",
  permission: "submit",
  from: ["draft"],
  to: "submitted",
});
