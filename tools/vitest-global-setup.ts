// Rebuild the CLI bundle once before the suite, so tests that spawn `ronghe` run the current sources fast.
import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";

export default function setup(): void {
  execFileSync(process.execPath, [fileURLToPath(new URL("../scripts/build-cli.mjs", import.meta.url))], {
    stdio: "inherit",
  });
}
