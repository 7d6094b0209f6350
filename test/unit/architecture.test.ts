import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadSpecs } from '../../src/spec/load.js';
import { knownNames } from '../../src/verify/session.js';
import type { Bundle } from '../../src/program/ast.js';
import { buildCircuit } from '../../src/program/gates.js';
import { evaluateProgram, programModel } from '../../src/program/semantics.js';
import { compile } from '../../src/program/plan.js';
import { familyMetrics, generateFamily } from '../../src/program/family.js';
import { LocalDescription } from '../../src/program/describe.js';
import { showDepth, symbolicDepth } from '../../src/program/depth.js';
import { evalCount, operationCount, symbolicSize } from '../../src/program/size.js';
import { Poly, volume } from '../../src/program/poly.js';
import { roundConstant } from '../../src/program/constants.js';
import { depthCosts } from '../../src/program/ops.js';
import { checkAgreement, checkFamily, checkUniformity, runArchitectureCheck } from '../../src/verify/checks/architecture.js';
import { checkEquivalence } from '../../src/verify/checks/equivalence.js';
import { parseExpr } from '../../src/core/expr.js';
import { encode, roundToFloat } from '../../src/model/float.js';
import { roundReal, sinCosInterval } from '../../src/model/real.js';
import { Rational } from '../../src/core/rational.js';
import { ROOT } from '../helpers/cli.js';

const set = loadSpecs(join(ROOT, 'specs'), knownNames(), ROOT);
const bundle = (name: string): Bundle => set.architectures.get(name)!.bundle as Bundle;
const ctx = { budgetBits: 16, samples: 200, seed: 3 };
const f = (m: number, e: number) => ({ s: (m < 0 ? 1 : 0) as 0 | 1, m: BigInt(Math.abs(m)), e: BigInt(e) });

describe('gate-level circuits against exact models', () => {
  it('agree on every input of a one-row layer, plain, RoPE and causal', () => {
    for (const name of ['tensor-attention', 'rope-tensor-attention', 'causal-softmax-attention']) {
      const params = { n: 1, d: 2, p: 2, w: 1 };
      const r = checkEquivalence(buildCircuit(bundle(name), params), programModel(bundle(name)), params, ctx);
      expect(r.outcome.status, name).toBe('proved');
    }
  });
  it('catch a circuit built with other weights (the check can fail)', () => {
    const b = bundle('tensor-attention');
    const r = checkEquivalence(buildCircuit(b, { n: 1, d: 2, p: 2, w: 1 }), programModel(b), { n: 1, d: 2, p: 2, w: 2 }, ctx);
    expect(r.outcome.status).toBe('refuted');
  });
  it('LayerNorm maps a constant row to zeros, in the model and in the circuit', () => {
    const b = bundle('layernorm');
    const row = [f(2, 0), f(2, 0), f(2, 0)];
    expect(evaluateProgram(b, { n: 1, d: 3 }, 2, new Map([['X', row]]), new Map()).every((x) => x.m === 0n)).toBe(true);
    const params = { n: 1, d: 3, p: 2 };
    expect(checkEquivalence(buildCircuit(b, params), programModel(b), params, { ...ctx, budgetBits: 18 }).outcome.status).toBe('proved');
  });
  it('an operation without a construction is an error naming it, not a crash', () => {
    const b = bundle('matmul');
    const noMul: Bundle = { ...b, operations: { ...b.operations, operations: b.operations.operations.map((o) => (o.name === 'mul' ? { name: o.name, arity: o.arity, model: o.model, depth: o.depth } : o)) } };
    const r = runArchitectureCheck({ kind: 'architecture', check: 'equivalence', architecture: noMul, params: { n: 1, d: 2, p: 2, w: 1 }, claims: {}, limits: ctx });
    expect(r.outcome.status).toBe('error');
    expect(r.outcome.status === 'error' && r.outcome.reason).toMatch(/operation 'mul' has no construction/);
  });
});

describe('constants', () => {
  it('round the exact value once: RoPE entries are round(cos), round(-sin)', () => {
    const cos = { kind: 'fn', fn: 'cos', arg: { kind: 'var', name: 'x' } } as const;
    const negSin = { kind: 'neg', arg: { kind: 'fn', fn: 'sin', arg: { kind: 'var', name: 'x' } } } as const;
    for (const x of [1, 2, 5]) {
      expect(roundConstant(cos, { x }, 3)).toEqual(roundReal((b) => sinCosInterval(Rational.of(x), b).cos, 3));
      const s = roundReal((b) => sinCosInterval(Rational.of(x), b).sin, 3);
      expect(roundConstant(negSin, { x }, 3)).toEqual({ ...s, s: 1 - s.s });
    }
    // 10000^(-2t/d) is exact for d = 4: 1/100 at t = 1.
    const theta = { kind: 'arith', op: '^', left: { kind: 'number', num: '10000', den: '1' }, right: { kind: 'number', num: '-1', den: '2' } } as const;
    expect(roundConstant(theta, {}, 8)).toEqual(roundToFloat(Rational.of(1, 100), 8));
    expect(() => roundConstant({ ...theta, right: { kind: 'number', num: '-1', den: '3' } }, {}, 8)).toThrow(/irrational/);
  });
});

