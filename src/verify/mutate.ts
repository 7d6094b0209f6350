/**
 * `tc0 mutate`: are the checks strong enough? For each construction the specs name, mutants of it
 * are run through the specs' own checks, and every mutant the checks miss is compared with the
 * original construction to tell an equivalent mutant from a gap in the checks.
 *
 * A mutant is checked only where it differs from the original: an obligation at an instance where
 * the mutant builds the original's netlist would repeat the original's verdict. The checks run
 * cheapest first (evaluation and measurement, then Z3, then Lean) and stop at the first that
 * refutes the mutant. A survivor is `equivalent` when a check proved it agrees with the model at
 * every instance where it differs (it then equals the original there), or when the miter of the
 * mutant and the original is proved 0 there (structurally, by exhaustive evaluation, or by Z3);
 * it is a `gap` when the miter finds an input where the mutant and the original differ (an
 * input no check looked at); otherwise it stays `unknown` with the reason.
 *
 * Every obligation goes through the ordinary runner, so verdicts are cached in the results store
 * under hashes that include the mutant, and a re-run answers from the store.
 */
import { sha256 } from '../core/hash.js';
import { type Params, paramsKey } from '../core/params.js';
import type { Backend, Counterexample } from '../core/verdict.js';
import { obligationId } from '../core/ids.js';
import type { Circuit } from '../circuit/ir.js';
import { describeMutation, gateMutations } from '../circuit/mutate.js';
import { Rng } from '../model/rng.js';
import type { Spec } from '../spec/types.js';
import { DEFAULT_TIMEOUT_MS, type Obligation, planObligations } from './plan.js';
import type { BackendDriver, ObligationResult } from './run.js';
import { runObligations } from './run.js';
import type { ResultStore } from './store.js';
import { type MutantRef, type MutantUse } from './mutants.js';
import type { Comparison, Failure } from './drivers/instance.js';
import { ALL_CONSTRUCTIONS } from './registries.js';
import { type SourceSite, writeMutantTree } from './source-mutants.js';

export type MutantKind = 'circuit' | 'source';
export type MutantStatus = 'killed' | 'survived' | 'timeout' | 'error' | 'not-run';
export type SurvivorClass = 'equivalent' | 'gap' | 'unknown';

export interface MutantResult {
  readonly id: string;
  readonly construction: string;
  readonly kind: MutantKind;
  /** Where: the instance (`p=16`) of a circuit mutant, `file:line` of a source mutant. */
  readonly at: string;
  readonly description: string;
  readonly status: MutantStatus;
  /** Checks (obligation ids of the spec) that refuted it. */
  readonly killedBy: readonly string[];
  /** Instances where the mutant's circuit differs from the original's (the ones checked). */
  readonly differsAt: readonly string[];
  /** Obligations run on the mutant (checks and comparisons). */
  readonly obligations: number;
  readonly cached: number;
  readonly ms: number;
  readonly class: SurvivorClass | null;
  /** Why it was killed, or how a survivor was classified, in words. */
  readonly evidence: string;
  /** For a gap: an input where the mutant and the original differ. */
  readonly counterexample: Counterexample | null;
}

export interface ConstructionScore {
  readonly construction: string;
  readonly specs: readonly string[];
  readonly tried: number;
  readonly killed: number;
  readonly survived: number;
  readonly equivalent: number;
  readonly gaps: number;
  readonly unknown: number;
  readonly timeout: number;
  readonly error: number;
  readonly notRun: number;
  /** killed / (tried - equivalent); null when nothing non-equivalent was tried. */
  readonly score: number | null;
  /** Instances the circuit mutants were made at, and instances left out with the reason. */
  readonly instances: readonly string[];
  readonly notes: readonly string[];
  readonly mutants: readonly MutantResult[];
}

export type Totals = Omit<ConstructionScore, 'construction' | 'specs' | 'instances' | 'notes' | 'mutants'>;

