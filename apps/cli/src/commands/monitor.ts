// Policy monitoring: `ronghe plans import|list|show`, `ronghe monitor --plan ID [--year Y]` (the targets ×
// regions status table) and `ronghe warnings` (the inbox, with assign / comment / close). The work is in
// @ronghe/services (packages/services/src/monitoring); this file reads argv and files and prints.
import { readFile } from "node:fs/promises";
import { RongheError } from "@ronghe/core";
import {
  assignWarning,
  closeWarning,
  commentWarning,
  getPlan,
  importPlan,
  listPlans,
  listWarnings,
  monitorPlan,
  PLAN_FILE_FORMATS,
  type PlanFileFormat,
  type PlanStatusView,
  type ServiceContext,
  SYSTEM_ACTOR,
  type WarningView,
} from "@ronghe/services";
import type { Store } from "@ronghe/store";
import type { Command } from "commander";
import { type DbOptions, withStore } from "../context.ts";
import { displayWidth, type OutputOptions, printTable, runCommand } from "../output.ts";

type Common = DbOptions & OutputOptions;

const STATUS_ZH: Record<string, string> = {
  achieved: "已完成",
  on_track: "进度正常",
  at_risk: "存在风险",
  off_track: "进度滞后",
  no_data: "无数据",
  not_assessable: "无法评估",
};
/** ANSI colours per status (used only when stdout is a terminal) */
const STATUS_COLOUR: Record<string, string> = {
  achieved: "32",
  on_track: "36",
  at_risk: "33",
  off_track: "31",
  no_data: "90",
  not_assessable: "35",
};
const FORM_ZH: Record<string, string> = {
  level_at_least: "达到 ≥",
  level_at_most: "控制在 ≤",
  ratio_at_most: "比值 ≤",
  share_at_least: "占比 ≥",
  avg_annual_growth_at_least: "年均增长 ≥",
  cumulative_at_least: "累计 ≥",
};
const KIND_ZH: Record<string, string> = { binding: "约束性", expected: "预期性" };
const WARNING_TYPE_ZH: Record<string, string> = {
  status_change: "状态变化",
  missing_report: "逾期未报",
  implausible_jump: "异常波动",
};
const WARNING_STATUS_ZH: Record<string, string> = { open: "待处理", assigned: "已分派", closed: "已关闭" };
const SEVERITY_ZH: Record<string, string> = { alarm: "告警", warning: "预警" };

function common(cmd: Command): Command {
  return cmd
    .option("--db <url>", "store: SQLite file or postgres:// URL (default $RONGHE_DB or ./ronghe.db)")
    .option("--json", "print JSON");
}

function context(store: Store): ServiceContext {
  return { store, actor: SYSTEM_ACTOR };
}

function useColour(): boolean {
  return process.stdout.isTTY === true && !process.env.NO_COLOR;
}

function paint(text: string, code: string | undefined, on: boolean): string {
  return on && code ? `\u001b[${code}m${text}\u001b[0m` : text;
}

function pad(text: string, width: number): string {
  return text + " ".repeat(Math.max(0, width - displayWidth(text)));
}

function year(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const v = Number(text);
  if (!Number.isInteger(v) || v < 1900 || v > 2200)
    throw new RongheError("invalid_input", `--year must be a year, not "${text}"`, {
      option: "year",
      value: text,
    });
  return v;
}

function formatOf(text: string | undefined): PlanFileFormat | undefined {
  if (text === undefined) return undefined;
  const f = text.toLowerCase() === "yml" ? "yaml" : text.toLowerCase();
  if (!(PLAN_FILE_FORMATS as readonly string[]).includes(f)) {
    throw new RongheError("invalid_input", `--format must be one of ${PLAN_FILE_FORMATS.join(", ")}`, {
      option: "format",
      value: text,
    });
  }
  return f as PlanFileFormat;
}

