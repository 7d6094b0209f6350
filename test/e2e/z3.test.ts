/** The z3 backend for real (the z3-solver Wasm build), through the CLI. */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Circuit } from '../../src/circuit/ir.js';
import { MODELS } from '../../src/model/registry.js';
import { SMT_MODELS } from '../../src/gen/smt/models.js';
import { emitQueries, type SmtModelText } from '../../src/gen/smt/emit.js';
import { Z3Wasm, z3WasmVersion } from '../../src/backend/z3-wasm.js';
import { checkQueries } from '../../src/verify/drivers/z3.js';
import { type Instance, InstanceBuilder } from '../../src/verify/drivers/instance.js';
import type { Obligation } from '../../src/verify/plan.js';
import { outcomeReason } from '../../src/core/verdict.js';
import type { Report } from '../../src/report/model.js';
import { CONSTRUCTIONS } from '../../src/circuit/registry.js';
import { evaluatePorts } from '../../src/circuit/evaluate.js';
import { verifyFixture } from '../helpers/cli.js';

describe('z3 backend', () => {
  it('proves the adder, refutes the mutant with a counterexample the model reproduces, routes auto by size', () => {
    const r = verifyFixture('z3', ['--solvers', 'z3-wasm']);
    const report = JSON.parse(r.stdout) as Report;
    const byId = new Map(report.obligations.map((o) => [o.id, o]));
    for (const p of [16, 32]) {
      const o = byId.get(`z3.add/z3/p=${p}`)!;
      expect(o.status, o.trust).toBe('proved');
      expect(o.checker).toMatch(/^z3-wasm z3-solver \d+\.\d+\.\d+$/);
      expect(o.artifact).toMatch(/^artifacts\/smt\/.*\.smt2$/);
      const smt = readFileSync(join(r.dir, 'reports', o.artifact!), 'utf8');
      expect(smt).toContain('(check-sat-using');
    }
    expect(byId.get('z3.add/model/p=4')?.route).toMatch(/8 input bits <= exhaustive budget 24/);
    expect(byId.get('z3.add/z3/p=20')?.status).toBe('proved');
    const wrong = byId.get('z3.wrong-add/z3/p=16')!;
    expect(wrong.status, `${wrong.trust} ${wrong.notes.join(' | ')}`).toBe('refuted');
    expect(wrong.expected).toBe(false);
    const cex = wrong.counterexample!;
    const a = BigInt(cex.inputs.a!.value);
    const b = BigInt(cex.inputs.b!.value);
    expect(BigInt(cex.model!.sum!.value)).toBe(a + b);
    const mutant = CONSTRUCTIONS.get('mutant.add-threshold-off')!.build({ p: 16 });
    const [out] = evaluatePorts(mutant, [a, b]);
    expect(out).toBe(BigInt(cex.circuit!.sum!.value));
    expect(out).not.toBe(a + b);
    const fm = byId.get('z3.float-mul/z3/p=4')!;
    expect(fm.status, fm.trust).toBe('proved');
    expect(readFileSync(join(r.dir, 'reports', fm.artifact!, 'rest.smt2'), 'utf8')).toContain('(_ to_fp');
    const fa = byId.get('z3.float-add/z3/p=2')!;
    expect(fa.status, fa.trust).toBe('proved');
    expect(fa.trust).toMatch(/unsat on all 2 queries: the circuit's tap mag equals the model's term \(1 query\); the outputs follow from it \(1 query\)$/);
    expect(fa.artifact).toMatch(/^artifacts\/smt\/z3\.float-add_z3_p=2\/$/);
    for (const f of ['cut-mag.smt2', 'rest.smt2', 'whole.smt2']) expect(existsSync(join(r.dir, 'reports', fa.artifact!, f)), f).toBe(true);
    expect(report.tools.z3).toMatch(/z3-wasm/);
    expect(r.code).toBe(1);
    expect(existsSync(join(r.dir, 'reports/report.md'))).toBe(true);
  });
});