export interface MutationReport {
  readonly options: {
    readonly seed: number;
    readonly kinds: readonly MutantKind[];
    readonly perConstruction: number;
    readonly backends: readonly Backend[];
    readonly timeBudgetS: number;
    readonly timeoutS: number;
  };
  readonly summary: Totals & { readonly constructions: number };
  readonly constructions: readonly ConstructionScore[];
  readonly ms: number;
}

/** A planned mutant: its reference and, for reports, where and what. */
export interface PlannedMutant {
  readonly ref: MutantRef;
  readonly kind: MutantKind;
  readonly at: string;
  readonly description: string;
  /** Directory of the mutated source tree (source mutants). */
  readonly tree?: string;
}

/** What one construction is checked by, and its mutants. */
export interface ConstructionPlan {
  readonly construction: string;
  readonly specs: readonly Spec[];
  /** The specs' checks (equivalence and measure obligations, expected to be proved). */
  readonly checks: readonly Obligation[];
  readonly mutants: readonly PlannedMutant[];
  /** Instances of the declared ranges a source mutant is compared with the original at, beyond those the checks build. */
  readonly probes: readonly Params[];
  readonly instances: readonly string[];
  readonly notes: readonly string[];
}

export interface MutateRunOptions {
  readonly specs: ReadonlyMap<string, Spec>;
  readonly store: ResultStore;
  readonly drivers: ReadonlyMap<Backend, BackendDriver>;
  readonly codeHash: (o: Obligation) => string;
  readonly jobs: number;
  readonly budgetBits: number;
  readonly samples: number;
  readonly seed: number;
  /** Time limit of a Z3 or Lean obligation on a mutant: the smaller of this and the check's own (evaluation ends by itself). */
  readonly timeoutMs: number;
  /** Wall-clock budget of the whole run: no mutant is started after it. */
  readonly timeBudgetMs: number;
  readonly inputBits: (model: string, params: Params) => number;
  readonly onMutant?: (r: MutantResult, done: number, total: number) => void;
  /** A mutant's circuit against the original's at one instance, built in a worker within `timeoutMs` (see InstanceBuilder.compare). */
  readonly compare: (construction: string, mutant: MutantUse, params: Params, timeoutMs: number, originalOnly?: boolean) => Promise<Comparison | Failure>;
  /** Aborted when the run is interrupted: no mutant starts, and one that was running is not scored. */
  readonly signal?: AbortSignal;
}

/** Largest input width at which the original is built to make circuit mutants. */
const MAX_MUTATION_INPUT_BITS = 4096;

/** Stages of checks on a mutant, cheapest first. */
const STAGES: ReadonlyArray<readonly Backend[]> = [['model', 'measure'], ['z3'], ['lean']];

/** The constructions specs name (expected to hold), with their checks, selected by `filter` on construction or spec id. */
export function constructionsToMutate(specs: readonly Spec[], filter: ((id: string) => boolean) | undefined): Map<string, Spec[]> {
  const out = new Map<string, Spec[]>();
  for (const s of [...specs].sort((a, b) => a.id.localeCompare(b.id))) {
    if (!s.construction || s.expect !== 'proved') continue;
    if (filter && !filter(s.id) && !filter(s.construction)) continue;
    out.set(s.construction, [...(out.get(s.construction) ?? []), s]);
  }
  return out;
}

/** The specs' obligations a mutant of the construction is checked by. */
export function checksOf(specs: readonly Spec[], opts: { backends: ReadonlySet<Backend>; budgetBits: number; samples: number; seed: number; timeoutMs: number; inputBits: MutateRunOptions['inputBits'] }): Obligation[] {
  return planObligations(specs, { backends: opts.backends, budgetBits: opts.budgetBits, samples: opts.samples, seed: opts.seed, inputBits: opts.inputBits })
    .filter((o) => (o.kind === 'equivalence' || o.kind === 'measure') && o.expect === 'proved')
    .map((o) => (o.backend === 'z3' || o.backend === 'lean' ? { ...o, limits: { ...o.limits, timeoutMs: Math.min(o.limits.timeoutMs, opts.timeoutMs) } } : o));
}

