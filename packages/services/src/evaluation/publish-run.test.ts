import { isRongheError } from "@ronghe/core";
import type { Indicator, ObservationKey, Store } from "@ronghe/store";
import { afterEach, describe, expect, it } from "vitest";
import { withApprovalGuard } from "../approval/approval-guard.ts";
import { type Actor, SYSTEM_ACTOR } from "../context.ts";
import { evaluateScheme } from "./evaluate-scheme.ts";
import { getEvaluationRunView } from "./evaluation-runs.ts";
import { publishEvaluationRun, unpublishEvaluationRun, usedObservations } from "./publish-run.ts";
import { parseScheme } from "./scheme.ts";
import { countyCode, FIVE_COUNTIES, fixtureStore } from "./testing/fixture-store.ts";

// Five counties; 2018 lies outside the scheme's years. RD is derived (R1 + R2); R3 is a sum roll-up: stored at
// counties 1–4, rolled up from two townships at county 0. K1 is in the store but not in the scheme.
const YEARS = [2018, 2019, 2020];
const TOWNSHIPS = ["990101001", "990101002"];

function valuesOf(i: number, year: number) {
  const t = year - 2018;
  return { U1: 10 + 7 * i + t, U2: 5 - (i % 3) + 0.5 * t, R1: 1 + i * i + t, R2: 20 - 3 * i + 2 * t, K1: 7 };
}

async function world(): Promise<Store> {
  const { store } = await fixtureStore({
    counties: FIVE_COUNTIES,
    indicators: [
      { code: "U1" },
      { code: "U2", direction: "-" },
      { code: "R1" },
      { code: "R2" },
      { code: "K1" },
    ],
    values: Object.fromEntries(
      [0, 1, 2, 3, 4].map((i) => [i, Object.fromEntries(YEARS.map((y) => [y, valuesOf(i, y)]))]),
    ),
  });
  const base: Indicator = {
    code: "RD",
    nameZh: "派生",
    nameEn: null,
    unit: "1",
    direction: "+",
    dimension: null,
    role: "whole",
    levels: ["county", "township"],
    aggregation: "none",
    weightIndicator: null,
    formula: "R1 + R2",
    description: null,
    source: null,
    builtin: false,
    notes: null,
  };
  await store.upsertIndicators([
    base,
    { ...base, code: "R3", nameZh: "汇总", formula: null, aggregation: "sum" },
  ]);
  await store.upsertRegions(
    TOWNSHIPS.map((code, k) => ({
      code,
      statCode: `${code}000`,
      parentCode: countyCode(0),
      level: "township" as const,
      name: `镇${k}`,
    })),
  );
  const r3 = YEARS.flatMap((year) => [
    ...[1, 2, 3, 4].map((i) => ({
      regionCode: countyCode(i),
      indicatorCode: "R3",
      period: year,
      value: 100 + 10 * i + year - 2018,
    })),
    ...TOWNSHIPS.map((code, k) => ({
      regionCode: code,
      indicatorCode: "R3",
      period: year,
      value: 40 + k * 5 + year - 2018,
    })),
  ]);
  await store.writeObservations(r3, { author: "test", at: "2024-01-01T00:00:00.000Z" });
  return store;
}

const scheme = (indicators = ["U1", "U2", "RD", "R3"], name = "publish-test") =>
  parseScheme({
    name,
    region: "990000",
    level: "county",
    years: "2019-2020",
    indicators: indicators.map((code) => ({ code, subsystem: code.startsWith("U") ? "urban" : "rural" })),
    analyses: { coupling: true },
  });

/** What the scheme uses, written out by hand from the fixture: 5 counties × 2 years of U1, U2, R1, R2 (RD's
 * inputs), R3 stored at counties 1–4 and at the two townships (county 0's R3 is their sum). */
function expectedKeys(): string[] {
  const keys: string[] = [];
  for (const year of [2019, 2020]) {
    for (let i = 0; i < 5; i++)
      for (const c of ["U1", "U2", "R1", "R2"]) keys.push(`${countyCode(i)}|${c}|${year}`);
    for (let i = 1; i < 5; i++) keys.push(`${countyCode(i)}|R3|${year}`);
    for (const t of TOWNSHIPS) keys.push(`${t}|R3|${year}`);
  }
  return keys.sort();
}