function targetLine(t: PlanStatusView["targets"][number]): string {
  const value =
    t.form === "avg_annual_growth_at_least"
      ? `${t.targetValue}%/年`
      : `${t.targetValue}${t.unit && t.form !== "ratio_at_most" ? ` ${t.unit}` : ""}`;
  const where = t.appliesToLevel
    ? `各${t.appliesToLevel === "county" ? "区县" : t.appliesToLevel}`
    : t.region;
  return `${t.id}  ${t.name}  [${t.indicator}] ${FORM_ZH[t.form] ?? t.form} ${value}  (${t.baselineYear}→${t.targetYear}，${KIND_ZH[t.kind] ?? t.kind}${t.department ? `，${t.department}` : ""}，${where})`;
}

function printStatus(view: PlanStatusView): void {
  const w = (s = "") => process.stdout.write(`${s}\n`);
  const colour = useColour();
  w(
    `规划 plan: ${view.plan.name} (${view.plan.id})${view.plan.illustrative ? "  【示意，非官方规划 / ILLUSTRATIVE, NOT AN OFFICIAL PLAN】" : ""}`,
  );
  w(
    `截至 as of: ${view.asOfYear} 年数据；报送逾期判断日 ${view.asOfDate}${view.scope === "partial" ? "；仅显示有权查看的区域 / only regions in your scope" : ""}`,
  );
  w("目标 targets:");
  for (const t of view.targets) w(`  ${targetLine(t)}`);
  w("");

  const cell = new Map(view.results.map((r) => [`${r.targetId}|${r.region}`, r]));
  const targets = view.targets.map((t) => t.id);
  const head = ["区域", "代码", ...targets];
  const rows = view.regions.map((region) => [
    region.name,
    region.code,
    ...targets.map((t) => {
      const r = cell.get(`${t}|${region.code}`);
      return r ? { text: STATUS_ZH[r.status] ?? r.status, status: r.status } : { text: "", status: "" };
    }),
  ]);
  const text = (c: string | { text: string }) => (typeof c === "string" ? c : c.text);
  const widths = head.map((h, i) => Math.max(displayWidth(h), ...rows.map((r) => displayWidth(text(r[i])))));
  w(head.map((h, i) => pad(h, widths[i])).join("  "));
  w(widths.map((x) => "-".repeat(x)).join("  "));
  for (const r of rows) {
    w(
      r
        .map((c, i) =>
          typeof c === "string"
            ? pad(c, widths[i])
            : paint(pad(c.text, widths[i]), STATUS_COLOUR[c.status], colour),
        )
        .join("  "),
    );
  }
  w("");
  w(
    `合计 counts: ${Object.entries(view.counts)
      .map(([s, n]) => `${paint(STATUS_ZH[s] ?? s, STATUS_COLOUR[s], colour)} ${n}`)
      .join(" · ")}`,
  );
  if (view.previous) {
    w(
      `与已记录的 ${view.previous.asOfYear} 年评估（${view.previous.at}）相比：${view.changes.length} 项状态变化 / status changes`,
    );
    const names = new Map(view.regions.map((r) => [r.code, r.name]));
    for (const c of view.changes.slice(0, 30)) {
      w(
        `  ${c.targetId} ${names.get(c.region) ?? c.region}: ${c.from ? STATUS_ZH[c.from] : "（无）"} → ${STATUS_ZH[c.to]}`,
      );
    }
    if (view.changes.length > 30) w(`  … 另有 ${view.changes.length - 30} 项 / more`);
  }
  const opened = [...view.warnings.opened, ...view.warnings.reopened];
  if (!view.recorded) w("未记录 not recorded（只读查看 / read-only view）");
  else if (opened.length === 0) w("新预警 new warnings: 0");
  else {
    const byType = new Map<string, number>();
    for (const x of opened) byType.set(x.type, (byType.get(x.type) ?? 0) + 1);
    w(
      `新预警 new warnings: ${opened.length}（${[...byType].map(([t, n]) => `${WARNING_TYPE_ZH[t] ?? t} ${n}`).join("，")}）— ronghe warnings --plan ${view.plan.id}`,
    );
  }
}