describe('the operator-level family against the symbolic formulas', () => {
  it('has the symbolic depth and the symbolic size at every n', () => {
    const b = bundle('rope-ta-transformer');
    const r = checkFamily(b, { n: [1, 2, 3], d: [2], p: [2], m: [2] }, {});
    expect(r.outcome.status).toBe('proved');
    expect(showDepth(symbolicDepth(bundle('tensor-attention')), bundle('tensor-attention'))).toBe('5 d_mul + 3 d_plus + d_div + d_exp');
    expect(operationCount(symbolicSize(bundle('causal-softmax-attention'))).toString()).toBe('d*n^2 + 3*d^2*n + 6*d*n + 3*n^2/2 + 5*n/2');
  });
  it('checks the claims on the formulas: a violated bound or degree is refuted', () => {
    const b = bundle('softmax-attention');
    const claim = (text: string) => ({ text, expr: parseExpr(text) });
    const ok = checkFamily(b, { n: [1, 2, 3], d: [2], p: [2] }, { depth: { max: claim('4*d_mul + 3*d_plus + d_exp + d_div'), constant: true }, size: { degree: 2 } });
    expect(ok.outcome.status).toBe('proved');
    const tooLow = checkFamily(b, { n: [1, 2, 3], d: [2], p: [2] }, { depth: { max: claim('3*d_mul + 3*d_plus + d_exp + d_div') } });
    expect(tooLow.outcome.status).toBe('refuted');
    const noExp = checkFamily(b, { n: [1, 2, 3], d: [2], p: [2] }, { depth: { max: claim('100 + d_div') } });
    expect(noExp.outcome.status === 'refuted' && noExp.outcome.counterexample.note).toMatch(/d_exp/);
    const degree = checkFamily(b, { n: [1, 2, 3], d: [2], p: [2] }, { size: { degree: 1 } });
    expect(degree.outcome.status === 'refuted' && degree.outcome.counterexample.note).toMatch(/n\^2/);
    // d_std bounds division too: at least the largest standard operation measured.
    const std = checkFamily(b, { n: [1, 2], d: [2], p: [2] }, { depth: { max: claim('5*d_std + 3*d_plus + d_exp') } });
    expect(std.outcome.status).toBe('proved');
  });
  it('counts triangles exactly (Faulhaber)', () => {
    const a = (c: number, co: Record<string, number> = {}) => ({ constant: c, coefficients: co });
    expect(volume(['i', 'j'], [a(0), a(0)], [a(-1, { n: 1 }), a(0, { i: 1 })]).toString()).toBe('n^2/2 + n/2');
    expect(Poly.variable('i').pow(3).sumOver('i', Poly.constant(1), Poly.variable('n')).toString()).toBe('n^4/4 + n^3/2 + n^2/4');
    const b = bundle('causal-softmax-attention');
    const fm = familyMetrics(generateFamily(compile(b, { n: 7, d: 2 })), depthCosts(b, 2));
    expect(fm.counts.exp).toBe(28);
    expect(evalCount(symbolicSize(b).counts.get('exp')!, { n: 7, d: 2 })).toBe(28);
  });
});

describe('the local description', () => {
  it('reproduces the generated member, rectangular and triangular', () => {
    for (const [name, sizes] of [['rope-ta-transformer', { n: 3, d: 2, m: 2 }], ['causal-transformer', { n: 5, d: 2, m: 1 }]] as const)
      expect(checkUniformity(bundle(name), sizes).outcome.status, name).toBe('proved');
  });
  it('differs from another program and from another size (the comparison can fail)', () => {
    const g = generateFamily(compile(bundle('tensor-attention'), { n: 3, d: 2 }));
    const same = (local: LocalDescription): boolean => {
      const out = new Int32Array(64);
      for (let i = 0; i < g.size; i++) {
        const k = local.describe(i, out);
        if (k !== g.start[i + 1]! - g.start[i]! || [...out.subarray(0, k)].some((x, j) => x !== g.inputs[g.start[i]! + j])) return false;
      }
      return true;
    };
    expect(same(new LocalDescription(compile(bundle('tensor-attention'), { n: 3, d: 2 })))).toBe(true);
    expect(same(new LocalDescription(compile(bundle('rope-tensor-attention'), { n: 3, d: 2 })))).toBe(false);
    expect(same(new LocalDescription(compile(bundle('tensor-attention'), { n: 2, d: 2 })))).toBe(false);
  });
});

describe('comparing programs', () => {
  it('tensor attention with K2 = V2 = 1 is softmax attention for n = 2, not for n = 3', () => {
    const a = bundle('tensor-attention-ones');
    const b = bundle('softmax-attention');
    expect(checkAgreement(a, b, { n: [2], d: [2], p: [3], shift: [-4] }, { ...ctx, samples: 50 }).outcome.status).toBe('unknown');
    expect(checkAgreement(a, b, { n: [3], d: [2], p: [3], shift: [-4] }, { ...ctx, samples: 100 }).outcome.status).toBe('refuted');
  });
  it('the model encodes ports as X[i,j] and Y[i,j]', () => {
    const m = programModel(bundle('matmul'));
    const sig = m.signature({ n: 2, d: 2, p: 2, w: 1 });
    expect(sig.inputs.map((x) => x.name)).toEqual(['X[0,0]', 'X[0,1]', 'X[1,0]', 'X[1,1]']);
    expect(sig.outputs.map((x) => x.name)).toEqual(['Y[0,0]', 'Y[0,1]', 'Y[1,0]', 'Y[1,1]']);
    expect(m.evaluate([0n, 0n, 0n, 0n], { n: 2, d: 2, p: 2, w: 1 })).toEqual([0n, 0n, 0n, 0n].map((x) => encode({ s: 0, m: x, e: 0n }, 2)));
  });
});
