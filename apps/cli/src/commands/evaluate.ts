// `ronghe evaluate` (run a scheme, list and re-read stored runs) and `ronghe weights` (spatial weights from the
// store, written as the analysis spec's `weights` object).
import { readFile, writeFile } from "node:fs/promises";
import { RongheError } from "@ronghe/core";
import {
  buildWeights,
  type EvaluationRunView,
  evaluateScheme,
  evaluationCsv,
  evaluationXlsx,
  getEvaluationRunView,
  listEvaluationRuns,
  parseSchemeText,
  SYSTEM_ACTOR,
} from "@ronghe/services";
import type { Command } from "commander";
import { type DbOptions, withStore } from "../context.ts";
import { displayWidth, type OutputOptions, printTable, runCommand } from "../output.ts";

interface EvaluateOptions extends DbOptions, OutputOptions {
  scheme?: string;
  out?: string;
  uncertainty?: string;
  seed?: string;
}

function intOption(name: string, text: string | undefined, min: number): number | undefined {
  if (text === undefined) return undefined;
  const v = Number(text);
  if (!Number.isInteger(v) || v < min) {
    throw new RongheError("invalid_input", `--${name} must be an integer ≥ ${min}, not "${text}"`, {
      option: name,
      value: text,
    });
  }
  return v;
}

async function readText(path: string, what: string): Promise<string> {
  try {
    return await readFile(path, "utf8");
  } catch (error) {
    throw new RongheError("unreadable_file", `cannot read ${what} ${path}: ${(error as Error).message}`, {
      file: path,
    });
  }
}

async function writeResults(view: EvaluationRunView, out: string): Promise<void> {
  if (/\.xlsx$/i.test(out)) await writeFile(out, await evaluationXlsx(view));
  else if (/\.csv$/i.test(out)) await writeFile(out, evaluationCsv(view), "utf8");
  else throw new RongheError("invalid_input", `--out must end in .csv or .xlsx, not "${out}"`, { out });
}

const fmt = (v: number | null | undefined, digits = 4) =>
  v === null || v === undefined ? "" : v.toFixed(digits);

function printRun(view: EvaluationRunView, out?: string): void {
  const w = (s: string) => process.stdout.write(`${s}\n`);
  w(`方案 scheme: ${view.scheme_name}${view.scheme.title ? ` — ${view.scheme.title}` : ""}`);
  w(`运行 run: ${view.id}${view.reused ? "  (已存在，复用 / identical run already stored)" : ""}`);
  w(`run hash: ${view.run_hash}`);
  w(`inputs hash: ${view.inputs_hash}`);
  w(`engine: ${view.engine_version}   created: ${view.created_at}`);
  const s = view.summary;
  const coupling = view.scheme.analyses.coupling !== null;
  for (const year of s.years) {
    const rows = view.rows.filter((r) => r.year === year);
    if (rows.length === 0) continue;
    w("");
    w(`== ${year} (${rows.length} 个区域 regions) ==`);
    printTable(
      rows.map((r) => ({
        排名: r.rank,
        区域: r.name,
        代码: r.region,
        指数: fmt(r.index),
        U城镇: fmt(r.u_urban),
        U乡村: fmt(r.u_rural),
        ...(coupling ? { D: fmt(r.coordination), 协调等级: r.level_name ?? "" } : {}),
        ...(r.top_obstacles
          ? { 主要障碍: r.top_obstacles.map((o) => `${o.code}(${(o.obstacle * 100).toFixed(1)}%)`).join(" ") }
          : {}),
      })),
    );
    const sp = s.spatial.find((x) => x.year === year);
    if (sp?.moran) {
      const m = sp.moran as { i: number; randomization?: { p: number | null }; permutation?: { p: number } };
      const p = m.permutation?.p ?? m.randomization?.p ?? null;
      w(`Moran's I = ${fmt(m.i)}  p = ${fmt(p)}`);
    }
    if (sp?.lisa_counts)
      w(
        `LISA: ${Object.entries(sp.lisa_counts)
          .map(([k, v]) => `${k} ${v}`)
          .join(", ")}`,
      );
    if (sp?.error) w(`空间分析未完成 spatial analysis not done: [${sp.error.code}] ${sp.error.message}`);
  }
  if (s.dropped.length > 0) {
    w("");
    w(`剔除 dropped region-years (${s.dropped.length}, missing rule "${view.scheme.missing}"):`);
    const byRegion = new Map<string, { name: string; years: number[]; missing: Set<string> }>();
    for (const d of s.dropped) {
      const e = byRegion.get(d.region) ?? { name: d.name, years: [], missing: new Set<string>() };
      e.years.push(d.year);
      for (const m of d.missing) e.missing.add(m);
      byRegion.set(d.region, e);
    }
    for (const [code, e] of byRegion)
      w(`  ${e.name} ${code}: ${e.years.join(",")}  (缺 missing ${[...e.missing].join(",")})`);
  }
  const unc = s.uncertainty;
  if (unc && unc.years.length > 0) {
    const last = unc.years[unc.years.length - 1];
    w("");
    w(
      `排名不确定性 rank uncertainty, ${last.year} (${unc.n} alternatives, seed ${unc.seed}; median and 5–95 % interval):`,
    );
    printTable(
      last.regions.map((r) => ({
        排名: r.rank,
        区域: r.name,
        中位排名: r.median_rank,
        "5%": r.rank_p05,
        "95%": r.rank_p95,
      })),
    );
  }
  if (s.warnings.length > 0) w(`\nwarnings: ${s.warnings.join(", ")}`);
  if (out) w(`\n已写出 written: ${out}`);
}

