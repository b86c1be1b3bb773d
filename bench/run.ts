// `npm run bench [-- --quick] [--only import|analysis|load[,…]]`: speed and memory of ronghe against its
// goals (issues 2–4), printed as one table per section and one line per goal (met / not met / not measured).
// Sections run one after another; each cleans up its temp files, schemas and databases, also on failure.
import { cpus, loadavg, totalmem } from "node:os";
import { analysisSection } from "./analysis/section.ts";
import { importSection } from "./import/section.ts";
import { killChildren } from "./lib/process.ts";
import { type BenchOptions, goalLine, type SectionReport } from "./lib/report.ts";
import { loadSection } from "./load/section.ts";

const SECTIONS = {
  import: importSection,
  analysis: analysisSection,
  load: loadSection,
} as const satisfies Record<string, (o: BenchOptions) => Promise<SectionReport>>;
type SectionName = keyof typeof SECTIONS;

function parseArgs(argv: readonly string[]): { quick: boolean; only: SectionName[] } {
  let quick = false;
  let only: SectionName[] = Object.keys(SECTIONS) as SectionName[];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === "--quick") quick = true;
    else if (a === "--only" || a.startsWith("--only=")) {
      const value = a === "--only" ? argv[++i] : a.slice("--only=".length);
      const names = (value ?? "").split(",").filter(Boolean);
      const bad = names.filter((n) => !(n in SECTIONS));
      if (names.length === 0 || bad.length > 0) usage(`--only takes ${Object.keys(SECTIONS).join("|")}`);
      only = names as SectionName[];
    } else if (a === "--help" || a === "-h") usage();
    else usage(`unknown argument ${a}`);
  }
  return { quick, only };
}

function usage(message?: string): never {
  if (message) console.error(message);
  console.error("usage: npm run bench -- [--quick] [--only import|analysis|load[,…]]");
  process.exit(message ? 2 : 0);
}

for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, () => {
    killChildren();
    process.exit(130);
  });
}

const { quick, only } = parseArgs(process.argv.slice(2));
console.log(
  `ronghe bench — ${new Date().toISOString().slice(0, 16).replace("T", " ")} UTC · Node ${process.version} · ` +
    `${cpus().length} CPU (${cpus()[0]?.model.trim() ?? "?"}) · ${(totalmem() / 2 ** 30).toFixed(0)} GB · ${quick ? "quick sizes" : "full sizes"}`,
);
const loadText = () =>
  `load average ${loadavg()
    .map((x) => x.toFixed(1))
    .join(" / ")} (1 / 5 / 15 min)`;
console.log(`machine ${loadText()} at start`);
const allGoals: string[] = [];
let failed = false;
for (const name of only) {
  const started = performance.now();
  let report: SectionReport;
  try {
    report = await SECTIONS[name]({ quick });
  } catch (error) {
    failed = true;
    console.log(`\n== ${name}: failed — ${(error as Error).stack ?? String(error)}`);
    continue;
  }
  console.log(
    `\n== ${name} (${((performance.now() - started) / 1000).toFixed(0)} s; ${loadText()} at the end)\n`,
  );
  for (const t of report.tables) console.log(`${t}\n`);
  for (const n of report.notes) console.log(`  note: ${n}`);
  if (report.goals.length > 0) {
    console.log("\n  goals:");
    for (const g of report.goals) {
      console.log(goalLine(g));
      allGoals.push(`${goalLine(g)}`);
    }
  }
}
if (allGoals.length > 0) console.log(`\n== goals\n${allGoals.join("\n")}`);
killChildren();
process.exit(failed ? 1 : 0);
