/**
 * A native SMT solver on PATH (`z3` or `cvc5`), one child process per query, text on stdin,
 * killed at the time limit.
 */
import { spawn, spawnSync } from 'node:child_process';
import type { Checker } from '../core/verdict.js';
import { parseAnswer, type SmtRun, type SmtSolver } from './smt.js';

export type NativeKind = 'z3' | 'cvc5';

/** The solver's version line, or undefined when it is not on PATH. */
export function nativeVersion(kind: NativeKind): string | undefined {
  const r = spawnSync(kind, ['--version'], { encoding: 'utf8', timeout: 5000 });
  if (r.error || r.status !== 0) return undefined;
  const m = /version\s+([0-9][^\s]*)/i.exec(r.stdout);
  return m ? m[1] : r.stdout.trim().split('\n')[0];
}

export class NativeSmt implements SmtSolver {
  readonly checker: Checker;
  constructor(
    private readonly kind: NativeKind,
    version: string,
  ) {
    this.checker = { name: kind, version };
  }

  check(text: string, timeoutMs: number): Promise<SmtRun> {
    const started = Date.now();
    const args = this.kind === 'z3' ? ['-smt2', '-in', `-t:${Math.max(1, Math.round(timeoutMs))}`] : ['--lang', 'smt2', '--produce-models', `--tlimit=${Math.max(1, Math.round(timeoutMs))}`];
    return new Promise((resolve) => {
      const child = spawn(this.kind, args, { stdio: ['pipe', 'pipe', 'pipe'] });
      let out = '';
      let err = '';
      let killed = false;
      const timer = setTimeout(() => {
        killed = true;
        child.kill('SIGKILL');
      }, timeoutMs + 3000);
      child.stdout.on('data', (d: Buffer) => (out += d.toString()));
      child.stderr.on('data', (d: Buffer) => (err += d.toString()));
      child.on('error', (e) => {
        clearTimeout(timer);
        resolve({ answer: 'error', output: out, ms: Date.now() - started, reason: `${this.kind} could not start: ${e.message}` });
      });
      child.on('close', () => {
        clearTimeout(timer);
        const ms = Date.now() - started;
        if (killed) return resolve({ answer: 'timeout', output: out, ms, reason: `killed after ${(ms / 1000).toFixed(1)} s` });
        const parsed = parseAnswer(out);
        // cvc5 reports its own time limit as an error message; z3 as "timeout" or unknown.
        const answer = (parsed === 'unknown' || parsed === 'error') && /timeout/i.test(out + err) ? 'timeout' : parsed;
        const reason = answer === 'error' ? (err || out).trim().slice(0, 500) : answer === 'unknown' ? 'solver answered unknown' : answer === 'timeout' ? `${this.kind} stopped at its time limit` : undefined;
        resolve({ answer, output: out.trim(), ms, ...(reason ? { reason } : {}) });
      });
      // A solver that exits early (a crash, a limit) closes its input: that is an error answer
      // reported at close, not an exception that takes the workbench down.
      child.stdin.on('error', (e) => (err += `\n${this.kind} closed its input: ${e.message}`));
      child.stdin.end(text);
    });
  }

  async dispose(): Promise<void> {}
}
