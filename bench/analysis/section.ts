// Section "analysis" (issue 3): Moran's I with 999 permutations and LISA with 999 conditional permutations on a
// queen grid (200 × 200 = 40,000 units), entropy weights + TOPSIS on 620,000 rows × 30 indicators, through the
// engines of packages/spatial-stats and packages/indices; time and peak memory against the input's own size,
// next to R (spdep moran.mc, localmoran_perm; base-R entropy-TOPSIS) on the same data when R can be installed.
// Engine-only timings on both sides: data reading and weights construction are outside the clock.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { MB } from "../lib/memory.ts";
import { runCase, runCommand } from "../lib/process.ts";
import type { BenchOptions, Goal, SectionReport } from "../lib/report.ts";
import { fmt, formatTable, ratio } from "../lib/table.ts";
import { makeTempDir } from "../lib/temp.ts";
import { ensureR } from "../lib/tools.ts";
import { directions, writeGridValues, writeIndicatorMatrix } from "./data.ts";
import type { EngineCaseResult } from "./engine.case.ts";

const GOAL_SPEEDUP_SPATIAL = 30;
const GOAL_SPEEDUP_TOPSIS = 20;
const GOAL_MEMORY = 3;
const MORAN_TOLERANCE = 1e-10;
const R_DIR = fileURLToPath(new URL("./r/", import.meta.url));

interface RResult {
  seconds: number;
  cpu: number;
  i?: number;
  p?: number;
  weights?: number[];
}

async function runR(
  script: string,
  args: string[],
  timeoutMs: number,
): Promise<{ ok: true; value: RResult } | { ok: false; error: string }> {
  const r = await runCommand("Rscript", [join(R_DIR, script), ...args], { timeoutMs });
  if (r.timedOut)
    return { ok: false, error: `R: time limit of ${Math.round(timeoutMs / 1000)} s reached, stopped` };
  const line = r.stdout.split("\n").find((l) => l.startsWith("@@R "));
  if (r.code !== 0 || !line)
    return { ok: false, error: `R exit ${r.code}: ${r.stderr.trim().split("\n").slice(-3).join(" | ")}` };
  return { ok: true, value: JSON.parse(line.slice(4)) as RResult };
}

function readF64(file: string): Float64Array {
  const b = readFileSync(file);
  const out = new Float64Array(b.byteLength / 8);
  new Uint8Array(out.buffer).set(b);
  return out;
}

function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) return Number.POSITIVE_INFINITY;
  let d = 0;
  for (let i = 0; i < a.length; i++) d = Math.max(d, Math.abs(a[i] - b[i]));
  return d;
}

