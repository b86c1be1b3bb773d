// Publishing an evaluation run makes it the official result and freezes the data behind it: every stored
// observation the run used goes approved → locked (approval workflow, `lockData`), so nobody can change a number
// a published evaluation rests on. Withdrawing the publication (admin) unlocks what no other published run uses.
//
// "Used" = every stored observation behind a value of the run's panel (all units and years of the scheme, index
// and Theil indicators): stored at the unit itself, rolled up from lower levels, an input of a derived indicator,
// or the weight of a weighted-mean roll-up. These are the values the run's inputs hash covers.
//
// Strict rules (a published number must be reproducible from locked, approved data):
// - publishing refuses with `invalid_state` when any used observation is neither approved nor locked, giving the
//   count per status; it never locks part of the data;
// - it refuses with `invalid_state` when the data no longer give the run's inputs hash (changed since the run):
//   run the evaluation again and publish the new run.
import { formulaReferences, isWithin, type RegionLevel, RongheError } from "@ronghe/core";
import type { EvaluationRun, ObservationKey, ObservationStatus } from "@ronghe/store";
import { assertCan, can, type Permission } from "../access.ts";
import { lockData, unlockData } from "../approval/lock-data.ts";
import { recordAudit } from "../audit/record-audit.ts";
import type { ServiceContext } from "../context.ts";
import { validateCatalogue } from "../data/indicator-catalogue.ts";
import { type ObservationValue, queryObservations } from "../data/query-observations.ts";
import { loadPanel, theilCodes } from "./load-panel.ts";
import type { EvaluationScheme } from "./scheme.ts";
import { schemeInputsHash, schemeWeights } from "./scheme-inputs.ts";

export const PUBLISHED_STATUS = "published";
/** run statuses that may be published (evaluateScheme stores "succeeded"; the store's default is "completed") */
const PUBLISHABLE = new Set(["succeeded", "completed"]);

export interface UsedObservation extends ObservationKey {
  status: ObservationStatus;
}

/** Stored observations of one region and year that a publication holds locked. */
export interface HeldGroup {
  region: string;
  period: number;
  indicators: string[];
}

/** Kept in the run's summary as `publication` while the run is published. */
export interface PublicationRecord {
  published_at: string;
  published_by: string;
  reason: string | null;
  /** stored observations the run used (all locked while published) */
  observations: number;
  held: HeldGroup[];
}

export interface PublishResult {
  id: string;
  status: typeof PUBLISHED_STATUS;
  /** stored observations the run used */
  observations: number;
  /** approved → locked by this publication */
  locked: number;
  /** already locked (by another published run) */
  alreadyLocked: number;
}

export interface UnpublishResult {
  id: string;
  status: string;
  observations: number;
  /** locked → approved */
  unlocked: number;
  /** still used by another published run, so kept locked */
  keptLocked: number;
}

export interface PublicationOptions {
  reason?: string | null;
}

