// Child processes of the benchmark: every heavy case runs in its own Node process (a clean heap, its own peak
// memory, and a hard time limit: a case that overruns is killed, never left behind). Children report one
// `@@RESULT <json>` line on stdout; external tools (sqlite3, Rscript, apt-get) run through runCommand.
import { type ChildProcess, spawn } from "node:child_process";
import { fileURLToPath } from "node:url";

export const REPO_ROOT = fileURLToPath(new URL("../../", import.meta.url));
const RESULT = "@@RESULT ";
const READY = "@@READY ";

const live = new Set<ChildProcess>();
/** Kills every child still running (by its own pid); called on exit and on SIGINT/SIGTERM. */
export function killChildren(): void {
  for (const c of live) if (c.exitCode === null && c.signalCode === null) c.kill("SIGKILL");
  live.clear();
}
process.once("exit", killChildren);

export interface CommandResult {
  code: number | null;
  stdout: string;
  stderr: string;
  ms: number;
  timedOut: boolean;
}

/** Runs a command with a hard time limit (SIGKILL on expiry); output is kept (stderr: its last 8 kB). */
export function runCommand(
  command: string,
  args: readonly string[],
  options: { timeoutMs: number; cwd?: string; env?: NodeJS.ProcessEnv; input?: string } = {
    timeoutMs: 60_000,
  },
): Promise<CommandResult> {
  return new Promise((resolve) => {
    const started = performance.now();
    let child: ChildProcess;
    try {
      child = spawn(command, args, {
        cwd: options.cwd ?? REPO_ROOT,
        env: options.env ?? process.env,
        stdio: [options.input === undefined ? "ignore" : "pipe", "pipe", "pipe"],
      });
    } catch (error) {
      resolve({ code: null, stdout: "", stderr: String(error), ms: 0, timedOut: false });
      return;
    }
    live.add(child);
    let stdout = "";
    let stderr = "";
    let timedOut = false;
    child.stdout?.setEncoding("utf8").on("data", (d: string) => {
      stdout += d;
    });
    child.stderr?.setEncoding("utf8").on("data", (d: string) => {
      stderr = (stderr + d).slice(-8192);
    });
    if (options.input !== undefined) child.stdin?.end(options.input);
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill("SIGKILL");
    }, options.timeoutMs);
    const finish = (code: number | null, extra = "") => {
      clearTimeout(timer);
      live.delete(child);
      resolve({ code, stdout, stderr: stderr + extra, ms: performance.now() - started, timedOut });
    };
    child.once("error", (error) => finish(null, String(error)));
    child.once("close", (code) => finish(code));
  });
}

export type CaseOutcome<T> = { ok: true; value: T } | { ok: false; error: string };

function nodeArgs(script: string, args: readonly string[]): string[] {
  return ["--expose-gc", "--import", "tsx", fileURLToPath(new URL(script, import.meta.url)), ...args];
}

/** Runs a bench script (path relative to bench/lib/) in a fresh Node process; its `@@RESULT` JSON or an error. */
export async function runCase<T>(
  script: string,
  args: readonly string[],
  timeoutMs: number,
  env?: NodeJS.ProcessEnv,
): Promise<CaseOutcome<T>> {
  const r = await runCommand(process.execPath, nodeArgs(script, args), {
    timeoutMs,
    env: { ...process.env, ...env },
  });
  const line = r.stdout.split("\n").find((l) => l.startsWith(RESULT));
  if (r.timedOut)
    return { ok: false, error: `time limit of ${Math.round(timeoutMs / 1000)} s reached, stopped` };
  if (r.code !== 0 || line === undefined) {
    const tail = r.stderr.trim().split("\n").slice(-6).join(" | ");
    return { ok: false, error: `exit ${r.code}: ${tail || r.stdout.slice(-400)}` };
  }
  return { ok: true, value: JSON.parse(line.slice(RESULT.length)) as T };
}

/** Child side of runCase: runs `main`, prints its result as one JSON line, exits 1 with the message on error. */
export function caseMain(main: (args: string[]) => Promise<unknown>): void {
  main(process.argv.slice(2)).then(
    (value) => {
      process.stdout.write(`${RESULT}${JSON.stringify(value)}\n`, () => process.exit(0));
    },
    (error: unknown) => {
      const e = error as { code?: string; message?: string; stack?: string };
      process.stderr.write(
        `${e?.code ? `${e.code}: ` : ""}${e?.stack ?? e?.message ?? String(error)}\n`,
        () => process.exit(1),
      );
    },
  );
}

export interface Service<T> {
  info: T;
  /** the service's process id (for its CPU time) */
  pid: number | undefined;
  stop(): Promise<void>;
}

/**
 * Starts a long-running bench script (e.g. the server) and waits for its `@@READY <json>` line. `stop` sends
 * SIGTERM and, after 10 s, SIGKILL.
 */
export function startService<T>(
  script: string,
  args: readonly string[],
  timeoutMs: number,
  env?: NodeJS.ProcessEnv,
): Promise<Service<T>> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, nodeArgs(script, args), {
      cwd: REPO_ROOT,
      env: { ...process.env, ...env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    live.add(child);
    let out = "";
    let err = "";
    let ready = false;
    const exited = new Promise<void>((r) => child.once("close", () => r()));
    const stop = async () => {
      live.delete(child);
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill("SIGTERM");
      const t = setTimeout(() => child.kill("SIGKILL"), 10_000);
      await exited;
      clearTimeout(t);
    };
    const timer = setTimeout(() => {
      if (ready) return;
      void stop();
      reject(new Error(`not ready within ${Math.round(timeoutMs / 1000)} s: ${err.slice(-600)}`));
    }, timeoutMs);
    child.stdout.setEncoding("utf8").on("data", (d: string) => {
      if (ready) return; // after start-up the output is drained and dropped
      out += d;
      const line = out.split("\n").find((l) => l.startsWith(READY));
      if (line !== undefined && out.includes("\n", out.indexOf(READY))) {
        ready = true;
        clearTimeout(timer);
        resolve({ info: JSON.parse(line.slice(READY.length)) as T, pid: child.pid, stop });
      }
    });
    child.stderr.setEncoding("utf8").on("data", (d: string) => {
      err = (err + d).slice(-8192);
    });
    child.once("close", (code) => {
      live.delete(child);
      if (!ready) {
        clearTimeout(timer);
        reject(
          new Error(`exited with ${code} before ready: ${err.trim().split("\n").slice(-6).join(" | ")}`),
        );
      }
    });
  });
}

/** Service side of startService. */
export function announceReady(info: unknown): void {
  process.stdout.write(`${READY}${JSON.stringify(info)}\n`);
}
