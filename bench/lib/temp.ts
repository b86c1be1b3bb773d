// A temporary directory per run, removed at the end (also when a section fails).
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

export function makeTempDir(purpose: string): { dir: string; remove: () => void } {
  const dir = mkdtempSync(join(tmpdir(), `ronghe-bench-${purpose}-`));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}