/** Publishes a run (`analyze` on its region) and locks the observations it used; all or nothing, audited. */
export async function publishEvaluationRun(
  ctx: ServiceContext,
  id: string,
  options: PublicationOptions = {},
): Promise<PublishResult> {
  await runInScope(ctx, id, "analyze");
  return ctx.store.transaction(async (tx) => {
    const tctx: ServiceContext = { ...ctx, store: tx };
    const { run, region } = await runInScope(tctx, id, "analyze");
    if (run.status === PUBLISHED_STATUS)
      throw new RongheError("invalid_state", `评价运行 ${id} 已发布 / run ${id} is already published`, {
        id,
      });
    if (!PUBLISHABLE.has(run.status)) {
      throw new RongheError("invalid_state", `run ${id} has status ${run.status} and cannot be published`, {
        id,
        status: run.status,
      });
    }
    const scheme = run.scheme as EvaluationScheme;
    if ((await currentInputsHash(tctx, scheme)) !== run.inputsHash) {
      throw new RongheError(
        "invalid_state",
        "评价所用数据在运行后已改变，请重新运行评价再发布 / the data changed since this run: run the evaluation again and publish the new run",
        { id },
      );
    }
    const used = await usedObservations(tctx, scheme);
    const byStatus: Record<ObservationStatus, number> = { draft: 0, submitted: 0, approved: 0, locked: 0 };
    for (const u of used) byStatus[u.status] += 1;
    const notApproved = byStatus.draft + byStatus.submitted;
    if (notApproved > 0) {
      throw new RongheError(
        "invalid_state",
        `评价所用数据中有 ${notApproved} 条尚未审核通过，不能发布 / ${notApproved} of the ${used.length} observations this run used are not approved`,
        {
          id,
          notApproved,
          observations: used.length,
          byStatus,
          sample: used
            .filter((u) => u.status === "draft" || u.status === "submitted")
            .slice(0, 20)
            .map((u) => ({
              regionCode: u.regionCode,
              indicator: u.indicatorCode,
              period: u.period,
              status: u.status,
            })),
        },
      );
    }
    const reason = `publish evaluation ${id}${options.reason ? `: ${options.reason}` : ""}`;
    let locked = 0;
    for (const group of groupKeys(used.filter((u) => u.status === "approved"))) {
      const r = await lockData(
        tctx,
        { regionCode: group.region, period: group.period, indicators: group.indicators },
        reason,
      );
      locked += r.changed;
    }
    const publication: PublicationRecord = {
      published_at: new Date().toISOString(),
      published_by: ctx.actor.username,
      reason: options.reason ?? null,
      observations: used.length,
      held: groupKeys(used),
    };
    await tx.updateEvaluationRun(id, {
      status: PUBLISHED_STATUS,
      summary: { ...(run.summary as Record<string, unknown>), publication },
    });
    await recordAudit(tx, ctx.actor, {
      action: "evaluation.publish",
      targetType: "evaluation_run",
      targetId: id,
      regionCode: region,
      before: { status: run.status },
      after: {
        status: PUBLISHED_STATUS,
        observations: used.length,
        locked,
        alreadyLocked: used.length - locked,
        reason: options.reason ?? null,
      },
    });
    return {
      id,
      status: PUBLISHED_STATUS,
      observations: used.length,
      locked,
      alreadyLocked: used.length - locked,
    };
  });
}

/**
 * Withdraws a publication (`admin` on the run's region): the run goes back to "succeeded" and the observations
 * it held go locked → approved, except those another published run still uses. Audited.
 */
export async function unpublishEvaluationRun(
  ctx: ServiceContext,
  id: string,
  options: PublicationOptions = {},
): Promise<UnpublishResult> {
  await runInScope(ctx, id, "admin");
  return ctx.store.transaction(async (tx) => {
    const tctx: ServiceContext = { ...ctx, store: tx };
    const { run, region } = await runInScope(tctx, id, "admin");
    if (run.status !== PUBLISHED_STATUS)
      throw new RongheError("invalid_state", `评价运行 ${id} 未发布 / run ${id} is not published`, { id });
    const { publication: _, ...summary } = (run.summary ?? {}) as Record<string, unknown>;
    const mine = await heldKeys(tctx, run);
    // Observations of other published runs stay locked. Runs are few; all are read (status is not indexed);
    // only runs over a region containing or inside this one can share observations with it.
    const others = new Set<string>();
    for (const other of await tx.listEvaluationRuns({ limit: 1_000_000 })) {
      if (other.id === id || other.status !== PUBLISHED_STATUS) continue;
      const otherRegion = other.regionCode ?? (other.scheme as EvaluationScheme | null)?.region ?? null;
      if (otherRegion !== null && !isWithin(otherRegion, region) && !isWithin(region, otherRegion)) continue;
      for (const k of await heldKeys(tctx, other)) others.add(keyOf(k));
    }
    const release = mine.filter((k) => !others.has(keyOf(k)));
    const locked = await lockedAmong(tctx, release);
    const reason = `unpublish evaluation ${id}${options.reason ? `: ${options.reason}` : ""}`;
    let unlocked = 0;
    for (const group of groupKeys(release.filter((k) => locked.has(keyOf(k))))) {
      const r = await unlockData(
        tctx,
        { regionCode: group.region, period: group.period, indicators: group.indicators },
        reason,
      );
      unlocked += r.changed;
    }
    await tx.updateEvaluationRun(id, { status: "succeeded", summary });
    const keptLocked = mine.length - release.length;
    await recordAudit(tx, ctx.actor, {
      action: "evaluation.unpublish",
      targetType: "evaluation_run",
      targetId: id,
      regionCode: region,
      before: { status: PUBLISHED_STATUS },
      after: {
        status: "succeeded",
        observations: mine.length,
        unlocked,
        keptLocked,
        reason: options.reason ?? null,
      },
    });
    return { id, status: "succeeded", observations: mine.length, unlocked, keptLocked };
  });
}

