import { describe, expect, it } from 'vitest';
import { MODEL_CONSTRUCTIONS, MODELS, PROPERTIES } from '../../src/model/registry.js';
import { checkEquivalence } from '../../src/verify/checks/equivalence.js';
import { layerNormRow } from '../../src/model/attention.js';
import { encode } from '../../src/model/float.js';
import { describeNode, familyMetrics, familyStages, generateFamily, showDepth } from '../../src/circuit/families/attention.js';
import { familyDepthFormula, opCost } from '../../src/model/attention-family.js';

const ctx = { budgetBits: 16, samples: 300, seed: 3 };
const f = (m: number, e: number) => ({ s: (m < 0 ? 1 : 0) as 0 | 1, m: BigInt(Math.abs(m)), e: BigInt(e) });

describe('tensor attention: gate level against the model', () => {
  it('agrees on every input of a one-row layer, plain and RoPE', () => {
    for (const [c, m] of [
      ['ta.layer.gates', 'ta.layer'],
      ['rope.ta-layer.gates', 'rope.ta-layer'],
    ] as const) {
      const params = { n: 1, d: 2, p: 2, w: 1 };
      const r = checkEquivalence(MODEL_CONSTRUCTIONS.get(c)!.build(params), MODELS.get(m)!, params, ctx);
      expect(r.outcome.status, c).toBe('proved');
    }
  });
  it('catches a circuit built with other weights (the check can fail)', () => {
    const circuit = MODEL_CONSTRUCTIONS.get('ta.layer.gates')!.build({ n: 1, d: 2, p: 2, w: 1 });
    const r = checkEquivalence(circuit, MODELS.get('ta.layer')!, { n: 1, d: 2, p: 2, w: 2 }, ctx);
    expect(r.outcome.status).toBe('refuted');
  });
  it('LayerNorm maps a constant row to zeros, in the model and in the circuit', () => {
    const row = [f(2, 0), f(2, 0), f(2, 0)];
    expect(layerNormRow(row, 2).every((x) => x.m === 0n)).toBe(true);
    const params = { n: 1, d: 3, p: 2 };
    const r = checkEquivalence(MODEL_CONSTRUCTIONS.get('ta.layernorm.gates')!.build(params), MODELS.get('ta.layernorm')!, params, { ...ctx, budgetBits: 18 });
    expect(r.outcome.status).toBe('proved');
    expect(MODELS.get('ta.layernorm')!.evaluate(row.map((x) => encode(x, 2)), params).every((y) => y === 0n)).toBe(true);
  });
});

describe('tensor attention: identities', () => {
  const check = (name: string, params: Record<string, number>) => PROPERTIES.get(name)!.check(params, { budgetBits: 16, samples: 50, seed: 1 });
  it('proves the Kronecker identities and the bilinear RoPE offset identity', () => {
    expect(check('ta.kron', { n: 2 }).holds).toBe(true);
    expect(check('rope.offset', { n: 4 }).holds).toBe(true);
  });
  it('refutes the trilinear offset identity and the softmax reduction for n = 3', () => {
    const tri = check('rope.offset-trilinear', { n: 2 });
    expect(tri.holds).toBe(false);
    expect(check('ta.softmax-reduction', { n: 2, d: 2, p: 3 }).holds).toBe(true);
    expect(check('ta.softmax-reduction', { n: 3, d: 2, p: 3 }).holds).toBe(false);
  });
});

describe('tensor attention: the operator-level family', () => {
  it('has one depth for every n, equal to the stage formula, for layers and transformers', () => {
    for (const rope of [false, true])
      for (const m of [0, 1, 2]) {
        const depths = new Set<string>();
        for (let n = 1; n <= 5; n++) depths.add(showDepth(familyMetrics(generateFamily({ n, d: 2, rope, m }), (k, a) => opCost(k, a, 2).depth).depth));
        expect([...depths]).toEqual([showDepth(familyDepthFormula(2, rope, m))]);
      }
    expect(showDepth(familyDepthFormula(2, false, 0))).toBe('107 + d_exp + d_div'); // 5 d_mul + 3 d_plus = 5 * 10 + 3 * 19
  });
  it('counts n^3 d scores products and sums of n^2 terms per row', () => {
    const g = generateFamily({ n: 4, d: 2, rope: false });
    const m = familyMetrics(g, () => ({ gates: 1 }));
    expect(m.counts.exp).toBe(4 * 16);
    expect(m.counts.div).toBe(4 * 2);
  });
  it('the local description reproduces the generated member, and differs from another variant', () => {
    const g = generateFamily({ n: 3, d: 2, rope: true, m: 2 });
    const out = new Int32Array(64);
    const same = (stages: ReturnType<typeof familyStages>) =>
      Array.from({ length: g.size }, (_, i) => {
        const local = describeNode(stages, i, out);
        return local !== undefined && local.count === g.start[i + 1]! - g.start[i]! && [...out.subarray(0, local.count)].every((x, j) => x === g.inputs[g.start[i]! + j]);
      }).every(Boolean);
    expect(same(familyStages({ n: 3, d: 2, rope: true, m: 2 }))).toBe(true);
    expect(same(familyStages({ n: 3, d: 2, rope: false, m: 2 }))).toBe(false);
    expect(same(familyStages({ n: 3, d: 2, rope: true, m: 1 }))).toBe(false);
    expect(PROPERTIES.get('ta.uniformity')!.check({ d: 2, rope: 1, nmax: 8 }, ctx).holds).toBe(true);
    expect(PROPERTIES.get('ta.uniformity')!.check({ d: 2, rope: 0, nmax: 6, m: 2 }, ctx).holds).toBe(true);
  });
});
