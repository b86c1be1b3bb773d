// Polls a background job (GET /api/jobs/{id}) until it is done or failed; stops when the component goes away
// or another job is started.
import { useCallback, useEffect, useRef, useState } from "react";
import { api } from "../api/client.ts";
import type { Job } from "../api/types.ts";

export function useJob(intervalMs = 600): {
  job: Job | null;
  error: unknown;
  start: (jobId: string, kind: string) => void;
  reset: () => void;
} {
  const [job, setJob] = useState<Job | null>(null);
  const [error, setError] = useState<unknown>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const current = useRef<string | null>(null);

  const stop = useCallback(() => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = null;
    current.current = null;
  }, []);
  useEffect(() => stop, [stop]);

  const start = useCallback(
    (jobId: string, kind: string) => {
      stop();
      current.current = jobId;
      setError(null);
      setJob({ id: jobId, kind, status: "queued", progress: 0, total: null });
      const tick = async () => {
        try {
          const j = await api.get<Job>(`/api/jobs/${encodeURIComponent(jobId)}`);
          if (current.current !== jobId) return;
          setJob(j);
          if (j.status === "queued" || j.status === "running") timer.current = setTimeout(tick, intervalMs);
        } catch (e) {
          if (current.current === jobId) setError(e);
        }
      };
      void tick();
    },
    [intervalMs, stop],
  );

  const reset = useCallback(() => {
    stop();
    setJob(null);
    setError(null);
  }, [stop]);

  return { job, error, start, reset };
}