/**
 * Instances for circuit mutants: the largest instance of every equivalence check, and the top of
 * every spec's declared range (where a check that stops short would miss a mutant).
 */
export function mutationInstances(specs: readonly Spec[], checks: readonly Obligation[], inputBits: MutateRunOptions['inputBits']): { instances: Params[]; notes: string[] } {
  const bits = (s: Spec, p: Params): number => (s.model ? inputBits(s.model, p) : Number.POSITIVE_INFINITY);
  const candidates: Array<{ params: Params; bits: number }> = [];
  const byCheck = new Map<string, Obligation[]>();
  for (const o of checks.filter((x) => x.kind === 'equivalence')) byCheck.set(`${o.spec}#${o.checkIndex}`, [...(byCheck.get(`${o.spec}#${o.checkIndex}`) ?? []), o]);
  for (const os of byCheck.values()) {
    const spec = specs.find((s) => s.id === os[0]!.spec)!;
    const top = os.reduce((a, b) => (bits(spec, b.params) > bits(spec, a.params) ? b : a));
    candidates.push({ params: top.params, bits: bits(spec, top.params) });
  }
  for (const s of specs) {
    const top = Object.fromEntries(Object.entries(s.parameters).map(([k, v]) => [k, v.hi]));
    if (Object.keys(top).length > 0) candidates.push({ params: top, bits: bits(s, top) });
  }
  const seen = new Set<string>();
  const instances: Params[] = [];
  const notes: string[] = [];
  for (const c of candidates.sort((a, b) => a.bits - b.bits)) {
    const key = paramsKey(c.params);
    if (seen.has(key)) continue;
    seen.add(key);
    if (c.bits > MAX_MUTATION_INPUT_BITS) notes.push(`no circuit mutants at ${key}: ${c.bits} input bits (more than ${MAX_MUTATION_INPUT_BITS})`);
    else instances.push(c.params);
  }
  return { instances, notes };
}

/**
 * Instances of the specs' declared ranges a source mutant is compared at beyond the checked
 * ones: each parameter at its two lowest and two highest values (the corners, where widths and
 * 32-bit arithmetic run out); at most `maxBits` input bits.
 */
export function rangeProbes(specs: readonly Spec[], inputBits: MutateRunOptions['inputBits'], maxBits = MAX_MUTATION_INPUT_BITS): Params[] {
  const out = new Map<string, Params>();
  for (const s of specs) {
    if (!s.model) continue;
    const grid: Record<string, number[]> = {};
    for (const [k, v] of Object.entries(s.parameters)) {
      const vals = [...v.values].sort((a, b) => a - b);
      grid[k] = vals.filter((_, i) => i < 2 || i >= vals.length - 2);
    }
    for (const p of cartesianOf(grid)) if (inputBits(s.model, p) <= maxBits) out.set(paramsKey(p), p);
  }
  return [...out.values()];
}

/**
 * `count` circuit mutants of a construction, spread over its mutation instances: a seeded choice
 * of gate, then of one of the changes that gate admits. Deterministic for a seed.
 */
