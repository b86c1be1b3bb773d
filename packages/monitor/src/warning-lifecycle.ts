// Warning lifecycle as pure state transitions: open → assigned → closed (and reopen). Each returns a new
// object with the event appended to `history`; who and when are passed in, auditing is the caller's.
//   open      --assign-->  assigned   --assign--> assigned (reassign)
//   open|assigned --close--> closed   --reopen--> open
//   comments are allowed while not closed.
import { RongheError } from "@ronghe/core";
import type { MonitorWarning, WarningEvent } from "./types.ts";

export interface Act {
  actor: string;
  /** ISO date or date-time; must not precede the warning's last event */
  at: string;
}

export function assignWarning(w: MonitorWarning, act: Act & { assignee: string }): MonitorWarning {
  check(w, act, "assign", ["open", "assigned"]);
  if (!act.assignee?.trim())
    throw new RongheError("invalid_input", "assignee is required", { warningId: w.id });
  return append(
    { ...w, state: "assigned", assignee: act.assignee },
    { action: "assign", actor: act.actor, at: act.at, assignee: act.assignee },
  );
}

export function commentWarning(w: MonitorWarning, act: Act & { text: string }): MonitorWarning {
  check(w, act, "comment", ["open", "assigned"]);
  if (!act.text?.trim())
    throw new RongheError("invalid_input", "comment text is required", { warningId: w.id });
  return append(
    { ...w, comments: [...w.comments, { actor: act.actor, at: act.at, text: act.text }] },
    { action: "comment", actor: act.actor, at: act.at, text: act.text },
  );
}

export function closeWarning(w: MonitorWarning, act: Act & { resolution?: string }): MonitorWarning {
  check(w, act, "close", ["open", "assigned"]);
  const event: WarningEvent = { action: "close", actor: act.actor, at: act.at };
  if (act.resolution) event.text = act.resolution;
  return append({ ...w, state: "closed", resolution: act.resolution ?? null }, event);
}

export function reopenWarning(w: MonitorWarning, act: Act & { reason?: string }): MonitorWarning {
  check(w, act, "reopen", ["closed"]);
  const event: WarningEvent = { action: "reopen", actor: act.actor, at: act.at };
  if (act.reason) event.text = act.reason;
  return append({ ...w, state: "open", assignee: null, resolution: null }, event);
}

function check(
  w: MonitorWarning,
  act: Act,
  action: WarningEvent["action"],
  from: MonitorWarning["state"][],
): void {
  if (!from.includes(w.state)) {
    throw new RongheError("invalid_state", `cannot ${action} a warning that is ${w.state}`, {
      warningId: w.id,
      state: w.state,
      action,
    });
  }
  if (!act.actor?.trim()) throw new RongheError("invalid_input", "actor is required", { warningId: w.id });
  if (!/^\d{4}-\d{2}-\d{2}/.test(act.at ?? ""))
    throw new RongheError("invalid_input", `"${act.at}" is not an ISO date`, { warningId: w.id });
  const last = w.history[w.history.length - 1];
  if (last && act.at < last.at) {
    throw new RongheError("invalid_input", `event time ${act.at} precedes the last event (${last.at})`, {
      warningId: w.id,
    });
  }
}

function append(w: MonitorWarning, event: WarningEvent): MonitorWarning {
  return { ...w, history: [...w.history, event] };
}
