// Browser end-to-end tests of the dashboard against the real server (in-process, on a copy of an SQLite file
// with the Chongqing demo) in Debian chromium driven by playwright-core. Skipped, with the reason in the title,
// when no chromium binary is found (install: apt-get install -y chromium fonts-noto-cjk).
// RONGHE_E2E_SHOTS=<dir> keeps screenshots of the main steps for a human to look at.
import { execFileSync, execSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { FastifyInstance } from "fastify";
import { type Browser, type BrowserContext, chromium, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { E2E_PASSWORD, E2E_USERS, freshDemoDb } from "./demo-db.ts";

const WEB = fileURLToPath(new URL("..", import.meta.url));
const DIST = join(WEB, "dist");
const SHOTS = process.env.RONGHE_E2E_SHOTS ?? null;

function findChromium(): string | null {
  for (const p of [process.env.CHROMIUM_PATH, "/usr/bin/chromium", "/usr/bin/chromium-browser"])
    if (p && existsSync(p)) return p;
  try {
    const p = execSync("command -v chromium || command -v chromium-browser", {
      encoding: "utf8",
      shell: "/bin/sh",
    }).trim();
    return p === "" ? null : p;
  } catch {
    return null;
  }
}

function newestMtime(dir: string): number {
  let m = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    m = Math.max(m, e.isDirectory() ? newestMtime(p) : statSync(p).mtimeMs);
  }
  return m;
}

/** Builds apps/web/dist when it is missing or older than the sources. */
function ensureWebBuilt(): void {
  const index = join(DIST, "index.html");
  const sources = Math.max(
    newestMtime(join(WEB, "src")),
    statSync(join(WEB, "index.html")).mtimeMs,
    statSync(join(WEB, "vite.config.ts")).mtimeMs,
  );
  if (existsSync(index) && statSync(index).mtimeMs >= sources) return;
  const vite = fileURLToPath(new URL("../../../node_modules/vite/bin/vite.js", import.meta.url));
  execFileSync(
    process.execPath,
    [vite, "build", "--config", join(WEB, "vite.config.ts"), "--logLevel", "warn"],
    { stdio: "inherit" },
  );
}

const CHROMIUM = findChromium();
/** the illustrative demo plan (setUpDemo imports it) */
const PLAN_ID = "cq-illustrative-2015-2020";
const suite = CHROMIUM ? describe : describe.skip;
const title = CHROMIUM
  ? "dashboard e2e (chromium)"
  : "dashboard e2e — SKIPPED: no chromium binary (apt-get install chromium fonts-noto-cjk)";

suite(title, () => {
  let app: FastifyInstance;
  let base: string;
  let browser: Browser;
  let dbDir: string;
  /** the admin's page, logged in by the first test and reused by the map tests (a login costs an argon2 hash) */
  let admin: { ctx: BrowserContext; page: Page };

  beforeAll(async () => {
    ensureWebBuilt();
    const db = await freshDemoDb();
    dbDir = db.dir;
    process.env.LOG_LEVEL ??= "warn";
    const { startServer } = await import("../../server/src/main.ts");
    const started = await startServer({ dbUrl: db.file, port: 0, host: "127.0.0.1", webDist: DIST });
    app = started.app;
    const addr = app.server.address();
    if (addr === null || typeof addr === "string") throw new Error("server has no TCP address");
    base = `http://127.0.0.1:${addr.port}`;
    browser = await chromium.launch({
      executablePath: CHROMIUM as string,
      args: [
        "--no-sandbox",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
      ],
    });
    if (SHOTS) mkdirSync(SHOTS, { recursive: true });
  });

  afterAll(async () => {
    await admin?.ctx.close();
    await browser?.close();
    await app?.close();
    if (dbDir) rmSync(dbDir, { recursive: true, force: true });
  });

  async function open(viewport = { width: 1366, height: 768 }): Promise<{ ctx: BrowserContext; page: Page }> {
    const ctx = await browser.newContext({ viewport, locale: "zh-CN" });
    const page = await ctx.newPage();
    page.on("pageerror", (e) => console.error("page error:", e.message));
    return { ctx, page };
  }

  async function login(page: Page, username: string, password = E2E_PASSWORD): Promise<void> {
    await page.goto(`${base}/`);
    await page.fill("input[name=username]", username);
    await page.fill("input[name=password]", password);
    await page.click("button[type=submit]");
    await page.waitForSelector("header.header", { timeout: 30_000 });
  }

  async function logout(page: Page): Promise<void> {
    await page.getByRole("button", { name: /^(退出|Log out)$/ }).click();
    await page.waitForSelector("input[name=username]");
  }

  async function mapReady(page: Page, features?: number): Promise<void> {
    const sel =
      features === undefined
        ? "[data-testid=region-map][data-ready=true]"
        : `[data-testid=region-map][data-ready=true][data-features="${features}"]`;
    await page.waitForSelector(sel, { timeout: 60_000 });
  }

  async function shot(page: Page, name: string): Promise<void> {
    if (SHOTS) await page.screenshot({ path: join(SHOTS, `${name}.png`) });
  }

  /** Mean and standard deviation of the luminance of an element's screenshot, and its count of distinct colours. */
  async function pixelStats(
    page: Page,
    selector: string,
  ): Promise<{ mean: number; sd: number; colours: number }> {
    const png = await page.locator(selector).screenshot();
    return page.evaluate(async (b64) => {
      const blob = await (await fetch(`data:image/png;base64,${b64}`)).blob();
      const bmp = await createImageBitmap(blob);
      const c = new OffscreenCanvas(bmp.width, bmp.height);
      const g = c.getContext("2d") as OffscreenCanvasRenderingContext2D;
      g.drawImage(bmp, 0, 0);
      const d = g.getImageData(0, 0, bmp.width, bmp.height).data;
      let s = 0;
      let s2 = 0;
      const colours = new Set<number>();
      const n = d.length / 4;
      for (let i = 0; i < d.length; i += 4) {
        const y = 0.2126 * d[i] + 0.7152 * d[i + 1] + 0.0722 * d[i + 2];
        s += y;
        s2 += y * y;
        colours.add((d[i] << 16) | (d[i + 1] << 8) | d[i + 2]);
      }
      const mean = s / n;
      return { mean, sd: Math.sqrt(Math.max(0, s2 / n - mean * mean)), colours: colours.size };
    }, png.toString("base64"));
  }

  async function apiJson<T>(page: Page, path: string): Promise<T> {
    const res = await page.request.get(`${base}${path}`);
    expect(res.status(), path).toBe(200);
    return (await res.json()) as T;
  }

  /** the CSRF token of the page's session, for writes made with page.request */
  async function csrf(page: Page): Promise<string> {
    return (await apiJson<{ csrfToken: string }>(page, "/api/session")).csrfToken;
  }

  type Obs = {
    regionCode: string;
    indicator: string;
    period: number;
    value: number | null;
    status: string | null;
  };

  it("refuses a wrong password, logs in, and renders the Chongqing map with the indicator's legend", async () => {
    admin = await open();
    const { page } = admin;
    await page.goto(`${base}/`);
    await page.fill("input[name=username]", E2E_USERS.admin.username);
    await page.fill("input[name=password]", "not-the-password");
    await page.click("button[type=submit]");
    await expect.poll(() => page.locator("[role=alert]").textContent()).toContain("用户名或密码错误");

    await login(page, E2E_USERS.admin.username);
    const districts = await apiJson<{ features: unknown[] }>(
      page,
      "/api/regions/500000/features?level=county",
    );
    expect(districts.features.length).toBe(38);
    await mapReady(page, 38);
    await shot(page, "01-map");

    const indicators = await apiJson<{ items: { code: string; nameZh: string; unit: string }[] }>(
      page,
      "/api/indicators",
    );
    const chosen = await page.locator("[data-testid=indicator-select]").inputValue();
    const ind = indicators.items.find((i) => i.code === chosen);
    expect(ind).toBeDefined();
    const legend = page.locator("[data-testid=legend]");
    await expect.poll(() => legend.textContent()).toContain(ind?.nameZh);
    // five quantile classes with number ranges, no NaN anywhere
    await expect.poll(() => legend.locator("li").count()).toBeGreaterThanOrEqual(5);
    expect(await legend.textContent()).not.toMatch(/NaN|undefined/);

    const stats = await pixelStats(page, "[data-testid=region-map]");
    expect(stats.sd).toBeGreaterThan(10);
    expect(stats.colours).toBeGreaterThan(20);
  });

  it("drills from Chongqing to 云阳县 by clicking the map, then to a township, and back by the breadcrumb", async () => {
    const { page } = admin;
    await mapReady(page, 38);
    const yunyang = await apiJson<{ lng: number | null; lat: number | null; name: string }>(
      page,
      "/api/regions/500235",
    );
    expect(yunyang.name).toBe("云阳县");

    // a real click on the canvas, at a rendered pixel of 云阳县's polygon
    const target = await page.evaluate(() => {
      const el = document.querySelector("[data-testid=region-map]") as HTMLElement & {
        __map: {
          queryRenderedFeatures: (a: unknown, b?: unknown) => { properties: { code: string } }[];
          project: (ll: [number, number]) => { x: number; y: number };
        };
      };
      const map = el.__map;
      const box = el.getBoundingClientRect();
      for (let y = 0; y < box.height; y += 4) {
        for (let x = 0; x < box.width; x += 4) {
          const f = map.queryRenderedFeatures([x, y], { layers: ["region-fill"] } as never);
          if (f[0]?.properties.code === "500235") return { x: box.left + x, y: box.top + y };
        }
      }
      return null;
    });
    expect(target).not.toBeNull();
    const townships = await apiJson<{ features: { properties: { code: string; name: string } }[] }>(
      page,
      "/api/regions/500235/features?level=township",
    );
    expect(townships.features.length).toBeGreaterThan(10);
    await page.mouse.click(target?.x as number, target?.y as number);
    await mapReady(page, townships.features.length);
    await expect.poll(() => page.locator("[data-testid=breadcrumb]").textContent()).toMatch(/重庆市.*云阳县/);
    expect(await page.locator("[data-testid=selected-name]").textContent()).toBe("云阳县");
    await shot(page, "02-yunyang");

    // the county's townships are points: circles are drawn
    const circles = await page.evaluate(() => {
      const el = document.querySelector("[data-testid=region-map]") as HTMLElement & {
        __map: { queryRenderedFeatures: (o: unknown) => unknown[] };
      };
      return el.__map.queryRenderedFeatures({ layers: ["region-point"] } as never).length;
    });
    expect(circles).toBeGreaterThan(0);

    // a township from the list (the one with the most villages keeps the check meaningful)
    const town = townships.features[0].properties;
    const villages = await apiJson<{ features: unknown[] }>(
      page,
      `/api/regions/${town.code}/features?level=village`,
    );
    await page.locator("[data-testid=child-list] button", { hasText: town.name }).first().click();
    await mapReady(page, villages.features.length);
    await expect
      .poll(() => page.locator("[data-testid=breadcrumb]").textContent())
      .toMatch(new RegExp(`重庆市.*云阳县.*${town.name}`));
    await shot(page, "03-township");

    await page.locator("[data-testid=breadcrumb] button", { hasText: "重庆市" }).click();
    await mapReady(page, 38);
    expect(await page.locator("[data-testid=breadcrumb]").textContent()).toBe("重庆市");
  });

  it("draws the selected region's time series from the observations", async () => {
    const { page } = admin;
    await mapReady(page, 38);
    const indicator = await page.locator("[data-testid=indicator-select]").inputValue();
    await page.locator("[data-testid=child-list] button", { hasText: "云阳县" }).click();
    const obs = await apiJson<{ items: Obs[] }>(
      page,
      `/api/observations?region=500235&level=county&indicators=${indicator}`,
    );
    const years = new Set(
      obs.items.filter((o) => o.regionCode === "500235" && o.value !== null).map((o) => o.period),
    );
    expect(years.size).toBeGreaterThan(3);
    const chart = page.locator("[data-testid=series-chart]");
    await expect.poll(() => chart.getAttribute("data-points"), { timeout: 30_000 }).toBe(String(years.size));
    // the SVG renderer drew a line path and the year axis labels
    await expect.poll(() => chart.locator("svg path").count()).toBeGreaterThan(3);
    const text = await chart.locator("svg").textContent();
    expect(text).toContain(String(Math.max(...years)));
    await page.locator("[data-testid=breadcrumb] button", { hasText: "重庆市" }).click();
    await mapReady(page, 38);
  });

  it("shows an import's bad row next to that row and writes nothing", async () => {
    const { ctx, page } = await open();
    await login(page, E2E_USERS.entry.username);
    const before = await apiJson<{ items: Obs[] }>(page, "/api/observations?region=500235&level=county");
    const csv = [
      "region_code,indicator,period,value",
      "500235,ECO-01,2025,40123",
      "500235,ECO-02,2025,abc",
      "500235,ECO-01,2024,39001",
    ].join("\n");
    await page.goto(`${base}/#/import`);
    await page
      .locator("[data-testid=import-file]")
      .setInputFiles({ name: "bad-row.csv", mimeType: "text/csv", buffer: Buffer.from(csv, "utf8") });
    await expect.poll(() => page.locator("[data-testid=import-preview] tbody tr").count()).toBe(3);
    await page.click("[data-testid=import-upload]");
    const rejected = page.locator("[data-testid=import-rejected]");
    await expect.poll(() => rejected.textContent(), { timeout: 30_000 }).toContain("未写入任何数据");
    const bad = page.locator('[data-testid=import-preview] tr[data-row="3"]');
    expect(await bad.getAttribute("class")).toContain("bad");
    const errText = await bad.locator("td.row-errors").textContent();
    expect(errText).toContain("abc");
    expect(errText).toContain("不是有效的数字");
    for (const ok of ["2", "4"]) {
      expect(
        await page.locator(`[data-testid=import-preview] tr[data-row="${ok}"]`).getAttribute("class"),
      ).not.toContain("bad");
    }
    await shot(page, "04-import-rejected");
    const after = await apiJson<{ items: Obs[] }>(page, "/api/observations?region=500235&level=county");
    expect(after.items.length).toBe(before.items.length);
    expect(after.items.some((o) => o.period === 2025)).toBe(false);
    await ctx.close();
  });

  it("submit → approve → edit refused", async () => {
    const { ctx, page } = await open();
    const value = async () =>
      (
        await apiJson<{ items: Obs[] }>(
          page,
          "/api/observations?region=500235&level=county&indicators=ECO-01&from=2025&to=2025",
        )
      ).items.find((o) => o.regionCode === "500235");
    const enter = async (v: string) => {
      await page.goto(`${base}/#/data`);
      await page.fill("input[name=period]", "2025");
      await page.locator("select[name=indicator-0]").selectOption("ECO-01");
      await page.fill("input[name=value-0]", v);
      await page.fill("input[name=reason]", "e2e 填报");
      await page.click("[data-testid=entry-save]");
    };

    await login(page, E2E_USERS.entry.username);
    await enter("41000");
    await expect
      .poll(() => page.locator("[role=status]").textContent(), { timeout: 30_000 })
      .toContain("已保存");
    expect((await value())?.value).toBe(41000);
    await page.click("[data-testid=entry-submit]");
    await expect.poll(() => page.locator("[role=status]").textContent()).toContain("已提交审核");
    expect((await value())?.status).toBe("submitted");
    await logout(page);

    await login(page, E2E_USERS.approver.username);
    await page.goto(`${base}/#/approvals`);
    const row = page.locator('[data-testid=inbox-table] tr[data-region="500235"]');
    await expect.poll(() => row.count(), { timeout: 30_000 }).toBeGreaterThan(0);
    await row.first().locator("[data-testid=approve]").click();
    await expect.poll(() => page.locator("[role=status]").textContent()).toContain("操作成功");
    expect((await value())?.status).toBe("approved");
    await logout(page);

    await login(page, E2E_USERS.entry.username);
    await enter("42000");
    const err = page.locator("[data-testid=entry-error]");
    await expect.poll(() => err.getAttribute("data-code"), { timeout: 30_000 }).toBe("invalid_state");
    expect(await err.textContent()).toContain("当前状态不允许此操作");
    await shot(page, "05-edit-refused");
    const kept = await value();
    expect(kept?.value).toBe(41000);
    expect(kept?.status).toBe("approved");
    await ctx.close();
  });

  it("switches the language to English and back, and remembers the choice", async () => {
    const { page } = admin;
    await page.goto(`${base}/#/map`);
    await mapReady(page, 38);
    const nav = page.locator("a[data-route=map]");
    expect(await nav.textContent()).toBe("地图");
    await page.click("[data-testid=lang-switch]");
    await expect.poll(() => nav.textContent()).toBe("Map");
    expect(await page.locator("a[data-route=evaluation]").textContent()).toBe("Evaluation");
    await expect.poll(() => page.locator("[data-testid=legend]").textContent()).toMatch(/Classes: quantiles/);
    expect(await page.evaluate(() => document.documentElement.lang)).toBe("en");
    await page.reload();
    await page.waitForSelector("a[data-route=map]");
    expect(await page.locator("a[data-route=map]").textContent()).toBe("Map");
    await mapReady(page, 38);
    const indicators = await apiJson<{ items: { code: string; nameEn: string | null }[] }>(
      page,
      "/api/indicators",
    );
    const chosen = await page.locator("[data-testid=indicator-select]").inputValue();
    const nameEn = indicators.items.find((i) => i.code === chosen)?.nameEn;
    if (nameEn) await expect.poll(() => page.locator("[data-testid=legend]").textContent()).toContain(nameEn);
    await shot(page, "06-english");
    await page.click("[data-testid=lang-switch]");
    await expect.poll(() => page.locator("a[data-route=map]").textContent()).toBe("地图");
  });

  it("fits a 1024×768 tablet screen without horizontal scrolling", async () => {
    const { page } = admin;
    await page.setViewportSize({ width: 1024, height: 768 });
    await page.goto(`${base}/#/map`);
    await mapReady(page, 38);
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    expect(overflow).toBeLessThanOrEqual(0);
    const box = await page.locator("[data-testid=region-map]").boundingBox();
    expect(box?.width ?? 0).toBeGreaterThan(500);
    expect(box?.height ?? 0).toBeGreaterThan(350);
    await shot(page, "07-tablet");
    await page.setViewportSize({ width: 1366, height: 768 });
  });

  it("shows urban and rural income with the ratio line and the Theil index of a district", async () => {
    const { page } = admin;
    await page.goto(`${base}/#/pair`);
    await page.locator("[data-testid=pair-region]").selectOption("500235");
    const chart = page.locator("[data-testid=pair-chart]");
    await expect.poll(() => chart.getAttribute("data-points"), { timeout: 30_000 }).not.toBe(null);
    expect(Number(await chart.getAttribute("data-points"))).toBeGreaterThan(10);
    const ratio = await page.locator("[data-testid=pair-ratio]").textContent();
    expect(ratio).toMatch(/^\d+\.\d{2}/);
    // the ratio shown is urban ÷ rural of the latest year, recomputed here from the API
    type Row = { regionCode: string; indicator: string; period: number; value: number | null };
    const obs = await apiJson<{ items: Row[] }>(
      page,
      "/api/observations?region=500235&level=county&indicators=ECO-01,ECO-02",
    );
    // latest year with both incomes (the submit test above left a lone urban value for 2025)
    const both = (y: number) =>
      ["ECO-01", "ECO-02"].every((c) =>
        obs.items.some((o) => o.indicator === c && o.period === y && o.value !== null),
      );
    const last = Math.max(...obs.items.map((o) => o.period).filter(both));
    const v = (code: string) =>
      obs.items.find((o) => o.indicator === code && o.period === last)?.value as number;
    expect(ratio?.startsWith((v("ECO-01") / v("ECO-02")).toFixed(2))).toBe(true);
    await expect
      .poll(() => page.locator("[data-testid=pair-theil]").textContent(), { timeout: 30_000 })
      .toMatch(/^0\.\d{4}$/);
    await shot(page, "09-pair");
  });

  it("runs an evaluation scheme with a progress bar and shows the ranking, index map and obstacle factors", async () => {
    const { page } = admin;
    await page.goto(`${base}/#/evaluation`);
    // a shipped scheme from GET /api/schemes when the server lists them, else the same scheme file uploaded
    const listed = await page.request.get(`${base}/api/schemes`);
    if (listed.status() === 200 && JSON.stringify(await listed.json()).includes("chongqing-default")) {
      await page.locator("[data-testid=run-chongqing-default]").click();
    } else {
      const scheme = fileURLToPath(new URL("../../../schemes/chongqing-default.yaml", import.meta.url));
      await page.locator("[data-testid=scheme-file]").setInputFiles(scheme);
    }
    const job = page.locator("[data-testid=job-status]");
    await expect.poll(() => job.getAttribute("data-status"), { timeout: 120_000 }).toMatch(/^(done|failed)$/);
    expect(await job.getAttribute("data-status")).toBe("done");
    expect(await job.locator("progress").getAttribute("value")).toBe("100");

    type Run = { id: string; created_at?: string; createdAt?: string };
    const runs = await apiJson<{ items: Run[] }>(page, "/api/evaluations");
    expect(runs.items.length).toBeGreaterThan(0);
    const run = await apiJson<{ rows?: { year: number; region: string }[]; results?: { year: number }[] }>(
      page,
      `/api/evaluations/${runs.items[0].id}`,
    );
    const rows = run.rows ?? run.results ?? [];
    const lastYear = Math.max(...rows.map((r) => r.year));
    const expected = rows.filter((r) => r.year === lastYear).length;
    const table = page.locator("[data-testid=ranking-table] tbody tr");
    await expect.poll(() => table.count(), { timeout: 30_000 }).toBe(expected);
    expect(await table.first().locator("td").first().textContent()).toBe("1");
    expect(await page.locator("[data-testid=ranking-table]").textContent()).not.toMatch(/NaN|undefined/);
    await page.waitForSelector('[data-testid=eval-map][data-ready=true][data-features="38"]', {
      timeout: 60_000,
    });
    await table.nth(1).click();
    const obstacles = page.locator("[data-testid=obstacle-chart]");
    await expect.poll(() => obstacles.getAttribute("data-points"), { timeout: 30_000 }).not.toBe("0");
    await obstacles.scrollIntoViewIfNeeded();
    await shot(page, "08-evaluation");
  });

  it("publishes and unpublishes the run, and builds a downloadable HTML report from the evaluation page", async () => {
    const { page } = admin;
    await page.goto(`${base}/#/evaluation`);
    const pub = page.locator("[data-testid=publication]");
    await expect
      .poll(() => pub.getAttribute("data-status"), { timeout: 30_000 })
      .toMatch(/^(succeeded|done)$/);
    await page.fill("[data-testid=publication-reason]", "e2e 发布");
    await page.click("[data-testid=publish]");
    await expect
      .poll(() => page.locator("[data-testid=publication-done]").textContent(), { timeout: 60_000 })
      .toMatch(/^已发布：所用 \d+ 条数据中新锁定 \d+ 条/);
    await expect.poll(() => pub.getAttribute("data-status"), { timeout: 30_000 }).toBe("published");
    expect(await page.locator("[data-testid=publication-status]").textContent()).toBe("已发布");
    const runs = await apiJson<{ items: { id: string; status: string }[] }>(page, "/api/evaluations");
    const runId = await page.locator("[data-testid=run-select]").inputValue();
    expect(runs.items.find((r) => r.id === runId)?.status).toBe("published");
    // a locked value refuses edits: the publication really locked the data it used
    const locked = await apiJson<{ items: Obs[] }>(
      page,
      "/api/observations?region=500235&level=county&indicators=ECO-01&from=2020&to=2020",
    );
    expect(locked.items.find((o) => o.regionCode === "500235")?.status).toBe("locked");
    await pub.scrollIntoViewIfNeeded();
    await shot(page, "11-published");
    await page.click("[data-testid=unpublish]");
    await expect.poll(() => pub.getAttribute("data-status"), { timeout: 60_000 }).toBe("succeeded");
    expect(await page.locator("[data-testid=publication-done]").textContent()).toContain("已撤销发布");
    // unpublishing again is refused by the server, and the refusal is shown in words
    const again = await page.request.post(`${base}/api/evaluations/${encodeURIComponent(runId)}/unpublish`, {
      headers: { "x-csrf-token": await csrf(page) },
      data: {},
    });
    expect(again.status()).toBe(409);

    // the report of the run's region and year, as HTML
    const panel = page.locator("[data-testid=eval-report-panel]");
    await expect.poll(() => panel.locator("[data-testid=eval-report-plan]").inputValue()).toBe(PLAN_ID);
    await panel.locator("[data-testid=eval-report-generate]").click();
    const job = panel.locator("[data-testid=eval-report-job]");
    await expect.poll(() => job.getAttribute("data-status"), { timeout: 180_000 }).toMatch(/^(done|failed)$/);
    expect(await job.getAttribute("data-status")).toBe("done");
    expect(await job.locator("progress").getAttribute("value")).toBe("100");
    const link = panel.locator("[data-testid=eval-report-download]");
    const href = (await link.getAttribute("href")) as string;
    const jobId = decodeURIComponent(href.split("/")[3]);
    const result = (
      await apiJson<{ result: { runHash: string; format: string; year: number } }>(page, `/api/jobs/${jobId}`)
    ).result;
    expect(result.format).toBe("html");
    const [download] = await Promise.all([page.waitForEvent("download"), link.click()]);
    expect(download.suggestedFilename()).toMatch(/^ronghe-report-500000-\d{4}\.html$/);
    const html = readFileSync((await download.path()) as string, "utf8");
    expect(html).toContain("城乡融合发展专项评估报告");
    expect(html).toContain(result.runHash);
    for (const name of ["云阳县", "万州区", "渝中区"]) expect(html).toContain(name);
    expect(html).not.toMatch(/NaN/);
    await panel.scrollIntoViewIfNeeded();
    await shot(page, "12-report");

    // the header offers the same for the selected region, with the scheme's years
    await page.click("[data-testid=header-report-button]");
    const years = await page.locator("[data-testid=header-report-year] option").allTextContents();
    expect(years).toContain("2020");
    // the report's language follows the UI language
    expect(await page.locator("[data-testid=header-report-lang]").inputValue()).toBe("zh");
    await shot(page, "13-header-report");
    await page.click("[data-testid=header-report-button]");
  });

  it("shows the monitoring board of the demo plan at 2020 with status colours, filters and a target's detail", async () => {
    const { page } = admin;
    await page.goto(`${base}/#/monitor`);
    await expect
      .poll(() => page.locator("[data-testid=monitor-plan]").inputValue(), { timeout: 30_000 })
      .toBe(PLAN_ID);
    await page.locator("[data-testid=monitor-year]").selectOption("2020");
    const grid = page.locator("[data-testid=monitor-grid]");
    await expect
      .poll(
        async () => `${await grid.getAttribute("data-year")}/${await grid.getAttribute("data-loading")}`,
        {
          timeout: 60_000,
        },
      )
      .toBe("2020/false");
    expect(await page.locator("[data-testid=monitor-illustrative]").textContent()).toContain("非官方规划");

    type Result = { targetId: string; region: string; status: string; observations: unknown[] };
    type View = { results: Result[]; targets: { id: string; kind: string; department: string }[] };
    const view = await apiJson<View>(page, `/api/plans/${PLAN_ID}/status?year=2020`);
    expect(view.results.length).toBeGreaterThan(200);
    const cells = grid.locator("td.cell[data-status]");
    await expect.poll(() => cells.count()).toBe(view.results.length);
    const shown = await cells.evaluateAll((tds) =>
      tds.map((td) => {
        const el = td as HTMLElement;
        return {
          key: `${el.dataset.target}|${el.dataset.region}`,
          status: el.dataset.status,
          bg: getComputedStyle(el).backgroundColor,
          text: el.textContent ?? "",
        };
      }),
    );
    const byKey = new Map(shown.map((c) => [c.key, c]));
    for (const r of view.results) expect(byKey.get(`${r.targetId}|${r.region}`)?.status).toBe(r.status);
    // one colour per status, and the status symbol in every cell (colour is not the only cue)
    const colours = new Map<string, Set<string>>();
    for (const c of shown)
      colours.set(c.status as string, (colours.get(c.status as string) ?? new Set()).add(c.bg));
    expect(colours.get("achieved")).toEqual(new Set(["rgb(0, 158, 115)"]));
    expect(colours.get("off_track")).toEqual(new Set(["rgb(213, 94, 0)"]));
    expect(colours.get("no_data")).toEqual(new Set(["rgb(224, 224, 224)"]));
    const symbols: Record<string, string> = { achieved: "✓", off_track: "✗", no_data: "∅" };
    for (const c of shown)
      if (symbols[c.status as string]) expect(c.text).toContain(symbols[c.status as string]);
    expect(shown.some((c) => /NaN|undefined/.test(c.text))).toBe(false);
    const legend = await page.locator("[data-testid=status-legend]").textContent();
    for (const label of ["已完成", "进度正常", "存在风险", "进度滞后", "无数据", "无法评估"])
      expect(legend).toContain(label);
    await shot(page, "14-monitor");

    // filters: kind 约束性, then a department
    const heads = grid.locator("thead th.target-head");
    const binding = view.targets.filter((t) => t.kind === "binding").map((t) => t.id);
    await page.locator("[data-testid=monitor-kind]").selectOption("binding");
    await expect.poll(() => heads.count()).toBe(binding.length);
    expect(await heads.evaluateAll((ths) => ths.map((th) => (th as HTMLElement).dataset.target))).toEqual(
      binding,
    );
    await page.locator("[data-testid=monitor-kind]").selectOption("");
    const dept = view.targets[0].department;
    await page.locator("[data-testid=monitor-department]").selectOption(dept);
    await expect.poll(() => heads.count()).toBe(view.targets.filter((t) => t.department === dept).length);
    await page.locator("[data-testid=monitor-department]").selectOption("");
    await expect.poll(() => heads.count()).toBe(view.targets.length);

    // a cell's detail: baseline, target, progress, observations used, and the series chart with the target line
    const pick = view.results.find((r) => r.targetId === "CQ-T02" && r.region === "500235") as Result;
    await grid.locator(`td[data-target="CQ-T02"][data-region="500235"] button`).click();
    const detail = page.locator("[data-testid=monitor-detail]");
    await expect
      .poll(() => detail.locator("[data-testid=detail-status]").getAttribute("data-status"))
      .toBe(pick.status);
    expect(await detail.locator("h2").textContent()).toContain("云阳县");
    expect(await detail.locator("[data-testid=detail-baseline]").textContent()).toMatch(
      /^2015 · [\d,.]+ 元$/,
    );
    expect(await detail.locator("[data-testid=detail-target]").textContent()).toBe("2020 · 年均增长 ≥ 9%");
    expect(await detail.locator("[data-testid=detail-progress]").textContent()).toMatch(/-?\d+(\.\d)?%/);
    expect(await detail.locator("[data-testid=detail-observations] tbody tr").count()).toBe(
      pick.observations.length,
    );
    expect(await detail.locator("[data-testid=detail-observations]").textContent()).toContain("ECO-02@r");
    const chart = detail.locator("[data-testid=target-chart]");
    await expect.poll(() => chart.getAttribute("data-points"), { timeout: 30_000 }).not.toBe("0");
    expect(await chart.locator("svg").textContent()).toContain("目标");
    expect(await detail.textContent()).not.toMatch(/NaN|undefined/);
    await detail.scrollIntoViewIfNeeded();
    await shot(page, "15-monitor-detail");
    // the same board in English
    await page.click("[data-testid=lang-switch]");
    await expect.poll(() => page.locator("[data-testid=status-legend]").textContent()).toContain("Off track");
    expect(await detail.locator("[data-testid=detail-target]").textContent()).toBe(
      "2020 · average annual growth ≥ 9%",
    );
    await shot(page, "16-monitor-english");
    await page.click("[data-testid=lang-switch]");
    await expect.poll(() => page.locator("[data-testid=status-legend]").textContent()).toContain("进度滞后");
  });

  it("lists the warnings of the monitor run, shows their evidence, and assigns, comments and closes one", async () => {
    const { page } = admin;
    type W = {
      id: string;
      type: string;
      status: string;
      assignee: string | null;
      comments: { text: string }[];
    };
    const listed = await apiJson<{ items: W[] }>(page, "/api/warnings?status=open,assigned");
    expect(listed.items.length).toBeGreaterThan(0);
    await page.goto(`${base}/#/warnings`);
    const rows = page.locator("[data-testid=warn-table] tbody tr");
    await expect.poll(() => rows.count(), { timeout: 30_000 }).toBe(listed.items.length);
    expect(await page.locator("[data-testid=warn-count]").textContent()).toBe(`共 ${listed.items.length} 条`);

    const evidence = page.locator("[data-testid=warn-evidence]");
    const jump = listed.items.find((w) => w.type === "implausible_jump");
    if (jump) {
      await page.locator(`[data-testid=warn-table] tr[data-id="${jump.id}"]`).click();
      await expect.poll(() => evidence.textContent()).toMatch(/年 → \d{4} 年：[\d,]+ 人 → [\d,]+ 人/);
      expect(await evidence.textContent()).toMatch(/本地区历年变化中位数|同类地区/);
      await shot(page, "17-warning-jump");
    }
    const missing = listed.items.find((w) => w.type === "missing_report") as W;
    await page.locator(`[data-testid=warn-table] tr[data-id="${missing.id}"]`).click();
    await expect.poll(() => evidence.textContent()).toMatch(/年数据应于 \d{4}-\d{2}-\d{2} 前报送/);

    const target = listed.items.find((w) => w.type === "status_change" && w.status === "open") as W;
    const row = page.locator(`[data-testid=warn-table] tr[data-id="${target.id}"]`);
    await row.click();
    await expect.poll(() => evidence.textContent()).toMatch(/^状态：.+ → (存在风险|进度滞后)/);
    // the assignee must be able to read the warning's region: the municipality's approver can
    await page.fill("[data-testid=warn-assignee]", E2E_USERS.approver.username);
    await page.click("[data-testid=warn-assign]");
    await expect.poll(() => row.getAttribute("data-status"), { timeout: 30_000 }).toBe("assigned");
    expect(await row.locator("td").nth(5).textContent()).toBe(E2E_USERS.approver.username);
    await page.fill("[data-testid=warn-comment-text]", "e2e 已督促补充说明");
    await page.click("[data-testid=warn-comment]");
    await expect
      .poll(() => page.locator("[data-testid=warn-comments]").textContent())
      .toContain("e2e 已督促补充说明");
    await shot(page, "18-warning-assigned");
    await page.fill("[data-testid=warn-resolution]", "e2e 已核实");
    await page.click("[data-testid=warn-close]");
    await expect.poll(() => row.getAttribute("data-status"), { timeout: 30_000 }).toBe("closed");
    expect(await page.locator("[data-testid=warn-detail]").textContent()).toContain("处理结果：e2e 已核实");

    const after = await apiJson<{ items: (W & { resolution: string })[] }>(
      page,
      "/api/warnings?status=closed",
    );
    const closed = after.items.find((w) => w.id === target.id);
    expect(closed).toMatchObject({
      status: "closed",
      assignee: E2E_USERS.approver.username,
      resolution: "e2e 已核实",
    });
    expect(closed?.comments.map((c) => c.text)).toEqual(["e2e 已督促补充说明"]);
    const audit = await apiJson<{ items: { action: string; targetId: string | null }[] }>(
      page,
      `/api/audit?actor=${E2E_USERS.admin.username}&limit=200`,
    );
    const actions = audit.items
      .filter((a) => a.targetId === target.id)
      .map((a) => a.action)
      .sort();
    expect(actions).toEqual(["warning.assign", "warning.close", "warning.comment"]);
    // the closed filter shows it; the default (open, assigned) no longer does after a reload
    await page.reload();
    await expect.poll(() => rows.count(), { timeout: 30_000 }).toBe(listed.items.length - 1);
  });

  it("lets an admin search the audit log by actor", async () => {
    const { page } = admin;
    await page.goto(`${base}/#/audit`);
    await page.fill("input[name=actor]", E2E_USERS.entry.username);
    await page.getByRole("button", { name: "查询" }).click();
    const rows = page.locator("[data-testid=audit-table] tbody tr");
    await expect.poll(() => rows.count(), { timeout: 30_000 }).toBeGreaterThan(0);
    const actors = await rows.locator("td:nth-child(2)").allTextContents();
    expect(new Set(actors)).toEqual(new Set([E2E_USERS.entry.username]));
    await shot(page, "10-audit");
  });
});
