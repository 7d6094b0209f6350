/**
 * The z3 backend: an obligation's circuit and model become SMT-LIB queries (`gen/smt`): one
 * equivalence query, or a decomposition the model offers (a cut at a circuit tap, case splits,
 * each case its own query, and a query showing the cases cover every value). One or more
 * solvers (`backend/`) answer every query, and the answers become one verdict:
 * - every query unsat: `proved` for this instance;
 * - any query sat: the solver's inputs are replayed on the reference evaluator and the exact
 *   model; a real disagreement is `refuted` with that counterexample; a decomposition query sat
 *   where circuit and model agree (the cut does not hold there, which says nothing about the
 *   circuit) hands the decision to the single equivalence query; anything else is an `error`
 *   (an encoding bug, cases that do not cover);
 * - before trusting either, the encoding is probed: at a few fixed inputs the solver's values of
 *   both sides must equal the reference evaluator's and the TypeScript model's.
 * Queries of one obligation run in parallel (the solver pool has one worker per job).
 * The construction and the model run in worker threads under the obligation's time limit
 * (`InstanceBuilder`); a construction that loops is a `timeout`, not a hung run.
 */
import { type CheckResult, type Checker, outcomeReason } from '../../core/verdict.js';
import { evaluatePorts } from '../../circuit/evaluate.js';
import { measure, summarize } from '../../circuit/metrics.js';
import { emitProbe, emitQueries, inputName, outputNames, parseValues, type QueryOptions, type SmtQuery } from '../../gen/smt/emit.js';
import type { SmtRun, SmtSolver } from '../../backend/smt.js';
import type { BackendDriver } from '../run.js';
import type { Obligation } from '../plan.js';
import type { Instance, InstanceBuilder } from './instance.js';

const PROBES = 3;

/** The artifact path of an obligation: its query, or a folder with one file per query. */
const artifactBase = (id: string): string => `artifacts/smt/${id.replace(/[^A-Za-z0-9.=,-]+/g, '_')}`;
const queryFile = (label: string): string =>
  `${label.replace(/ = /g, '=').replace(/ < /g, '-lt').replace(/ > /g, '-gt').replace(/, /g, '.').replace(/ /g, '-').replace(/[^A-Za-z0-9.=,-]+/g, '_')}.smt2`;

export type Z3DriverOptions = QueryOptions;

export function z3Driver(solvers: readonly SmtSolver[], builder: InstanceBuilder, opts: Z3DriverOptions = {}): BackendDriver {
  const instances = new Map<string, { inst: Instance; queries: SmtQuery[]; fallback?: SmtQuery }>();
  const checker: Checker = { name: solvers.map((s) => s.checker.name).join('+'), version: solvers.map((s) => s.checker.version).join('+') };
  return {
    backend: 'z3',
    checker: solvers.length === 0 ? { unavailable: 'no SMT solver configured' } : checker,
    batchSize: 1,
    async prepare(o) {
      const inst = await builder.build(o, PROBES);
      if ('error' in inst) return inst;
      const enc = inst.smt;
      if (!enc) return { error: `model ${inst.modelName} has no SMT-LIB encoding` };
      const model = enc(inst.params, inst.circuit.signature());
      const header = { spec: o.spec, obligation: o.id, params: o.params, model: inst.modelName };
      const queries = emitQueries(inst.circuit, model, header, opts);
      // A decomposition that does not hold somewhere (a sat answer the model does not reproduce)
      // falls back to the single query, which then decides.
      const fallback = queries.length > 1 ? emitQueries(inst.circuit, model, header, { whole: true })[0] : undefined;
      instances.set(o.id, { inst, queries, fallback });
      const base = artifactBase(o.id);
      // The hashed text is every query, in order, each after its label.
      const text = queries.length === 1 ? queries[0]!.text : [...queries, fallback!].map((q) => `; ---- ${q.label}\n${q.text}`).join('\n');
      return { text, path: queries.length === 1 ? `${base}.smt2` : `${base}/` };
    },
    files(prepared) {
      return prepared.flatMap((p) => {
        const made = instances.get(p.obligation.id);
        const qs = made ? [...made.queries, ...(made.fallback ? [made.fallback] : [])] : [];
        return qs.length === 1 ? [{ path: p.artifact!.path, text: qs[0]!.text }] : qs.map((q) => ({ path: `${p.artifact!.path}${queryFile(q.label)}`, text: q.text }));
      });
    },
    async run(batch, done, events, cores) {
      for (const p of batch) {
        const prepared = instances.get(p.obligation.id);
        if (!prepared) {
          done(p, { outcome: { status: 'error', checker, reason: 'internal: instance not prepared' } }, 0);
          continue;
        }
        // Each query (and probe) takes a core; a query's priority is its share of the estimate.
        // The obligation's time is the sum of its work's time on a core (ms of one core, what the
        // estimates are): not the time from its first probe to its last query, which includes
        // waiting for cores while longer work ran (float.mul at p = 6 "took" 9 minutes that way).
        let started = false;
        let onCore = 0;
        const share = p.estimateMs / prepared.queries.length;
        const onCores = solvers.map(
          (s): SmtSolver => ({
            checker: s.checker,
            dispose: () => s.dispose(),
            check: (text, ms) =>
              cores.run(share, async () => {
                if (!started) {
                  started = true;
                  events.started(p);
                }
                const t = Date.now();
                try {
                  return await s.check(text, ms);
                } finally {
                  onCore += Date.now() - t;
                }
              }),
          }),
        );
        const r = await checkQueries(p.obligation, prepared.inst, prepared.queries, onCores, checker, builder, prepared.fallback);
        done(p, r, onCore);
      }
    },
    async dispose() {
      await Promise.all(solvers.map((s) => s.dispose()));
    },
  };
}

