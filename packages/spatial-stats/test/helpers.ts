// Test helpers: a dense, deliberately naive implementation of the spec formulas (spec §1 weights, §5 moran, lisa,
// getis-ord) to check the CSR engines against, and a runner for the shared reference cases.
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { type AnalysisSpec, parseAnalysisSpec } from "@ronghe/core";

/** The public reference cases (fixtures/validation/analysis is the repository's copy of the shared set). */
export const CASES_DIR = fileURLToPath(new URL("../../../fixtures/validation/analysis", import.meta.url));

export function loadCase(name: string): { spec: AnalysisSpec; expectedPath: string } {
  const spec = parseAnalysisSpec(JSON.parse(readFileSync(join(CASES_DIR, `${name}.spec.json`), "utf8")));
  return { spec, expectedPath: join(CASES_DIR, `${name}.expected.json`) };
}

/** Runs the shared comparator on an outcome; returns "ok" or its mismatch lines. */
export function compareWithCase(
  expectedPath: string,
  method: string,
  outcome: { result: Record<string, unknown>; warnings: string[] },
): string {
  const dir = mkdtempSync(join(tmpdir(), "spatial-case-"));
  const out = join(dir, "out.json");
  writeFileSync(
    out,
    JSON.stringify({ method, spec_version: 1, result: outcome.result, warnings: outcome.warnings }),
  );
  try {
    return execFileSync("node", [join(CASES_DIR, "compare.mjs"), expectedPath, out, "0"])
      .toString()
      .trim();
  } catch (e) {
    return String((e as { stdout?: Buffer }).stdout ?? e);
  }
}

/** The error code `fn` throws, or undefined when it returns. */
export function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (e) {
    return (e as { code?: string }).code;
  }
  return undefined;
}

/** A spec of a spatial method on column "x" of `rows` (no `style` = the engine's default). */
export function spatialSpec(
  method: AnalysisSpec["method"],
  rows: Array<Record<string, unknown>>,
  neighbors: Record<string, string[]>,
  params: Record<string, unknown>,
  style?: "W" | "B",
): AnalysisSpec {
  return {
    method,
    params: { column: "x", ...params },
    data: { rows: rows as AnalysisSpec["data"]["rows"] },
    weights: style ? { neighbors, style } : { neighbors },
  };
}

/** Dense n×n weights from neighbour lists over `ids` (already subset), styled as spec §1. */
export function denseWeights(
  ids: string[],
  neighbors: Record<string, string[]>,
  style: "W" | "B",
  includeSelf = false,
): number[][] {
  const pos = new Map(ids.map((id, i) => [id, i]));
  return ids.map((id, i) => {
    const row = new Array(ids.length).fill(0);
    const list = neighbors[id].filter((nb) => pos.has(nb)).map((nb) => pos.get(nb) as number);
    if (includeSelf) list.push(i);
    for (const j of list) row[j] = style === "W" ? 1 / list.length : 1;
    return row;
  });
}

export function denseMoran(x: number[], W: number[][], adjustN: boolean) {
  const n = x.length;
  const mean = x.reduce((a, b) => a + b, 0) / n;
  const z = x.map((v) => v - mean);
  const islands = W.filter((row) => row.every((v) => v === 0)).length;
  const ns = adjustN ? n - islands : n;
  let s0 = 0;
  let s1 = 0;
  let s2 = 0;
  let num = 0;
  for (let i = 0; i < n; i++) {
    let rs = 0;
    let cs = 0;
    for (let j = 0; j < n; j++) {
      s0 += W[i][j];
      s1 += 0.5 * (W[i][j] + W[j][i]) ** 2;
      rs += W[i][j];
      cs += W[j][i];
      num += W[i][j] * z[i] * z[j];
    }
    s2 += (rs + cs) ** 2;
  }
  const m2 = z.reduce((a, v) => a + v * v, 0);
  const m4 = z.reduce((a, v) => a + v ** 4, 0);
  const b2 = (n * m4) / (m2 * m2);
  const I = ((ns / s0) * num) / m2;
  const EI = -1 / (ns - 1);
  const vn = (ns * ns * s1 - ns * s2 + 3 * s0 * s0) / (s0 * s0 * (ns * ns - 1)) - EI * EI;
  const vr =
    (ns * ((ns * ns - 3 * ns + 3) * s1 - ns * s2 + 3 * s0 * s0) -
      b2 * ((ns * ns - ns) * s1 - 2 * ns * s2 + 6 * s0 * s0)) /
      ((ns - 1) * (ns - 2) * (ns - 3) * s0 * s0) -
    EI * EI;
  return { I, EI, vn, vr, s0, s1, s2, islands };
}

