/**
 * Running obligations: content-hash each one, answer it from the results store when possible,
 * otherwise run it on its backend, and store final verdicts.
 *
 * Every backend's batches start at once; each piece of CPU work inside them (a model check, an
 * SMT query, a Lean process) waits for one of the `jobs` cores (`Cores`), and a freed core goes
 * to the work with the longest expected time (`estimate.ts`): both cores stay busy to the end,
 * and the Lean library build runs next to the model checks instead of before or after them.
 *
 * This is the only place where generators (`gen/`) and process owners (`backend/`) meet: an
 * artifact is emitted here, its text hashed, and the text handed to the backend, so a cached
 * verdict depends only on the emitted text and the checker that checked it.
 */
import { sha256, stableStringify } from '../core/hash.js';
import { type Backend, type CheckResult, type Checker, type Outcome, outcomeReason } from '../core/verdict.js';
import { describeThrown } from '../core/errors.js';
import type { Spec } from '../spec/types.js';
import type { Obligation } from './plan.js';
import { type ResultStore, type StoredVerdict, isFinal } from './store.js';
import { EVALUATOR, mergeParts } from './checks/equivalence.js';
import { MEASURER } from './checks/measure.js';
import type { Task } from './tasks.js';
import type { Bundle } from '../program/ast.js';
import { WorkerPool } from '../core/workers.js';
import type { History } from './history.js';
import { Cores } from './cores.js';

export interface ObligationResult {
  readonly obligation: Obligation;
  readonly result: CheckResult;
  readonly ms: number;
  readonly cached: boolean;
  readonly hash: string;
  readonly expected: boolean;
}

/** An obligation made ready to run: its artifact emitted and its hash known. */
export interface Prepared {
  readonly obligation: Obligation;
  readonly hash: string;
  readonly checker: Checker;
  /** Emitted SMT-LIB or Lean text (z3 and lean backends). */
  readonly artifact?: { readonly text: string; readonly path: string };
  /** Set when preparing already decided the verdict (e.g. the construction threw). */
  readonly early?: CheckResult;
  /** Expected time (ms of one core): the priority of its work for the cores. */
  readonly estimateMs: number;
}

/** What a driver tells the run while it works, for the live progress. */
export interface DriverEvents {
  /** An obligation's checker started: its first work got a core. */
  started(p: Prepared): void;
  /** A named step that is not one obligation (the Lean library build): its current state, `null` when over. */
  step(name: string, text: string | null): void;
  /** Something to say once (e.g. the one cause that failed a whole batch). */
  message(line: string): void;
}

/** What runs obligations of one backend. Model and measure run in the worker pool; z3 and lean plug in here. */
export interface BackendDriver {
  readonly backend: Backend;
  /** Checker identity (name and version) for hashing, or why the backend cannot run. */
  readonly checker: Checker | { readonly unavailable: string };
  /**
   * Emits the artifact of an obligation (may build circuits: user code, so under the obligation's
   * time limit; `timeout` says it was stopped there).
   */
  prepare?(o: Obligation): Preparation | Promise<Preparation>;
  /** The files people read for a set of prepared obligations (default: each artifact as is). */
  files?(prepared: readonly Prepared[]): Array<{ path: string; text: string }>;
  /**
   * Checks a batch of prepared obligations; answers in any order through `done`. All CPU work
   * runs under `cores.run` (priority: the obligation's `estimateMs`, or more for work others
   * wait on), and the driver reports `events.started` when an obligation's first work starts.
   */
  run(batch: readonly Prepared[], done: (p: Prepared, r: CheckResult, ms: number) => void, events: DriverEvents, cores: Cores): Promise<void>;
  /** Largest batch this backend wants at once (lean: everything in one process). */
  readonly batchSize: number;
  dispose?(): Promise<void>;
}

export type Preparation = { text: string; path: string } | { error: string; unimplemented?: true; timeout?: true };

