/**
 * One child process run to completion: output collected, killed (SIGKILL) at a time limit, a
 * failure to start reported instead of thrown. The Lean runner and the native SMT solvers share
 * it; each reads the result in its own terms.
 */
import { spawn } from 'node:child_process';

export interface ProcessRun {
  /** Exit code; null when killed or never started. */
  readonly code: number | null;
  readonly out: string;
  /** Standard error, plus a note when the process closed its input early. */
  readonly err: string;
  readonly timedOut: boolean;
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
}

export function runProcess(cmd: string, args: readonly string[], opts: ProcessOptions): Promise<ProcessRun> {
  const started = Date.now();
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { cwd: opts.cwd, env: opts.env, stdio: [opts.input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    let timedOut = false;
    let settled = false;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, opts.timeoutMs);
    const settle = (code: number | null, startError?: string): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve({ code, out, err, timedOut, ms: Date.now() - started, ...(startError !== undefined ? { startError } : {}) });
    };
    child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
    child.on('error', (e) => settle(null, e.message));
    child.on('close', (code) => settle(code));
    if (opts.input !== undefined) {
      // A process that exits early (a crash, a limit) closes its input: reported at close, not an
      // exception that takes the workbench down.
      child.stdin!.on('error', (e) => (err += `\n${cmd} closed its input: ${e.message}`));
      child.stdin!.end(opts.input);
    }
  });
}
