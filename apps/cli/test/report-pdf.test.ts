// `ronghe report --out r.pdf` on the Chongqing demo, printed by headless Chromium: the PDF's text (pdftotext)
// holds the ranking table with all 38 districts, the municipal income ratio and the run hash; the map page is
// not blank; the fonts are the Noto CJK ones. Skips, saying why, when chromium or poppler-utils is missing.
import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { buildDemo, findChromium, findOnPath, SYSTEM_ACTOR } from "@ronghe/services";
import { openStore } from "@ronghe/store";
import { afterAll, describe, expect, it } from "vitest";

const run = promisify(execFile);
const BIN = new URL("../bin/ronghe.js", import.meta.url).pathname;
const dir = mkdtempSync(join(tmpdir(), "ronghe-report-pdf-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const missing = [
  findChromium() === null ? "chromium" : null,
  ...["pdftotext", "pdftoppm", "pdffonts"].map((t) => (findOnPath(t) === null ? t : null)),
].filter((x) => x !== null);
if (missing.length > 0) {
  console.warn(
    `report PDF test skipped: missing ${missing.join(", ")} (apt-get install chromium fonts-noto-cjk poppler-utils)`,
  );
}

/** Mean and variance of the grey levels of a binary PGM (P5) image, and the share of non-white pixels. */
function pgmStats(bytes: Buffer): { mean: number; variance: number; inked: number } {
  const header = bytes.toString("latin1", 0, 64).match(/^P5\s+(\d+)\s+(\d+)\s+(\d+)\s/);
  if (!header) throw new Error("not a PGM");
  const pixels = bytes.subarray(header[0].length);
  let sum = 0;
  let sq = 0;
  let inked = 0;
  for (const p of pixels) {
    sum += p;
    sq += p * p;
    if (p < 240) inked++;
  }
  const mean = sum / pixels.length;
  return { mean, variance: sq / pixels.length - mean * mean, inked: inked / pixels.length };
}

describe.skipIf(missing.length > 0)("ronghe report (PDF)", () => {
  it("prints the report with every district, the income ratio, the run hash, maps and CJK fonts", async () => {
    const db = join(dir, "demo.db");
    const store = await openStore(db);
    try {
      await buildDemo({ store, actor: SYSTEM_ACTOR });
    } finally {
      await store.close();
    }
    const pdf = join(dir, "r.pdf");
    const { stdout } = await run(
      "node",
      [BIN, "report", "--region", "500000", "--year", "2020", "--out", pdf, "--db", db, "--json"],
      {
        maxBuffer: 1 << 26,
      },
    );
    const result = JSON.parse(stdout);
    expect(result.format).toBe("pdf");
    expect(result.runHash).toMatch(/^[0-9a-f]{64}$/);
    expect(result.pages).toBeGreaterThan(8);

    const text = (await run("pdftotext", ["-enc", "UTF-8", pdf, "-"], { maxBuffer: 1 << 26 })).stdout;
    const pages = text.split("\f");
    const flat = text.replace(/\s+/g, "");
    expect(flat).toContain(result.runHash);
    // contents with page numbers that point at the chapters
    expect(Object.keys(result.tocPages)).toHaveLength(7);
    expect(pages[result.tocPages["sec-3"] - 1].replace(/\s+/g, "")).toContain("3综合指数排名");

    // every district on the ranking pages (the chapter runs from its page to the next chapter)
    const ranking = pages
      .slice(result.tocPages["sec-3"] - 1, result.tocPages["sec-4"] - 1)
      .join("\n")
      .replace(/\s+/g, "");
    const store2 = await openStore(db);
    const districts = await store2.descendants("500000", { level: "county" });
    const view = await store2.listEvaluationRuns({ limit: 1 });
    const results = await store2.getEvaluationResults(view[0].id);
    await store2.close();
    expect(districts).toHaveLength(38);
    for (const d of districts) expect(ranking).toContain(d.name);
    const first = results
      .map((r) => r.payload as { year: number; rank: number; index: number; name: string })
      .find((r) => r.year === 2020 && r.rank === 1)!;
    expect(ranking).toContain(`1${first.name}`);
    expect(ranking).toContain(first.index.toFixed(4));

    // the municipal income ratio as the HTML report computed it
    const html = join(dir, "r.html");
    const htmlRun = JSON.parse(
      (
        await run(
          "node",
          [BIN, "report", "--region", "500000", "--year", "2020", "--out", html, "--db", db, "--json"],
          { maxBuffer: 1 << 26 },
        )
      ).stdout,
    );
    expect(htmlRun.runHash).toBe(result.runHash);
    const ratio =
      /全市城乡居民收入比<\/div><div class="v">([0-9.]+)/.exec(readFileSync(html, "utf8"))?.[1] ?? "";
    expect(ratio).toMatch(/^\d\.\d\d$/);
    expect(pages[result.tocPages["sec-1"] - 1].replace(/\s+/g, "")).toContain(`${ratio}估算`);
    // the chapter 2 table row of 2020: urban, rural, gap, ratio, basis
    const chapter2 = pages[result.tocPages["sec-2"] - 1].replace(/\s+/g, "");
    expect(chapter2).toMatch(
      new RegExp(`2020\\d{2},\\d{3}\\d{2},\\d{3}\\d{2},\\d{3}${ratio.replace(".", "\\.")}估算`),
    );

    // page 1 and the index map page are drawn (not blank)
    const mapPage =
      pages.findIndex(
        (p, i) =>
          i >= result.tocPages["sec-3"] - 1 && p.replace(/\s+/g, "").includes("综合指数（0–1，无量纲）"),
      ) + 1;
    expect(mapPage).toBeGreaterThan(0);
    for (const n of [1, mapPage]) {
      const prefix = join(dir, `p${n}`);
      await run("pdftoppm", [
        "-gray",
        "-r",
        "60",
        "-f",
        String(n),
        "-l",
        String(n),
        "-singlefile",
        pdf,
        prefix,
      ]);
      const stats = pgmStats(readFileSync(`${prefix}.pgm`));
      // page 1: text on white; the map page: a large share of the page in colour
      expect(stats.variance).toBeGreaterThan(n === 1 ? 50 : 1000);
      expect(stats.inked).toBeGreaterThan(n === 1 ? 0.01 : 0.06);
    }

    // fonts: Chromium embeds the CFF-based Noto CJK faces as Type 3 fonts, which pdffonts lists without a
    // name; the font descriptors carry the family, so both are checked.
    const fonts = (await run("pdffonts", [pdf])).stdout;
    expect(fonts).toMatch(/Type 3\s+Custom\s+yes\s+no\s+yes/);
    const raw = readFileSync(pdf).toString("latin1");
    expect(raw).toMatch(/\/FontFamily \(Noto (Sans|Serif) CJK SC\)/);
    expect(flat).not.toMatch(/NaN|undefined/);
  }, 300_000);
});