export function planCircuitMutants(construction: string, instances: readonly Params[], count: number, seed: number): { mutants: PlannedMutant[]; notes: string[] } {
  const c = ALL_CONSTRUCTIONS.get(construction)!;
  const notes: string[] = [];
  const built: Array<{ params: Params; circuit: Circuit }> = [];
  for (const params of instances) {
    try {
      const circuit = c.build(params);
      if (circuit.numGates > 0) built.push({ params, circuit });
    } catch (e) {
      notes.push(`no circuit mutants at ${paramsKey(params)}: the construction threw (${e instanceof Error ? e.message : String(e)})`);
    }
  }
  const mutants: PlannedMutant[] = [];
  if (built.length === 0) return { mutants, notes };
  const rng = new Rng(Number.parseInt(sha256(String(seed), construction).slice(0, 8), 16));
  const seen = new Set<string>();
  for (let i = 0, tries = 0; mutants.length < count && tries < 20 * count; tries++) {
    const { params, circuit } = built[i % built.length]!;
    const options = gateMutations(circuit, rng.below(circuit.numGates));
    if (options.length === 0) continue;
    const mutation = options[rng.below(options.length)]!;
    const key = `${paramsKey(params)}/${JSON.stringify(mutation)}`;
    if (seen.has(key)) continue;
    seen.add(key);
    i++;
    const id = `${construction}~c${mutants.length + 1}`;
    mutants.push({ ref: { id, construction, change: { kind: 'circuit', params, mutation } }, kind: 'circuit', at: paramsKey(params), description: describeMutation(circuit, mutation) });
  }
  return { mutants, notes };
}

/** `count` source mutants of a construction: a seeded choice among its sites, each written into its own tree. */
export function planSourceMutants(construction: string, sites: readonly SourceSite[], count: number, seed: number, srcDir: string): PlannedMutant[] {
  const rng = new Rng(Number.parseInt(sha256(String(seed), 'source', construction).slice(0, 8), 16));
  const order = sites.map((s, i) => ({ s, key: rng.next32() + i / sites.length })).sort((a, b) => a.key - b.key);
  return order.slice(0, count).map(({ s }, i) => ({
    ref: { id: `${construction}~s${i + 1}`, construction, change: s.change },
    kind: 'source' as const,
    at: `${s.change.file}:${s.line}`,
    description: `${s.change.operator} in ${s.change.declaration}: ${s.change.original} -> ${s.change.replacement}`,
    tree: writeMutantTree(srcDir, s),
  }));
}

/** Items of several lists taken in turn: the first of each, then the second of each, ... */
export function interleave<T>(lists: ReadonlyArray<readonly T[]>): T[] {
  const out: T[] = [];
  for (let i = 0; lists.some((l) => i < l.length); i++) for (const l of lists) if (i < l.length) out.push(l[i]!);
  return out;
}

/**
 * Runs every planned mutant (`jobs` at a time, within the time budget) and scores them. Mutants
 * are taken in turn across constructions, so a run cut short by its budget still scores each.
 */
export async function runMutants(plans: readonly ConstructionPlan[], opts: MutateRunOptions, reportOptions: MutationReport['options']): Promise<MutationReport> {
  const started = Date.now();
  const queue = interleave(plans.map((p) => p.mutants.map((m) => ({ plan: p, m }))));
  const results = new Map<string, MutantResult>();
  let next = 0;
  let done = 0;
  const lane = async (): Promise<void> => {
    while (next < queue.length) {
      const { plan, m } = queue[next++]!;
      const ran =
        Date.now() - started > opts.timeBudgetMs
          ? notRun(m, `the time budget of ${Math.round(opts.timeBudgetMs / 1000)} s was used up before it started`)
          : opts.signal?.aborted
            ? undefined
            : await runMutant(plan, m, opts).catch((e: unknown) => errorResult(m, `internal: ${e instanceof Error ? e.message : String(e)}`));
      const r = opts.signal?.aborted ? notRun(m, `the run was interrupted (${String(opts.signal.reason)})`) : ran!;
      results.set(m.ref.id, r);
      opts.onMutant?.(r, ++done, queue.length);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, opts.jobs) }, lane));
  const constructions = plans.map((p) => scoreOf(p, p.mutants.map((m) => results.get(m.ref.id)!)));
  return { options: reportOptions, summary: { constructions: constructions.length, ...totals(constructions) }, constructions, ms: Date.now() - started };
}

function totals(rows: ReadonlyArray<Totals>): Totals {
  const sum = (k: keyof Omit<Totals, 'score'>): number => rows.reduce((s, r) => s + r[k], 0);
  const t = { tried: sum('tried'), killed: sum('killed'), survived: sum('survived'), equivalent: sum('equivalent'), gaps: sum('gaps'), unknown: sum('unknown'), timeout: sum('timeout'), error: sum('error'), notRun: sum('notRun') };
  return { ...t, score: t.tried - t.equivalent > 0 ? t.killed / (t.tried - t.equivalent) : null };
}

