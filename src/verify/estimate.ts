/**
 * How long an obligation is expected to take, in milliseconds of one core. One estimate serves
 * the scheduler (longest first), `--shard` (a partition balanced by expected time) and the
 * progress display's ETA. Sources, best first:
 * 1. this machine's last time for the obligation id (the run history), when the caller has one;
 * 2. the baseline a cold run measured, committed next to the specs (`<specs>/timings.json`,
 *    written by `npm run bench -- verify`): the same in every checkout, so `--shard` partitions
 *    identically on every machine of a CI matrix;
 * 3. a rule of thumb from what the obligation is (backend, input bits, samples, grid size).
 * An estimate only orders and balances work: no verdict depends on it.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Obligation } from './plan.js';

export const TIMINGS_FILE = 'timings.json';
const SCHEMA = 'tc0-timings/1';

/** Measured times by obligation id (the committed baseline). */
export interface Timings {
  readonly schema: typeof SCHEMA;
  /** How and where they were measured, for the reader. */
  readonly measured: string;
  readonly obligations: Readonly<Record<string, number>>;
}

/** The baseline of a spec folder, or an empty one (missing or unreadable: estimates fall back to rules). */
export function readTimings(specsDir: string): Timings {
  try {
    const t = JSON.parse(readFileSync(join(specsDir, TIMINGS_FILE), 'utf8')) as Timings;
    if (t.schema === SCHEMA && t.obligations && typeof t.obligations === 'object') return t;
  } catch {
    // no baseline: rules of thumb
  }
  return { schema: SCHEMA, measured: 'none', obligations: {} };
}

/** Input bits of an equivalence obligation's model (the planner's `inputBits`). */
export type InputBits = (model: string, params: Obligation['params']) => number;

/**
 * Rules of thumb, from cold runs on a 2-core machine: an exhaustive model check costs about a
 * microsecond per input for integer models and a few for fixed and float models (the reference
 * model dominates, not the circuit), a sampled one tens of microseconds per sample; an SMT
 * query seconds, more where its spec allows much more (a tenth of the time limit: the checks
 * given 900 s are the ones that take minutes); a Lean block tens of seconds.
 */
export function ruleOfThumbMs(o: Obligation, inputBits: InputBits): number {
  switch (o.kind) {
    case 'equivalence': {
      if (o.backend === 'lean') return 20_000;
      if (o.backend === 'z3') return Math.max(3_000, o.limits.timeoutMs / 10);
      const bits = inputBits(o.model ?? '', o.params);
      const perInput = (o.model ?? '').startsWith('int.') ? 0.0015 : 0.006;
      if (bits <= o.limits.budgetBits) return 50 + 2 ** bits * perInput;
      return 200 + o.limits.samples * 0.05;
    }
    case 'property':
      return 2_000;
    case 'measure':
      return 100 * Object.values(o.grid ?? {}).reduce((n, vs) => n * Math.max(1, vs.length), 1);
    case 'theorem':
      return 5_000;
    case 'bridge':
      return 10_000;
  }
}

export interface Estimator {
  /** Expected milliseconds, and whether they were measured (here or in the baseline). */
  (o: Obligation): { readonly ms: number; readonly known: boolean };
}

/**
 * The estimate of each obligation: `past` (this machine's history) first, then the baseline,
 * then the rules. Without `past` the result depends only on the checkout (for `--shard`).
 */
export function estimator(timings: Timings, inputBits: InputBits, past?: (id: string) => number | undefined): Estimator {
  return (o) => {
    const mine = past?.(o.id);
    if (mine !== undefined) return { ms: mine, known: true };
    const base = timings.obligations[o.id];
    if (base !== undefined) return { ms: base, known: true };
    return { ms: ruleOfThumbMs(o, inputBits), known: false };
  };
}
