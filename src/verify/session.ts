/**
 * One `tc0 verify` run from loaded specs to report files: plan, run (or read the store), build
 * the report, write it. The CLI parses flags into `VerifyOptions` and prints; everything else is
 * here so tests can drive a whole run without spawning a process.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { type Backend, type Status, outcomeReason } from '../core/verdict.js';
import type { SpecId } from '../core/ids.js';
import type { Params } from '../core/params.js';
import { loadSpecs } from '../spec/load.js';
import { trustBase } from '../spec/graph.js';
import type { KnownNames, ProgramLoad, RawDocument, Spec, SpecSet } from '../spec/types.js';
import { architectureInfo, loadPrograms } from '../program/load.js';
import type { Bundle } from '../program/ast.js';
import { ARCHITECTURE_PROPERTIES } from './checks/architecture.js';
import { ALL_CONSTRUCTIONS as CONSTRUCTIONS } from './registries.js';
import { CONSTRUCTIONS as CIRCUIT_CONSTRUCTIONS } from '../circuit/registry.js';
import { MODELS, PROPERTIES } from '../model/registry.js';
import { planObligations, type Obligation } from './plan.js';
import { type BackendDriver, TASK_HEAP_MB, createTaskPool, lookUp, poolDriver, runObligations, type ObligationResult } from './run.js';
import { ResultStore } from './store.js';
import { hashLeanSources } from './codehash.js';
import { type LinkResult, PLAN_WORKER, codeHashFor, linkSources } from './link.js';
import type { PlanRequest } from './plan-worker.js';
import { WorkerPool } from '../core/workers.js';
import { SpecError, type SpecProblem, UsageError } from '../core/errors.js';
import { realLocation, writableFolder } from '../core/paths.js';
import { z3Driver } from './drivers/z3.js';
import { InstanceBuilder } from './drivers/instance.js';
import { LEAN_DIR, LIBRARY_BUILD_MS, leanDriver } from './drivers/lean.js';
import { selectSolvers } from './solvers.js';
import { detectLean, leanEnvironmentProblems } from '../backend/lean.js';
import { SMT_MODELS } from '../gen/smt/models.js';
import { LEAN_MODELS } from '../gen/lean/models.js';
import type { ProgressSink } from './progress.js';
import type { SmtSolver } from '../backend/smt.js';
import type { Detection } from '../backend/lean.js';
import { paramsKey } from '../core/params.js';
import { type ConstructionPlan, type MutantKind, type MutantResult, type MutationReport, checksOf, constructionsToMutate, mutationInstances, planCircuitMutants, interleave, planSourceMutants, rangeProbes, runMutants } from './mutate.js';
import { findSourceSites, removeMutantTrees } from './source-mutants.js';
import { History } from './history.js';
import { didYouMean } from '../core/suggest.js';
import { type Estimator, estimator, readTimings } from './estimate.js';
import { type Shard, shardOf } from './shard.js';

export interface VerifyOptions {
  readonly specsDir: string;
  readonly outDir: string;
  readonly storeDir: string;
  readonly filter?: string;
  /** Exactly these specs (`tc0 show`), instead of a filter pattern. */
  readonly specIds?: ReadonlySet<string>;
  readonly backends?: ReadonlySet<Backend>;
  readonly jobs: number;
  readonly timeoutMs?: number;
  readonly noCache: boolean;
  readonly ci: boolean;
  /** `tc0 report`: answer only from the store; a miss is reported as not yet checked. */
  readonly storeOnly?: boolean;
  readonly budgetBits: number;
  readonly samples: number;
  readonly seed: number;
  /** `--solvers`: `auto` or a list of z3-wasm, z3, cvc5. */
  readonly solvers: string;
  readonly progress: ProgressSink;
  /** An empty plan (no obligation selected) is accepted instead of being a usage error. */
  readonly allowEmpty?: boolean;
  /** Aborted on SIGINT/SIGTERM/SIGHUP (see interrupt.ts): worker threads are closed, what finished is returned. */
  readonly interrupt?: AbortSignal;
  /** Timings and last outcomes (loaded from the store folder when absent). */
  readonly history?: History;
  /** `--shard i/n`: only this part of the plan (see `shard.ts`). */
  readonly shard?: Shard;
  /** `tc0 merge`: answer only from the store, and an obligation without a verdict is an error (no shard checked it). */
  readonly merged?: boolean;
}

