#!/usr/bin/env node
// Regenerates docs/cli.md from the CLI's own --help texts, so the reference never drifts from the code:
//   node tools/cli-reference.mjs
import { execFileSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

const bin = fileURLToPath(new URL("../apps/cli/bin/ronghe.js", import.meta.url));
const help = (args) =>
  execFileSync(process.execPath, [bin, ...args, "--help"], { encoding: "utf8" }).trimEnd();

/** Sub-commands listed under "Commands:" in a help text. */
function subcommands(text) {
  const section = text.split(/\nCommands:\n/)[1];
  if (!section) return [];
  return section
    .split("\n")
    .map((line) => line.match(/^ {2}([a-z][\w-]*)/)?.[1])
    .filter((name) => name && name !== "help");
}

const out = [
  "# `ronghe` command reference",
  "",
  "Generated from the commands' own `--help` by `node tools/cli-reference.mjs`; do not edit by hand.",
  "",
  "Conventions: every command takes `--json`; exit status 0 on success, 2 on bad input (with",
  '`{"error":{"code","message","details"}}` under `--json`), 1 on an internal fault. The store is `--db PATH_OR_URL`,',
  "else `RONGHE_DB`, else `./ronghe.db`; a `postgres://` URL selects PostgreSQL. Long work shows a progress bar on",
  "a terminal (stderr).",
  "",
  "```text",
  help([]),
  "```",
  "",
];

function walk(path) {
  const text = help(path);
  out.push(`## \`ronghe ${path.join(" ")}\``, "", "```text", text, "```", "");
  for (const sub of subcommands(text)) walk([...path, sub]);
}
for (const top of subcommands(help([]))) walk([top]);

writeFileSync(fileURLToPath(new URL("../docs/cli.md", import.meta.url)), `${out.join("\n")}\n`);
console.log(`docs/cli.md: ${out.filter((l) => l.startsWith("## ")).length} commands`);