export function denseLisa(x: number[], W: number[][], variance: "conditional" | "total") {
  const n = x.length;
  const mean = x.reduce((a, b) => a + b, 0) / n;
  const z = x.map((v) => v - mean);
  const m2 = z.reduce((a, v) => a + v * v, 0) / n;
  const b2 = z.reduce((a, v) => a + v ** 4, 0) / n / (m2 * m2);
  return z.map((zi, i) => {
    const wi = W[i].reduce((a, v) => a + v, 0);
    const wi2 = W[i].reduce((a, v) => a + v * v, 0);
    const lag = W[i].reduce((a, v, j) => a + v * z[j], 0);
    const ii = (zi / m2) * lag;
    let e: number;
    let v: number;
    if (variance === "conditional") {
      e = -(zi * zi * wi) / ((n - 1) * m2);
      v = (zi / m2) ** 2 * (n / (n - 2)) * (wi2 - (wi * wi) / (n - 1)) * (m2 - (zi * zi) / (n - 1));
    } else {
      e = -wi / (n - 1);
      v = ((n - b2) / (n - 1)) * wi2 + ((2 * b2 - n) / ((n - 1) * (n - 2))) * (wi * wi - wi2) - e * e;
    }
    return { ii, e, v, z: (ii - e) / Math.sqrt(v), lag, zi };
  });
}

export function denseGetisOrd(x: number[], W: number[][], star: boolean) {
  const n = x.length;
  const sum = x.reduce((a, b) => a + b, 0);
  const mean = sum / n;
  const s2 = x.reduce((a, v) => a + (v - mean) ** 2, 0) / n;
  return x.map((xi, i) => {
    const wi = W[i].reduce((a, v) => a + v, 0);
    const S1 = W[i].reduce((a, v) => a + v * v, 0);
    const lag = W[i].reduce((a, v, j) => a + v * x[j], 0);
    if (star) {
      const varLag = (s2 * (n * S1 - wi * wi)) / (n - 1);
      return {
        z: (lag - wi * mean) / Math.sqrt(varLag),
        g: lag / sum,
        eg: (wi * mean) / sum,
        vg: varLag / sum ** 2,
      };
    }
    const others = x.filter((_, j) => j !== i);
    const mi = others.reduce((a, b) => a + b, 0) / (n - 1);
    const si2 = others.reduce((a, v) => a + v * v, 0) / (n - 1) - mi * mi;
    const varLag = (si2 * ((n - 1) * S1 - wi * wi)) / (n - 2);
    const d = sum - xi;
    return { z: (lag - wi * mi) / Math.sqrt(varLag), g: lag / d, eg: (wi * mi) / d, vg: varLag / d ** 2 };
  });
}

/** A side × side lattice with rook or queen neighbours, ids "r-c". */
export function lattice(
  side: number,
  queen: boolean,
): { ids: string[]; neighbors: Record<string, string[]> } {
  const ids: string[] = [];
  const neighbors: Record<string, string[]> = {};
  for (let r = 0; r < side; r++) {
    for (let c = 0; c < side; c++) {
      const id = `${r}-${c}`;
      ids.push(id);
      const list: string[] = [];
      for (let dr = -1; dr <= 1; dr++) {
        for (let dc = -1; dc <= 1; dc++) {
          if (dr === 0 && dc === 0) continue;
          if (!queen && dr !== 0 && dc !== 0) continue;
          const rr = r + dr;
          const cc = c + dc;
          if (rr >= 0 && rr < side && cc >= 0 && cc < side) list.push(`${rr}-${cc}`);
        }
      }
      neighbors[id] = list;
    }
  }
  return { ids, neighbors };
}

export function expectClose(actual: unknown, expected: number, rel = 1e-12, abs = 1e-14): void {
  if (
    typeof actual !== "number" ||
    !(Math.abs(actual - expected) <= Math.max(abs, rel * Math.abs(expected)))
  ) {
    throw new Error(`expected ${expected}, got ${String(actual)}`);
  }
}

/** Loose view of a JSON result object, for assertions in tests only. */
// biome-ignore lint/suspicious/noExplicitAny: results are plain JSON checked field by field
export type Loose = any;
