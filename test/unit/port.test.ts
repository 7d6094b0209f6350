/**
 * The architecture programs against the hand-written attention code they replaced (commit
 * 5c4e016: src/model/attention.ts, src/model/gates.ts, src/circuit/families/attention.ts),
 * recorded in test/fixtures/attention-golden.json before that code was deleted: the same depth
 * and the same operation counts for n = 1..64, and the same model outputs on 330 random inputs
 * with the same weights.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadSpecs } from '../../src/spec/load.js';
import { knownNames } from '../../src/verify/session.js';
import type { Bundle } from '../../src/program/ast.js';
import { evaluateDepth, symbolicDepth } from '../../src/program/depth.js';
import { evalCount, symbolicSize } from '../../src/program/size.js';
import type { DepthVector } from '../../src/program/family.js';
import { compile } from '../../src/program/plan.js';
import { familyMetrics, generateFamily } from '../../src/program/family.js';
import { evaluateProgram } from '../../src/program/semantics.js';
import { weightSlots } from '../../src/program/weights.js';
import { decode, encode } from '../../src/model/float.js';
import { ROOT } from '../helpers/cli.js';

interface FamilyRecord {
  variant: 'layer' | 'rope-layer' | 'transformer' | 'rope-transformer';
  m: number;
  d: number;
  p: number;
  n: number;
  depth: { gates: number; d_exp: number; d_div: number; d_sqrt: number };
  counts: Record<string, number>;
  sumInputs: number;
}
interface ModelRecord {
  model: string;
  params: Record<string, number>;
  weights: Array<Record<string, string[][]>>;
  inputs: string[];
  outputs: string[];
}
const golden = JSON.parse(readFileSync(join(ROOT, 'test/fixtures/attention-golden.json'), 'utf8')) as { family: FamilyRecord[]; models: ModelRecord[] };
const set = loadSpecs(join(ROOT, 'specs'), knownNames(), ROOT);
const bundle = (name: string): Bundle => set.architectures.get(name)!.bundle as Bundle;
const PROGRAM = { layer: 'tensor-attention', 'rope-layer': 'rope-tensor-attention', transformer: 'ta-transformer', 'rope-transformer': 'rope-ta-transformer' } as const;
const OPERATIONS = ['mul', 'sum', 'exp', 'div', 'add', 'sub', 'relu', 'sqrt', 'select'];
/**
 * The operation depths the recorded family was measured with (float.mul, float.add, float.iter-add
 * at k = 2, relu, select; the same at p = 2 and 3), so that a new construction under an operation's
 * name does not change what this test compares.
 */
const RECORDED = new Map([
  ['d_mul', 10],
  ['d_add', 13],
  ['d_plus', 17],
  ['d_relu', 1],
  ['d_select', 3],
]);
const recordedCost = (b: Bundle) => (kind: string): DepthVector => {
  const op = b.operations.operations.find((o) => o.name === kind);
  if (!op) return {};
  return op.assumed ? { [op.depth]: 1 } : { gates: RECORDED.get(op.depth)! };
};

describe('the programs give the hand-written family', () => {
  it('the same depth and operation counts for every recorded n (symbolic)', () => {
    for (const r of golden.family) {
      const b = bundle(PROGRAM[r.variant]);
      const sizes: Record<string, number> = r.m ? { n: r.n, d: r.d, m: r.m } : { n: r.n, d: r.d };
      const depth = evaluateDepth(symbolicDepth(b), sizes, RECORDED);
      const what = `${r.variant} m=${r.m} d=${r.d} p=${r.p} n=${r.n}`;
      expect({ gates: depth.gates, d_exp: depth.d_exp ?? 0, d_div: depth.d_div ?? 0, d_sqrt: depth.d_sqrt ?? 0 }, what).toEqual(r.depth);
      const size = symbolicSize(b);
      for (const k of OPERATIONS) expect(size.counts.has(k) ? evalCount(size.counts.get(k)!, sizes) : 0, `${what} ${k}`).toBe(r.counts[k]);
      expect(evalCount(size.operands.get('sum')!, sizes), `${what} sum operands`).toBe(r.sumInputs);
    }
    expect(golden.family.length).toBe(6 * 64 + 3 * 16);
  });

  it('the same depth and operation counts when the family is generated (small n)', () => {
    for (const r of golden.family.filter((x) => x.n <= 4 && x.d === 2)) {
      const b = bundle(PROGRAM[r.variant]);
      const fm = familyMetrics(generateFamily(compile(b, r.m ? { n: r.n, d: r.d, m: r.m } : ({ n: r.n, d: r.d } as Record<string, number>))), recordedCost(b));
      const what = `${r.variant} m=${r.m} n=${r.n}`;
      expect({ gates: fm.depth.gates, d_exp: fm.depth.d_exp ?? 0, d_div: fm.depth.d_div ?? 0, d_sqrt: fm.depth.d_sqrt ?? 0 }, what).toEqual(r.depth);
      for (const k of OPERATIONS) expect(fm.counts[k] ?? 0, `${what} ${k}`).toBe(r.counts[k]);
      expect(fm.operands.sum, what).toBe(r.sumInputs);
    }
  });
});

describe('the programs give the hand-written models', () => {
  const MODEL: Record<string, { program: string; weights: string[] }> = {
    'ta.matmul': { program: 'matmul', weights: ['q'] },
    'ta.mlp': { program: 'mlp', weights: ['w1', 'w2'] },
    'ta.layernorm': { program: 'layernorm', weights: [] },
    'ta.layer': { program: 'tensor-attention', weights: ['q', 'k1', 'k2', 'v1', 'v2'] },
    'rope.ta-layer': { program: 'rope-tensor-attention', weights: ['q', 'k1', 'k2', 'v1', 'v2'] },
    'ta.transformer': { program: 'ta-transformer', weights: ['q', 'k1', 'k2', 'v1', 'v2', 'w1', 'w2'] },
    'rope.transformer': { program: 'rope-ta-transformer', weights: ['q', 'k1', 'k2', 'v1', 'v2', 'w1', 'w2'] },
  };
  it('the same outputs on every recorded input, with the recorded weights', () => {
    let compared = 0;
    for (const r of golden.models) {
      const { program, weights: names } = MODEL[r.model]!;
      const b = bundle(program);
      const p = r.params.p!;
      const sizes = Object.fromEntries(b.programs[program]!.sizes.map((s) => [s.name, r.params[s.name]!]));
      // The old weights, block after block, in the programs' draw order.
      const old = r.weights.flatMap((block) => names.map((k) => block[k]!.flat().map((x) => decode(BigInt(x), p))));
      const slots = weightSlots(b, sizes);
      expect(slots.length, r.model).toBe(old.length);
      const weights = new Map(slots.map((s, i) => [s.key, old[i]!]));
      const x = r.inputs.map((v) => decode(BigInt(v), p));
      const inputs = new Map([['X', x]]);
      const out = evaluateProgram(b, sizes, p, inputs, weights).map((f) => encode(f, p).toString());
      expect(out, `${r.model} ${JSON.stringify(r.params)}`).toEqual(r.outputs);
      compared++;
    }
    expect(compared).toBe(330);
  });
});
