/**
 * The integer constructions against BigInt arithmetic written out here (independent of the
 * registered models), on every input for small p, with the reference evaluator.
 */
import { describe, expect, it } from 'vitest';
import { CONSTRUCTIONS } from '../../src/circuit/registry.js';
import { evaluatePorts } from '../../src/circuit/evaluate.js';
import { measure } from '../../src/circuit/metrics.js';

const build = (name: string, params: Record<string, number>) => CONSTRUCTIONS.get(name)!.build(params);

describe('integer constructions', () => {
  it('int.add adds, in depth 2 with at most 4p + 1 gates', () => {
    for (let p = 1; p <= 5; p++) {
      const c = build('int.add', { p });
      for (let a = 0n; a < 1n << BigInt(p); a++) for (let b = 0n; b < 1n << BigInt(p); b++) expect(evaluatePorts(c, [a, b])).toEqual([a + b]);
      const m = measure(c);
      expect(m.depth).toBe(2);
      expect(m.size).toBeLessThanOrEqual(4 * p + 1);
    }
  });
  it('both comparators compare', () => {
    for (const name of ['int.compare.exp', 'int.compare.poly'])
      for (let p = 1; p <= 4; p++) {
        const c = build(name, { p });
        for (let a = 0n; a < 1n << BigInt(p); a++) for (let b = 0n; b < 1n << BigInt(p); b++) expect(evaluatePorts(c, [a, b]), `${name} ${a} ${b}`).toEqual([a >= b ? 1n : 0n]);
      }
    expect(measure(build('int.compare.poly', { p: 8 })).maxWeight).toBe(1n);
    expect(measure(build('int.compare.exp', { p: 8 }))).toMatchObject({ depth: 1, size: 1, maxWeight: 128n });
  });
  it('int.mul multiplies in depth 3', () => {
    for (let p = 1; p <= 4; p++) {
      const c = build('int.mul', { p });
      for (let a = 0n; a < 1n << BigInt(p); a++) for (let b = 0n; b < 1n << BigInt(p); b++) expect(evaluatePorts(c, [a, b])).toEqual([a * b]);
      expect(measure(c).depth).toBeLessThanOrEqual(3);
    }
  });
  it('int.iter-add sums k numbers in depth 2 for every k', () => {
    for (const [k, p] of [[1, 3], [3, 2], [5, 2]] as const) {
      const c = build('int.iter-add', { k, p });
      const n = 1 << (k * p);
      for (let x = 0; x < n; x++) {
        const xs = Array.from({ length: k }, (_, i) => BigInt((x >> (i * p)) & ((1 << p) - 1)));
        expect(evaluatePorts(c, xs)).toEqual([xs.reduce((s, v) => s + v, 0n)]);
      }
    }
    for (const k of [2, 16, 64]) expect(measure(build('int.iter-add', { k, p: 4 })).depth).toBe(2);
  });
  it('the mutants are really wrong', () => {
    const add = build('mutant.add-threshold-off', { p: 3 });
    expect(evaluatePorts(add, [2n, 0n])).not.toEqual([2n]);
    const mul = build('mutant.mul-or-gate', { p: 3 });
    expect(evaluatePorts(mul, [1n, 0n])).not.toEqual([0n]);
  });
});