export interface VerifyOutcome {
  readonly results: readonly ObligationResult[];
  /** The specs the run covered (after --filter), with their trust bases. */
  readonly specs: readonly Spec[];
  readonly trustBases: ReadonlyMap<string, { assumptions: string[]; assumedSpecs: SpecId[] }>;
  readonly tools: { readonly node: string; readonly z3: string | null; readonly lean: string | null };
  /** Final verdicts that could not be written to the results store (the run is then not clean). */
  readonly notStored: { readonly count: number; readonly first?: string };
}

export const SRC_DIR = resolve(new URL('..', import.meta.url).pathname);

/** Architecture programs and the operations table, validated against the registries. */
function programLoader(docs: readonly RawDocument[], assumptions: ReadonlySet<string>): ProgramLoad {
  const modelArity = (name: string, variadic: boolean): number | undefined => MODELS.get(name)?.signature(variadic ? { k: 3, p: 2 } : { p: 2 }).inputs.length;
  const { set, problems } = loadPrograms(docs, { models: new Set(MODELS.keys()), constructions: new Set(CONSTRUCTIONS.keys()), assumptions, modelArity });
  return { problems, architectures: new Map([...set.programs.keys()].map((n) => [n, architectureInfo(set, n)])) };
}

export function knownNames(): KnownNames {
  return {
    constructions: new Set(CONSTRUCTIONS.keys()),
    models: new Set(MODELS.keys()),
    properties: new Map([...PROPERTIES].map(([k, p]) => [k, { params: p.params }])),
    smtModels: new Set(SMT_MODELS.keys()),
    leanModels: new Set(LEAN_MODELS.keys()),
    programs: programLoader,
    architectureProperties: ARCHITECTURE_PROPERTIES,
  };
}

/** `int.*,float.add`: comma-separated globs over spec ids; a plain id also selects `id.*`. */
export function specFilter(pattern: string): (id: SpecId) => boolean {
  const res = pattern
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean)
    .map((p) => (/[*?]/.test(p) ? new RegExp(`^${p.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.')}$`) : new RegExp(`^${p.replace(/[.+^${}()|[\]\\]/g, '\\$&')}(\\..*)?$`)));
  return (id) => res.some((re) => re.test(id));
}

export function inputBitsOf(model: string, params: Params): number {
  const m = MODELS.get(model);
  if (!m) return Number.POSITIVE_INFINITY;
  return m.signature(params).inputs.reduce((s, p) => s + p.width, 0);
}

/** The results store a run uses, in the mode its options ask for. */
export function storeFor(opts: Pick<VerifyOptions, 'storeDir' | 'noCache' | 'ci' | 'storeOnly'>): ResultStore {
  return new ResultStore(opts.storeDir, opts.noCache ? 'off' : opts.ci || opts.storeOnly ? 'read-only' : 'read-write');
}

/**
 * The folders a run writes into, checked before any work: the report folder, the results store
 * (when it is written) and the Lean staging folder (`TC0_LEAN_STAGING`, if set) must be folders
 * that accept files, and `TC0_LEAN_MEMORY_MB` a number. Throws `UsageError`.
 */
export function checkFolders(opts: Pick<VerifyOptions, 'outDir' | 'storeDir' | 'noCache' | 'ci' | 'storeOnly'>): void {
  const out = writableFolder(opts.outDir);
  if (out) throw new UsageError(`--out ${opts.outDir}: ${out}`);
  const store = storeFor(opts).problem();
  if (store) throw new UsageError(`--store ${opts.storeDir}: ${store}${opts.ci || opts.storeOnly ? '' : ' (--no-cache runs without a store)'}`);
  const env = leanEnvironmentProblems(writableFolder, realLocation);
  if (env.length > 0) throw new UsageError(env.join('; '));
}

