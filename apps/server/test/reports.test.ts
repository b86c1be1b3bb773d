// Reports over HTTP: POST /api/reports starts a job (202), the job builds the HTML report of the Chongqing demo,
// and only the account that started it downloads the file; bad bodies, path tricks and out-of-scope regions are
// refused before any job starts. (PDF printing needs chromium and is covered by the CLI's PDF test.)

import { rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { SYSTEM_ACTOR, setUpDemo } from "@ronghe/services";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildServer } from "../src/app.ts";
import { buildUser, type Login, loginAs, openTestStore, type TestStore } from "./builders.ts";

describe("reports API (SQLite, Chongqing demo)", () => {
  let test: TestStore;
  let app: FastifyInstance;
  let admin: Login;
  let countyAnalyst: Login;
  let otherAdmin: Login;
  /** files this test's jobs wrote into the server's report directory (shared with other tests: only these go) */
  const written: string[] = [];

  beforeAll(async () => {
    test = await openTestStore("sqlite");
    await setUpDemo({ store: test.store, actor: SYSTEM_ACTOR });
    await buildUser(test.store, "city_admin", [{ role: "admin", regionCode: "500000" }]);
    await buildUser(test.store, "yunyang_analyst", [{ role: "analyst", regionCode: "500235" }]);
    await buildUser(test.store, "second_admin", [{ role: "admin", regionCode: "500000" }]);
    app = buildServer({ store: test.store });
    await app.ready();
    admin = await loginAs(app, "city_admin");
    countyAnalyst = await loginAs(app, "yunyang_analyst");
    otherAdmin = await loginAs(app, "second_admin");
  }, 120_000);

  afterAll(async () => {
    await app?.close();
    await test?.dispose();
    for (const f of written) rmSync(join(tmpdir(), "ronghe-reports", f), { force: true });
  });

  const start = (who: Login, payload: Record<string, unknown>) =>
    app.inject({ method: "POST", url: "/api/reports", headers: who.write, payload });

  async function finished(who: Login, jobId: string): Promise<{ status: string; result: unknown }> {
    for (let i = 0; i < 600; i++) {
      const res = await app.inject({ method: "GET", url: `/api/jobs/${jobId}`, headers: who.read });
      expect(res.statusCode).toBe(200);
      const job = res.json() as { status: string; result: unknown };
      if (job.status === "done" || job.status === "failed") return job;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error("report job did not finish in 60 s");
  }

  it("builds the HTML report in a job that only its owner can download", async () => {
    const res = await start(admin, { regionCode: "500000", year: 2020, format: "html" });
    expect(res.statusCode).toBe(202);
    const { jobId } = res.json() as { jobId: string };
    const job = await finished(admin, jobId);
    expect(job.status).toBe("done");
    expect(job.result).toMatchObject({ format: "html", regionCode: "500000", year: 2020 });
    written.push((job.result as { fileName: string }).fileName);

    const file = await app.inject({ method: "GET", url: `/api/reports/${jobId}/file`, headers: admin.read });
    expect(file.statusCode).toBe(200);
    expect(file.headers["content-type"]).toMatch(/^text\/html/);
    expect(file.headers["content-disposition"]).toBe('attachment; filename="ronghe-report-500000-2020.html"');
    expect(file.headers["content-security-policy"]).toContain("default-src 'none'");
    expect(file.body).toContain("重庆市");
    expect(file.body).toContain("云阳县");
    expect(file.body).not.toMatch(/NaN|undefined|Infinity/);

    // another account of the same scope does not get someone else's report, nor does an anonymous caller
    const other = await app.inject({
      method: "GET",
      url: `/api/reports/${jobId}/file`,
      headers: otherAdmin.read,
    });
    expect(other.statusCode).toBe(404);
    const anonymous = await app.inject({ method: "GET", url: `/api/reports/${jobId}/file` });
    expect(anonymous.statusCode).toBe(401);
  }, 120_000);

  it("refuses bad bodies, path tricks and regions outside the caller's scope before starting a job", async () => {
    const jobsBefore = await test.store.listJobs({ limit: 1000 });
    const refusals = [
      await start(admin, { regionCode: "500000", year: "2020", format: "html" }),
      await start(admin, { regionCode: "500000", year: 2020, format: "docx" }),
      await start(admin, {
        regionCode: "500000",
        year: 2020,
        format: "html",
        schemeName: "../../etc/passwd",
      }),
      await start(admin, { regionCode: "../500000", year: 2020, format: "html" }),
    ];
    for (const r of refusals) expect(r.statusCode).toBe(400);
    const outside = await start(countyAnalyst, { regionCode: "500000", year: 2020, format: "html" });
    expect([403, 404]).toContain(outside.statusCode);
    expect(outside.body).not.toContain("重庆");
    const noCsrf = await app.inject({
      method: "POST",
      url: "/api/reports",
      headers: admin.read,
      payload: { regionCode: "500000", year: 2020, format: "html" },
    });
    expect(noCsrf.statusCode).toBe(403);
    const jobsAfter = await test.store.listJobs({ limit: 1000 });
    expect(jobsAfter.length).toBe(jobsBefore.length);
    // a job id that is not a report, or does not exist
    const missing = await app.inject({
      method: "GET",
      url: "/api/reports/00000000-0000-0000-0000-000000000000/file",
      headers: admin.read,
    });
    expect(missing.statusCode).toBe(404);
  });
});
