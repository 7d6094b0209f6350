/**
 * SIGINT, SIGTERM and SIGHUP during a run. The first signal stops the run cleanly: every child
 * process group is killed at once (Lean, native solvers), the owner of the run closes its worker
 * threads (it listens on `signal`), the run reports what finished and exits with 128 + the
 * signal's number. A second signal does not wait for that: children are killed again and the
 * process exits at once.
 */
import { closeProcesses, stopAllProcesses } from '../backend/process.js';

export const SIGNALS = { SIGHUP: 1, SIGINT: 2, SIGTERM: 15 } as const;
export type StopSignal = keyof typeof SIGNALS;

/** The exit code of a run stopped by a signal (130 for SIGINT, 143 for SIGTERM, 129 for SIGHUP). */
export const exitCodeOf = (s: StopSignal): number => 128 + SIGNALS[s];

export interface Interrupt {
  /** Aborted at the first signal; its `reason` is the signal's name. */
  readonly signal: AbortSignal;
  /** The signal that stopped the run, or null. */
  readonly received: () => StopSignal | null;
  /** Removes the handlers (the default behaviour of the signals comes back). */
  readonly release: () => void;
}

/** Installs the handlers; `say` prints the one line that tells the user what happens. */
export function catchSignals(say: (line: string) => void): Interrupt {
  const controller = new AbortController();
  let received: StopSignal | null = null;
  const handlers = new Map<StopSignal, () => void>();
  for (const name of Object.keys(SIGNALS) as StopSignal[]) {
    const handler = (): void => {
      if (received) {
        stopAllProcesses();
        process.exit(exitCodeOf(received));
      }
      received = name;
      say(`tc0: interrupted (${name}): stopping every checker; the report of what finished is written, the rest is listed as skipped`);
      controller.abort(name);
      closeProcesses();
    };
    handlers.set(name, handler);
    process.on(name, handler);
  }
  return {
    signal: controller.signal,
    received: () => received,
    release: () => {
      for (const [name, h] of handlers) process.off(name, h);
    },
  };
}