export interface RunOptions {
  readonly specs: ReadonlyMap<string, Spec>;
  readonly store: ResultStore;
  readonly jobs: number;
  readonly drivers: ReadonlyMap<Backend, BackendDriver>;
  /** Hash of the source code an obligation depends on (construction, model, property). */
  readonly codeHash: (o: Obligation) => string;
  /** Expected milliseconds of an obligation (`estimate.ts`; default 1). */
  readonly estimate?: (o: Obligation) => number;
  /**
   * A store miss: run the checker, or (`--ci`, `tc0 merge`) report an error, or (`tc0 report`)
   * report it as not yet checked; either way the last run's error or time-out of exactly this
   * version, when the history has one, is reported instead.
   */
  readonly onMiss: 'run' | 'error' | 'skip';
  /** Why a miss is an error (`onMiss: 'error'`; default: the `--ci` wording). */
  readonly missReason?: string;
  readonly onResult?: (r: ObligationResult, done: number, total: number) => void;
  /** The obligations that will run (not answered by the store or by preparing), before any starts. */
  readonly onPlan?: (toRun: readonly Obligation[], total: number) => void;
  readonly onStart?: (o: Obligation) => void;
  readonly onStep?: (name: string, text: string | null) => void;
  readonly onMessage?: (line: string) => void;
  /** Where timings and non-final outcomes are recorded, and where `onMiss: 'skip'` looks for the last run's. */
  readonly history?: History;
  readonly onStoreProblem?: (message: string) => void;
  /** Receives the artifact files of every prepared obligation (cached ones too), to write them. */
  readonly onFiles?: (files: ReadonlyArray<{ path: string; text: string }>) => void;
  /**
   * Aborted when the run is interrupted (its reason names the signal): nothing more starts, and
   * every obligation without a final verdict by then is reported as skipped, "interrupted".
   * (Stopping what runs is the owner's job: see `verify/interrupt.ts`.)
   */
  readonly signal?: AbortSignal;
}

/** Whether an outcome is what the spec expects (see README "Verdicts"). */
export function isExpected(o: Outcome, expect: 'proved' | 'refuted'): boolean {
  if (o.status === 'skipped') return true;
  if (expect === 'refuted') return o.status === 'refuted';
  return o.status === 'proved' || (o.status === 'unknown' && o.sampled !== undefined);
}

export function obligationHash(o: Obligation, spec: Spec, code: string, checker: Checker, artifact: string | undefined): string {
  const { id, kind, backend, params, grid, construction, model, architecture, against, property, theorem, claims, expect, limits, mutant } = o;
  // The time limit is left out on purpose: only final verdicts are stored, and none depends on it.
  // So is where a source mutant's tree was written: its change is in `mutant.ref`.
  const core = { id, kind, backend, params, grid, construction, model, architecture, against, property, theorem, expect, budgetBits: limits.budgetBits, samples: limits.samples, seed: limits.seed, mutant: mutant && { ref: mutant.ref, against: mutant.against } };
  const claimText = claims ? Object.fromEntries(Object.entries(claims).map(([k, c]) => [k, { max: c.max?.text, constant: c.constant, degree: c.degree }])) : undefined;
  return sha256(stableStringify({ spec: spec.source, obligation: core, claims: claimText, code, checker }), artifact ?? '');
}

/** What is known about an obligation before any checker runs. */
export type Answer =
  | { readonly kind: 'early'; readonly result: CheckResult }
  | { readonly kind: 'hit'; readonly entry: StoredVerdict }
  | { readonly kind: 'miss'; readonly corrupt?: string };

/** What `lookUp` needs: how to prepare obligations and where verdicts are stored. */
export type LookUpOptions = Pick<RunOptions, 'specs' | 'store' | 'drivers' | 'codeHash' | 'jobs' | 'signal' | 'estimate'> & {
  /** Called as each obligation is prepared (building its circuit may take a while). */
  readonly onPrepared?: (done: number, total: number) => void;
};

/** The name of the look-up phase in progress displays and in the run history (its timing). */
export const LOOK_UP_STEP = 'preparing';

/**
 * Prepares every obligation (artifact emitted, hash computed) and looks it up in the store; runs
 * no checker. `tc0 verify --list` shows this; `runObligations` starts from it.
 */
export async function lookUp(obligations: readonly Obligation[], opts: LookUpOptions): Promise<Array<{ readonly prepared: Prepared; readonly answer: Answer }>> {
  const prepared = await preparedAll(obligations, opts);
  return prepared.map((p) => {
    const o = p.obligation;
    if (p.early) return { prepared: p, answer: { kind: 'early', result: p.early } };
    const hit = opts.store.get(p.hash);
    if (hit.kind === 'hit') return { prepared: p, answer: { kind: 'hit', entry: hit.entry } };
    return { prepared: p, answer: hit.kind === 'corrupt' ? { kind: 'miss', corrupt: `results store: ${hit.file} is corrupt (${hit.reason}); it was discarded and ${o.id} is checked again` } : { kind: 'miss' } };
  });
}