/** Why a plan is empty, in words, for the usage error that refuses it. */
function emptyPlanReason(specSet: SpecSet, covered: readonly Spec[], opts: VerifyOptions): string {
  if (specSet.specs.length === 0)
    return `no spec found in ${opts.specsDir} (spec files are regular files ending in .yaml or .yml${specSet.warnings.length > 0 ? `; ${specSet.warnings.length} entr${specSet.warnings.length === 1 ? 'y was' : 'ies were'} skipped, see above` : ''})`;
  if (covered.length === 0) return `--filter '${opts.filter}' matches none of the ${specSet.specs.length} specs in ${opts.specsDir}`;
  const which = covered.length === 1 ? `spec ${covered[0]!.id}` : `${covered.length} selected specs`;
  return `the ${which} ${covered.length === 1 ? 'has' : 'have'} no checks${opts.backends ? ` on ${[...opts.backends].join(', ')}` : ''}`;
}

export const LEAN_LIBRARY_HASH = (): string => hashLeanSources(LEAN_DIR);

/** Loads and validates the specs (throws `SpecError`). */
export function loadSpecSet(specsDir: string): SpecSet {
  return loadSpecs(specsDir, knownNames());
}

/**
 * Links the names the specs use to code (ts-morph): a registered construction or model whose
 * declaration is not exported or not of the expected type is a spec problem at the field that
 * names it (throws `SpecError`). Interrupted (`signal`), nothing is linked and nothing runs.
 */
export async function linkSpecs(specSet: SpecSet, cacheDir: string, opts: { signal?: AbortSignal; progress?: Pick<ProgressSink, 'message'> } = {}): Promise<LinkResult> {
  const link = await linkSources(SRC_DIR, cacheDir, { signal: opts.signal, onAnalyse: () => opts.progress?.message('linking specs to code (a ts-morph analysis, once per source tree)') });
  if (link.interrupted) return link;
  const problems: SpecProblem[] = [];
  // Every name a spec uses must be linked: an unlinked name would leave its code out of the hash.
  const linked = new Set(link.names.map((n) => `${n.kind}:${n.name}`));
  for (const s of specSet.specs)
    for (const [field, kind, name] of [['construction', 'construction', s.construction], ['model', 'model', s.model]] as const) {
      if (!name || linked.has(`${kind}:${name}`)) continue;
      const loc = s.fieldLocations[field] ?? s.location;
      problems.push({ file: loc.file, line: loc.line, column: loc.column, field, rule: 'linked-to-code', message: `${field} '${name}' is registered but its source could not be found by the linker (src/verify/link.ts)` });
    }
  for (const pr of link.problems)
    for (const s of specSet.specs) {
      const field = pr.kind === 'construction' && s.construction === pr.name ? 'construction' : pr.kind === 'model' && s.model === pr.name ? 'model' : undefined;
      if (!field) continue;
      const loc = s.fieldLocations[field] ?? s.location;
      problems.push({ file: loc.file, line: loc.line, column: loc.column, field, rule: 'linked-to-code', message: `${field} '${pr.name}': ${pr.message}` });
    }
  if (problems.length > 0) throw new SpecError(problems);
  return link;
}

/** The code an obligation's verdict depends on (see link.ts), plus the Lean library for lean. */
export function obligationCode(link: LinkResult, o: Obligation): string {
  if (o.architecture !== undefined) {
    // The program itself is part of the obligation (hashed as data); its code is the checks and
    // the registered model and construction of every operation it uses.
    const bundles = [o.architecture, ...(typeof o.against === 'object' ? [o.against] : [])] as Bundle[];
    const ops = bundles.flatMap((b) => b.operations.operations);
    return codeHashFor(link, [
      ['checker', 'architecture'],
      ...ops.flatMap((op) => [['model', op.model] as const, ['construction', op.construction] as const]),
      ...(typeof o.against === 'string' ? [['construction', o.against] as const] : []),
    ]);
  }
  const checkerName = o.kind === 'property' ? 'property' : o.backend;
  return codeHashFor(
    link,
    [
      ['construction', o.construction],
      ['model', o.model],
      ['property', o.property],
      ['smt-model', o.backend === 'z3' ? o.model : undefined],
      ['lean-model', o.backend === 'lean' && o.kind === 'equivalence' ? o.model : undefined],
      ['checker', checkerName],
      ...(o.mutant ? (['mutant-construction', 'mutant-model', 'mutant-smt'] as const).map((n) => ['checker', n] as const) : []),
    ],
    o.backend === 'lean' ? [LEAN_LIBRARY_HASH()] : [],
  );
}

