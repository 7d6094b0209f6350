/**
 * SMT solvers as process owners: SMT-LIB text in, an answer out. Three kinds: the z3-solver
 * Wasm build (in worker threads, killable), and a native `z3` or `cvc5` on PATH (child
 * processes). Answers are values: "the solver failed" is an answer, not an exception.
 */
import type { Checker } from '../core/verdict.js';

export type SmtAnswer = 'sat' | 'unsat' | 'unknown' | 'timeout' | 'error';

export interface SmtRun {
  readonly answer: SmtAnswer;
  /** Everything the solver printed (get-value answers follow the sat/unsat line). */
  readonly output: string;
  readonly ms: number;
  /** Why there is no sat/unsat answer. */
  readonly reason?: string;
}

export interface SmtSolver {
  readonly checker: Checker;
  check(text: string, timeoutMs: number): Promise<SmtRun>;
  dispose(): Promise<void>;
}

/** First line of solver output as an answer. */
export function parseAnswer(output: string): SmtAnswer {
  const first = output.trim().split('\n')[0]?.trim();
  if (first === 'sat' || first === 'unsat') return first;
  if (first === 'unknown') return 'unknown';
  if (first === 'timeout') return 'timeout';
  return 'error';
}
