/**
 * The machine's cores as a priority semaphore: every piece of CPU work of a run (a model check
 * in a worker, one SMT query, one Lean process) runs under `cores.run(priority, work)`, so that
 * at most `size` run at once whatever the backends, and a core that frees up goes to the waiting
 * work with the largest priority: the longest expected remaining time first (ties: first come).
 * Longest first keeps both cores busy to the end instead of finishing on one long query.
 *
 * @example
 * const cores = new Cores(2);
 * await Promise.all([cores.run(60_000, slowQuery), cores.run(100, quickCheck)]);
 */
export class Cores {
  private busy = 0;
  private seq = 0;
  private readonly waiting: Array<{ readonly priority: number; readonly seq: number; readonly start: () => void; readonly stop: (e: Error) => void }> = [];

  /** Once `signal` aborts (the run is interrupted), no more work starts: waiting work is rejected. */
  constructor(
    readonly size: number,
    private readonly signal?: AbortSignal,
  ) {
    if (!(size >= 1)) throw new RangeError(`Cores needs at least one core, got ${size}`);
    signal?.addEventListener('abort', () => {
      for (const w of this.waiting.splice(0)) w.stop(this.stopped());
    });
  }

  private stopped(): Error {
    return new Error(`not started: the run was interrupted (${String(this.signal?.reason ?? 'signal')})`);
  }

  /** Runs `work` once a core is free; the core is released when its promise settles. */
  async run<T>(priority: number, work: () => Promise<T>): Promise<T> {
    if (this.signal?.aborted) throw this.stopped();
    if (this.busy >= this.size || this.waiting.length > 0) {
      await new Promise<void>((start, stop) => {
        this.waiting.push({ priority, seq: this.seq++, start, stop });
        this.waiting.sort((a, b) => b.priority - a.priority || a.seq - b.seq);
        this.pump();
      });
    } else this.busy++;
    try {
      return await work();
    } finally {
      this.busy--;
      this.pump();
    }
  }

  /** Work waiting for a core. */
  get queued(): number {
    return this.waiting.length;
  }

  private pump(): void {
    while (this.busy < this.size && this.waiting.length > 0) {
      this.busy++;
      this.waiting.shift()!.start();
    }
  }
}