/**
 * The one estimate of an obligation's time (scheduling, the progress ETA): this store's history,
 * then the spec folder's committed baseline, then rules of thumb (`estimate.ts`). Without a
 * history it depends only on the checkout, as `--shard` needs.
 */
export function estimatorFor(specsDir: string, history?: History): Estimator {
  return estimator(readTimings(specsDir), inputBitsOf, history ? (id) => history.entry(id)?.ms : undefined);
}

/** Lean obligations stay on one shard: the library is built once, not on every machine. */
const shardGroup = (o: Obligation): { name: string; cost: number } | undefined => (o.backend === 'lean' ? { name: 'lean', cost: LIBRARY_BUILD_MS } : undefined);

/**
 * `--filter` parts that select no spec, each with the closest ids: a typo must not quietly run
 * nothing (or less than asked).
 */
export function unmatchedFilter(pattern: string, ids: readonly string[]): string | undefined {
  const bad = pattern
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean)
    .filter((part) => !ids.some((id) => specFilter(part)(id as SpecId)));
  if (bad.length === 0) return undefined;
  return bad.map((b) => `'${b}' matches no spec id${didYouMean(b.replace(/[*?]/g, ''), ids)}`).join('; ');
}

/**
 * Plans the run (a filter part matching no spec, or an empty plan, is a `UsageError` unless an
 * empty plan is allowed), links the specs to code, and opens the drivers (shared by verify,
 * --list and show).
 */
async function setUp(specSet: SpecSet, opts: VerifyOptions) {
  if (opts.filter !== undefined) {
    const problem = unmatchedFilter(opts.filter, specSet.specs.map((s) => s.id));
    if (problem) throw new UsageError(`--filter: ${problem} (tc0 verify --list shows what a filter selects)`);
  }
  const ids = opts.specIds;
  const filter = ids ? (id: SpecId) => ids.has(id) : opts.filter ? specFilter(opts.filter) : undefined;
  const planned: Obligation[] = planObligations(specSet.specs, {
    backends: opts.backends,
    filter,
    budgetBits: opts.budgetBits,
    samples: opts.samples,
    timeoutMs: opts.timeoutMs,
    seed: opts.seed,
    inputBits: inputBitsOf,
    architectures: specSet.architectures,
  });
  const byCheckout = estimatorFor(opts.specsDir);
  const obligations = opts.shard ? shardOf(planned, opts.shard, { estimateMs: (o) => byCheckout(o).ms, group: shardGroup }) : planned;
  const covered = specSet.specs.filter((s) => !filter || filter(s.id));
  // A shard may hold nothing (more shards than work): that is no usage error.
  if (planned.length === 0 && !opts.allowEmpty) throw new UsageError(`nothing to check: ${emptyPlanReason(specSet, covered, opts)}; pass --allow-empty to accept an empty run`);
  const link = await linkSpecs(specSet, opts.storeDir, { signal: opts.interrupt, progress: opts.progress });
  const { drivers, solvers, lean, close } = await openDrivers(new Set(obligations.map((o) => o.backend)), { ...opts, leanModuleTimeoutMs: opts.timeoutMs });
  return { link, obligations, covered, drivers, close, store: storeFor(opts), history: opts.history ?? History.load(opts.storeDir), tools: toolsOf(solvers, lean) };
}

