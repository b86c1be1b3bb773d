// Progress of a background job (GET /api/jobs/{id}) as a percentage for a progress bar.
import type { Job } from "../api/types.ts";

export function jobPercent(job: Pick<Job, "status" | "progress" | "total"> | null): number {
  if (!job) return 0;
  if (job.status === "done") return 100;
  const total = job.total ?? 0;
  if (!(total > 0) || !Number.isFinite(job.progress)) return 0;
  return Math.max(0, Math.min(100, Math.round((100 * job.progress) / total)));
}

export function jobRunning(job: Pick<Job, "status"> | null): boolean {
  return job !== null && (job.status === "queued" || job.status === "running");
}
