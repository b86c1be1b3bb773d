// Working a warning: assign, comment, close. Each is a pure transition of @ronghe/monitor applied to the stored
// warning, written together with its audit entry (all or nothing). Who may act, on the warning's region:
//   assign, close   analyze (analysts, admins)
//   comment         write, analyze or approve (everyone but viewers)
// Out of scope: not_found; in scope without the permission: forbidden.
import { RongheError } from "@ronghe/core";
import {
  assignWarning as assignTransition,
  closeWarning as closeTransition,
  commentWarning as commentTransition,
  type MonitorWarning,
} from "@ronghe/monitor";
import type { PlanWarning } from "@ronghe/store";
import { assertCan, can, type Permission } from "../access.ts";
import { recordAudit } from "../audit/record-audit.ts";
import type { Actor, Grant, ServiceContext } from "../context.ts";
import { toMonitorWarning, type WarningView, warningPatch, warningView } from "./warning-record.ts";

export async function assignWarning(
  ctx: ServiceContext,
  warningId: string,
  input: { assignee: string },
): Promise<WarningView> {
  return act(ctx, warningId, ["analyze"], "warning.assign", async (w, at) => {
    const assignee = input.assignee?.trim();
    if (!assignee) throw new RongheError("invalid_input", "assignee is required", { field: "assignee" });
    await assertAssigneeSees(ctx, assignee, w.region);
    return assignTransition(w, { assignee, actor: ctx.actor.username, at });
  });
}

export async function commentWarning(
  ctx: ServiceContext,
  warningId: string,
  input: { text: string },
): Promise<WarningView> {
  return act(ctx, warningId, ["write", "analyze", "approve"], "warning.comment", async (w, at) =>
    commentTransition(w, { text: input.text, actor: ctx.actor.username, at }),
  );
}

export async function closeWarning(
  ctx: ServiceContext,
  warningId: string,
  input: { resolution?: string } = {},
): Promise<WarningView> {
  return act(ctx, warningId, ["analyze"], "warning.close", async (w, at) =>
    closeTransition(w, {
      actor: ctx.actor.username,
      at,
      ...(input.resolution?.trim() ? { resolution: input.resolution.trim() } : {}),
    }),
  );
}

async function act(
  ctx: ServiceContext,
  warningId: string,
  permissions: Permission[],
  action: string,
  transition: (w: MonitorWarning, at: string) => Promise<MonitorWarning>,
): Promise<WarningView> {
  const row = await ctx.store.getWarning(warningId);
  if (!row || !can(ctx.actor, "read", row.regionCode)) {
    throw new RongheError("not_found", `预警不存在 / no warning ${warningId}`, { warningId });
  }
  if (!permissions.some((p) => can(ctx.actor, p, row.regionCode)))
    assertCan(ctx.actor, permissions[0], row.regionCode);
  const at = new Date().toISOString();
  const next = await transition(toMonitorWarning(row), at);
  const saved: PlanWarning = await ctx.store.transaction(async (tx) => {
    const updated = await tx.updateWarning(row.id, warningPatch(next, at));
    await recordAudit(tx, ctx.actor, {
      action,
      targetType: "warning",
      targetId: row.id,
      regionCode: row.regionCode,
      before: { status: row.status, assignee: row.assignee },
      after: { status: next.state, assignee: next.assignee, event: next.history[next.history.length - 1] },
    });
    return updated;
  });
  const region = await ctx.store.getRegion(saved.regionCode);
  return warningView(saved, region?.name ?? null);
}

/**
 * The assignee must be an active account that can read the warning's region. The local system operator (an
 * embedded store, often without accounts) may also name someone who has no account, e.g. a department.
 * One message for "no such account" and "cannot see it", so that usernames cannot be probed.
 */
async function assertAssigneeSees(ctx: ServiceContext, username: string, region: string): Promise<void> {
  const user = await ctx.store.getUserByUsername(username);
  if (!user && ctx.actor.kind === "system") return;
  let sees = false;
  if (user && !user.disabled) {
    const grants = (await ctx.store.listGrants(user.id)) as Grant[];
    const actor: Actor = { kind: "user", userId: user.id, username, grants };
    sees = can(actor, "read", region);
  }
  if (!sees) {
    throw new RongheError("invalid_input", `${username} is not an active account that can see this region`, {
      field: "assignee",
    });
  }
}
