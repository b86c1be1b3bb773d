import { describe, expect, it } from "vitest";
import { latestRunId, normaliseRun } from "./evaluation-runs.ts";

describe("normaliseRun", () => {
  it("reads the services' run view", () => {
    const run = normaliseRun({
      id: "r1",
      scheme_name: "chongqing-default",
      region: "500000",
      created_at: "2026-11-30T08:00:00Z",
      status: "done",
      scheme: { name: "chongqing-default", title: "重庆评价", region: "500000", level: "county" },
      summary: {
        uncertainty: {
          years: [
            {
              year: 2020,
              regions: [
                { region: "500235", name: "云阳县", rank: 3, median_rank: 4, rank_p05: 2, rank_p95: 7 },
              ],
            },
          ],
        },
      },
      rows: [
        {
          region: "500235",
          name: "云阳县",
          year: 2020,
          index: 0.41,
          rank: 3,
          u_urban: 0.5,
          u_rural: 0.3,
          coupling: 0.97,
          development: 0.4,
          coordination: 0.62,
          level: 7,
          level_name: "初级协调",
          top_obstacles: [{ code: "ECO-02", name: "农村居民人均可支配收入", obstacle: 0.21 }],
        },
      ],
    });
    expect(run.title).toBe("重庆评价");
    expect(run.level).toBe("county");
    expect(run.regionCode).toBe("500000");
    expect(run.results?.[0]).toMatchObject({
      regionCode: "500235",
      regionName: "云阳县",
      subsystems: { urban: 0.5, rural: 0.3 },
      coordination: 0.62,
      levelName: "初级协调",
      obstacles: [{ indicator: "ECO-02", value: 0.21 }],
    });
    expect(run.uncertainty).toEqual([{ regionCode: "500235", year: 2020, medianRank: 4, p5: 2, p95: 7 }]);
  });

  it("reads the api.md shape and keeps missing numbers null", () => {
    const run = normaliseRun({
      id: "r2",
      results: [
        {
          regionCode: "a",
          regionName: "A",
          year: 2019,
          index: null,
          rank: 1,
          subsystems: { urban: 0.1 },
          levelName: "x",
        },
      ],
      uncertainty: [{ regionCode: "a", medianRank: 1, p5: 1, p95: 2 }],
    });
    expect(run.results?.[0].index).toBeNull();
    expect(run.results?.[0].subsystems).toEqual({ urban: 0.1, rural: null });
    expect(run.uncertainty?.[0]).toMatchObject({ regionCode: "a", medianRank: 1, p95: 2 });
  });
  it("reads the publication of a published run, and none otherwise", () => {
    const published = normaliseRun({
      id: "r3",
      status: "published",
      run_hash: "abc123",
      summary: {
        publication: { published_at: "2026-11-30T09:00:00Z", published_by: "admin", reason: "年度发布" },
      },
      rows: [],
    });
    expect(published.status).toBe("published");
    expect(published.runHash).toBe("abc123");
    expect(published.publication).toEqual({
      publishedAt: "2026-11-30T09:00:00Z",
      publishedBy: "admin",
      reason: "年度发布",
    });
    expect(normaliseRun({ id: "r4", status: "succeeded", summary: {}, rows: [] }).publication).toBeNull();
  });
});

describe("latestRunId", () => {
  it("picks the newest finished run", () => {
    expect(
      latestRunId([
        { id: "a", status: "done", createdAt: "2026-01-01" },
        { id: "b", status: "running", createdAt: "2026-03-01" },
        { id: "c", status: "done", createdAt: "2026-02-01" },
      ]),
    ).toBe("c");
    expect(latestRunId([])).toBeNull();
  });
});