/**
 * Every stored observation behind the values of the scheme's panel, with its current status (see the file
 * comment). Follows the data services' resolution: a rolled-up value uses each child that has a value (and, for
 * weighted means, a weight); a derived value uses its formula's inputs at the same region.
 */
export async function usedObservations(
  ctx: ServiceContext,
  scheme: EvaluationScheme,
): Promise<UsedObservation[]> {
  const catalogue = await ctx.store.listIndicators();
  const byCode = new Map(catalogue.map((i) => [i.code, i]));
  const refs = new Map<string, string[]>();
  for (const f of validateCatalogue(catalogue)) refs.set(f.code, formulaReferences(f.tree));
  const panelCodes = [...new Set([...scheme.indicators.map((i) => i.code), ...theilCodes(scheme)])];
  for (const code of panelCodes) {
    if (!byCode.has(code))
      throw new RongheError("unknown_indicator", `unknown indicator ${code}`, { indicator: code });
  }
  const codes = new Set<string>();
  const need = (code: string): void => {
    if (codes.has(code) || !byCode.has(code)) return;
    codes.add(code);
    for (const ref of refs.get(code) ?? []) need(ref);
    const def = byCode.get(code);
    if (def?.aggregation === "weighted_mean" && def.weightIndicator) need(def.weightIndicator);
  };
  for (const code of panelCodes) need(code);
  const indicators = [...codes];

  const levels = new Map<RegionLevel, Map<string, ObservationValue>>();
  const valuesAt = async (level: RegionLevel): Promise<Map<string, ObservationValue>> => {
    let map = levels.get(level);
    if (map) return map;
    const result = await queryObservations(ctx, {
      region: scheme.region,
      level,
      indicators,
      fromYear: scheme.years.from,
      toYear: scheme.years.to,
    });
    map = new Map(result.rows.map((r) => [`${r.regionCode}|${r.indicatorCode}|${r.period}`, r]));
    levels.set(level, map);
    return map;
  };
  let children: Map<string, { code: string; level: RegionLevel }[]> | null = null;
  const childrenOf = async (code: string) => {
    if (children === null) {
      const map = new Map<string, { code: string; level: RegionLevel }[]>();
      for (const r of await ctx.store.descendants(scheme.region)) {
        if (r.parentCode === null) continue;
        const list = map.get(r.parentCode);
        if (list) list.push({ code: r.code, level: r.level });
        else map.set(r.parentCode, [{ code: r.code, level: r.level }]);
      }
      children = map;
    }
    return children.get(code) ?? [];
  };

  const used = new Map<string, UsedObservation>();
  const seen = new Set<string>();
  const trace = async (code: string, level: RegionLevel, ind: string, year: number): Promise<void> => {
    const key = `${code}|${ind}|${year}`;
    if (seen.has(key)) return;
    seen.add(key);
    const row = (await valuesAt(level)).get(key);
    if (!row || row.value === null) return;
    if (row.origin === "stored") {
      used.set(key, {
        regionCode: code,
        indicatorCode: ind,
        period: year,
        status: row.status as ObservationStatus,
      });
    } else if (row.origin === "derived") {
      for (const ref of refs.get(ind) ?? []) await trace(code, level, ref, year);
    } else {
      const def = byCode.get(ind);
      const weight = def?.aggregation === "weighted_mean" ? def.weightIndicator : null;
      for (const kid of await childrenOf(code)) {
        const values = await valuesAt(kid.level);
        if ((values.get(`${kid.code}|${ind}|${year}`)?.value ?? null) === null) continue;
        if (weight) {
          if ((values.get(`${kid.code}|${weight}|${year}`)?.value ?? null) === null) continue;
          await trace(kid.code, kid.level, weight, year);
        }
        await trace(kid.code, kid.level, ind, year);
      }
    }
  };
  const wanted = new Set(panelCodes);
  for (const row of (await valuesAt(scheme.level)).values()) {
    if (wanted.has(row.indicatorCode) && row.value !== null)
      await trace(row.regionCode, scheme.level, row.indicatorCode, row.period);
  }
  return [...used.values()].sort(
    (a, b) => cmp(a.regionCode, b.regionCode) || a.period - b.period || cmp(a.indicatorCode, b.indicatorCode),
  );
}

