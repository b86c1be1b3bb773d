// Entry of the fast path for `ronghe analyze`: validation scripts start the CLI once per spec, so this entry
// loads only the analysis engines (see scripts/build-cli.mjs and bin/ronghe.js).
import { Command, CommanderError } from "commander";
import { registerAnalyze } from "./commands/analyze.ts";

const program = new Command("ronghe").exitOverride();
registerAnalyze(program);
try {
  await program.parseAsync(process.argv);
} catch (error) {
  if (!(error instanceof CommanderError)) throw error;
  process.exitCode = error.code === "commander.helpDisplayed" ? 0 : 2;
}