function printWarnings(items: readonly WarningView[]): void {
  printTable(
    items.map((x) => ({
      状态: WARNING_STATUS_ZH[x.status] ?? x.status,
      级别: SEVERITY_ZH[x.severity] ?? x.severity,
      类型: WARNING_TYPE_ZH[x.type] ?? x.type,
      区域: x.regionName ?? x.region,
      目标: x.targetId,
      年份: x.year,
      负责人: x.assignee ?? "",
      id: x.id,
    })),
  );
  if (items.length > 0)
    process.stdout.write(`\n${items.map((x) => `· ${x.id}\n  ${x.message}`).join("\n")}\n`);
}

function printWarning(x: WarningView): void {
  process.stdout.write(
    `${x.id}\n状态 ${WARNING_STATUS_ZH[x.status] ?? x.status}${x.assignee ? `，负责人 ${x.assignee}` : ""}\n${x.message}\n` +
      x.history
        .map(
          (e) =>
            `  ${e.at} ${e.actor} ${e.action}${e.assignee ? ` → ${e.assignee}` : ""}${e.text ? `：${e.text}` : ""}`,
        )
        .join("\n") +
      "\n",
  );
}

async function readPlanFile(path: string): Promise<Uint8Array> {
  try {
    return new Uint8Array(await readFile(path));
  } catch (error) {
    throw new RongheError("unreadable_file", `cannot read ${path}: ${(error as Error).message}`, {
      file: path,
    });
  }
}