export async function analysisSection(options: BenchOptions): Promise<SectionReport> {
  const side = options.quick ? 100 : 200;
  const permutations = 999;
  const rows = options.quick ? 62_000 : 620_000;
  const cols = 30;
  const dirs = directions(cols);
  const notes: string[] = [];
  const goals: Goal[] = [];
  const tmp = makeTempDir("analysis");
  try {
    const gridFile = join(tmp.dir, "grid.f64");
    const matrixFile = join(tmp.dir, "matrix.f64");
    writeGridValues(side, gridFile);
    writeIndicatorMatrix(rows, cols, matrixFile);
    const f = (name: string) => join(tmp.dir, name);
    const limit = 600_000;

    const ours = {
      moran: await runCase<EngineCaseResult>(
        "../analysis/engine.case.ts",
        ["moran", String(side), String(permutations), gridFile],
        limit,
      ),
      lisa: await runCase<EngineCaseResult>(
        "../analysis/engine.case.ts",
        ["lisa", String(side), String(permutations), gridFile, f("ii-ronghe.f64")],
        limit,
      ),
      topsis: await runCase<EngineCaseResult>(
        "../analysis/engine.case.ts",
        ["topsis", String(rows), String(cols), matrixFile, dirs, f("cc-ronghe.f64")],
        limit,
      ),
    };

    const rReady = await ensureR();
    let theirs: Record<"moran" | "lisa" | "topsis", Awaited<ReturnType<typeof runR>> | null> = {
      moran: null,
      lisa: null,
      topsis: null,
    };
    if ("note" in rReady) notes.push(`R column skipped: ${rReady.note}`);
    else {
      notes.push(
        `R: ${rReady.version}; timings are R's own system.time() of the call, like ronghe's (no start-up, no file reading)`,
      );
      notes.push(
        "speed goals are judged on CPU time (user + system; both sides single-threaded, ronghe's includes V8's GC threads): " +
          "on a shared machine wall time also counts the waits for a core, which vary from run to run",
      );
      const rLimit = 1_200_000;
      theirs = {
        moran: await runR("spdep.R", ["moran", String(side), String(permutations), gridFile], rLimit),
        lisa: await runR(
          "spdep.R",
          ["lisa", String(side), String(permutations), gridFile, f("ii-r.f64")],
          rLimit,
        ),
        topsis: await runR(
          "entropy-topsis.R",
          [String(rows), String(cols), matrixFile, dirs, f("cc-r.f64")],
          rLimit,
        ),
      };
    }

    const units = side * side;
    const labels = {
      moran: [
        `Moran's I, ${permutations} permutations`,
        `${side}×${side} queen (${fmt(units)})`,
        "spdep::moran.mc",
        GOAL_SPEEDUP_SPATIAL,
      ],
      lisa: [
        `LISA, ${permutations} cond. permutations`,
        `${side}×${side} queen (${fmt(units)})`,
        "spdep::localmoran_perm",
        GOAL_SPEEDUP_SPATIAL,
      ],
      topsis: [
        "entropy weights + TOPSIS",
        `${fmt(rows)} × ${cols}`,
        "base R (apply/sweep)",
        GOAL_SPEEDUP_TOPSIS,
      ],
    } as const;
    const tableRows: Array<Array<string | number | null>> = [];
    for (const key of ["moran", "lisa", "topsis"] as const) {
      const [label, size, rName, goalSpeed] = labels[key];
      const o = ours[key];
      const t = theirs[key];
      const os = o.ok ? o.value.ms / 1000 : null;
      const oc = o.ok ? o.value.cpuMs / 1000 : null;
      const rs = t?.ok ? t.value.seconds : null;
      const rc = t?.ok ? t.value.cpu : null;
      const speedup = os !== null && rs !== null && os > 0 ? rs / os : null;
      const cpuSpeedup = oc !== null && rc !== null && oc > 0 ? rc / oc : null;
      // the larger of the two memory views: RSS can miss allocations that reuse pages the heap already held
      const memBytes = o.ok ? Math.max(o.value.peakRssDelta, o.value.arrayBuffersDelta) : null;
      const memRatio = o.ok && memBytes !== null ? memBytes / o.value.inputBytes : null;
      tableRows.push([
        label,
        size,
        os === null ? "—" : fmt(os, 3),
        oc === null ? "—" : fmt(oc, 3),
        rs === null ? "—" : fmt(rs, 2),
        rc === null ? "—" : fmt(rc, 2),
        ratio(speedup, 1),
        ratio(cpuSpeedup, 1),
        o.ok ? fmt(o.value.inputBytes / MB, 1) : "—",
        o.ok ? fmt(o.value.peakRssDelta / MB, 1) : "—",
        o.ok ? fmt(o.value.arrayBuffersDelta / MB, 1) : "—",
        ratio(memRatio, 2),
      ]);
      if (!o.ok) notes.push(`${label} (ronghe): ${o.error}`);
      if (t && !t.ok) notes.push(`${label} (R): ${t.error}`);
      goals.push({
        name: `${label}: ≥ ${goalSpeed}× faster than ${rName} (CPU time)`,
        met: cpuSpeedup === null ? null : cpuSpeedup >= goalSpeed,
        detail:
          cpuSpeedup === null || speedup === null
            ? "not measured (see notes)"
            : `${ratio(cpuSpeedup, 1)} by CPU time (${fmt(oc, 3)} s vs ${fmt(rc, 2)} s); ${ratio(speedup, 1)} by wall time (${fmt(os, 3)} s vs ${fmt(rs, 2)} s)`,
      });
      goals.push({
        name: `${label}: peak memory within ${GOAL_MEMORY}× of the input`,
        met: memRatio === null ? null : memRatio <= GOAL_MEMORY,
        detail:
          memRatio === null || !o.ok
            ? "not measured (see notes)"
            : `+${fmt((memBytes ?? 0) / MB, 1)} MB at peak for ${fmt(o.value.inputBytes / MB, 1)} MB of input (${ratio(memRatio, 2)})`,
      });
    }

    // correctness cross-checks against R on the same data
    if (
      ours.moran.ok &&
      theirs.moran?.ok &&
      theirs.moran.value.i !== undefined &&
      ours.moran.value.i !== undefined
    ) {
      const d = Math.abs(ours.moran.value.i - theirs.moran.value.i);
      notes.push(
        `cross-check Moran's I: ronghe ${ours.moran.value.i.toPrecision(15)}, spdep ${theirs.moran.value.i.toPrecision(15)}, ` +
          `|Δ| = ${d.toExponential(2)} → ${d <= MORAN_TOLERANCE ? "agree" : "DISAGREE"} to ${MORAN_TOLERANCE}` +
          ` (pseudo p: ronghe ${ours.moran.value.p}, spdep ${theirs.moran.value.p}; different generators)`,
      );
      goals.push({
        name: `Moran's I equals spdep's to ${MORAN_TOLERANCE}`,
        met: d <= MORAN_TOLERANCE,
        detail: `|Δ| = ${d.toExponential(2)}`,
      });
    }
    if (ours.lisa.ok && theirs.lisa?.ok) {
      const d = maxAbsDiff(readF64(f("ii-ronghe.f64")), readF64(f("ii-r.f64")));
      notes.push(
        `cross-check LISA: max |Ii(ronghe) − Ii(spdep)| over ${fmt(units)} cells = ${d.toExponential(2)}`,
      );
    }
    if (ours.topsis.ok && theirs.topsis?.ok && ours.topsis.value.weights && theirs.topsis.value.weights) {
      const dw = maxAbsDiff(ours.topsis.value.weights, theirs.topsis.value.weights);
      const dc = maxAbsDiff(readF64(f("cc-ronghe.f64")), readF64(f("cc-r.f64")));
      notes.push(
        `cross-check entropy-TOPSIS: max |Δ weight| = ${dw.toExponential(2)}, max |Δ closeness| = ${dc.toExponential(2)}`,
      );
    }
    notes.push(
      "memory: peak RSS Δ = highest resident set during the call (sampled every 2 ms by a worker thread, plus the OS high-water mark) " +
        "minus the resident set just before; arrayBuffers Δ = typed-array memory the call allocated and still held at its end; " +
        "mem/input = the larger of the two ÷ the input (x and CSR weights, or the matrix)",
    );
    const table = formatTable(
      "Analysis — engine time and peak memory, next to R on the same data",
      [
        "analysis",
        "size",
        "ronghe s",
        "ronghe cpu s",
        "R s",
        "R cpu s",
        "speed-up",
        "cpu speed-up",
        "input MB",
        "peak RSS Δ MB",
        "arrayBuffers Δ MB",
        "mem/input",
      ],
      tableRows,
    );
    return { title: "analysis", tables: [table], notes, goals };
  } finally {
    tmp.remove();
  }
}
