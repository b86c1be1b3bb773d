// In-process background jobs: heavy work (evaluations, reports, big imports) is recorded in the store's jobs
// table and run here one at a time (2-core machines; the store is the bottleneck anyway), with progress the UI
// polls through GET /api/jobs/{id}. A request that starts one answers 202 {jobId} at once.
import { isRongheError } from "@ronghe/core";
import type { Actor } from "@ronghe/services";
import type { Job, Store } from "@ronghe/store";

export type JobProgress = (done: number, total: number, message?: string) => void;
export type JobWork = (progress: JobProgress) => Promise<unknown>;

interface Pending {
  job: Job;
  work: JobWork;
}

export class JobRunner {
  private readonly queue: Pending[] = [];
  private running = 0;
  private idleWaiters: Array<() => void> = [];

  constructor(
    private readonly store: Store,
    private readonly options: { concurrency?: number; log?: (error: unknown) => void } = {},
  ) {}

  /** Records a queued job and schedules it; returns at once. */
  async submit(kind: string, actor: Actor, work: JobWork): Promise<Job> {
    const job = await this.store.createJob({ kind, actor: actor.username, status: "queued" });
    this.queue.push({ job, work });
    setImmediate(() => this.pump());
    return job;
  }

  /** Resolves when no job is queued or running (tests, shutdown). */
  idle(): Promise<void> {
    if (this.running === 0 && this.queue.length === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  /** Jobs left queued or running by a previous process can never finish: mark them failed. */
  async failInterrupted(): Promise<number> {
    const stale = await this.store.listJobs({ status: ["queued", "running"], limit: 1000 });
    for (const job of stale) {
      await this.store.updateJob(job.id, {
        status: "failed",
        error: { code: "internal", message: "interrupted by a restart" },
      });
    }
    return stale.length;
  }

  private pump(): void {
    const limit = this.options.concurrency ?? 1;
    while (this.running < limit && this.queue.length > 0) {
      const next = this.queue.shift() as Pending;
      this.running += 1;
      void this.run(next).finally(() => {
        this.running -= 1;
        if (this.running === 0 && this.queue.length === 0) {
          const waiters = this.idleWaiters;
          this.idleWaiters = [];
          for (const w of waiters) w();
        } else this.pump();
      });
    }
  }

  private async run({ job, work }: Pending): Promise<void> {
    const store = this.store;
    let lastWrite = 0;
    let pendingWrite: Promise<unknown> = Promise.resolve();
    const progress: JobProgress = (done, total, message) => {
      const now = Date.now();
      if (now - lastWrite < 250 && done < total) return; // at most 4 progress writes a second
      lastWrite = now;
      pendingWrite = pendingWrite
        .then(() => store.updateJob(job.id, { progress: done, total, message: message ?? null }))
        .catch(() => {});
    };
    try {
      await store.updateJob(job.id, { status: "running" });
      const result = await work(progress);
      await pendingWrite;
      await store.updateJob(job.id, { status: "succeeded", result: result ?? null, message: null });
    } catch (error) {
      await pendingWrite;
      const body = isRongheError(error) ? error.toJSON() : { code: "internal", message: "internal error" };
      if (!isRongheError(error)) this.options.log?.(error);
      await store.updateJob(job.id, { status: "failed", error: body }).catch(() => {});
    }
  }
}
