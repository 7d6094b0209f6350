/**
 * Worker threads that run TypeScript sources: a `.ts` module is started through `boot.mjs`,
 * which registers the tsx loader inside the worker first.
 */
import { Worker, type WorkerOptions } from 'node:worker_threads';

export function spawnWorker(url: URL, opts: WorkerOptions = {}): Worker {
  if (!url.pathname.endsWith('.ts')) return new Worker(url, opts);
  return new Worker(new URL('./boot.mjs', import.meta.url), { ...opts, workerData: { ...(opts.workerData as object), tc0Module: url.href } });
}
