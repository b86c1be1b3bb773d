// Peak memory of a synchronous computation. The main thread is busy while an engine runs, so a worker thread
// samples the process's resident set every 2 ms and keeps the maximum in shared memory; the OS high-water mark
// (getrusage maxRSS) catches any peak shorter than a sample. `arrayBuffers` is the main isolate's typed-array
// memory after the run minus before (no GC in between): what the engine allocated and still holds.
import { Worker } from "node:worker_threads";

const SAMPLER = `
const { workerData } = require("node:worker_threads");
const peak = new Int32Array(workerData);
const tick = () => {
  const kb = Math.round(process.memoryUsage.rss() / 1024);
  if (kb > Atomics.load(peak, 0)) Atomics.store(peak, 0, kb);
  if (Atomics.load(peak, 1) === 0) setTimeout(tick, 2);
};
tick();
`;

export interface MemoryMeasure<T> {
  value: T;
  ms: number;
  cpuMs: number;
  /** peak resident set during the run minus the resident set just before it, bytes */
  peakRssDelta: number;
  /** main isolate ArrayBuffer bytes after minus before */
  arrayBuffersDelta: number;
}

function gc(): void {
  (globalThis as { gc?: () => void }).gc?.();
}

export async function measure<T>(fn: () => T): Promise<MemoryMeasure<T>> {
  const shared = new SharedArrayBuffer(8);
  const peak = new Int32Array(shared);
  const worker = new Worker(SAMPLER, { eval: true, workerData: shared });
  // the worker's own memory is part of the baseline; two collections with a pause let the concurrent sweeper
  // release dead ArrayBuffers, so `arrayBuffers` does not fall during the measured call
  await new Promise((r) => setTimeout(r, 50));
  gc();
  await new Promise((r) => setTimeout(r, 50));
  gc();
  const rss0 = process.memoryUsage.rss();
  const maxRss0 = process.resourceUsage().maxRSS * 1024;
  Atomics.store(peak, 0, Math.round(rss0 / 1024));
  const ab0 = process.memoryUsage().arrayBuffers;
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  const value = fn();
  const ms = performance.now() - t0;
  const c = process.cpuUsage(c0);
  const ab1 = process.memoryUsage().arrayBuffers;
  const maxRss1 = process.resourceUsage().maxRSS * 1024;
  Atomics.store(peak, 1, 1);
  await worker.terminate();
  const sampled = Atomics.load(peak, 0) * 1024;
  // the OS high-water mark is usable only when the run raised it above the mark set before
  const peakRss = Math.max(sampled, maxRss1 > maxRss0 ? maxRss1 : 0);
  return {
    value,
    ms,
    cpuMs: (c.user + c.system) / 1000,
    peakRssDelta: Math.max(0, peakRss - rss0),
    arrayBuffersDelta: ab1 - ab0,
  };
}

export const MB = 1024 * 1024;
