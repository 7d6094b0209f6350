import { describe, expect, it } from 'vitest';
import { Rational } from '../../src/core/rational.js';
import { ZERO, decode, encode, fadd, fdiv, ffloor, fIterAdd, fmul, isCanonical, largest, roundToFloat, toRational } from '../../src/model/float.js';
import { allFloats, referenceRound } from '../../src/model/float-reference.js';
import { PROPERTIES, MODELS } from '../../src/model/registry.js';
import { CONSTRUCTIONS } from '../../src/circuit/registry.js';
import { checkEquivalence } from '../../src/verify/checks/equivalence.js';
import { fixedMulModel, roundShift, saturate } from '../../src/model/fixed.js';
import { measure } from '../../src/circuit/metrics.js';

const f = (m: number, e: number) => ({ s: (m < 0 ? 1 : 0) as 0 | 1, m: BigInt(Math.abs(m)), e: BigInt(e) });
const ctx = { budgetBits: 24, samples: 500, seed: 1 };

describe('float model', () => {
  it('encodes, decodes and knows its canonical encodings', () => {
    for (const x of allFloats(3)) expect(decode(encode(x, 3), 3)).toEqual(x);
    expect(isCanonical(f(4, -8), 3)).toBe(true);
    expect(isCanonical(f(3, 0), 3)).toBe(false); // significand not normalised
    expect(isCanonical({ s: 1, m: 0n, e: 0n }, 3)).toBe(false); // negative zero
    expect(isCanonical({ s: 0, m: 0n, e: 2n }, 3)).toBe(false); // zero with an exponent
    expect(allFloats(2)).toHaveLength(33);
  });
  it('rounds to nearest with ties to even, then saturates or flushes', () => {
    expect(roundToFloat(Rational.of(9, 2), 2)).toEqual(f(2, 1)); // 4.5 lies between 4 (m=2) and 6 (m=3): tie, even m
    expect(roundToFloat(Rational.of(11, 2), 2)).toEqual(f(3, 1)); // 5.5 -> 6
    expect(roundToFloat(Rational.of(7), 2)).toEqual(f(2, 2)); // 7 = 3.5 * 2: tie between 6 (m=3) and 8 (m=2, e=2)
    expect(fadd(f(3, 3), f(3, 3), 2)).toEqual(largest(2, 0)); // 48 overflows the range e <= 3: saturate to 3 * 2^3
    expect(fmul(f(2, -4), f(2, -4), 2)).toEqual(ZERO); // 2^-6 is below 2 * 2^-4: flush to zero
    expect(fdiv(f(2, 0), ZERO, 2)).toEqual(largest(2, 0));
    expect(fdiv(ZERO, ZERO, 2)).toEqual(ZERO);
    expect(ffloor(f(-3, -1), 2)).toEqual(f(-2, 0)); // floor(-1.5) = -2
    expect(fIterAdd([f(3, 3), f(-3, 3), f(2, -4)], 2)).toEqual(f(2, -4)); // cancellation, then the tiny term, exactly
    expect(toRational(f(-3, -1)).toString()).toBe('-3/2');
  });
  it('agrees with rounding by search on every pair at p = 2 and 3', () => {
    for (const p of [2, 3]) expect(PROPERTIES.get('float.reference')!.check({ p }, ctx)).toMatchObject({ holds: true, exhaustive: true });
    for (const q of ['9/20', '-7/3', '1000', '1/1000']) {
      const [n, d] = q.split('/').map((x) => BigInt(x));
      expect(referenceRound(Rational.of(n!, d ?? 1n), 3)).toEqual(roundToFloat(Rational.of(n!, d ?? 1n), 3));
    }
  });
});

describe('sticky division', () => {
  it('the literal definition is refuted by the paper example 9/20, the truncated one holds', () => {
    const lit = PROPERTIES.get('sticky.literal')!.check({ p: 5 }, ctx);
    expect(lit.holds).toBe(false);
    if (!lit.holds) expect(lit.counterexample.note).toMatch(/a\/b = 9\/20: the sticky quotient is 23\/40; 23\/40 rounds to 1 but 9\/20 rounds to 0/);
    expect(PROPERTIES.get('sticky.truncated')!.check({ p: 6 }, ctx)).toMatchObject({ holds: true, exhaustive: true });
  });
});

describe('fixed-point model', () => {
  it('saturates and rounds half to even', () => {
    expect(saturate(200n, 8)).toBe(127n);
    expect(saturate(-200n, 8)).toBe(-128n);
    expect([5n, 6n, 7n, -5n, -6n, -7n].map((x) => roundShift(x, 2))).toEqual([1n, 2n, 2n, -1n, -2n, -2n]); // x/4: 1.25, 1.5, 1.75, ...
    // (-1/2) * (3/2) = -3/4 with f = 1: ties to even gives -1 (= -2/2), as bits of a 3-bit number.
    expect(fixedMulModel.evaluate([7n, 3n], { i: 2, f: 1 })).toEqual([6n]);
  });
});

describe('float and fixed circuits against their models, every input', () => {
  it('at p = 2 (floats) and small formats (fixed point), with constant depth', () => {
    for (const name of ['float.add', 'float.sub', 'float.mul', 'float.compare', 'float.floor']) {
      const c = CONSTRUCTIONS.get(name)!.build({ p: 2 });
      expect(checkEquivalence(c, MODELS.get(name)!, { p: 2 }, ctx).outcome.status, name).toBe('proved');
      expect(measure(c).depth).toBe(measure(CONSTRUCTIONS.get(name)!.build({ p: 9 })).depth);
    }
    expect(checkEquivalence(CONSTRUCTIONS.get('float.iter-add')!.build({ k: 2, p: 2 }), MODELS.get('float.iter-add')!, { k: 2, p: 2 }, ctx).outcome.status).toBe('proved');
    for (const name of ['fixed.add', 'fixed.sub', 'fixed.compare', 'fixed.mul', 'fixed.mul-trunc'])
      for (const [i, f0] of [[1, 2], [3, 1], [2, 3]] as const)
        expect(checkEquivalence(CONSTRUCTIONS.get(name)!.build({ i, f: f0 }), MODELS.get(name)!, { i, f: f0 }, ctx).outcome.status, `${name} ${i} ${f0}`).toBe('proved');
  });
});

describe('sqrt', () => {
  it('encloses sqrt tightly, and the model rounds it correctly', async () => {
    const { sqrtInterval } = await import('../../src/model/real.js');
    const two = Rational.of(2);
    const { lo, hi } = sqrtInterval(two, 20);
    expect(lo.mul(lo).cmp(two)).toBeLessThanOrEqual(0);
    expect(hi.mul(hi).cmp(two)).toBeGreaterThanOrEqual(0);
    expect(hi.sub(lo).cmp(Rational.of(1, 1 << 19))).toBeLessThanOrEqual(0);
    expect(PROPERTIES.get('sqrt.accuracy')!.check({ p: 4 }, { budgetBits: 20, samples: 10, seed: 1 }).holds).toBe(true);
  });
});
