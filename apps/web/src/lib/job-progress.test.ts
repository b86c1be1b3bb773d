import { describe, expect, it } from "vitest";
import { jobPercent, jobRunning } from "./job-progress.ts";

describe("jobPercent", () => {
  it("is progress over total, 100 when done, 0 without a total", () => {
    expect(jobPercent({ status: "running", progress: 1, total: 2 })).toBe(50);
    expect(jobPercent({ status: "running", progress: 1, total: 3 })).toBe(33);
    expect(jobPercent({ status: "done", progress: 1, total: 2 })).toBe(100);
    expect(jobPercent({ status: "queued", progress: 0, total: null })).toBe(0);
    expect(jobPercent({ status: "running", progress: 5, total: 2 })).toBe(100);
    expect(jobPercent(null)).toBe(0);
  });
  it("knows when a job still runs", () => {
    expect(jobRunning({ status: "queued" })).toBe(true);
    expect(jobRunning({ status: "running" })).toBe(true);
    expect(jobRunning({ status: "failed" })).toBe(false);
    expect(jobRunning(null)).toBe(false);
  });
});
