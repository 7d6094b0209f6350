import { describe, expect, it } from 'vitest';
import { CONSTRUCTIONS } from '../../src/circuit/registry.js';
import { applyMutation } from '../../src/circuit/mutate.js';
import { MODELS } from '../../src/model/registry.js';
import type { Model } from '../../src/model/model.js';
import { Rng } from '../../src/model/rng.js';
import { decode, isCanonical } from '../../src/model/float.js';
import { structuredFloats, structuredWords } from '../../src/model/structured.js';
import { checkEquivalence } from '../../src/verify/checks/equivalence.js';

const limits = { budgetBits: 16, samples: 2000, seed: 1 };

/** The same model with its structured draws taken away (every sample uniform, as before structured sampling). */
const uniformOnly = (m: Model): Model => ({ ...m, structured: undefined, sample: (rng, params) => m.signature(params).inputs.map((p) => rng.bits(p.width)) });

describe('structured sampling', () => {
  it('refutes a carry comparator with its threshold off by one, which uniform samples at p = 32 miss', () => {
    const p = 32;
    const c = CONSTRUCTIONS.get('int.add')!.build({ p });
    // A first-layer gate of the top carry test [a + b >= 2^32] over all 64 input bits.
    const gate = Array.from({ length: c.numGates }, (_, g) => g).find((g) => c.thresholds[g] === 1n << 32n && c.fanin(g).length === 2 * p)!;
    expect(gate).toBeDefined();
    const mutant = applyMutation(c, { gate, op: 'threshold+1' }); // wrong exactly where a + b = 2^32
    const model = MODELS.get('int.add')!;
    const uniform = checkEquivalence(mutant, uniformOnly(model), { p }, limits);
    expect(uniform.outcome.status).toBe('unknown');
    const structured = checkEquivalence(mutant, model, { p }, limits);
    expect(structured.outcome.status).toBe('refuted');
    if (structured.outcome.status === 'refuted') {
      const { a, b } = structured.outcome.counterexample.inputs;
      expect(BigInt(a!.value) + BigInt(b!.value)).toBe(1n << 32n);
      expect(structured.outcome.trust).toMatch(/one of the structured ones/);
    }
    // The original passes both, and the verdict says how many samples were structured.
    const original = checkEquivalence(c, model, { p }, limits);
    expect(original.outcome.status).toBe('unknown');
    if (original.outcome.status === 'unknown') expect(original.outcome.reason).toMatch(/1000 of them structured/);
  });

  it('draws the boundary shapes, deterministically with the seed', () => {
    const draw = (seed: number): bigint[][] => {
      const rng = new Rng(seed);
      return Array.from({ length: 400 }, () => structuredWords(rng, [16, 16]));
    };
    const xs = draw(7);
    expect(draw(7)).toEqual(xs);
    const max = (1n << 16n) - 1n;
    expect(xs.some(([a, b]) => a === b)).toBe(true);
    expect(xs.some(([a, b]) => a! + b! === max)).toBe(true); // complements: the longest carry chain
    expect(xs.some(([a, b]) => a! + b! === max + 1n)).toBe(true); // a + b = 2^16
    expect(xs.some(([a, b]) => b === a! + 1n || a === b! + 1n)).toBe(true);
    expect(xs.some(([a]) => a === 0n)).toBe(true);
    expect(xs.some(([a]) => a === max)).toBe(true);
    expect(xs.some(([a]) => a === 1n << 15n)).toBe(true);
  });

  it('draws canonical floats only, among them the extremes and neighbouring encodings', () => {
    const rng = new Rng(3);
    const p = 6;
    const fs = Array.from({ length: 400 }, () => structuredFloats(rng, p, 2));
    expect(fs.every((xs) => xs.every((x) => isCanonical(x, p)))).toBe(true);
    expect(fs.some(([a, b]) => a!.m !== 0n && a!.m === b!.m && a!.e === b!.e && a!.s !== b!.s)).toBe(true); // equal magnitudes
    expect(fs.some(([a]) => a!.m === 63n && a!.e === 63n)).toBe(true); // the largest
    expect(fs.some(([a]) => a!.m === 32n && a!.e === -64n)).toBe(true); // the smallest
    expect(fs.some(([a, b]) => a!.s === b!.s && a!.e === b!.e && (a!.m - b!.m === 1n || b!.m - a!.m === 1n))).toBe(true); // neighbours
    const model = MODELS.get('float.add')!;
    const r2 = new Rng(5);
    for (let i = 0; i < 200; i++) expect(model.domain!(model.structured!(r2, { p }), { p })).toBe(true);
    expect(decode(0n, p).m).toBe(0n);
  });
});
