/**
 * Threshold-circuit constructions for p-bit unsigned integer arithmetic (docs/paper.md, "Threshold-
 * circuit anchors"). Each is a `Construction`: parameters in, circuit out, ports named as the
 * matching model in `src/model/int.ts`.
 */
import { CircuitBuilder, type Signal } from '../builder.js';
import type { Circuit } from '../ir.js';
import { linearBits, weighted } from '../blocks.js';
import { bitLength } from '../../core/rational.js';
import type { Construction } from '../construction.js';

/** [a >= b] as a single gate with weights +-2^i (depth 1, size 1). */
export const intCompareExp: Construction = {
  name: 'int.compare.exp',
  description: 'a >= b as one threshold gate: sum 2^i a_i - sum 2^i b_i >= 0 (exponential weights)',
  build({ p }) {
    const b = new CircuitBuilder();
    const a = b.input('a', p!);
    const c = b.input('b', p!);
    b.output('ge', [b.threshold([...weighted(a), ...weighted(c, -1n)], 0)]);
    return b.finish();
  },
};

/**
 * [a >= b] with weights in {-1, +1}: v_j = [a_j > b_j]; s_i = [b_i > a_i and no v_j above i]
 * (one gate: b_i - a_i - sum_{j>i} v_j >= 1); a >= b iff no s_i. Depth 3, size 2p + 1.
 * The literature's depth-2 polynomial-weight comparator (Siu-Roychowdhury) is not built here.
 */
export const intComparePoly: Construction = {
  name: 'int.compare.poly',
  description: 'a >= b with weights +-1 in depth 3 (highest position where b beats a, if none)',
  build({ p }) {
    const b = new CircuitBuilder();
    const a = b.input('a', p!);
    const c = b.input('b', p!);
    const v = a.map((ai, j) => b.threshold([[ai, 1], [c[j]!, -1]], 1));
    const s = a.map((ai, i) =>
      b.threshold(
        [[c[i]!, 1], [ai, -1], ...v.slice(i + 1).map((x) => [x, -1] as const)],
        1,
      ),
    );
    b.output('ge', [b.threshold(s.map((x) => [x, -1] as const), 0)]);
    return b.finish();
  },
};

/** a + b: the depth-2 adder (3 first-layer gates per bit, one second-layer gate per bit). */
export const intAdd: Construction = {
  name: 'int.add',
  description: 'p-bit addition in depth 2: sum bit i = [S_i >= 2^i] - [S_i >= 2^(i+1)] + [S_i >= 3 2^i] >= 1',
  build({ p }) {
    const b = new CircuitBuilder();
    const a = b.input('a', p!);
    const c = b.input('b', p!);
    b.output('sum', linearBits(b, [...weighted(a), ...weighted(c)], p! + 1));
    return b.finish();
  },
};

/** Width of the sum of k p-bit numbers. */
export const iterAddWidth = (k: number, p: number): number => Math.max(1, bitLength(BigInt(k) * ((1n << BigInt(p)) - 1n)));

/** x_0 + ... + x_{k-1} of p-bit numbers in depth 2. */
export const intIterAdd: Construction = {
  name: 'int.iter-add',
  description: 'iterated addition of k p-bit numbers in depth 2 (one interval test per residue class and bit)',
  build({ k, p }) {
    const b = new CircuitBuilder();
    const xs = Array.from({ length: k! }, (_, i) => b.input(`x${i}`, p!));
    b.output('sum', linearBits(b, xs.flatMap((x) => weighted(x)), iterAddWidth(k!, p!)));
    return b.finish();
  },
};

/** a * b: partial products a_i b_j (depth 1), then their weighted sum (depth 2). */
export const intMul: Construction = {
  name: 'int.mul',
  description: 'p-bit multiplication in depth 3: AND gates for a_i b_j, then the depth-2 sum of 2^(i+j) a_i b_j',
  build({ p }) {
    return buildMul(p!, (b, x, y) => b.and([x, y]));
  },
};

/**
 * Deliberately wrong adder for fixtures: bit 1 of the sum uses threshold 2^1 + 1 instead of 2^1
 * in its first layer. The model and Z3 backends must refute it with a counterexample.
 */
export const mutantAddOffByOne: Construction = {
  name: 'mutant.add-threshold-off',
  description: 'int.add with one first-layer threshold off by one (a fixture that must be refuted)',
  build({ p }) {
    const b = new CircuitBuilder();
    const a = b.input('a', p!);
    const c = b.input('b', p!);
    const bits = linearBits(b, [...weighted(a), ...weighted(c)], p! + 1);
    if (p! >= 2) {
      // Rebuild bit 1 with the wrong first gate [S_1 >= 3] in place of [S_1 >= 2].
      const s1 = [...weighted(a.slice(0, 2)), ...weighted(c.slice(0, 2))];
      const t1 = b.threshold(s1, 3);
      const t2 = b.threshold(s1, 4);
      const t3 = b.threshold(s1, 6);
      bits[1] = b.threshold([[t1, 1], [t2, -1], [t3, 1]], 1);
    }
    b.output('sum', bits);
    return b.finish();
  },
};

/** Multiplication with a wrong partial product (OR for AND at a_0 b_0): a second mutant. */
export const mutantMulOr: Construction = {
  name: 'mutant.mul-or-gate',
  description: 'int.mul with the partial product a_0 b_0 computed by OR (a fixture that must be refuted)',
  build({ p }) {
    return buildMul(p!, (b, x, y, i, j) => (i === 0 && j === 0 ? b.or([x, y]) : b.and([x, y])));
  },
};

function buildMul(p: number, pp: (b: CircuitBuilder, x: Signal, y: Signal, i: number, j: number) => Signal): Circuit {
  const b = new CircuitBuilder();
  const a = b.input('a', p);
  const c = b.input('b', p);
  const terms = a.flatMap((ai, i) => c.map((bj, j) => [pp(b, ai, bj, i, j), 1n << BigInt(i + j)] as const));
  b.output('prod', linearBits(b, terms, 2 * p));
  return b.finish();
}

