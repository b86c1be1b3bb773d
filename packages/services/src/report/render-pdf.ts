// Prints report HTML to an A4 PDF with headless Chromium (playwright-core driving the system's chromium; no
// browser download). Header: the document title; footer: 第 N 页 / 共 M 页. Network requests are refused (the
// HTML is self-contained).
//
// Table of contents page numbers: Chromium cannot compute them (no CSS target-counter), so the PDF is printed
// once, `pdftotext` (poppler-utils) gives each page's text, every chapter heading (`data-toc-heading`) is
// looked up on the pages after the contents page, the numbers are written into the `data-toc-page` slots and
// the PDF is printed again (and checked once more). Without pdftotext the contents list chapters without page
// numbers and the result says so (`tocPages: null`).
import { execFile } from "node:child_process";
import { accessSync, constants } from "node:fs";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { delimiter, join } from "node:path";
import { promisify } from "node:util";
import { RongheError } from "@ronghe/core";
import { esc } from "./html.ts";

const run = promisify(execFile);

export const CHROMIUM_ARGS = [
  "--no-sandbox",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
];

export interface RenderPdfOptions {
  /** chromium binary (default: RONGHE_CHROMIUM, then `chromium` on PATH, then /usr/bin/chromium) */
  executablePath?: string;
  /** running header text (default: the HTML <title>) */
  headerTitle?: string;
  /** fill the contents' page numbers (default true; needs pdftotext) */
  tocPageNumbers?: boolean;
}

export interface RenderPdfResult {
  path: string;
  pages: number;
  bytes: number;
  /** chapter id → page number, or null when the numbers could not be computed */
  tocPages: Record<string, number> | null;
}

function executable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** Looks a program up on PATH (like `command -v`). */
export function findOnPath(name: string): string | null {
  for (const dir of (process.env.PATH ?? "").split(delimiter)) {
    if (dir && executable(join(dir, name))) return join(dir, name);
  }
  return null;
}

export function findChromium(): string | null {
  const env = process.env.RONGHE_CHROMIUM;
  if (env) return executable(env) ? env : null;
  return (
    findOnPath("chromium") ??
    findOnPath("chromium-browser") ??
    (executable("/usr/bin/chromium") ? "/usr/bin/chromium" : null)
  );
}

const NO_CHROMIUM =
  "PDF needs chromium: apt-get install chromium fonts-noto-cjk（生成 PDF 需要 chromium 与 fonts-noto-cjk）";

export async function renderPdf(
  html: string,
  outPath: string,
  options: RenderPdfOptions = {},
): Promise<RenderPdfResult> {
  const exe = options.executablePath ?? findChromium();
  if (!exe || !executable(exe))
    throw new RongheError("invalid_input", NO_CHROMIUM, { chromium: exe ?? null });
  const { chromium } = await import("playwright-core");
  let browser: Awaited<ReturnType<typeof chromium.launch>>;
  try {
    browser = await chromium.launch({ executablePath: exe, args: CHROMIUM_ARGS, headless: true });
  } catch (error) {
    throw new RongheError("invalid_input", `${NO_CHROMIUM}: ${(error as Error).message.split("\n")[0]}`, {
      chromium: exe,
    });
  }
  const dir = await mkdtemp(join(tmpdir(), "ronghe-pdf-"));
  try {
    const context = await browser.newContext();
    await context.route("**/*", (route) => route.abort());
    const page = await context.newPage();
    await page.setContent(html, { waitUntil: "load" });
    await page.evaluate(() => document.fonts.ready);
    const title = options.headerTitle ?? (await page.title());
    const print = () =>
      page.pdf({
        format: "A4",
        printBackground: true,
        displayHeaderFooter: true,
        margin: { top: "18mm", bottom: "18mm", left: "15mm", right: "15mm" },
        headerTemplate: `<div style="width:100%;font-family:'Noto Sans CJK SC',sans-serif;font-size:8px;color:#666;padding:0 15mm;text-align:right;">${esc(title)}</div>`,
        footerTemplate:
          `<div style="width:100%;font-family:'Noto Sans CJK SC',sans-serif;font-size:9px;color:#333;text-align:center;">` +
          `第 <span class="pageNumber"></span> 页 / 共 <span class="totalPages"></span> 页</div>`,
        outline: true,
      });

    let pdf = await print();
    let tocPages: Record<string, number> | null = null;
    const headings = await page.evaluate(() =>
      [...document.querySelectorAll("[data-toc-heading]")].map((h) => ({
        id: (h.closest("[id]") as HTMLElement | null)?.id ?? "",
        text: h.getAttribute("data-toc-heading") ?? "",
      })),
    );
    if (options.tocPageNumbers !== false && headings.length > 0 && findOnPath("pdftotext")) {
      for (let pass = 0; pass < 3; pass++) {
        const found = await headingPages(pdf, headings, dir);
        if (!found) break;
        if (tocPages && sameNumbers(tocPages, found)) break; // the numbers printed are right
        tocPages = found;
        await page.evaluate((numbers) => {
          for (const el of document.querySelectorAll("[data-toc-page]")) {
            const n = numbers[el.getAttribute("data-toc-page") ?? ""];
            el.textContent = n === undefined ? "" : String(n);
          }
        }, found);
        pdf = await print();
      }
    }
    await writeFile(outPath, pdf);
    return { path: outPath, pages: countPages(pdf), bytes: pdf.length, tocPages };
  } finally {
    await browser.close();
    await rm(dir, { recursive: true, force: true });
  }
}

function sameNumbers(a: Record<string, number>, b: Record<string, number>): boolean {
  const keys = Object.keys(b);
  return keys.length === Object.keys(a).length && keys.every((k) => a[k] === b[k]);
}

/** Text of each page of a PDF through pdftotext (pages split on form feeds). */
export async function pdfPageTexts(pdfPath: string): Promise<string[]> {
  const { stdout } = await run("pdftotext", ["-enc", "UTF-8", pdfPath, "-"], { maxBuffer: 1 << 28 });
  const pages = stdout.split("\f");
  if (pages.length > 0 && pages[pages.length - 1].trim() === "") pages.pop();
  return pages;
}

const squash = (s: string) => s.replace(/\s+/gu, "");

async function headingPages(
  pdf: Buffer,
  headings: ReadonlyArray<{ id: string; text: string }>,
  dir: string,
): Promise<Record<string, number> | null> {
  const file = join(dir, "pass.pdf");
  await writeFile(file, pdf);
  const pages = (await pdfPageTexts(file)).map(squash);
  const wanted = headings.map((h) => squash(h.text));
  // The contents page lists every heading; chapters are looked for after it, in order.
  const tocIndex = pages.findIndex((p) => wanted.every((w) => p.includes(w)));
  let from = tocIndex + 1;
  const out: Record<string, number> = {};
  for (let i = 0; i < headings.length; i++) {
    let at = -1;
    for (let p = from; p < pages.length; p++) {
      if (pages[p].includes(wanted[i])) {
        at = p;
        break;
      }
    }
    if (at < 0) return null;
    out[headings[i].id] = at + 1;
    from = at;
  }
  return out;
}

function countPages(pdf: Buffer): number {
  const matches = pdf.toString("latin1").match(/\/Type\s*\/Page(?![a-zA-Z])/g);
  return matches ? matches.length : 0;
}