/** Runs every obligation of the plan or answers it from the store, and returns the verdicts. */
export async function verify(specSet: SpecSet, opts: VerifyOptions): Promise<VerifyOutcome> {
  const { link, obligations, covered, drivers, close, store, history, tools } = await setUp(specSet, opts);
  const estimate = estimatorFor(opts.specsDir, history);
  const stepsSince = new Map<string, number>();
  const stop = (): void => void close();
  opts.interrupt?.addEventListener('abort', stop);
  let results: ObligationResult[];
  try {
    results = await runObligations(obligations, {
      signal: opts.interrupt,
      specs: specMap(specSet),
      store,
      jobs: opts.jobs,
      drivers,
      codeHash: (o) => obligationCode(link, o),
      estimate: (o) => estimate(o).ms,
      onMiss: opts.merged ? 'error' : opts.storeOnly ? 'skip' : opts.ci ? 'error' : 'run',
      ...(opts.merged ? { missReason: 'no merged store has a verdict for this obligation: the shard that holds it did not run, failed before storing it, or ran another version of the specs or code' } : {}),
      history,
      onPlan: (toRun, total) => opts.progress.plan(toRun, total),
      onStart: (o) => opts.progress.started(o),
      onStep: (name, text) => {
        if (text !== null && !stepsSince.has(name)) stepsSince.set(name, Date.now());
        if (text === null && stepsSince.has(name)) {
          if (store.mode === 'read-write') history.recordStep(name, Date.now() - stepsSince.get(name)!);
          stepsSince.delete(name);
        }
        opts.progress.step(name, text);
      },
      onMessage: (m) => opts.progress.message(m),
      onResult: (r, done, total) => opts.progress.result(r, done, total),
      onStoreProblem: (m) => opts.progress.message(m),
      onFiles: (files) => {
        for (const f of files) {
          const path = join(opts.outDir, f.path);
          mkdirSync(dirname(path), { recursive: true });
          writeFileSync(path, f.text);
        }
      },
    });
  } finally {
    opts.interrupt?.removeEventListener('abort', stop);
    await close();
    opts.progress.end();
    if (store.mode === 'read-write') {
      try {
        history.save();
      } catch (e) {
        opts.progress.message(`could not write ${history.file} (timings for the ETA): ${(e as Error).message}`);
      }
    }
  }
  return {
    results,
    specs: covered,
    trustBases: new Map(covered.map((s) => [s.id as string, trustBase(s, specSet.specs)])),
    tools,
    notStored: { count: store.writeFailures, ...(store.firstWriteFailure ? { first: store.firstWriteFailure } : {}) },
  };
}

/** One planned obligation of `tc0 verify --list`. */
export interface ListedObligation {
  readonly id: string;
  readonly spec: string;
  readonly backend: Backend;
  /** `cached`: the store answers it; `to run`: a checker would run; `decided`: preparing it already gave the verdict (skipped, or an error building it). */
  readonly state: 'cached' | 'to run' | 'decided';
  /** The stored verdict (cached), or the one preparing gave (decided). */
  readonly status: Status | null;
  readonly reason: string | null;
  /** Expected time from past runs (null when never timed here). */
  readonly estimateMs: number | null;
  /** The last run's verdict of this obligation id (any version). */
  readonly last: { readonly status: Status; readonly at: string; readonly sameVersion: boolean } | null;
}

/** `tc0 verify --list`: the plan, what the store answers and what would run; no checker runs. */
export async function listPlan(specSet: SpecSet, opts: VerifyOptions): Promise<ListedObligation[]> {
  const { link, obligations, drivers, close, store, history } = await setUp(specSet, opts);
  try {
    const looked = await lookUp(obligations, { specs: specMap(specSet), store, drivers, codeHash: (o) => obligationCode(link, o), jobs: opts.jobs });
    return looked.map(({ prepared: p, answer }) => {
      const o = p.obligation;
      const h = history.entry(o.id);
      const outcome = answer.kind === 'early' ? answer.result.outcome : answer.kind === 'hit' ? answer.entry.result.outcome : undefined;
      return {
        id: o.id,
        spec: o.spec,
        backend: o.backend,
        state: answer.kind === 'hit' ? 'cached' : answer.kind === 'early' ? 'decided' : 'to run',
        status: outcome?.status ?? null,
        reason: outcome && outcome.status !== 'proved' && outcome.status !== 'refuted' ? outcomeReason(outcome) : null,
        estimateMs: h ? h.ms : null,
        last: h ? { status: h.status, at: h.at, sameVersion: h.hash === p.hash } : null,
      };
    });
  } finally {
    await close();
  }
}

