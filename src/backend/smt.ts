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

/**
 * The solver's answer. Any `(error ...)` in the output makes it an error: a command that failed
 * to parse is simply skipped by the solver, so the answer to what remains could be wrong.
 */
export function parseAnswer(output: string): SmtAnswer {
  const lines = output.trim().split('\n').map((l) => l.trim());
  const at = lines.findIndex((l) => l === 'sat' || l === 'unsat' || l === 'unknown' || l === 'timeout');
  if (at < 0) return 'error';
  const answer = lines[at] as SmtAnswer;
  // Errors before the answer mean part of the query was not read. After it, only the request for
  // values without a model ("model is not available", after unsat or unknown) is harmless.
  const fatal = lines.some((l, i) => l.startsWith('(error') && (i < at || !/model is not available/.test(l)));
  return fatal ? 'error' : answer;
}