export function registerMonitor(program: Command): void {
  const plans = program.command("plans").description("规划目标 / policy plans: import, list, show");

  common(
    plans
      .command("import <file>")
      .description("导入规划（YAML/JSON/XLSX/CSV），按指标目录校验，全部成功才写入 / import a plan file"),
  )
    .option("--format <format>", `${PLAN_FILE_FORMATS.join("|")} (default: from the file extension)`)
    .action(async (file: string, o: Common & { format?: string }) => {
      await runCommand(o, async () => {
        const format = formatOf(o.format);
        const bytes = await readPlanFile(file);
        const r = await withStore(o, (store) =>
          importPlan(context(store), { fileName: file, bytes }, format ? { format } : {}),
        );
        return {
          json: r,
          print: () =>
            process.stdout.write(
              `${r.replaced ? "已更新 replaced" : "已导入 imported"} plan ${r.planId}: ${r.name}${r.illustrative && !r.name.includes("示意") ? "（示意，非官方规划）" : ""}\n` +
                `区域 region ${r.region}，目标 ${r.targets} 项 targets (${r.format}, sha256 ${r.sha256.slice(0, 16)}…)\n`,
            ),
        };
      });
    });

  common(plans.command("list").description("列出规划 / list plans")).action(
    async (_local: unknown, command: Command) => {
      const o = command.optsWithGlobals() as Common;
      await runCommand(o, async () => {
        const items = await withStore(o, (store) => listPlans(context(store)));
        return {
          json: items,
          print: () =>
            printTable(
              items.map((p) => ({
                id: p.id,
                名称: p.name,
                区域: `${p.regionName ?? ""} ${p.region}`.trim(),
                目标数: p.targets,
                示意: p.illustrative ? "是" : "",
                已监测年份: p.monitoredYears.join(","),
              })),
            ),
        };
      });
    },
  );

  common(plans.command("show <id>").description("规划详情 / one plan with its targets")).action(
    async (id: string, _local: unknown, command: Command) => {
      const o = command.optsWithGlobals() as Common;
      await runCommand(o, async () => {
        const view = await withStore(o, (store) => getPlan(context(store), id));
        return {
          json: view,
          print: () => {
            process.stdout.write(
              `${view.name} (${view.id})${view.illustrative ? "  【示意，非官方规划】" : ""}\n区域 ${view.regionName ?? ""} ${view.region}\n`,
            );
            printTable(
              view.plan.targets.map((t) => ({
                id: t.id,
                名称: t.name,
                指标: t.indicator,
                形式: FORM_ZH[t.form] ?? t.form,
                目标值: t.targetValue,
                基期:
                  t.baseline.value === undefined || t.baseline.value === null
                    ? `${t.baseline.year}（取数据）`
                    : `${t.baseline.year}: ${t.baseline.value}`,
                目标年: t.targetYear,
                类型: KIND_ZH[t.kind] ?? t.kind,
                部门: t.department ?? "",
              })),
            );
          },
        };
      });
    },
  );

  common(
    program.command("monitor").description("规划目标监测：目标 × 区域状态表，并记录新预警 / monitor a plan"),
  )
    .requiredOption("--plan <id>", "plan id (see: ronghe plans list)")
    .option("--year <year>", "as-of year (default: the latest year with data, at most the last target year)")
    .option(
      "--as-of-date <date>",
      "YYYY-MM-DD deciding overdue reports (default: the earlier of today and 31 Dec of year + 1)",
    )
    .option("--approved-only", "use only approved or locked values")
    .option("--no-record", "do not record the evaluation or open warnings (a dry run)")
    .action(
      async (
        o: Common & {
          plan: string;
          year?: string;
          asOfDate?: string;
          approvedOnly?: boolean;
          record?: boolean;
        },
      ) => {
        await runCommand(o, async () => {
          const view = await withStore(o, (store) =>
            monitorPlan(context(store), o.plan, {
              year: year(o.year),
              ...(o.asOfDate ? { asOfDate: o.asOfDate } : {}),
              ...(o.approvedOnly ? { status: ["approved", "locked"] } : {}),
              ...(o.record === false ? { record: false } : {}),
            }),
          );
          return { json: view, print: () => printStatus(view) };
        });
      },
    );

  const warnings = common(
    program.command("warnings").description("预警收件箱 / monitoring warnings: list, assign, comment, close"),
  )
    .option("--plan <id>", "only this plan's warnings")
    .option("--status <list>", "open,assigned,closed (default: all)")
    .option("--region <code>", "only this region's subtree")
    .action(async (o: Common & { plan?: string; status?: string; region?: string }) => {
      await runCommand(o, async () => {
        const items = await withStore(o, (store) =>
          listWarnings(context(store), {
            ...(o.plan ? { planId: o.plan } : {}),
            ...(o.status
              ? { status: o.status.split(/[,，\s]+/).filter(Boolean) as WarningView["status"][] }
              : {}),
            ...(o.region ? { regionCode: o.region } : {}),
          }),
        );
        return { json: items, print: () => printWarnings(items) };
      });
    });

  common(warnings.command("assign <id>").description("分派预警 / assign a warning"))
    .requiredOption("--to <assignee>", "username (or, on a local store, a department)")
    .action(async (id: string, _local: unknown, command: Command) => {
      const o = command.optsWithGlobals() as Common & { to: string };
      await runCommand(o, async () => {
        const view = await withStore(o, (store) => assignWarning(context(store), id, { assignee: o.to }));
        return { json: view, print: () => printWarning(view) };
      });
    });

  common(warnings.command("comment <id>").description("评论预警 / comment on a warning"))
    .requiredOption("--text <text>", "the comment")
    .action(async (id: string, _local: unknown, command: Command) => {
      const o = command.optsWithGlobals() as Common & { text: string };
      await runCommand(o, async () => {
        const view = await withStore(o, (store) => commentWarning(context(store), id, { text: o.text }));
        return { json: view, print: () => printWarning(view) };
      });
    });

  common(warnings.command("close <id>").description("关闭预警 / close a warning"))
    .option("--resolution <text>", "how it was resolved")
    .action(async (id: string, _local: unknown, command: Command) => {
      const o = command.optsWithGlobals() as Common & { resolution?: string };
      await runCommand(o, async () => {
        const view = await withStore(o, (store) =>
          closeWarning(context(store), id, o.resolution ? { resolution: o.resolution } : {}),
        );
        return { json: view, print: () => printWarning(view) };
      });
    });
}