const specMap = (specSet: SpecSet): Map<string, Spec> => new Map(specSet.specs.map((s) => [s.id as string, s]));

function toolsOf(solvers: readonly SmtSolver[], lean: Detection | undefined): VerifyOutcome['tools'] {
  return {
    node: process.version,
    z3: solvers.length > 0 ? solvers.map((x) => `${x.checker.name} ${x.checker.version}`).join(', ') : null,
    lean: lean?.ok ? `${lean.toolchain.checker.name} ${lean.toolchain.checker.version}` : null,
  };
}

/** The backend drivers a run needs (worker pool, solvers, Lean), and how to close them all. */
async function openDrivers(backends: ReadonlySet<Backend>, opts: Pick<VerifyOptions, 'jobs' | 'solvers' | 'interrupt'> & { readonly progress: Pick<ProgressSink, 'message'>; readonly leanModuleTimeoutMs?: number }) {
  const pool = createTaskPool(opts.jobs);
  // Circuits for the z3 and lean emitters are built in their own worker threads (user code).
  const builder = new InstanceBuilder(opts.jobs);
  const solvers = backends.has('z3') ? selectSolvers(opts.solvers, opts.jobs) : [];
  const lean = backends.has('lean') ? await detectLean() : undefined;
  const drivers = new Map<Backend, BackendDriver>([
    ['model', poolDriver('model', pool, (o) => inputBitsOf(o.model ?? '', o.params))],
    ['measure', poolDriver('measure', pool)],
    ...(backends.has('z3') ? [['z3', z3Driver(solvers, builder)] as const] : []),
    ...(lean ? [['lean', leanDriver(lean, opts.jobs, builder, opts.leanModuleTimeoutMs)] as const] : []),
  ]);
  if (lean && !lean.ok && !opts.interrupt?.aborted) opts.progress.message(`lean: ${lean.reason}; lean obligations are skipped`);
  const close = async (): Promise<void> => {
    await pool.close();
    await builder.close();
    for (const d of drivers.values()) await d.dispose?.();
  };
  return { drivers, builder, solvers, lean, close };
}

export interface MutateOptions extends Omit<VerifyOptions, 'ci' | 'storeOnly' | 'backends' | 'timeoutMs' | 'progress'> {
  readonly backends: ReadonlySet<Backend>;
  readonly kinds: ReadonlySet<MutantKind>;
  /** Mutants per construction and kind. */
  readonly perConstruction: number;
  readonly timeoutMs: number;
  readonly timeBudgetMs: number;
  readonly progress: { mutant(r: MutantResult, done: number, total: number): void; message(line: string): void };
}

/**
 * `planCircuitMutants` of each construction in a worker thread: the instances it builds are
 * user code, so each construction's planning runs under `--timeout` (a construction that loops
 * gets no circuit mutants, with a note saying why), and a signal stops it at once.
 */
function circuitMutantPlanner(opts: Pick<MutateOptions, 'timeoutMs' | 'perConstruction' | 'seed' | 'interrupt'>) {
  type Planned = ReturnType<typeof planCircuitMutants>;
  const pool = new WorkerPool<PlanRequest, Planned | { error: string }>(PLAN_WORKER, 1, {
    onTimeout: (_, ms) => ({ error: `building its instances did not finish within the time limit of ${ms / 1000} s` }),
    onCrash: (_, message) => ({ error: `building its instances crashed: ${message}` }),
  }, { heapMb: TASK_HEAP_MB });
  const stop = (): void => void pool.close();
  opts.interrupt?.addEventListener('abort', stop);
  return {
    async plan(construction: string, instances: readonly Params[]): Promise<Planned> {
      if (opts.interrupt?.aborted) return { mutants: [], notes: [] };
      const r = await pool.run({ kind: 'circuit-mutants', construction, instances, count: opts.perConstruction, seed: opts.seed }, opts.timeoutMs);
      if (!('error' in r)) return r;
      return { mutants: [], notes: opts.interrupt?.aborted ? [] : [`no circuit mutants: ${r.error}`] };
    },
    async close(): Promise<void> {
      opts.interrupt?.removeEventListener('abort', stop);
      await pool.close();
    },
  };
}

