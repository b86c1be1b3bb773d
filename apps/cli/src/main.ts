// The `ronghe` command. Each command lives in its own module under commands/ and registers itself here.
import { Command } from "commander";
import { registerAnalyze } from "./commands/analyze.ts";
import { registerDataCommands } from "./commands/data.ts";
import { registerEvaluate } from "./commands/evaluate.ts";
import { registerMonitor } from "./commands/monitor.ts";
import { registerReport } from "./commands/report.ts";
import { registerUsers } from "./commands/users.ts";

const program = new Command("ronghe")
  .description("ronghe 城乡融合发展: data core, evaluation, monitoring and reports for urban-rural integration")
  .version("0.1.0")
  .showHelpAfterError();

registerDataCommands(program);
registerAnalyze(program);
registerEvaluate(program);
registerMonitor(program);
registerReport(program);
registerUsers(program);

await program.parseAsync(process.argv);
