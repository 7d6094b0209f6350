/**
 * A native SMT solver on PATH (`z3` or `cvc5`), one child process per query, text on stdin,
 * killed at the time limit.
 */
import { spawnSync } from 'node:child_process';
import { runProcess } from './process.js';
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

  async check(query: string, timeoutMs: number): Promise<SmtRun> {
    // cvc5 has no Z3 tactics: a `(check-sat-using ...)` line is read as `(check-sat)`.
    const text = this.kind === 'cvc5' ? query.replace(/^\(check-sat-using .*\)$/gm, '(check-sat)') : query;
    const args = this.kind === 'z3' ? ['-smt2', '-in', `-t:${Math.max(1, Math.round(timeoutMs))}`] : ['--lang', 'smt2', '--produce-models', `--tlimit=${Math.max(1, Math.round(timeoutMs))}`];
    // The solver's own limit answers first; ours, 3 s later, catches one that ignores it.
    const { out, err, ms, timedOut, startError, signal, stopped } = await runProcess(this.kind, args, { input: text, timeoutMs: timeoutMs + 3000 });
    if (startError !== undefined) return { answer: 'error', output: out, ms, reason: `${this.kind} could not start: ${startError}` };
    if (stopped) return { answer: 'error', output: out, ms, reason: `${this.kind} was stopped: the run was interrupted` };
    if (signal) return { answer: 'error', output: out, ms, reason: `${this.kind} crashed (killed by ${signal})${err.trim() ? `: ${err.trim().slice(0, 300)}` : ''}` };
    if (timedOut) return { answer: 'timeout', output: out, ms, reason: `killed: no answer within the time limit of ${timeoutMs / 1000} s and 3 s of grace` };
    const parsed = parseAnswer(out);
    // cvc5 reports its own time limit as an error message; z3 as "timeout" or unknown.
    const answer = (parsed === 'unknown' || parsed === 'error') && /timeout/i.test(out + err) ? 'timeout' : parsed;
    const reason = answer === 'error' ? (err || out).trim().slice(0, 500) : answer === 'unknown' ? 'solver answered unknown' : answer === 'timeout' ? `${this.kind} stopped at its time limit` : undefined;
    return { answer, output: out.trim(), ms, ...(reason ? { reason } : {}) };
  }

  async dispose(): Promise<void> {}
}