const keyOf = (k: ObservationKey) => `${k.regionCode}|${k.indicatorCode}|${k.period}`;
const user = (role: Actor["grants"][number]["role"], regionCode: string, username = `${role}_x`): Actor => ({
  kind: "user",
  userId: 1,
  username,
  grants: [{ role, regionCode }],
});
const ANALYST = user("analyst", "990000", "analyst_p");
const ADMIN = user("admin", "990000", "admin_p");

async function statuses(store: Store): Promise<Map<string, string>> {
  return new Map((await store.queryObservations({ subtreeOf: "990000" })).map((o) => [keyOf(o), o.status]));
}

async function approve(store: Store, keys: readonly string[]): Promise<void> {
  const parsed = keys.map((k) => {
    const [regionCode, indicatorCode, period] = k.split("|");
    return { regionCode, indicatorCode, period: Number(period) };
  });
  await store.setObservationStatus(parsed, "approved", { author: "approver", reason: "test" });
}

async function errorOf(p: Promise<unknown>): Promise<{ code: string; details: Record<string, unknown> }> {
  try {
    await p;
  } catch (error) {
    if (isRongheError(error))
      return { code: error.code, details: (error.details ?? {}) as Record<string, unknown> };
    throw error;
  }
  throw new Error("expected an error");
}

