// The year view of a stored run: rows and every per-year part of the summary restricted to one year, the
// run's years listed in full; unknown years refused naming the years there are; without a year the whole run.
import type { Store } from "@ronghe/store";
import { afterEach, describe, expect, it } from "vitest";
import { evaluateScheme } from "./evaluate-scheme.ts";
import { getEvaluationRunView } from "./evaluation-runs.ts";
import { type PublicationRecord, publishEvaluationRun } from "./publish-run.ts";
import { parseScheme } from "./scheme.ts";
import { countyCode, FIVE_COUNTIES, fixtureStore } from "./testing/fixture-store.ts";

const YEARS = [2018, 2019, 2020];

/** county i, year t: pseudo-random values (no constant column, no perfectly correlated pair in any year) */
function values(): Record<number, Record<number, Record<string, number>>> {
  let state = 12345;
  const next = () => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return 1 + Math.round((99 * state) / 2147483648);
  };
  return Object.fromEntries(
    FIVE_COUNTIES.map((_, i) => [
      i,
      Object.fromEntries(YEARS.map((year) => [year, { U1: next(), U2: next(), R1: next(), R2: next() }])),
    ]),
  );
}

const scheme = {
  name: "year-view",
  region: "990000",
  level: "county",
  years: "2018-2020",
  indicators: [
    { code: "U1", subsystem: "urban" },
    { code: "U2", subsystem: "urban" },
    { code: "R1", subsystem: "rural" },
    { code: "R2", subsystem: "rural" },
  ],
  weighting: "entropy",
  normalisation: { scope: "per_year" },
  analyses: { coupling: true, obstacles: { top_n: 2 }, moran: { permutations: 0 }, lisa: true },
};

const stores: Store[] = [];
afterEach(async () => {
  while (stores.length) await stores.pop()!.close();
});

async function storedRun(overrides: Record<string, unknown> = {}) {
  const v = values();
  delete v[1][2019].U1; // one dropped region-year in 2019, one in 2020
  delete v[3][2020].R2;
  const f = await fixtureStore({
    counties: FIVE_COUNTIES,
    indicators: [{ code: "U1" }, { code: "U2", direction: "-" }, { code: "R1" }, { code: "R2" }],
    values: v,
  });
  stores.push(f.store);
  const run = await evaluateScheme(f.ctx, parseScheme({ ...scheme, ...overrides }), {
    uncertainty: 20,
    seed: 3,
  });
  return { ctx: f.ctx, store: f.store, run };
}

const publicationOf = (view: { summary: object }) =>
  (view.summary as { publication?: PublicationRecord }).publication;

describe("getEvaluationRunView with a year", () => {
  it("restricts rows, dropped, weights, spatial statistics and rank uncertainty to the year; years stay complete", async () => {
    const { ctx, run } = await storedRun();
    const full = await getEvaluationRunView(ctx, run.id);
    // the fixture exercises every per-year part in every year
    expect(full.summary.years).toEqual(YEARS);
    expect(full.summary.dropped.map((d) => d.year)).toEqual([2019, 2020]);
    expect(full.summary.weights.map((w) => w.year)).toEqual(YEARS);
    expect(full.summary.spatial.map((s) => s.year)).toEqual(YEARS);
    expect(full.summary.uncertainty?.years.map((u) => u.year)).toEqual(YEARS);

    for (const year of YEARS) {
      const view = await getEvaluationRunView(ctx, run.id, { year });
      expect(view.year).toBe(year);
      expect(view.rows).toEqual(full.rows.filter((r) => r.year === year));
      expect(view.rows.length).toBe(year === 2018 ? 5 : 4);
      expect(view.summary).toEqual({
        ...full.summary,
        years: YEARS,
        dropped: full.summary.dropped.filter((d) => d.year === year),
        weights: full.summary.weights.filter((w) => w.year === year),
        spatial: full.summary.spatial.filter((s) => s.year === year),
        uncertainty: {
          ...full.summary.uncertainty,
          years: full.summary.uncertainty!.years.filter((u) => u.year === year),
        },
      });
      expect(view.summary.weights).toHaveLength(1);
      expect(view.summary.spatial).toHaveLength(1);
      expect(view.summary.uncertainty!.years).toHaveLength(1);
      // everything but the year's parts is the run's own
      const { rows: _r, summary: _s, year: _y, ...header } = view;
      const { rows: _fr, summary: _fs, ...fullHeader } = full;
      expect(header).toEqual(fullHeader);
    }
    const y2019 = await getEvaluationRunView(ctx, run.id, { year: 2019 });
    expect(y2019.summary.dropped).toEqual([
      { region: countyCode(1), name: "乙县", year: 2019, reason: "missing_values", missing: ["U1"] },
    ]);
    expect(y2019.rows.map((r) => r.region)).not.toContain(countyCode(1));
  });

  it('"latest" is the run\'s last year', async () => {
    const { ctx, run } = await storedRun();
    const latest = await getEvaluationRunView(ctx, run.id, { year: "latest" });
    expect(latest).toEqual(await getEvaluationRunView(ctx, run.id, { year: 2020 }));
    expect(latest.year).toBe(2020);
  });

  it("keeps pooled weights (one set for all years) in every year's view", async () => {
    const { ctx, run } = await storedRun({ normalisation: { scope: "pooled" } });
    const full = await getEvaluationRunView(ctx, run.id);
    expect(full.summary.weights.map((w) => w.year)).toEqual([null]);
    const view = await getEvaluationRunView(ctx, run.id, { year: 2018 });
    expect(view.summary.weights).toEqual(full.summary.weights);
  });

  it("while published, keeps the publication with the held data groups of the year only", async () => {
    const { ctx, store, run } = await storedRun();
    const stored = await store.queryObservations({ subtreeOf: "990000" });
    await store.setObservationStatus(stored, "approved", { author: "approver", reason: "test" });
    await publishEvaluationRun(ctx, run.id, { reason: "公报" });
    const full = await getEvaluationRunView(ctx, run.id);
    const record = publicationOf(full)!;
    expect(new Set(record.held.map((h) => h.period))).toEqual(new Set(YEARS));
    for (const year of YEARS) {
      const view = await getEvaluationRunView(ctx, run.id, { year });
      expect(view.status).toBe("published");
      expect(publicationOf(view)).toEqual({ ...record, held: record.held.filter((h) => h.period === year) });
      expect(publicationOf(view)!.held.length).toBeGreaterThan(0);
    }
  });

  it("refuses a year the run does not have, naming the run's years; without a year the whole run", async () => {
    const { ctx, run } = await storedRun();
    for (const year of [2017, 2021]) {
      await expect(getEvaluationRunView(ctx, run.id, { year })).rejects.toMatchObject({
        code: "not_found",
        message: expect.stringContaining(String(year)),
        details: { id: run.id, year, years: YEARS },
      });
    }
    const full = await getEvaluationRunView(ctx, run.id);
    expect("year" in full).toBe(false);
    expect(full.rows).toEqual(run.rows);
    expect(full.summary).toEqual(run.summary);
    // an unknown run stays "no such run", whatever the year
    await expect(getEvaluationRunView(ctx, "no-such-run", { year: 2017 })).rejects.toMatchObject({
      code: "not_found",
      details: { id: "no-such-run" },
    });
  });
});