function scoreOf(plan: ConstructionPlan, mutants: readonly MutantResult[]): ConstructionScore {
  const count = (f: (m: MutantResult) => boolean): number => mutants.filter(f).length;
  const tried = count((m) => m.status !== 'not-run');
  const killed = count((m) => m.status === 'killed');
  const equivalent = count((m) => m.class === 'equivalent');
  return {
    construction: plan.construction,
    specs: plan.specs.map((s) => s.id),
    tried,
    killed,
    survived: count((m) => m.status === 'survived'),
    equivalent,
    gaps: count((m) => m.class === 'gap'),
    unknown: count((m) => m.class === 'unknown'),
    timeout: count((m) => m.status === 'timeout'),
    error: count((m) => m.status === 'error'),
    notRun: count((m) => m.status === 'not-run'),
    score: tried - equivalent > 0 ? killed / (tried - equivalent) : null,
    instances: plan.instances,
    notes: plan.notes,
    mutants,
  };
}

const base = (m: PlannedMutant) => ({ id: m.ref.id, construction: m.ref.construction, kind: m.kind, at: m.at, description: m.description });
const notRun = (m: PlannedMutant, why: string): MutantResult => ({ ...base(m), status: 'not-run', killedBy: [], differsAt: [], obligations: 0, cached: 0, ms: 0, class: null, evidence: why, counterexample: null });
const errorResult = (m: PlannedMutant, why: string): MutantResult => ({ ...notRun(m, why), status: 'error' });

/** The instances a mutant can differ at: every instance a check builds (the measure grids too). */
function instancesOf(checks: readonly Obligation[]): Params[] {
  const all = new Map<string, Params>();
  for (const o of checks) {
    if (o.kind === 'equivalence') all.set(paramsKey(o.params), o.params);
    else if (o.grid) for (const p of cartesianOf(o.grid)) all.set(paramsKey(p), p);
  }
  return [...all.values()];
}

function unique(ps: readonly Params[]): Params[] {
  return [...new Map(ps.map((p) => [paramsKey(p), p])).values()];
}

function cartesianOf(grid: Readonly<Record<string, readonly number[]>>): Params[] {
  let out: Array<Record<string, number>> = [{}];
  for (const [k, vs] of Object.entries(grid)) out = out.flatMap((p) => vs.map((v) => ({ ...p, [k]: v })));
  return out;
}