interface Answered {
  readonly query: SmtQuery;
  readonly runs: ReadonlyArray<readonly [SmtSolver, SmtRun]>;
}

/** The verdict of an obligation's queries (exported for tests that hand-build instances). */
export async function checkQueries(o: Obligation, inst: Instance, queries: readonly SmtQuery[], solvers: readonly SmtSolver[], checker: Checker, builder: InstanceBuilder, fallback?: SmtQuery): Promise<CheckResult> {
  const metrics = summarize(measure(inst.circuit));
  const probe = await probeEncoding(o, inst, solvers[0]!, o.limits.timeoutMs);
  if (probe) return { outcome: { status: probe.timeout ? 'timeout' : 'error', checker, reason: probe.reason }, metrics };
  const r = await answer(o, inst, queries, solvers, checker, builder);
  if (!('unheld' in r)) return { ...r, metrics };
  if (!fallback) return { outcome: { status: 'error', checker, reason: r.unheld }, metrics, notes: r.notes, timings: r.timings };
  // The decomposition does not hold at some input, though the circuit may still be right: the
  // single query decides (quickly when the circuit is wrong: a sat answer).
  const whole = await answer(o, inst, [fallback], solvers, checker, builder);
  const timings = { ...r.timings, ...whole.timings };
  if ('unheld' in whole) return { outcome: { status: 'error', checker, reason: whole.unheld }, metrics, notes: [...r.notes, ...whole.notes], timings };
  const said = `${r.unheld}; decided by the single query instead`;
  const outcome = whole.outcome.status === 'proved' || whole.outcome.status === 'refuted' ? { ...whole.outcome, trust: `${whole.outcome.trust} (${said})` } : { ...whole.outcome, reason: `${outcomeReason(whole.outcome)} (${said})` };
  return { outcome: outcome as CheckResult['outcome'], metrics, notes: [...r.notes, ...(whole.notes ?? [])], timings };
}

/**
 * The verdict of a set of queries, or `unheld`: a decomposition query was sat at inputs where
 * circuit and model agree (the cut's term is not what the circuit computes there, or the rest
 * does not follow for those values), which says nothing about the circuit itself.
 */
