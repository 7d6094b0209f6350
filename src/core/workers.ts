/**
 * Worker threads: starting TypeScript workers, and a pool with a time limit per task.
 *
 * A `.ts` worker is started through `boot.mjs`, which registers the tsx loader inside the worker
 * first (passing `--import tsx` in a worker's execArgv is not reliable on Node 20).
 *
 * A task's time limit starts once its worker is ready (a fresh worker first loads its modules,
 * which takes seconds on a loaded machine and is not the task's time); a worker that does not
 * get ready within `BOOT_MS` answers its task as a crash.
 * A task that runs past its limit has its worker terminated (the only way to stop a busy
 * thread) and a fresh worker takes its place; a worker that dies answers its task with a crash.
 * The pool owns its workers: `close` ends them all, and answers every task still waiting as a
 * crash ("the worker pool is closed"), so that nobody waits for an answer that cannot come.
 * Each worker's heap may be capped (`heapMb`): a worker that reaches it is stopped by V8 and its
 * task answered as a crash that says so, instead of the whole process running out of memory.
 */
import { Worker, type WorkerOptions } from 'node:worker_threads';

/** Longest wait for a fresh worker to load its modules (generous: the machine may be loaded). */
const BOOT_MS = 300_000;

/** The message `boot.mjs` posts once the worker's module is loaded and listening. */
export const READY_MESSAGE = 'tc0-worker-ready';

export function spawnWorker(url: URL, opts: WorkerOptions = {}): Worker {
  if (!url.pathname.endsWith('.ts')) return new Worker(url, opts);
  return new Worker(new URL('./boot.mjs', import.meta.url), { ...opts, workerData: { ...(opts.workerData as object), tc0Module: url.href } });
}

interface Pending<Req, Res> {
  readonly request: Req;
  readonly timeoutMs: number;
  readonly resolve: (r: Res) => void;
}

export interface PoolHandlers<Req, Res> {
  /** The answer for a task stopped at its time limit (`limitMs`, the limit it was given). */
  onTimeout(request: Req, limitMs: number): Res;
  onCrash(request: Req, message: string): Res;
}

export interface PoolOptions {
  /** Largest old-generation heap of each worker in MiB (V8 `maxOldGenerationSizeMb`). */
  readonly heapMb?: number;
}

export class WorkerPool<Req, Res> {
  private readonly idle: Worker[] = [];
  private readonly all = new Set<Worker>();
  /** Resolves once a worker can take a task. */
  private readonly ready = new Map<Worker, Promise<void>>();
  private readonly queue: Array<Pending<Req, Res>> = [];
  private nextId = 0;
  private closed = false;

  constructor(
    private readonly url: URL,
    private readonly size: number,
    private readonly handlers: PoolHandlers<Req, Res>,
    private readonly options: PoolOptions = {},
  ) {}

  run(request: Req, timeoutMs: number): Promise<Res> {
    if (this.closed) return Promise.resolve(this.handlers.onCrash(request, 'worker pool is closed'));
    return new Promise((resolve) => {
      this.queue.push({ request, timeoutMs, resolve });
      this.pump();
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const t of this.queue.splice(0)) t.resolve(this.handlers.onCrash(t.request, 'worker pool is closed'));
    await Promise.all([...this.all].map((w) => w.terminate()));
    this.all.clear();
    this.ready.clear();
    this.idle.length = 0;
  }

  private pump(): void {
    while (this.queue.length > 0) {
      let w = this.idle.pop();
      if (!w) {
        if (this.all.size >= this.size) return;
        w = spawnWorker(this.url, this.options.heapMb ? { resourceLimits: { maxOldGenerationSizeMb: this.options.heapMb } } : {});
        this.all.add(w);
        const fresh = w;
        // A TypeScript worker says when its module is loaded (boot.mjs); a plain one is ready once online.
        this.ready.set(w, new Promise((resolve) => {
          const onReady = (m: unknown): void => {
            if (m !== READY_MESSAGE) return;
            fresh.off('message', onReady);
            resolve();
          };
          if (this.url.pathname.endsWith('.ts')) fresh.on('message', onReady);
          else fresh.once('online', () => resolve());
        }));
      }
      this.dispatch(w, this.queue.shift()!);
    }
  }

  private dispatch(w: Worker, task: Pending<Req, Res>): void {
    const id = this.nextId++;
    let done = false;
    const finish = (res: Res, keep: boolean): void => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      w.off('message', onMessage);
      w.off('error', onError);
      w.off('exit', onExit);
      if (keep && !this.closed) this.idle.push(w);
      else {
        this.all.delete(w);
        this.ready.delete(w);
        void w.terminate();
      }
      task.resolve(res);
      this.pump();
    };
    const onMessage = (m: { id: number; result: Res }): void => {
      if (m.id === id) finish(m.result, true);
    };
    const onError = (e: Error): void => {
      const oom = (e as NodeJS.ErrnoException).code === 'ERR_WORKER_OUT_OF_MEMORY';
      finish(this.handlers.onCrash(task.request, oom ? `out of memory: the worker reached its heap limit of ${this.options.heapMb ?? 'V8 default'} MiB (${e.message})` : `${e.name}: ${e.message}`), false);
    };
    const onExit = (code: number): void => finish(this.handlers.onCrash(task.request, `worker exited with code ${code}`), false);
    let timer = setTimeout(() => finish(this.handlers.onCrash(task.request, `the worker did not start within ${BOOT_MS / 1000} s`), false), BOOT_MS);
    void this.ready.get(w)?.then(() => {
      if (done) return;
      clearTimeout(timer);
      timer = setTimeout(() => finish(this.handlers.onTimeout(task.request, task.timeoutMs), false), task.timeoutMs);
    });
    w.on('message', onMessage);
    w.on('error', onError);
    w.on('exit', onExit);
    w.postMessage({ id, request: task.request });
  }
}

/**
 * One request answered in a fresh worker thread (a `{ id, request }` message, answered with
 * `{ id, result }`), so that the main thread stays free while it works: a signal is handled at
 * once. Aborting `signal` terminates the worker. A crash, the time limit or an abort is `{ error }`.
 */
export async function inWorker<Req, Res>(url: URL, request: Req, opts: { readonly timeoutMs: number; readonly signal?: AbortSignal }): Promise<Res | { error: string }> {
  const pool = new WorkerPool<Req, Res | { error: string }>(url, 1, {
    onTimeout: (_, ms) => ({ error: `did not finish within ${ms / 1000} s` }),
    onCrash: (_, message) => ({ error: message }),
  });
  const stop = (): void => void pool.close();
  opts.signal?.addEventListener('abort', stop);
  try {
    return await pool.run(request, opts.timeoutMs);
  } finally {
    opts.signal?.removeEventListener('abort', stop);
    await pool.close();
  }
}