export async function runObligations(obligations: readonly Obligation[], opts: RunOptions): Promise<ObligationResult[]> {
  const results: ObligationResult[] = [];
  const total = obligations.length;
  const emit = (r: ObligationResult): void => {
    results.push(r);
    opts.onResult?.(r, results.length, total);
  };
  const finish = (p: Prepared, result: CheckResult, ms: number, cached: boolean): void =>
    emit({ obligation: p.obligation, result, ms, cached, hash: p.hash, expected: isExpected(result.outcome, p.obligation.expect) });

  const toRun = new Map<Backend, Prepared[]>();
  const interrupted = (p: Prepared): CheckResult => ({ outcome: { status: 'skipped', checker: p.checker, reason: `not finished: the run was interrupted (${String(opts.signal?.reason ?? 'signal')})` } });
  const looked = await lookUp(obligations, { ...opts, onPrepared: lookUpProgress(opts.onStep) });
  opts.onStep?.(LOOK_UP_STEP, null);
  for (const [backend, driver] of opts.drivers) {
    const mine = looked.map((l) => l.prepared).filter((p) => p.obligation.backend === backend && p.artifact);
    if (mine.length > 0) opts.onFiles?.(driver.files ? driver.files(mine) : mine.map((p) => p.artifact!));
  }
  for (const { prepared: p, answer } of looked) {
    const o = p.obligation;
    if (answer.kind === 'early') {
      finish(p, opts.signal?.aborted && !isFinal(answer.result.outcome) ? interrupted(p) : answer.result, 0, false);
      continue;
    }
    if (answer.kind === 'hit') {
      finish(p, answer.entry.result, answer.entry.ms, true);
      continue;
    }
    if (opts.signal?.aborted) {
      finish(p, interrupted(p), 0, false);
      continue;
    }
    if (answer.corrupt) opts.onStoreProblem?.(answer.corrupt);
    if (opts.onMiss !== 'run') {
      // The last run's error or time-out of exactly this version is what is known about it.
      const last = opts.history?.lastProblem(o.id, p.hash);
      if (last) finish(p, { outcome: { ...last.outcome, reason: `${outcomeReason(last.outcome)} (last run, ${last.at})` } as Outcome }, last.ms, false);
      else if (opts.onMiss === 'error')
        finish(p, { outcome: { status: 'error', checker: p.checker, reason: `${opts.missReason ?? '--ci: no stored verdict for this obligation; run tc0 verify without --ci first'} (hash ${p.hash.slice(0, 12)})` } }, 0, false);
      else finish(p, { outcome: { status: 'skipped', checker: p.checker, reason: 'not yet checked: no verdict in the results store for this obligation (run tc0 verify)' } }, 0, false);
      continue;
    }
    const list = toRun.get(o.backend) ?? [];
    list.push(p);
    toRun.set(o.backend, list);
  }

  opts.onPlan?.([...toRun.values()].flat().map((p) => p.obligation), total);
  // Each obligation is answered once: a second answer from a driver (or one for an obligation it
  // was not given) is ignored, and a failing store write never loses the verdict.
  const answered = new Set<Prepared>();
  const record = (p: Prepared, resultIn: CheckResult, ms: number): void => {
    let result = resultIn;
    if (answered.has(p)) return;
    answered.add(p);
    // Once interrupted, only a final verdict is kept: anything else is an effect of the stop.
    if (opts.signal?.aborted && !isFinal(result.outcome)) result = interrupted(p);
    const withArtifact = p.artifact && result.artifact === undefined ? { ...result, artifact: p.artifact.path } : result;
    const stored = opts.store.put(p.hash, { obligation: p.obligation.id, result: withArtifact, ms, at: new Date().toISOString() });
    if (opts.store.mode === 'read-write') opts.history?.record(p.obligation.id, p.obligation.backend, p.hash, withArtifact.outcome, ms, stored);
    finish(p, withArtifact, ms, false);
  };
  const events: DriverEvents = {
    started: (p) => opts.onStart?.(p.obligation),
    step: (name, text) => opts.onStep?.(name, text),
    message: (line) => opts.onMessage?.(line),
  };

  // Every batch starts now; the cores decide what runs (longest expected first).
  const cores = new Cores(Math.max(1, opts.jobs), opts.signal);
  const batches: Array<{ driver: BackendDriver; items: Prepared[] }> = [];
  for (const [backend, items] of toRun) {
    const driver = opts.drivers.get(backend)!;
    for (let i = 0; i < items.length; i += driver.batchSize) batches.push({ driver, items: items.slice(i, i + driver.batchSize) });
  }
  await Promise.all(
    batches.map(async ({ driver, items }) => {
      const mine = new Set(items);
      try {
        await driver.run(
          items,
          (p, r, ms) => {
            if (mine.has(p)) record(p, r, ms);
          },
          events,
          cores,
        );
      } catch (e) {
        for (const p of items) if (!answered.has(p)) record(p, { outcome: { status: 'error', checker: p.checker, reason: `backend ${driver.backend} failed: ${describeThrown(e)}` } }, 0);
        return;
      }
      for (const p of items)
        if (!answered.has(p)) record(p, { outcome: { status: 'error', checker: p.checker, reason: `backend ${driver.backend} gave no answer` } }, 0);
    }),
  );
  for (const { items } of batches) for (const p of items) if (!answered.has(p)) record(p, interrupted(p), 0);
  // Results in plan order, whatever order they finished in, so that reports are deterministic.
  const index = new Map(obligations.map((o, i) => [o, i]));
  return results.sort((a, b) => index.get(a.obligation)! - index.get(b.obligation)!);
}

