// One status transition of the approval workflow, shared by submit, approve, unapprove, lock and unlock:
// check permission → load the target → check every observation is in an allowed "from" status → change
// status (one status revision each) → audit, all in one transaction.
import { RongheError } from "@ronghe/core";
import type { ObservationStatus } from "@ronghe/store";
import { assertCan, type Permission } from "../access.ts";
import { recordAudit } from "../audit/record-audit.ts";
import type { ServiceContext } from "../context.ts";
import { type ApprovalTarget, countStatuses, loadTarget, type TransitionResult } from "./approval-target.ts";

export interface TransitionRule {
  action: string;
  permission: Permission;
  from: readonly ObservationStatus[];
  to: ObservationStatus;
}

/** An approval operation: one transition rule applied to a target. */
export type TransitionOperation = (
  ctx: ServiceContext,
  target: ApprovalTarget,
  reason?: string | null,
) => Promise<TransitionResult>;

/** The operation applying `rule` (submitData, approveData, ... are each one rule). */
export function transitionOperation(rule: TransitionRule): TransitionOperation {
  return (ctx, target, reason) => transition(ctx, rule, target, reason);
}

export async function transition(
  ctx: ServiceContext,
  rule: TransitionRule,
  target: ApprovalTarget,
  reason?: string | null,
): Promise<TransitionResult> {
  assertCan(ctx.actor, rule.permission, target.regionCode);
  return ctx.store.transaction(async (tx) => {
    const { code, rows } = await loadTarget(tx, target);
    const before = countStatuses(rows);
    const blocked = rows.filter((r) => r.status !== rule.to && !rule.from.includes(r.status));
    if (blocked.length > 0) {
      throw new RongheError(
        "invalid_state",
        `cannot ${rule.action}: some data are not ${rule.from.join(" or ")}`,
        {
          regionCode: code,
          period: target.period,
          blocked: blocked.map((r) => ({ indicator: r.indicatorCode, status: r.status })),
        },
      );
    }
    const keys = rows
      .filter((r) => r.status !== rule.to)
      .map((r) => ({
        regionCode: r.regionCode,
        indicatorCode: r.indicatorCode,
        period: r.period,
      }));
    if (keys.length === 0 && rule.action !== "submit" && rule.action !== "approve") {
      throw new RongheError("invalid_state", `nothing to ${rule.action}`, {
        regionCode: code,
        period: target.period,
      });
    }
    const counts =
      keys.length > 0
        ? await tx.setObservationStatus(keys, rule.to, {
            author: ctx.actor.username,
            reason: reason ?? rule.action,
          })
        : { changed: 0, unchanged: 0, missing: [] };
    const indicators = [...new Set(rows.map((r) => r.indicatorCode))].sort();
    await recordAudit(tx, ctx.actor, {
      action: `approval.${rule.action}`,
      targetType: "observations",
      targetId: `${code}/${target.period}`,
      regionCode: code,
      before: { statuses: before },
      after: { status: rule.to, changed: counts.changed, indicators },
    });
    return {
      regionCode: code,
      period: target.period,
      indicators,
      status: rule.to,
      changed: counts.changed,
      unchanged: rows.length - keys.length,
    };
  });
}
