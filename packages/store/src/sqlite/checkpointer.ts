// Background WAL checkpoints for a file store. A commit appends the pages it changed to the write-ahead log; a
// checkpoint later copies them into the database file. SQLite's automatic checkpoint makes that copy inside the
// committing call, so a large write (all of China's regions: 120 MB of pages) paid for it twice over before
// returning. Here the copy is made by a worker thread with its own connection, on the other core, while the writer
// goes on, as PostgreSQL's checkpointer does for COPY. The writer's commits skip the automatic checkpoint (see
// SqliteStore.transaction) and hand the log over once it holds more than SQLite's own threshold.
//
// A checkpoint never changes what readers see and is crash-safe: a process that dies during one leaves a log that
// the next connection replays. When no worker can run, the writer checkpoints inline, as SQLite would.
import { statSync } from "node:fs";
import { createRequire } from "node:module";
import { Worker } from "node:worker_threads";
import type BetterSqlite3 from "better-sqlite3";

/** SQLite's default automatic-checkpoint threshold, in pages */
export const AUTOCHECKPOINT_PAGES = 1000;

// CommonJS, evaluated in the worker: one connection that runs a passive checkpoint per request (passive: it
// never waits for, nor blocks, the writer or readers).
const WORKER_SOURCE = `
const { parentPort, workerData } = require("node:worker_threads");
const Database = require(workerData.driver);
const db = new Database(workerData.path, { fileMustExist: true });
db.pragma("busy_timeout = 5000");
parentPort.on("message", (message) => {
  if (message === "close") {
    db.close();
    parentPort.close();
    return;
  }
  try {
    db.pragma("wal_checkpoint(PASSIVE)");
    parentPort.postMessage({ ok: true });
  } catch (error) {
    parentPort.postMessage({ ok: false, message: String(error && error.message) });
  }
});
`;

export interface CheckpointerOptions {
  /** the better-sqlite3 module the worker loads (tests point it at a missing one) */
  driver?: string;
}

export class Checkpointer {
  readonly #walPath: string;
  readonly #thresholdBytes: number;
  readonly #driver: string;
  #worker: Worker | null = null;
  /** no worker could run: checkpoint inline from now on */
  #inline = false;
  #running = false;
  /** a request came while a checkpoint ran: run one more after it */
  #again = false;
  #idle: Array<() => void> = [];
  #closed = false;

  constructor(
    private readonly writer: BetterSqlite3.Database,
    private readonly path: string,
    options: CheckpointerOptions = {},
  ) {
    this.#walPath = `${path}-wal`;
    const pageSize = writer.pragma("page_size", { simple: true }) as number;
    // a WAL frame is a page plus its 24-byte header
    this.#thresholdBytes = AUTOCHECKPOINT_PAGES * (pageSize + 24);
    this.#driver = options.driver ?? createRequire(import.meta.url).resolve("better-sqlite3");
  }

  /** After a commit made without the automatic checkpoint: checkpoints once the log is past the threshold. */
  afterCommit(): void {
    if (this.#closed || this.#walBytes() < this.#thresholdBytes) return;
    if (this.#inline) {
      this.#checkpointInline();
      return;
    }
    if (this.#running) {
      this.#again = true;
      return;
    }
    this.#start();
  }

  /** Resolves when no checkpoint is running or queued. */
  idle(): Promise<void> {
    if (!this.#running) return Promise.resolve();
    return new Promise((resolve) => this.#idle.push(resolve));
  }

  /** Waits for the running checkpoint, then stops the worker; the writer's close makes the final one. */
  async close(): Promise<void> {
    this.#closed = true;
    this.#again = false;
    await this.idle();
    const worker = this.#worker;
    this.#worker = null;
    if (worker) {
      const exited = new Promise<void>((resolve) => worker.once("exit", () => resolve()));
      worker.ref();
      worker.postMessage("close");
      await exited;
    }
  }

  /** whether checkpoints run inline (no worker could start) */
  get inline(): boolean {
    return this.#inline;
  }

  #walBytes(): number {
    try {
      return statSync(this.#walPath).size;
    } catch {
      return 0;
    }
  }

  #start(): void {
    this.#running = true;
    this.#again = false;
    const worker = this.#worker ?? this.#spawn();
    if (worker === null) {
      this.#fallBackInline();
      return;
    }
    worker.ref();
    worker.postMessage("checkpoint");
  }

  #spawn(): Worker | null {
    let worker: Worker;
    try {
      worker = new Worker(WORKER_SOURCE, {
        eval: true,
        workerData: { driver: this.#driver, path: this.path },
      });
    } catch {
      return null;
    }
    // referenced only while a checkpoint runs (see #start, #settle): an idle worker never keeps the process alive
    worker.unref();
    worker.on("message", (reply: { ok: boolean }) => {
      if (!reply.ok) {
        this.#fallBackInline();
        return;
      }
      if (this.#again && !this.#closed) {
        this.#again = false;
        worker.postMessage("checkpoint");
        return;
      }
      this.#settle();
    });
    worker.on("error", () => this.#fallBackInline());
    this.#worker = worker;
    return worker;
  }

  /** The worker failed (could not load the driver, open the file, or checkpoint): the writer does it. */
  #fallBackInline(): void {
    this.#inline = true;
    const worker = this.#worker;
    this.#worker = null;
    if (worker) void worker.terminate();
    this.#checkpointInline();
    this.#settle();
  }

  #checkpointInline(): void {
    // inside a transaction the writer cannot checkpoint; the next commit will
    if (this.#closed || !this.writer.open || this.writer.inTransaction) return;
    this.writer.pragma("wal_checkpoint(PASSIVE)");
  }

  #settle(): void {
    this.#worker?.unref();
    this.#running = false;
    this.#again = false;
    const waiting = this.#idle;
    this.#idle = [];
    for (const resolve of waiting) resolve();
  }
}