/** The decomposition's safety: every way it can fail is an error or a replayed refutation, never a proof. */
describe('z3 decomposition', () => {
  const params = { p: 2 };
  const circuit = CONSTRUCTIONS.get('float.add')!.build(params);
  const model = MODELS.get('float.add')!;
  const enc = SMT_MODELS.get('float.add')!(params, circuit.signature());
  const header = { spec: 'x', obligation: 'x/z3/p=2', params, model: 'float.add' };
  const obligation = { id: 'x/z3/p=2', spec: 'x', construction: 'float.add', model: 'float.add', params, limits: { budgetBits: 24, samples: 10, seed: 1, timeoutMs: 120_000 } } as unknown as Obligation;
  const checker = { name: 'z3-wasm', version: 'test' };
  // The encoding is probed at a few inputs in the model's domain, as a real run does.
  const probes = [[0n, 0n], [5n, 9n], [63n, 17n]].filter((ins) => model.domain!(ins, params)).map((inputs) => ({ inputs, model: model.evaluate(inputs, params) }));
  const instance = (c: Circuit): Instance => ({ circuit: c, modelName: 'float.add', params, smt: SMT_MODELS.get('float.add'), probes });
  let z3: Z3Wasm;
  // A sat answer is replayed on the model in a worker thread, as in a real run.
  let builder: InstanceBuilder;
  beforeAll(() => {
    z3 = new Z3Wasm(z3WasmVersion()!, 2);
    builder = new InstanceBuilder(1);
  });
  afterAll(async () => {
    await z3.dispose();
    await builder.close();
  });
  const run = (c: Circuit, m: SmtModelText, fallback = false) => checkQueries(obligation, instance(c), emitQueries(c, m, header, { splits: true }), [z3], checker, builder, fallback ? emitQueries(c, m, header, { whole: true })[0] : undefined);
  /** The circuit with gate g's threshold raised by one, when that makes it wrong somewhere. */
  const mutant = (g: number): Circuit | undefined => {
    const th = circuit.thresholds.slice();
    th[g] = th[g]! + 1n;
    const c = new Circuit(circuit.numInputs, circuit.gateStart, circuit.faninWires, circuit.faninWeights, th, circuit.inputs, circuit.outputs, circuit.taps);
    for (let a = 0n; a < 64n; a++)
      for (let b = 0n; b < 64n; b++) {
        if (!model.domain!([a, b], params)) continue;
        if (evaluatePorts(c, [a, b])[0] !== model.evaluate([a, b], params)[0]) return c;
      }
    return undefined;
  };
  const tapGates = new Set(circuit.taps.find((t) => t.name === 'mag')!.bits.map((s) => circuit.wireGate(s < 0 ? -s - 1 : s)));

  it('a cut that does not hold hands the decision to the single query (here: a proof of the right circuit)', async () => {
    const wrong = { ...enc, taps: { mag: { term: `(bvadd ${enc.taps!.mag!.term} #b0000001)` } } };
    const r = await checkQueries(obligation, instance(circuit), emitQueries(circuit, wrong, header), [z3], checker, builder, emitQueries(circuit, wrong, header, { whole: true })[0]);
    expect(r.outcome.status).toBe('proved');
    expect(outcomeReason(r.outcome)).toMatch(/^z3-wasm .*: unsat, no input where circuit and model differ \(z3-wasm answers sat on cut mag.* the decomposition does not hold there; decided by the single query instead\)$/);
    const without = await run(circuit, wrong);
    expect(without.outcome.status, 'without the single query to fall back on').toBe('error');
  });

  it('cases that do not cover every value are an error', async () => {
    const split = enc.split!;
    const r = await run(circuit, { ...enc, split: { ...split, cases: split.cases.slice(1) } });
    expect(r.outcome.status).toBe('error');
    expect(outcomeReason(r.outcome)).toMatch(/the cases of lead do not cover every value/);
  });

  it('a wrong circuit before or after the cut is refuted with a counterexample the model reproduces', async () => {
    const before = [...tapGates].map(mutant).find((c) => c !== undefined)!;
    let after: Circuit | undefined;
    for (let g = circuit.numGates - 1; g >= 0 && !after; g--) if (!tapGates.has(g) && g > Math.max(...tapGates)) after = mutant(g);
    for (const c of [before, after!]) {
      const r = await run(c, enc, true);
      expect(r.outcome.status, outcomeReason(r.outcome)).toBe('refuted');
      const cex = r.outcome.status === 'refuted' ? r.outcome.counterexample : undefined;
      const ins = [BigInt(cex!.inputs.a!.value), BigInt(cex!.inputs.b!.value)];
      expect(evaluatePorts(c, ins)[0]).toBe(BigInt(cex!.circuit!.r!.value));
      expect(model.evaluate(ins, params)[0]).toBe(BigInt(cex!.model!.r!.value));
      expect(cex!.circuit!.r!.value).not.toBe(cex!.model!.r!.value);
    }
  });
});