async function answer(o: Obligation, inst: Instance, queries: readonly SmtQuery[], solvers: readonly SmtSolver[], checker: Checker, builder: InstanceBuilder): Promise<Omit<CheckResult, 'metrics'> | { unheld: string; notes: string[]; timings: Record<string, number> }> {
  const timeoutMs = o.limits.timeoutMs;
  // Every query on every solver; once one is sat, queries not yet started are not run.
  let found = false;
  const answered: Answered[] = await Promise.all(
    queries.map(async (query) => {
      const runs: Array<[SmtSolver, SmtRun]> = [];
      for (const s of solvers) {
        if (found) break;
        const r = await s.check(query.text, timeoutMs);
        runs.push([s, r]);
        if (r.answer === 'sat') found = true;
      }
      return { query, runs };
    }),
  );
  const many = queries.length > 1;
  // Notes are deterministic text; how long each query took goes into `timings`.
  const notes = answered.flatMap(({ query, runs }) => runs.map(([s, r]) => `${many ? `${query.label}: ` : ''}${s.checker.name} ${s.checker.version}: ${r.answer}${r.reason ? ` (${r.reason})` : ''}`));
  const timings = Object.fromEntries(answered.flatMap(({ query, runs }) => runs.map(([s, r]) => [many ? `${query.label}: ${s.checker.name}` : s.checker.name, r.ms])));
  for (const a of answered) {
    const sat = a.runs.find(([, r]) => r.answer === 'sat');
    const unsat = a.runs.find(([, r]) => r.answer === 'unsat');
    if (sat && unsat) return { outcome: { status: 'error', checker, reason: `solvers disagree${many ? ` on ${a.query.label}` : ''}: ${notes.join('; ')}` }, notes, timings };
  }
  const sat = answered.find((a) => a.runs.some(([, r]) => r.answer === 'sat'));
  if (sat) {
    const [s, run] = sat.runs.find(([, r]) => r.answer === 'sat')!;
    const r = await replay(o, s, run, sat.query, inst, checker, builder);
    return 'unheld' in r ? { unheld: r.unheld, notes, timings } : { ...r, notes, timings };
  }
  const open = answered.filter((a) => !a.runs.some(([, r]) => r.answer === 'unsat'));
  if (open.length === 0) {
    const s = answered[0]!.runs.find(([, r]) => r.answer === 'unsat')![0];
    return { outcome: { status: 'proved', checker, trust: `${s.checker.name} ${s.checker.version}: ${many ? describeProof(queries) : 'unsat, no input where circuit and model differ'}` }, notes, timings };
  }
  const runs = open.flatMap((a) => a.runs.map(([, r]) => r));
  const first = runs[0];
  const status = runs.length > 0 && runs.every((r) => r.answer === 'timeout') ? 'timeout' : runs.some((r) => r.answer === 'error') ? 'error' : 'unknown';
  const which = many ? `${open.length} of ${queries.length} queries without an answer (${open.map((a) => a.query.label).slice(0, 3).join('; ')}${open.length > 3 ? '; ...' : ''}): ` : '';
  return { outcome: { status, checker, reason: `${which}${first?.reason ?? first?.answer ?? 'not run'}` } as CheckResult['outcome'], notes, timings };
}

/** What a set of unsat queries establishes, in words. */
function describeProof(queries: readonly SmtQuery[]): string {
  const count = (role: SmtQuery['role']): string => {
    const n = queries.filter((q) => q.role === role).length;
    return `${n} ${n === 1 ? 'query' : 'queries'}`;
  };
  const parts: string[] = [];
  const cuts = [...new Set(queries.filter((q) => q.role === 'cut').map((q) => q.label.split(',')[0]!.slice(4)))];
  if (cuts.length > 0) parts.push(`the circuit's tap ${cuts.join(', ')} equals the model's term (${count('cut')})`);
  parts.push(`${cuts.length > 0 ? 'the outputs follow from it' : 'circuit and model agree'} (${count(cuts.length > 0 ? 'rest' : 'whole')})`);
  const covers = queries.filter((q) => q.role === 'cover').map((q) => q.label.slice(6));
  if (covers.length > 0) parts.push(`the cases on ${covers.join(', ')} cover every value (${count('cover')})`);
  return `unsat on all ${queries.length} queries: ${parts.join('; ')}`;
}