/**
 * One `tc0 mutate` run: plan the mutants of every selected construction, run them through the
 * specs' checks (see mutate.ts), score them.
 */
export async function mutate(specSet: SpecSet, opts: MutateOptions): Promise<{ report: MutationReport; tools: VerifyOutcome['tools'] }> {
  const filter = opts.filter ? specFilter(opts.filter) : undefined;
  const link = await linkSpecs(specSet, opts.storeDir, { signal: opts.interrupt, progress: opts.progress });
  const selected = constructionsToMutate(specSet.specs, filter ? (id) => filter(id as SpecId) : undefined);
  const limits = { backends: opts.backends, budgetBits: opts.budgetBits, samples: opts.samples, seed: opts.seed, timeoutMs: opts.timeoutMs, inputBits: inputBitsOf };
  const plans: ConstructionPlan[] = [];
  const withSource = opts.kinds.has('source') ? [...selected.keys()].filter((c) => CIRCUIT_CONSTRUCTIONS.has(c)) : [];
  if (withSource.length > 0 && !opts.interrupt?.aborted) opts.progress.message('finding source mutation sites (a ts-morph analysis)');
  const sites = (await findSourceSites(SRC_DIR, link, withSource, opts.interrupt)) ?? new Map();
  const planner = circuitMutantPlanner(opts);
  if (opts.kinds.has('circuit') && selected.size > 0 && !opts.interrupt?.aborted) opts.progress.message(`planning circuit mutants of ${selected.size} construction${selected.size === 1 ? '' : 's'} (building their instances)`);
  for (const [construction, specs] of selected) {
    const checks = checksOf(specs, limits);
    const { instances, notes } = mutationInstances(specs, checks, inputBitsOf);
    const circuit = opts.kinds.has('circuit') ? await planner.plan(construction, instances) : { mutants: [], notes: [] };
    // Source mutants are imported from a copy of src/circuit: constructions registered there only.
    const source = opts.kinds.has('source') && CIRCUIT_CONSTRUCTIONS.has(construction) && !opts.interrupt?.aborted ? planSourceMutants(construction, sites.get(construction) ?? [], opts.perConstruction, opts.seed, SRC_DIR) : [];
    if (opts.kinds.has('source') && source.length === 0 && !opts.interrupt?.aborted) notes.push(CIRCUIT_CONSTRUCTIONS.has(construction) ? 'no source mutants: its code has no mutable site under src/circuit/' : 'no source mutants: it is registered outside src/circuit/ (built from a model)');
    plans.push({ construction, specs, checks, mutants: interleave([circuit.mutants, source]), probes: rangeProbes(specs, inputBitsOf), instances: instances.map(paramsKey), notes: [...notes, ...circuit.notes] });
  }
  await planner.close();
  const { drivers, builder, solvers, lean, close } = await openDrivers(new Set([...opts.backends, 'model', 'measure']), opts);
  const store = storeFor({ storeDir: opts.storeDir, noCache: opts.noCache, ci: false });
  const stop = (): void => void close();
  opts.interrupt?.addEventListener('abort', stop);
  try {
    const report = await runMutants(
      plans,
      { specs: specMap(specSet), store, drivers, codeHash: (o) => obligationCode(link, o), compare: (construction, mutant, params, timeoutMs) => builder.compare(construction, mutant, params, timeoutMs), jobs: opts.jobs, budgetBits: opts.budgetBits, samples: opts.samples, seed: opts.seed, timeoutMs: opts.timeoutMs, timeBudgetMs: opts.timeBudgetMs, inputBits: inputBitsOf, onMutant: opts.progress.mutant, signal: opts.interrupt },
      { seed: opts.seed, kinds: [...opts.kinds], perConstruction: opts.perConstruction, backends: [...opts.backends], timeBudgetS: opts.timeBudgetMs / 1000, timeoutS: opts.timeoutMs / 1000 },
    );
    return { report, tools: toolsOf(solvers, lean) };
  } finally {
    opts.interrupt?.removeEventListener('abort', stop);
    await close();
    removeMutantTrees();
  }
}