async function runMutant(plan: ConstructionPlan, m: PlannedMutant, opts: MutateRunOptions): Promise<MutantResult> {
  const t0 = Date.now();
  const use = (against: MutantUse['against']): MutantUse => ({ ref: m.ref, against, ...(m.tree ? { tree: m.tree } : {}) });
  let count = 0;
  let cached = 0;
  let differsAt: string[] = [];
  const result = (status: MutantStatus, rest: Partial<MutantResult>): MutantResult => ({
    ...base(m),
    status,
    killedBy: [],
    differsAt,
    class: null,
    evidence: '',
    counterexample: null,
    ...rest,
    obligations: count,
    cached,
    ms: Date.now() - t0,
  });
  // Where does the mutant's circuit differ from the original's? (Built in workers, under a time limit: mutants loop.)
  const change = m.ref.change;
  const candidates = change.kind === 'circuit' ? [change.params] : unique([...instancesOf(plan.checks), ...plan.probes]);
  const differs: Params[] = [];
  const structural: string[] = [];
  const thrown: string[] = [];
  // One at a time: a mutant that loops does so at most instances, and the first time limit decides it.
  for (const params of candidates) {
    const r = await opts.compare(plan.construction, use('model'), params, opts.timeoutMs);
    if ('error' in r) {
      // A mutant that cannot be built within the time or memory limit fails its checks there; any other failure is ours.
      const runaway = r.timeout === true || /out of memory/.test(r.error);
      if (!runaway) return errorResult(m, `comparing it with the original at ${paramsKey(params)}: ${r.error}`);
      if (r.timeout) {
        // Past the limit on a loaded machine too? Only if the original builds there in a tenth of it.
        const o = await opts.compare(plan.construction, use('model'), params, opts.timeoutMs, true);
        const ms = 'state' in o && o.state === 'original-built' ? o.ms : undefined;
        if (ms === undefined || ms * 10 > opts.timeoutMs)
          return result('timeout', { class: 'unknown', differsAt: [paramsKey(params)], evidence: `${r.error}, and the original ${ms === undefined ? 'did not build there within it either' : `takes ${(ms / 1000).toFixed(1)} s there`}: the limit does not tell a mutant that loops from a slow build` });
      }
      return result('killed', { killedBy: [`build at ${paramsKey(params)}`], differsAt: [paramsKey(params)], evidence: `${r.error}: tc0 verify would report its checks there as ${r.timeout ? 'timeouts' : 'errors'}, never proved` });
    }
    if (r.state === 'differs') differs.push(params);
    else if (r.state === 'structural') structural.push(paramsKey(params));
    else if (r.state === 'threw') thrown.push(`${paramsKey(params)}: ${r.message}`);
  }
  differsAt = [...differs.map(paramsKey), ...thrown.map((t) => t.split(':')[0]!)];
  const touches = (o: Obligation): boolean => {
    const keys = new Set(differsAt);
    if (o.kind === 'equivalence') return keys.has(paramsKey(o.params));
    return o.grid !== undefined && cartesianOf(o.grid).some((p) => keys.has(paramsKey(p)));
  };
  const relevant = plan.checks.filter(touches).map((o) => ({ ...o, id: obligationId(`${o.id}@${m.ref.id}`), mutant: use('model') }));
  const run = async (os: readonly Obligation[]): Promise<ObligationResult[]> => {
    if (os.length === 0) return [];
    const rs = await runObligations(os, { specs: opts.specs, store: opts.store, jobs: 1, drivers: opts.drivers, codeHash: opts.codeHash, onMiss: 'run', signal: opts.signal });
    count += rs.length;
    cached += rs.filter((r) => r.cached).length;
    return rs;
  };
  const strip = (id: string): string => id.replace(/@[^@]*$/, '');
  const ran: ObligationResult[] = [];
  // An instance an earlier stage proved (the mutant agrees with the model there) needs no later check.
  const settled = new Set<string>();
  for (const stage of STAGES) {
    const rs = await run(relevant.filter((o) => stage.includes(o.backend) && !(o.kind === 'equivalence' && settled.has(paramsKey(o.params)))));
    for (const r of rs) if (r.obligation.kind === 'equivalence' && r.result.outcome.status === 'proved') settled.add(paramsKey(r.obligation.params));
    ran.push(...rs);
    // An error (the mutant construction throws, say) is a detection too: tc0 verify would report it.
    const killers = rs.filter((r) => r.result.outcome.status === 'refuted' || r.result.outcome.status === 'error');
    if (killers.length > 0) {
      const first = killers[0]!.result.outcome;
      return result('killed', { killedBy: killers.map((r) => strip(r.obligation.id)), evidence: 'trust' in first ? first.trust : `error: ${first.reason}` });
    }
  }
  const timeouts = ran.filter((r) => r.result.outcome.status === 'timeout');

  // A survivor: equivalent, a gap, or unknown?
  const proved = new Set(ran.filter((r) => r.obligation.kind === 'equivalence' && r.result.outcome.status === 'proved').map((r) => paramsKey(r.obligation.params)));
  const evidence: string[] = structural.map((key) => `${key}: structurally equal to the original (the miter folds to 0)`);
  let gap: { at: string; cex: Counterexample | null; how: string } | undefined;
  const open: string[] = [];
  if (thrown.length > 0) gap = { at: thrown[0]!.split(':')[0]!, cex: null, how: `the mutant construction throws at ${thrown.join('; ')}, where no check runs` };
  for (const params of gap ? [] : differs) {
    const key = paramsKey(params);
    if (proved.has(key)) {
      evidence.push(`${key}: a check proved it agrees with the model on the whole domain`);
      continue;
    }
    // The comparison needs a model's domain and signature; a construction only measured has none.
    const spec = plan.specs.find((s) => s.model && Object.keys(s.parameters).every((k) => k in params));
    if (!spec) {
      open.push(`${key}: no spec of it has a model to compare the mutant with the original on`);
      continue;
    }
    const compare = (backend: Backend): Obligation => {
      return {
        id: obligationId(`${spec.id}/${backend}:same-as-original/${key}@${m.ref.id}`),
        spec: spec.id,
        checkIndex: -1,
        kind: 'equivalence',
        backend,
        params,
        construction: plan.construction,
        model: spec.model!,
        expect: 'proved',
        limits: { budgetBits: opts.budgetBits, samples: opts.samples, seed: opts.seed, timeoutMs: backend === 'z3' ? opts.timeoutMs : DEFAULT_TIMEOUT_MS.model },
        mutant: use('original'),
      };
    };
    let decided = false;
    for (const backend of ['model', 'z3'] as const) {
      if (!opts.drivers.has(backend)) continue;
      const [r] = await run([compare(backend)]);
      const out = r!.result.outcome;
      if (out.status === 'proved') {
        evidence.push(`${key}: ${out.trust}`);
        decided = true;
        break;
      }
      if (out.status === 'refuted') {
        gap = { at: key, cex: out.counterexample, how: `the mutant differs from the original at ${key} (${backend === 'model' ? 'found by evaluation' : 'found by Z3'}), and no check there saw it` };
        decided = true;
        break;
      }
      if (backend === 'z3' || out.status !== 'unknown') open.push(`${key}: ${backend} ${out.status}: ${'reason' in out ? out.reason : ''}`);
    }
    if (gap) break;
    if (!decided && !open.some((o) => o.startsWith(`${key}:`))) open.push(`${key}: not decided`);
  }
  const sampledAt = (key: string): string[] => {
    const at = ran.filter((r) => r.obligation.kind === 'equivalence' && paramsKey(r.obligation.params) === key);
    return at.length > 0 && at.every((r) => r.result.outcome.status === 'unknown' && r.result.outcome.sampled !== undefined) ? at.map((r) => strip(r.obligation.id)) : [];
  };
  const sampledNote = (key: string): string => (sampledAt(key).length > 0 ? `; the only checks there are sampled (${sampledAt(key).join(', ')}): evidence, not proof, and a difference on few inputs passes them` : '');
  const timeoutNote = timeouts.length > 0 ? ` (checks that timed out on it: ${timeouts.map((r) => strip(r.obligation.id)).join(', ')})` : '';
  if (gap) return result('survived', { class: 'gap', evidence: `${gap.how}${sampledNote(gap.at)}${timeoutNote}`, counterexample: gap.cex });
  const openAt = open.map((o) => o.split(':')[0]!);
  if (open.length > 0)
    return result(timeouts.length > 0 ? 'timeout' : 'survived', { class: 'unknown', evidence: `not decided: ${open.join('; ')}${evidence.length > 0 ? `; decided: ${evidence.join('; ')}` : ''}${[...new Set(openAt)].map(sampledNote).join('')}${timeoutNote}` });
  if (differs.length === 0 && structural.length === 0) return result('survived', { class: 'equivalent', evidence: `it builds the same netlist as the original at all ${candidates.length} instances built (every instance a check builds and the probes of the declared ranges)` });
  return result('survived', { class: 'equivalent', evidence: `equivalent where it differs: ${evidence.join('; ')}${timeoutNote}` });
}
