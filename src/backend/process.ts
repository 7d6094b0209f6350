/**
 * One child process run to completion: output collected, killed (SIGKILL) at a time limit or a
 * memory cap, a failure to start reported instead of thrown. The Lean runner and the native SMT
 * solvers share it; each reads the result in its own terms.
 *
 * No child outlives the workbench:
 * - each child leads its own process group, and every kill is of the whole group (what the
 *   child started dies with it);
 * - every live child is known here: `stopAllProcesses` kills them all, `closeProcesses` also
 *   refuses new ones (on a signal, see `verify/interrupt.ts`), and the process's `exit` event
 *   kills what is left, whatever the reason for exiting;
 * - on Linux the child is started through `setpriv --pdeathsig KILL` when it is available, so
 *   that the kernel kills it even if the workbench itself is killed with SIGKILL.
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

export interface ProcessRun {
  /** Exit code; null when killed or never started. */
  readonly code: number | null;
  readonly out: string;
  /** Standard error, plus a note when the process closed its input early. */
  readonly err: string;
  readonly timedOut: boolean;
  /** Set when the process was killed for using more memory than `memoryLimitMb`. */
  readonly memoryExceeded?: { readonly limitMb: number; readonly residentMb: number };
  /** The signal that ended it when it was not killed by us (a crash: SIGSEGV, SIGABRT, an outside kill). */
  readonly signal?: string;
  /** Set when `stopAllProcesses` killed it (the run was interrupted). */
  readonly stopped?: true;
  /** Why the process could not be started, if it could not. */
  readonly startError?: string;
  readonly ms: number;
}

export interface ProcessOptions {
  readonly cwd?: string;
  readonly env?: NodeJS.ProcessEnv;
  /** Written to standard input, which is then closed (no input: stdin is ignored). */
  readonly input?: string;
  readonly timeoutMs: number;
  /** Largest resident memory of the process, in MiB (checked every second); none when absent. */
  readonly memoryLimitMb?: number;
}

/** Live children, each with how to stop it. */
const live = new Map<ChildProcess, () => void>();

/** Kills the process group of a child (the child itself when it has no group of its own). */
function killGroup(child: ChildProcess): void {
  if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
  try {
    process.kill(-child.pid, 'SIGKILL');
  } catch {
    child.kill('SIGKILL');
  }
}

/** Kills every child process (and its group) still running; returns how many there were. */
export function stopAllProcesses(): number {
  const n = live.size;
  for (const stop of [...live.values()]) stop();
  return n;
}

let closed = false;

/** Kills every child and refuses to start new ones from now on (the process is stopping). */
export function closeProcesses(): void {
  closed = true;
  stopAllProcesses();
}

/** Whether `closeProcesses` was called (the process is stopping). */
export const processesClosed = (): boolean => closed;

/** How many children are running now (for tests and diagnostics). */
export function liveProcesses(): number {
  return live.size;
}

let exitHook = false;
let pdeathsig: boolean | undefined;

/** Whether `setpriv --pdeathsig` works here (util-linux; Linux only). Probed once. */
function hasPdeathsig(): boolean {
  if (pdeathsig === undefined) {
    const r = process.platform === 'linux' ? spawnSync('setpriv', ['--pdeathsig', 'KILL', '--', 'true'], { stdio: 'ignore', timeout: 10_000 }) : undefined;
    pdeathsig = r !== undefined && !r.error && r.status === 0;
  }
  return pdeathsig;
}

/** Resident memory of a process in MiB (Linux `/proc`), or undefined when it cannot be read. */
function residentMb(pid: number): number | undefined {
  try {
    const m = /^VmRSS:\s+(\d+)\s+kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) / 1024 : undefined;
  } catch {
    return undefined;
  }
}

export function runProcess(cmd: string, args: readonly string[], opts: ProcessOptions): Promise<ProcessRun> {
  if (!exitHook) {
    exitHook = true;
    process.on('exit', () => void stopAllProcesses());
  }
  const started = Date.now();
  if (closed) return Promise.resolve({ code: null, out: '', err: '', timedOut: false, stopped: true, startError: 'not started: the run is stopping', ms: 0 });
  const [file, argv] = hasPdeathsig() ? ['setpriv', ['--pdeathsig', 'KILL', '--', cmd, ...args]] : [cmd, [...args]];
  return new Promise((resolve) => {
    const child = spawn(file, argv, { cwd: opts.cwd, env: opts.env, detached: true, stdio: [opts.input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    let timedOut = false;
    let stopped = false;
    let memoryExceeded: ProcessRun['memoryExceeded'];
    let settled = false;
    live.set(child, () => {
      stopped = true;
      killGroup(child);
    });
    const timer = setTimeout(() => {
      timedOut = true;
      killGroup(child);
    }, opts.timeoutMs);
    const limit = opts.memoryLimitMb;
    const watch =
      limit === undefined
        ? undefined
        : setInterval(() => {
            const mb = child.pid === undefined ? undefined : residentMb(child.pid);
            if (mb !== undefined && mb > limit && !memoryExceeded) {
              memoryExceeded = { limitMb: limit, residentMb: Math.round(mb) };
              killGroup(child);
            }
          }, 1000);
    watch?.unref();
    const settle = (code: number | null, startError?: string, signal?: string | null): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      if (watch) clearInterval(watch);
      live.delete(child);
      resolve({
        code,
        out,
        err,
        timedOut: timedOut && !stopped,
        ms: Date.now() - started,
        ...(memoryExceeded ? { memoryExceeded } : {}),
        ...(stopped ? { stopped: true as const } : {}),
        ...(signal && !stopped && !timedOut && !memoryExceeded ? { signal } : {}),
        ...(startError !== undefined ? { startError } : {}),
      });
    };
    child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
    child.on('error', (e) => settle(null, e.message));
    child.on('close', (code, signal) => {
      // Started through setpriv, a command that cannot be run is setpriv's exit 127.
      const failed = file === 'setpriv' && code === 127 ? /^setpriv: failed to execute [^\n]*/m.exec(err) : null;
      settle(failed ? null : code, failed ? failed[0].replace(/^setpriv: failed to execute /, '') : undefined, signal);
    });
    if (opts.input !== undefined) {
      // A process that exits early (a crash, a limit) closes its input: reported at close, not an
      // exception that takes the workbench down.
      child.stdin!.on('error', (e) => (err += `\n${cmd} closed its input: ${e.message}`));
      child.stdin!.end(opts.input);
    }
  });
}