/** Prepares every obligation, `jobs` at a time (building circuits runs in worker threads); stops starting new ones once interrupted. */
async function preparedAll(obligations: readonly Obligation[], opts: LookUpOptions): Promise<Prepared[]> {
  const out: Prepared[] = new Array(obligations.length);
  let next = 0;
  let prepared = 0;
  const lane = async (): Promise<void> => {
    while (next < obligations.length) {
      const i = next++;
      const o = obligations[i]!;
      out[i] = opts.signal?.aborted ? notPrepared(o, opts) : await prepare(o, opts);
      opts.onPrepared?.(++prepared, obligations.length);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, opts.jobs) }, lane));
  return out;
}

/**
 * The look-up phase as a progress step, once it has lasted a second (a quick one says nothing),
 * then at most once a second: in CI each change is a line.
 */
function lookUpProgress(onStep: RunOptions['onStep']): LookUpOptions['onPrepared'] {
  const started = Date.now();
  let said = 0;
  return (done, total) => {
    const t = Date.now();
    if (t - started < 1000 || t - said < 1000) return;
    said = t;
    onStep?.(LOOK_UP_STEP, `${done}/${total} obligations prepared (circuits built, artifacts emitted) and looked up in the store`);
  };
}

/** An obligation left unprepared (the run was interrupted first): answered as interrupted. */
function notPrepared(o: Obligation, opts: LookUpOptions): Prepared {
  const checker = { name: o.backend, version: 'not prepared' };
  return { obligation: o, checker, estimateMs: 0, hash: obligationHash(o, opts.specs.get(o.spec)!, opts.codeHash(o), checker, undefined), early: { outcome: { status: 'skipped', checker: null, reason: 'interrupted' } } };
}

async function prepare(o: Obligation, opts: LookUpOptions): Promise<Prepared> {
  const estimateMs = opts.estimate?.(o) ?? 1;
  const spec = opts.specs.get(o.spec)!;
  const driver = opts.drivers.get(o.backend);
  const code = opts.codeHash(o);
  if (!driver || 'unavailable' in driver.checker) {
    const reason = driver && 'unavailable' in driver.checker ? driver.checker.unavailable : `no driver for backend ${o.backend}`;
    const checker = { name: o.backend, version: 'unavailable' };
    return { obligation: o, checker, estimateMs, hash: obligationHash(o, spec, code, checker, undefined), early: { outcome: { status: 'skipped', checker: null, reason } } };
  }
  const checker = driver.checker;
  let artifact: Prepared['artifact'];
  if (driver.prepare) {
    let made: Preparation;
    try {
      made = await driver.prepare(o);
    } catch (e) {
      made = { error: describeThrown(e) };
    }
    if ('error' in made)
      return { obligation: o, checker, estimateMs, hash: obligationHash(o, spec, code, checker, undefined), early: { outcome: { status: made.unimplemented ? 'skipped' : made.timeout ? 'timeout' : 'error', checker, reason: made.error } } };
    artifact = made;
  }
  return { obligation: o, checker, estimateMs, hash: obligationHash(o, spec, code, checker, artifact?.text), ...(artifact ? { artifact } : {}) };
}