describe("publishEvaluationRun / unpublishEvaluationRun", () => {
  let store: Store | null = null;
  afterEach(async () => {
    await store?.close();
    store = null;
  });

  it("finds exactly the stored observations behind the panel: direct, derived inputs, roll-up children", async () => {
    store = await world();
    const used = await usedObservations({ store, actor: SYSTEM_ACTOR }, scheme());
    expect(used.map(keyOf).sort()).toEqual(expectedKeys());
    expect(new Set(used.map((u) => u.status))).toEqual(new Set(["draft"]));
  });

  it("refuses unapproved data with the count, locks all used data once approved, unlocks on withdrawal", async () => {
    store = await world();
    const system = { store, actor: SYSTEM_ACTOR };
    const run = await evaluateScheme(system, scheme());
    const analyst = { store, actor: ANALYST };
    const expected = expectedKeys();

    const drafts = await errorOf(publishEvaluationRun(analyst, run.id));
    expect(drafts.code).toBe("invalid_state");
    expect(drafts.details).toMatchObject({ notApproved: expected.length, observations: expected.length });

    await approve(store, expected.slice(1));
    const one = await errorOf(publishEvaluationRun(analyst, run.id));
    expect(one.details).toMatchObject({
      notApproved: 1,
      byStatus: { draft: 1, submitted: 0, approved: expected.length - 1 },
    });
    // nothing was locked by the refused attempts
    expect([...(await statuses(store)).values()].includes("locked")).toBe(false);

    await approve(store, expected.slice(0, 1));
    const published = await publishEvaluationRun(analyst, run.id, { reason: "年度公报" });
    expect(published).toEqual({
      id: run.id,
      status: "published",
      observations: expected.length,
      locked: expected.length,
      alreadyLocked: 0,
    });
    const after = await statuses(store);
    for (const [key, status] of after)
      expect([key, status]).toEqual([
        key,
        expected.includes(key)
          ? "locked"
          : key.endsWith("2018") || key.includes("|K1|")
            ? "draft"
            : "approved",
      ]);
    const view = await getEvaluationRunView(system, run.id);
    expect(view.status).toBe("published");
    expect(
      (view.summary as unknown as { publication: { observations: number; published_by: string } })
        .publication,
    ).toMatchObject({
      observations: expected.length,
      published_by: "analyst_p",
    });
    // the numbers of the run are untouched
    expect(view.rows).toEqual(run.rows);
    expect(await errorOf(publishEvaluationRun(analyst, run.id))).toMatchObject({ code: "invalid_state" });

    // locked data refuse writes through the guarded store
    const guarded = withApprovalGuard(store);
    const write = guarded.writeObservations(
      [{ regionCode: TOWNSHIPS[0], indicatorCode: "R3", period: 2019, value: 1 }],
      {
        author: "clerk",
      },
    );
    expect((await errorOf(write)).code).toBe("invalid_state");

    const audit = await store.queryAudit({ action: "evaluation.publish" });
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actor: "analyst_p", targetId: run.id, regionCode: "990000" });
    expect((await store.queryAudit({ action: "approval.lock", limit: 1000 })).length).toBe(14); // (5 counties + 2 townships) × 2 years

    // only an admin withdraws
    expect((await errorOf(unpublishEvaluationRun(analyst, run.id))).code).toBe("forbidden");
    const withdrawn = await unpublishEvaluationRun({ store, actor: ADMIN }, run.id);
    expect(withdrawn).toEqual({
      id: run.id,
      status: "succeeded",
      observations: expected.length,
      unlocked: expected.length,
      keptLocked: 0,
    });
    for (const key of expected) expect((await statuses(store)).get(key)).toBe("approved");
    const back = await getEvaluationRunView(system, run.id);
    expect(back.status).toBe("succeeded");
    expect("publication" in (back.summary as object)).toBe(false);
    expect((await store.queryAudit({ action: "evaluation.unpublish" }))[0]).toMatchObject({
      actor: "admin_p",
    });
  });

  it("keeps data locked while another published run still uses it", async () => {
    store = await world();
    const system = { store, actor: SYSTEM_ACTOR };
    await approve(store, expectedKeys());
    const wide = await evaluateScheme(system, scheme());
    const narrow = await evaluateScheme(system, scheme(["U1", "U2", "R1", "R2"], "narrow"));
    const shared = expectedKeys().filter((k) => !k.includes("|R3|"));
    expect(await publishEvaluationRun(system, wide.id)).toMatchObject({ locked: expectedKeys().length });
    expect(await publishEvaluationRun(system, narrow.id)).toMatchObject({
      observations: shared.length,
      locked: 0,
      alreadyLocked: shared.length,
    });
    expect(await unpublishEvaluationRun(system, wide.id)).toMatchObject({
      unlocked: expectedKeys().length - shared.length,
      keptLocked: shared.length,
    });
    const now = await statuses(store);
    for (const key of expectedKeys())
      expect([key, now.get(key)]).toEqual([key, shared.includes(key) ? "locked" : "approved"]);
    expect(await unpublishEvaluationRun(system, narrow.id)).toMatchObject({
      unlocked: shared.length,
      keptLocked: 0,
    });
    expect([...(await statuses(store)).values()].includes("locked")).toBe(false);
  });

  it("refuses a run whose data changed since it ran, and keeps scope", async () => {
    store = await world();
    const system = { store, actor: SYSTEM_ACTOR };
    const run = await evaluateScheme(system, scheme());
    await store.writeObservations(
      [{ regionCode: countyCode(2), indicatorCode: "U1", period: 2020, value: 999 }],
      {
        author: "clerk",
      },
    );
    await approve(store, expectedKeys());
    const changed = await errorOf(publishEvaluationRun(system, run.id));
    expect(changed.code).toBe("invalid_state");
    expect(changed.details).toEqual({ id: run.id });

    const fresh = await evaluateScheme(system, scheme());
    expect(fresh.id).not.toBe(run.id);
    // out of scope: not found; in scope without "analyze": forbidden; nothing happens either way
    expect(
      (await errorOf(publishEvaluationRun({ store, actor: user("analyst", "110000") }, fresh.id))).code,
    ).toBe("not_found");
    expect(
      (await errorOf(publishEvaluationRun({ store, actor: user("viewer", "990000") }, fresh.id))).code,
    ).toBe("forbidden");
    expect((await errorOf(publishEvaluationRun({ store, actor: ANALYST }, "no-such-run"))).code).toBe(
      "not_found",
    );
    expect([...(await statuses(store)).values()].includes("locked")).toBe(false);
    expect(await publishEvaluationRun({ store, actor: ANALYST }, fresh.id)).toMatchObject({
      status: "published",
    });
  });
});