/** The run (visible and with `permission` on its region, else not_found / forbidden). */
async function runInScope(
  ctx: ServiceContext,
  id: string,
  permission: Permission,
): Promise<{ run: EvaluationRun; region: string }> {
  const run = await ctx.store.getEvaluationRun(id);
  const region =
    run?.regionCode ??
    (ctx.actor.kind === "system" ? ((run?.scheme as EvaluationScheme | null)?.region ?? null) : null);
  if (!run || region === null || !can(ctx.actor, "read", region))
    throw new RongheError("not_found", `评价运行不存在 / no evaluation run ${id}`, { id });
  assertCan(ctx.actor, permission, region);
  return { run, region };
}

/**
 * The inputs hash of the scheme on the current data, built by the same functions as `evaluateScheme` uses
 * (scheme-inputs.ts); publish-run.test.ts publishes an unchanged run.
 */
async function currentInputsHash(ctx: ServiceContext, scheme: EvaluationScheme): Promise<string> {
  const { panel, definitions } = await loadPanel(ctx, scheme);
  return schemeInputsHash(scheme, panel, definitions, await schemeWeights(ctx, scheme, panel));
}

/**
 * The keys a published run holds: its publication record, or (no record) the data it uses now, read as the
 * local operator because the run may cover regions outside the caller's scope (only statuses are read).
 */
async function heldKeys(ctx: ServiceContext, run: EvaluationRun): Promise<ObservationKey[]> {
  const record = (run.summary as { publication?: PublicationRecord } | null)?.publication;
  if (record && Array.isArray(record.held)) {
    return record.held.flatMap((g) =>
      g.indicators.map((indicatorCode) => ({ regionCode: g.region, indicatorCode, period: g.period })),
    );
  }
  return usedObservations(
    { ...ctx, actor: { ...ctx.actor, kind: "system" } },
    run.scheme as EvaluationScheme,
  );
}

/** The keys among `keys` whose stored observation is locked now. */
async function lockedAmong(ctx: ServiceContext, keys: readonly ObservationKey[]): Promise<Set<string>> {
  const out = new Set<string>();
  if (keys.length === 0) return out;
  const regions = [...new Set(keys.map((k) => k.regionCode))];
  const indicators = [...new Set(keys.map((k) => k.indicatorCode))];
  let from = Number.POSITIVE_INFINITY;
  let to = Number.NEGATIVE_INFINITY;
  for (const k of keys) {
    if (k.period < from) from = k.period;
    if (k.period > to) to = k.period;
  }
  const wanted = new Set(keys.map(keyOf));
  for (let i = 0; i < regions.length; i += 500) {
    const rows = await ctx.store.queryObservations({
      regionCodes: regions.slice(i, i + 500),
      indicators,
      fromYear: from,
      toYear: to,
      status: ["locked"],
    });
    for (const o of rows) if (wanted.has(keyOf(o))) out.add(keyOf(o));
  }
  return out;
}

function groupKeys(keys: readonly ObservationKey[]): HeldGroup[] {
  const groups = new Map<string, HeldGroup>();
  for (const k of keys) {
    const id = `${k.regionCode}|${k.period}`;
    const g = groups.get(id);
    if (g) g.indicators.push(k.indicatorCode);
    else groups.set(id, { region: k.regionCode, period: k.period, indicators: [k.indicatorCode] });
  }
  return [...groups.values()]
    .map((g) => ({ ...g, indicators: [...new Set(g.indicators)].sort() }))
    .sort((a, b) => cmp(a.region, b.region) || a.period - b.period);
}

const keyOf = (k: ObservationKey) => `${k.regionCode}|${k.indicatorCode}|${k.period}`;
const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