/** Exhaustive model checks of at least this many input bits are split across the cores. */
export const SPLIT_BITS = 20;

/**
 * The model and measure backends: tasks in a pool of worker threads, one core each. A large
 * exhaustive check (`inputBits` at least SPLIT_BITS, within the budget) is split into one part
 * per core, so that the last minutes of a run are not one scan on one core.
 */
export function poolDriver(backend: 'model' | 'measure', pool: WorkerPool<Task, CheckResult>, inputBits: (o: Obligation) => number = () => 0): BackendDriver {
  return {
    backend,
    checker: backend === 'model' ? EVALUATOR : MEASURER,
    batchSize: 1,
    async run(batch, done, events, cores) {
      for (const p of batch) {
        const o = p.obligation;
        const task = taskOf(o);
        const bits = o.kind === 'equivalence' ? inputBits(o) : 0;
        const parts = task.kind === 'equivalence' && cores.size > 1 && bits >= SPLIT_BITS && bits <= o.limits.budgetBits ? cores.size : 1;
        // The time reported is the sum of the parts' time on a core (ms of one core, as the
        // estimates are), not the elapsed time, which would count waiting for a core.
        let started = false;
        let onCore = 0;
        const work = (t: Task, priority: number): Promise<CheckResult> =>
          cores.run(priority, async () => {
            if (!started) {
              started = true;
              events.started(p);
            }
            const t0 = Date.now();
            try {
              return await pool.run(t, o.limits.timeoutMs);
            } finally {
              onCore += Date.now() - t0;
            }
          });
        const r =
          parts === 1 || task.kind !== 'equivalence'
            ? await work(task, p.estimateMs)
            : mergeParts(await Promise.all(Array.from({ length: parts }, (_, index) => work({ ...task, part: { index, count: parts } }, p.estimateMs / parts))), task.model, task.params);
        done(p, r, onCore);
      }
    },
  };
}

export function taskOf(o: Obligation): Task {
  const limits = { budgetBits: o.limits.budgetBits, samples: o.limits.samples, seed: o.limits.seed };
  if (o.architecture !== undefined) return { kind: 'architecture', check: o.kind === 'equivalence' ? 'equivalence' : o.kind === 'measure' ? 'family' : 'property', architecture: o.architecture as Bundle, ...(o.against !== undefined ? { against: o.against as Bundle | string } : {}), property: o.property, params: o.params, grid: o.grid, claims: o.claims ?? {}, limits };
  const mutant = o.mutant ? { mutant: o.mutant } : {};
  switch (o.kind) {
    case 'equivalence':
      return { kind: 'equivalence', construction: o.construction!, model: o.model!, params: o.params, limits, ...mutant };
    case 'property':
      return { kind: 'property', property: o.property!, params: o.params, limits };
    case 'measure':
      return { kind: 'measure', construction: o.construction!, grid: o.grid!, claims: o.claims ?? {}, ...mutant };
    case 'theorem':
    case 'bridge':
      throw new Error(`${o.kind} obligations run on the lean backend`);
  }
}

export function createTaskPool(size: number): WorkerPool<Task, CheckResult> {
  return new WorkerPool<Task, CheckResult>(new URL(`./worker.${import.meta.url.endsWith('.ts') ? 'ts' : 'js'}`, import.meta.url), size, {
    onTimeout: (t, ms) => ({ outcome: { status: 'timeout', checker: t.kind === 'measure' ? MEASURER : EVALUATOR, reason: `stopped at the time limit of ${ms / 1000} s` } }),
    onCrash: (t, msg) => ({ outcome: { status: 'error', checker: t.kind === 'measure' ? MEASURER : EVALUATOR, reason: `worker crashed: ${msg}` } }),
  }, { heapMb: TASK_HEAP_MB });
}

/** Largest heap of a model or measure worker (MiB): a check that runs away stops there, the run goes on. */
export const TASK_HEAP_MB = 4096;