export function registerEvaluate(program: Command): void {
  const evaluate = program
    .command("evaluate")
    .description(
      "按评价方案计算城乡融合指数并保存运行 / run an evaluation scheme over stored data and store the run",
    )
    .option("--scheme <file>", "scheme file (YAML or JSON)")
    .option("--db <url>", "store: SQLite file or postgres:// URL (default RONGHE_DB or ./ronghe.db)")
    .option("--json", "print the run as JSON")
    .option("--out <file>", "also write the results as .csv or .xlsx")
    .option("--uncertainty <n>", "rank uncertainty: number of random alternatives")
    .option("--seed <s>", "seed of the uncertainty alternatives (default 12345)")
    .action(async (options: EvaluateOptions) => {
      await runCommand(options, async () => {
        if (!options.scheme)
          throw new RongheError(
            "invalid_input",
            "--scheme FILE is required (or use: evaluate runs | evaluate show RUN_ID)",
            {},
          );
        const scheme = parseSchemeText(await readText(options.scheme, "scheme"), options.scheme);
        const uncertainty = intOption("uncertainty", options.uncertainty, 0);
        const seed = intOption("seed", options.seed, Number.MIN_SAFE_INTEGER);
        const view = await withStore(options, (store) =>
          evaluateScheme({ store, actor: SYSTEM_ACTOR }, scheme, {
            ...(uncertainty !== undefined ? { uncertainty } : {}),
            ...(seed !== undefined ? { seed } : {}),
          }),
        );
        if (options.out) await writeResults(view, options.out);
        return { json: view, print: () => printRun(view, options.out) };
      });
    });

  evaluate
    .command("runs")
    .description("列出已保存的评价运行 / list stored evaluation runs (newest first)")
    .option("--db <url>", "store")
    .option("--json", "print JSON")
    .option("--limit <n>", "at most n runs")
    .action(async (_local: unknown, command: Command) => {
      // the parent `evaluate` also declares --db/--json, so commander may hand them to it: read both
      const options = command.optsWithGlobals() as DbOptions & OutputOptions & { limit?: string };
      await runCommand(options, async () => {
        const limit = intOption("limit", options.limit, 1);
        const runs = await withStore(options, (store) =>
          listEvaluationRuns({ store, actor: SYSTEM_ACTOR }, limit ? { limit } : {}),
        );
        return {
          json: runs,
          print: () =>
            printTable(
              runs.map((r) => ({
                id: r.id,
                scheme: r.scheme_name,
                region: r.region,
                created: r.created_at,
                run_hash: r.run_hash.slice(0, 16),
              })),
            ),
        };
      });
    });

  evaluate
    .command("show <runId>")
    .description("重新读取一次评价运行 / re-read a stored run (id or run hash)")
    .option("--db <url>", "store")
    .option("--json", "print JSON")
    .option("--out <file>", "also write the results as .csv or .xlsx")
    .action(async (runId: string, _local: unknown, command: Command) => {
      const options = command.optsWithGlobals() as DbOptions & OutputOptions & { out?: string };
      await runCommand(options, async () => {
        const view = await withStore(options, (store) =>
          getEvaluationRunView({ store, actor: SYSTEM_ACTOR }, runId),
        );
        if (options.out) await writeResults(view, options.out);
        return { json: view, print: () => printRun(view, options.out) };
      });
    });

  program
    .command("weights")
    .description("由库中边界或点位构建空间权重 / build spatial weights from stored polygons or points")
    .requiredOption("--region <code>", "region whose subtree is used")
    .requiredOption("--level <level>", "level of the units (county, township, village, …)")
    .requiredOption("--type <type>", "queen | rook | knn | distance")
    .option("--k <k>", "knn: number of neighbours", "6")
    .option("--band-km <km>", "distance: band in great-circle km", "30")
    .option("--snap-tolerance <deg>", "queen/rook: snapping tolerance in degrees")
    .option("--out <file>", "write the weights object to this JSON file")
    .option("--db <url>", "store")
    .option("--json", "print JSON")
    .action(
      async (
        options: DbOptions &
          OutputOptions & {
            region: string;
            level: string;
            type: string;
            k: string;
            bandKm: string;
            snapTolerance?: string;
            out?: string;
          },
      ) => {
        await runCommand(options, async () => {
          const k = intOption("k", options.k, 1)!;
          const bandKm = Number(options.bandKm);
          if (!(bandKm > 0))
            throw new RongheError(
              "invalid_input",
              `--band-km must be a number > 0, not "${options.bandKm}"`,
              {},
            );
          const snap = options.snapTolerance === undefined ? undefined : Number(options.snapTolerance);
          if (snap !== undefined && !(snap >= 0))
            throw new RongheError("invalid_input", "--snap-tolerance must be a number ≥ 0", {});
          const built = await withStore(options, (store) =>
            buildWeights(
              { store, actor: SYSTEM_ACTOR },
              {
                region: options.region,
                level: options.level,
                type: options.type,
                k,
                bandKm,
                ...(snap !== undefined ? { snapToleranceDeg: snap } : {}),
              },
            ),
          );
          if (options.out)
            await writeFile(options.out, `${JSON.stringify(built.weights, null, 2)}\n`, "utf8");
          const counts = Object.values(built.weights.neighbors).map((l) => l.length);
          const summary = {
            type: built.type,
            units: built.ids.length,
            islands: built.islands,
            min_neighbors: counts.length ? Math.min(...counts) : 0,
            max_neighbors: counts.length ? Math.max(...counts) : 0,
            mean_neighbors: counts.length ? counts.reduce((a, b) => a + b, 0) / counts.length : 0,
            source: built.source,
            out: options.out ?? null,
          };
          return {
            json: options.out ? summary : { ...summary, weights: built.weights },
            print: () => {
              const line = (a: string, b: unknown) =>
                process.stdout.write(`${a}${" ".repeat(Math.max(1, 16 - displayWidth(a)))}${String(b)}\n`);
              line("类型 type", built.type);
              line("单元 units", summary.units);
              line(
                "邻接 neighbours",
                `min ${summary.min_neighbors}, mean ${summary.mean_neighbors.toFixed(2)}, max ${summary.max_neighbors}`,
              );
              line("孤岛 islands", built.islands.length ? built.islands.join(", ") : "none");
              line("来源 source", built.source);
              if (options.out) line("已写出 written", options.out);
              else process.stdout.write(`${JSON.stringify(built.weights)}\n`);
            },
          };
        });
      },
    );
}
