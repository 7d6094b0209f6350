/**
 * The z3 backend: an obligation's circuit and model become an SMT-LIB query (`gen/smt`), one or
 * more solvers (`backend/`) answer it, and the answer becomes a verdict:
 * - unsat: `proved` for this instance;
 * - sat: the solver's inputs are replayed on the reference evaluator and the exact model; a real
 *   disagreement is `refuted` with that counterexample, anything else is an `error` (encoding bug);
 * - before trusting either, the encoding is probed: at a few fixed inputs the solver's values of
 *   both sides must equal the reference evaluator's and the TypeScript model's.
 * The construction and the model run in worker threads under the obligation's time limit
 * (`InstanceBuilder`); a construction that loops is a `timeout`, not a hung run.
 */
import type { CheckResult, Checker } from '../../core/verdict.js';
import { evaluatePorts } from '../../circuit/evaluate.js';
import { measure, summarize } from '../../circuit/metrics.js';
import { emitEquivalence, emitProbe, inputName, outputNames, parseValues, type GateEncoding } from '../../gen/smt/emit.js';
import type { SmtRun, SmtSolver } from '../../backend/smt.js';
import type { BackendDriver, Prepared } from '../run.js';
import { type Instance, type InstanceBuilder } from './instance.js';

const PROBES = 3;

export function z3Driver(solvers: readonly SmtSolver[], builder: InstanceBuilder, encoding: GateEncoding = 'bv'): BackendDriver {
  const instances = new Map<string, Instance>();
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
      instances.set(o.id, inst);
      const text = emitEquivalence(inst.circuit, enc(inst.params, inst.circuit.signature()), { spec: o.spec, obligation: o.id, params: o.params, model: inst.modelName }, encoding);
      return { text, path: `artifacts/smt/${o.id.replace(/[^A-Za-z0-9.=,-]+/g, '_')}.smt2` };
    },
    async run(batch, done) {
      for (const p of batch) {
        const t = Date.now();
        const inst = instances.get(p.obligation.id);
        if (!inst) {
          done(p, { outcome: { status: 'error', checker, reason: 'internal: instance not prepared' } }, 0);
          continue;
        }
        done(p, await check(p, inst, solvers, checker, builder), Date.now() - t);
      }
    },
    async dispose() {
      await Promise.all(solvers.map((s) => s.dispose()));
    },
  };
}

async function check(p: Prepared, inst: Instance, solvers: readonly SmtSolver[], checker: Checker, builder: InstanceBuilder): Promise<CheckResult> {
  const metrics = summarize(measure(inst.circuit));
  const timeoutMs = p.obligation.limits.timeoutMs;
  const probe = await probeEncoding(p, inst, solvers[0]!, timeoutMs);
  if (probe) return { outcome: { status: probe.timeout ? 'timeout' : 'error', checker, reason: probe.reason }, metrics };
  const runs: Array<[SmtSolver, SmtRun]> = [];
  for (const s of solvers) runs.push([s, await s.check(p.artifact!.text, timeoutMs)]);
  // Notes are deterministic text; how long each solver took goes into `timings`.
  const notes = runs.map(([s, r]) => `${s.checker.name} ${s.checker.version}: ${r.answer}${r.reason ? ` (${r.reason})` : ''}`);
  const timings = Object.fromEntries(runs.map(([s, r]) => [s.checker.name, r.ms]));
  const sat = runs.find(([, r]) => r.answer === 'sat');
  const unsat = runs.find(([, r]) => r.answer === 'unsat');
  if (sat && unsat) return { outcome: { status: 'error', checker, reason: `solvers disagree: ${notes.join('; ')}` }, metrics, notes, timings };
  if (unsat) {
    const [s] = unsat;
    return { outcome: { status: 'proved', checker, trust: `${s.checker.name} ${s.checker.version}: unsat, no input where circuit and model differ` }, metrics, notes, timings };
  }
  if (sat) return { ...(await replay(p, sat[0], sat[1], inst, checker, builder)), metrics, notes, timings };
  const first = runs[0]![1];
  const status = runs.every(([, r]) => r.answer === 'timeout') ? 'timeout' : runs.some(([, r]) => r.answer === 'error') ? 'error' : 'unknown';
  return { outcome: { status, checker, reason: first.reason ?? first.answer } as CheckResult['outcome'], metrics, notes, timings };
}

/** Replays a sat answer: only a disagreement the model reproduces is a counterexample. */
async function replay(p: Prepared, s: SmtSolver, run: SmtRun, inst: Instance, checker: Checker, builder: InstanceBuilder): Promise<Pick<CheckResult, 'outcome'>> {
  const sig = inst.circuit.signature();
  const values = parseValues(run.output);
  const inputs = sig.inputs.map((p) => values.get(inputName(p)));
  if (inputs.some((v) => v === undefined)) return { outcome: { status: 'error', checker, reason: `sat, but the inputs could not be read from the solver's answer: ${run.output.slice(0, 300)}` } };
  const ins = inputs as bigint[];
  const got = evaluatePorts(inst.circuit, ins);
  const model = await builder.replay(p.obligation, ins, got);
  if ('error' in model) return { outcome: { status: model.timeout ? 'timeout' : 'error', checker, reason: `replaying ${s.checker.name}'s answer: ${model.error}` } };
  if (!model.inDomain) return { outcome: { status: 'error', checker, reason: `encoding bug: ${s.checker.name} found inputs ${ins.join(', ')} outside the model's domain` } };
  const want = model.model;
  if (got.every((v, i) => v === want[i]))
    return { outcome: { status: 'error', checker, reason: `encoding bug: ${s.checker.name} claims a difference at ${ins.join(', ')} but circuit and model agree there` } };
  return {
    outcome: {
      status: 'refuted',
      checker,
      trust: `${s.checker.name} ${s.checker.version}: sat; the inputs were replayed on the reference evaluator and model ${inst.modelName}`,
      counterexample: model.records,
    },
  };
}

/** Checks the SMT encoding of both sides at a few inputs; returns a problem (or a time-out) or undefined. */
async function probeEncoding(p: Prepared, inst: Instance, solver: SmtSolver, timeoutMs: number): Promise<{ reason: string; timeout?: true } | undefined> {
  const { circuit, params } = inst;
  const sig = circuit.signature();
  const enc = inst.smt!(params, sig);
  const names = outputNames(circuit);
  // The probe inputs and the model's outputs there were computed with the instance (in a worker).
  for (const { inputs, model: want } of inst.probes) {
    const text = emitProbe(circuit, enc, { spec: p.obligation.spec, obligation: p.obligation.id, params, model: inst.modelName }, inputs);
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
