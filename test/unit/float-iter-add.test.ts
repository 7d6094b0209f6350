/**
 * float.iter-add, the polynomial-size exact iterated addition: every input where gaps are
 * closed, inputs built to cancel, the layout it promises, and the narrow-gap mutant refuted.
 */
import { describe, expect, it } from 'vitest';
import { CONSTRUCTIONS } from '../../src/circuit/registry.js';
import type { Circuit } from '../../src/circuit/ir.js';
import { evaluatePorts } from '../../src/circuit/evaluate.js';
import { measure } from '../../src/circuit/metrics.js';
import { iterAddLayout } from '../../src/circuit/constructions/float.js';
import { MODELS } from '../../src/model/registry.js';
import { type Float, ZERO, decode, encode, fIterAdd, largest, sampleTerms } from '../../src/model/float.js';
import { Rng } from '../../src/model/rng.js';
import { checkEquivalence } from '../../src/verify/checks/equivalence.js';

const built = new Map<string, Circuit>();
function build(name: string, k: number, p: number): Circuit {
  const key = `${name} ${k} ${p}`;
  if (!built.has(key)) built.set(key, CONSTRUCTIONS.get(name)!.build({ k, p }));
  return built.get(key)!;
}
const f = (m: number, e: number): Float => ({ s: (m < 0 ? 1 : 0) as 0 | 1, m: BigInt(Math.abs(m)), e: BigInt(e) });
const ctx = { budgetBits: 24, samples: 300, seed: 3 };

/** The circuit's result on the given terms, and the model's. */
function both(name: string, xs: readonly Float[], p: number): [Float, Float] {
  const c = build(name, xs.length, p);
  const [r] = evaluatePorts(
    c,
    xs.map((x) => encode(x, p)),
  );
  return [decode(r!, p), fIterAdd(xs, p)];
}

describe('float.iter-add (gaps closed to 2p + 2 + clog2 k)', () => {
  it('agrees with the model on every input where gaps are closed (k = 2, p = 3)', () => {
    expect(iterAddLayout(2, 3)).toMatchObject({ gap: 9, maxGap: 9, maxPosition: 9 });
    const r = checkEquivalence(build('float.iter-add', 2, 3), MODELS.get('float.iter-add')!, { k: 2, p: 3 }, ctx);
    expect(r.outcome.status).toBe('proved');
  });
  it('lets terms below a closed gap decide when the large ones cancel', () => {
    const p = 8;
    const cases: Float[][] = [
      [f(200, 100), f(-200, 100), f(129, -200)], // exact cancellation: the tiny term is the sum
      [f(201, 100), f(-200, 100), f(-255, -200)], // one unit left, just below it (borrow into the gap)
      [f(201, 100), f(-200, 100), f(255, -200)],
      [f(128, 50), f(-129, 50), f(128, -40), f(-128, -40)], // the lower pair cancels too: exactly -2^50
      [f(129, 0), f(-128, 0), f(128, -8), f(128, -250)], // 1 + 1/2, exact, and a term 250 positions below
      [f(254, 3), f(128, -5), f(128, -200)], // the tie 254.5 * 8 broken upwards by a term far below
      [f(254, 3), f(128, -5), f(-128, -200)], // ... and downwards
      [f(254, 3), f(128, -5)], // the same tie alone: to even
      [f(255, 255), f(255, 255), f(255, 255)], // overflow saturates
      [f(128, -256), f(-129, -256)], // -2^-256 underflows to zero
      [ZERO, ZERO, ZERO],
    ];
    for (const xs of cases) {
      const [circuit, model] = both('float.iter-add', xs, p);
      expect(circuit, JSON.stringify(xs, (_, v) => (typeof v === 'bigint' ? Number(v) : v))).toEqual(model);
    }
    expect(cases.slice(5, 8).map((xs) => both('float.iter-add', xs, p)[1])).toEqual([f(255, 3), f(254, 3), f(254, 3)]);
    expect(both('float.iter-add', cases[8]!, p)[1]).toEqual(largest(p, 0));
    expect(both('float.iter-add', cases[9]!, p)[1]).toEqual(ZERO);
  });
  it('agrees with the model on sampled cancelling inputs of larger formats', () => {
    for (const [k, p] of [[4, 6], [6, 4]] as const) {
      const c = build('float.iter-add', k, p);
      const rng = new Rng(k * 100 + p);
      for (let n = 0; n < 150; n++) {
        const xs = sampleTerms(rng, k, p);
        expect(evaluatePorts(c, xs.map((x) => encode(x, p))).map((v) => decode(v, p))).toEqual([fIterAdd(xs, p)]);
      }
    }
  });
  it('has depth 19 for every k >= 2 and p, and polynomial size', () => {
    for (const [k, p] of [[2, 2], [5, 3], [3, 12], [16, 2]] as const) expect(measure(build('float.iter-add', k, p)).depth).toBe(19);
    // The naive accumulator spans the exponent range: already four times larger at p = 4.
    expect(measure(build('float.iter-add.naive', 4, 4)).size).toBeGreaterThan(3 * measure(build('float.iter-add', 4, 4)).size);
  });
  it('closing gaps only to p + clog2 k + 2 is refuted by cancellation', () => {
    const xs = [f(15, -16), f(-10, 6), f(9, 6)]; // -64 + 15/65536
    const [mutant, model] = both('mutant.iter-add-narrow-gap', xs, 4);
    expect(model).toEqual(f(-8, 3)); // -64
    expect(mutant).toEqual(f(-15, 2)); // -60.25 rounds to -60
    expect(both('float.iter-add', xs, 4)[0]).toEqual(model);
  });
});