/** Replays a sat answer: only a disagreement the model reproduces (in a worker) is a counterexample. */
async function replay(o: Obligation, s: SmtSolver, run: SmtRun, query: SmtQuery, inst: Instance, checker: Checker, builder: InstanceBuilder): Promise<Pick<CheckResult, 'outcome'> | { unheld: string }> {
  if (query.role === 'cover') return { outcome: { status: 'error', checker, reason: `encoding bug: the cases of ${query.label.slice(6)} do not cover every value (${s.checker.name}: ${run.output.slice(0, 200)})` } };
  const sig = inst.circuit.signature();
  const values = parseValues(run.output);
  const inputs = sig.inputs.map((p) => values.get(inputName(p)));
  if (inputs.some((v) => v === undefined)) return { outcome: { status: 'error', checker, reason: `sat, but the inputs could not be read from the solver's answer: ${run.output.slice(0, 300)}` } };
  const ins = inputs as bigint[];
  const got = evaluatePorts(inst.circuit, ins);
  const model = await builder.replay(o, ins, got);
  if ('error' in model) return { outcome: { status: model.timeout ? 'timeout' : 'error', checker, reason: `replaying ${s.checker.name}'s answer: ${model.error}` } };
  if (!model.inDomain) return { outcome: { status: 'error', checker, reason: `encoding bug: ${s.checker.name} found inputs ${ins.join(', ')} outside the model's domain` } };
  const want = model.model;
  if (got.every((v, i) => v === want[i])) {
    if (query.role !== 'whole') return { unheld: `${s.checker.name} answers sat on ${query.label} at ${ins.join(', ')} where circuit and model agree: the decomposition does not hold there` };
    return { outcome: { status: 'error', checker, reason: `encoding bug: ${s.checker.name} claims a difference at ${ins.join(', ')} but circuit and model agree there` } };
  }
  return {
    outcome: {
      status: 'refuted',
      checker,
      trust: `${s.checker.name} ${s.checker.version}: sat${query.role === 'whole' ? '' : ` on ${query.label}`}; the inputs were replayed on the reference evaluator and model ${inst.modelName}`,
      counterexample: model.records,
    },
  };
}

/** Checks the SMT encoding of both sides at a few inputs; returns a problem (or a time-out) or undefined. */
async function probeEncoding(o: Obligation, inst: Instance, solver: SmtSolver, timeoutMs: number): Promise<{ reason: string; timeout?: true } | undefined> {
  const { circuit, params } = inst;
  const sig = circuit.signature();
  const enc = inst.smt!(params, sig);
  const names = outputNames(circuit);
  // The probe inputs and the model's outputs there were computed with the instance (in a worker).
  for (const { inputs, model: want } of inst.probes) {
    const text = emitProbe(circuit, enc, { spec: o.spec, obligation: o.id, params, model: inst.modelName }, inputs);
    const r = await solver.check(text, Math.min(timeoutMs, 30_000));
    if (r.answer === 'timeout') return { reason: `probe of the SMT encoding at ${inputs.join(', ')}: ${solver.checker.name} gave no answer in time${r.reason ? ` (${r.reason})` : ''}`, timeout: true };
    if (r.answer !== 'sat') return { reason: `probe of the SMT encoding at ${inputs.join(', ')}: expected sat, ${solver.checker.name} answered ${r.answer}${r.reason ? ` (${r.reason})` : ''}` };
    const values = parseValues(r.output);
    const got = evaluatePorts(circuit, inputs);
    for (let j = 0; j < sig.outputs.length; j++) {
      if (values.get(names.circuit[j]!) !== got[j]) return { reason: `encoding bug: the SMT circuit gives ${names.circuit[j]} = ${values.get(names.circuit[j]!)} at ${inputs.join(', ')}, the reference evaluator ${got[j]}` };
      if (values.get(names.model[j]!) !== want[j]) return { reason: `encoding bug: the SMT model gives ${names.model[j]} = ${values.get(names.model[j]!)} at ${inputs.join(', ')}, the TypeScript model ${want[j]}` };
    }
  }
  return undefined;
}
