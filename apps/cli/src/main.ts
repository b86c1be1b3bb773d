// The `ronghe` command. Each command lives in its own module under commands/ and registers itself here.
// Modules are loaded lazily: `ronghe analyze` (run once per spec by validation scripts) loads only the
// analysis engines, not the store drivers, spreadsheet and HTTP libraries the other commands need.
import { Command, CommanderError } from "commander";

type Register = (program: Command) => void;

// Output piped into `head` and closed early is not a fault.
process.stdout.on("error", (error: NodeJS.ErrnoException) => {
  if (error.code === "EPIPE") process.exit(0);
  throw error;
});

const COMMAND_MODULES: Record<string, () => Promise<Register>> = {
  data: async () => (await import("./commands/data.ts")).registerDataCommands,
  analyze: async () => (await import("./commands/analyze.ts")).registerAnalyze,
  evaluate: async () => (await import("./commands/evaluate.ts")).registerEvaluate,
  monitor: async () => (await import("./commands/monitor.ts")).registerMonitor,
  report: async () => (await import("./commands/report.ts")).registerReport,
  users: async () => (await import("./commands/users.ts")).registerUsers,
};

/** Which module defines each top-level command; anything else (help, unknown) loads them all. */
const MODULE_OF_COMMAND: Record<string, keyof typeof COMMAND_MODULES> = {
  analyze: "analyze",
  evaluate: "evaluate",
  weights: "evaluate",
  report: "report",
  users: "users",
  tokens: "users",
};

const program = new Command("ronghe")
  .description(
    "ronghe 城乡融合发展: data core, evaluation, monitoring and reports for urban-rural integration",
  )
  .version("0.1.0")
  .showHelpAfterError()
  // usage errors (unknown option, missing argument) are bad input: exit 2, like every other input error
  .exitOverride();

const first = process.argv[2];
const only = first === undefined ? undefined : MODULE_OF_COMMAND[first];
const modules = only ? [only] : (Object.keys(COMMAND_MODULES) as (keyof typeof COMMAND_MODULES)[]);
for (const name of modules) (await COMMAND_MODULES[name]())(program);

try {
  await program.parseAsync(process.argv);
} catch (error) {
  if (!(error instanceof CommanderError)) throw error;
  const informational = ["commander.helpDisplayed", "commander.version", "commander.help"].includes(
    error.code,
  );
  process.exitCode = informational ? 0 : 2;
}
