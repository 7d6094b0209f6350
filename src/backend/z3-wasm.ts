/**
 * The z3-solver Wasm build, one instance per worker thread (an instance runs its checks one
 * after another, docs/backends.md). Each query gets a fresh context and Z3's own time limit; if the worker
 * does not answer within a grace period after that, it is terminated (cancellation in the Wasm
 * build is cooperative) and a fresh worker serves the next query.
 */
import { createRequire } from 'node:module';
import { WorkerPool } from '../core/workers.js';
import type { Checker } from '../core/verdict.js';
import type { SmtRun, SmtSolver } from './smt.js';

const GRACE_MS = 3000;

export interface WasmQuery {
  readonly text: string;
  readonly timeoutMs: number;
}

export function z3WasmVersion(): string | undefined {
  try {
    const pkg = createRequire(import.meta.url)('z3-solver/package.json') as { version: string };
    return pkg.version;
  } catch {
    return undefined;
  }
}

export class Z3Wasm implements SmtSolver {
  readonly checker: Checker;
  private readonly pool: WorkerPool<WasmQuery, SmtRun>;

  constructor(version: string, threads: number) {
    this.checker = { name: 'z3-wasm', version: `z3-solver ${version}` };
    const ext = import.meta.url.endsWith('.ts') ? 'ts' : 'js';
    this.pool = new WorkerPool<WasmQuery, SmtRun>(new URL(`./z3-worker.${ext}`, import.meta.url), threads, {
      onTimeout: (q, ms) => ({ answer: 'timeout', output: '', ms, reason: `no answer within the time limit of ${q.timeoutMs / 1000} s and ${GRACE_MS / 1000} s of grace; worker terminated` }),
      onCrash: (_q, message) => ({ answer: 'error', output: '', ms: 0, reason: `z3 worker crashed: ${message}` }),
    });
  }

  check(text: string, timeoutMs: number): Promise<SmtRun> {
    return this.pool.run({ text, timeoutMs }, timeoutMs + GRACE_MS);
  }

  dispose(): Promise<void> {
    return this.pool.close();
  }
}
