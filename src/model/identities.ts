/**
 * Linear-algebra identities behind the paper's lemmas (Kronecker products, rotations), over exact rationals.
 *
 * - `kron.identities`: the Kronecker index convention (first factor fastest, the reverse of
 *   numpy.kron), the column-wise Kronecker product as the "diagonal" columns of the Kronecker
 *   product, the mixed-product rule (A1 kron A2)(B1 colkron B2) = (A1 B1) colkron (A2 B2), and the
 *   score identity Q (K1 colkron K2)^T [i, (j1, j2)] = sum_l Q[i,l] K1[j1,l] K2[j2,l]. Both sides
 *   are multilinear in the matrix entries (every monomial has degree at most 1 in each entry), and
 *   a multilinear polynomial is determined by its values on {0, 1}^N: checking every 0/1 matrix of
 *   a shape proves the identity for that shape over any ring.
 * - `rotation.offset` (bilinear) and `rotation.trilinear-offset`: with a rational rotation R
 *   (cos 3/5, sin 4/5, so R^k is exact), (R^i q) . (R^j k) = q . (R^(j-i) k) for all positions,
 *   checked on basis vectors (enough for a bilinear form); the trilinear analogue fails.
 */
import type { Params } from '../core/params.js';
import { Rational } from '../core/rational.js';
import { type Property, type PropertyResult, fails } from './model.js';

type RMat = Rational[][];

const zeros = (r: number, c: number): RMat => Array.from({ length: r }, () => Array.from({ length: c }, () => Rational.ZERO));
const mul = (a: RMat, b: RMat): RMat => a.map((row) => b[0]!.map((_, j) => row.reduce((s, x, k) => s.add(x.mul(b[k]![j]!)), Rational.ZERO)));
const same = (a: RMat, b: RMat): boolean => a.length === b.length && a.every((row, i) => row.length === b[i]!.length && row.every((x, j) => x.eq(b[i]![j]!)));

/** Ours: (A kron B)[i1 + i2 n1][j1 + j2 d1] = A[i1][j1] B[i2][j2]. */
export function kron(a: RMat, b: RMat): RMat {
  const [n1, d1] = [a.length, a[0]!.length];
  const out = zeros(n1 * b.length, d1 * b[0]!.length);
  for (let i1 = 0; i1 < n1; i1++) for (let i2 = 0; i2 < b.length; i2++) for (let j1 = 0; j1 < d1; j1++) for (let j2 = 0; j2 < b[0]!.length; j2++) out[i1 + i2 * n1]![j1 + j2 * d1] = a[i1]![j1]!.mul(b[i2]![j2]!);
  return out;
}

/** numpy.kron: blocks, the first factor slowest. */
function numpyKron(a: RMat, b: RMat): RMat {
  const out = zeros(a.length * b.length, a[0]!.length * b[0]!.length);
  a.forEach((row, i) => row.forEach((x, j) => b.forEach((brow, k) => brow.forEach((y, l) => (out[i * b.length + k]![j * b[0]!.length + l] = x.mul(y))))));
  return out;
}

export function colKronR(a: RMat, b: RMat): RMat {
  const out: RMat = [];
  for (let i2 = 0; i2 < b.length; i2++) for (let i1 = 0; i1 < a.length; i1++) out.push(a[i1]!.map((x, l) => x.mul(b[i2]![l]!)));
  return out;
}

/** Every 0/1 matrix tuple of the given shapes, as one counter over all entries. */
function* booleanTuples(shapes: ReadonlyArray<readonly [number, number]>): Generator<RMat[]> {
  const total = shapes.reduce((s, [r, c]) => s + r * c, 0);
  for (let bits = 0; bits < 2 ** total; bits++) {
    let pos = 0;
    yield shapes.map(([r, c]) => Array.from({ length: r }, () => Array.from({ length: c }, () => Rational.of((bits >> pos++) & 1))));
  }
}

export const kronIdentities: Property = {
  name: 'kron.identities',
  params: { n: { description: 'rows of the matrices (every 0/1 matrix of the shape is checked)', min: 1, max: 3 } },
  description: 'Kronecker index convention, column-wise Kronecker product, mixed-product rule and the score identity, on every 0/1 matrix of the shape (multilinear: a proof for that shape)',
  check({ n }: Params): PropertyResult {
    const N = n!;
    let cases = 0;
    const fail = (note: string): PropertyResult => fails(cases, note);
    // Convention and col-kron on all 0/1 pairs of N x 2 matrices.
    for (const [a, b] of booleanTuples([[N, 2], [N, 2]])) {
      cases++;
      const k = kron(a!, b!);
      if (!same(k, numpyKron(b!, a!))) return fail(`kron(A, B) differs from numpy.kron(B, A) for A = ${JSON.stringify(a)}`);
      const ck = colKronR(a!, b!);
      if (!ck.every((row, r) => row.every((x, j) => x.eq(k[r]![j + j * 2]!)))) return fail('colkron is not the diagonal columns of kron');
    }
    // Mixed product with A1 (1 x N), A2 (1 x N), B1 (N x 2), B2 (N x 2).
    for (const [a1, a2, b1, b2] of booleanTuples([[1, N], [1, N], [N, 2], [N, 2]])) {
      cases++;
      if (!same(mul(kron(a1!, a2!), colKronR(b1!, b2!)), colKronR(mul(a1!, b1!), mul(a2!, b2!)))) return fail(`mixed product fails for A1 = ${JSON.stringify(a1)}`);
    }
    // Score identity for Q (1 x 2), K1, K2 (N x 2).
    for (const [q, k1, k2] of booleanTuples([[1, 2], [N, 2], [N, 2]])) {
      cases++;
      const lhs = colKronR(k1!, k2!).map((row) => row.reduce((acc, x, l) => acc.add(q![0]![l]!.mul(x)), Rational.ZERO));
      for (let j2 = 0; j2 < N; j2++)
        for (let j1 = 0; j1 < N; j1++) {
          const rhs = [0, 1].reduce((acc, l) => acc.add(q![0]![l]!.mul(k1![j1]![l]!).mul(k2![j2]![l]!)), Rational.ZERO);
          if (!lhs[j1 + j2 * N]!.eq(rhs)) return fail(`score identity fails at (${j1}, ${j2})`);
        }
    }
    return { holds: true, cases, exhaustive: true, note: `all 0/1 matrices with n = ${N}` };
  },
};

// ---------------------------------------------------------------------------------------------

/** The rational rotation R with cos 3/5, sin 4/5, raised to an integer power (exact). */
function rotPow(k: number): RMat {
  const R: RMat = [
    [Rational.of(3, 5), Rational.of(-4, 5)],
    [Rational.of(4, 5), Rational.of(3, 5)],
  ];
  const Rinv: RMat = [
    [Rational.of(3, 5), Rational.of(4, 5)],
    [Rational.of(-4, 5), Rational.of(3, 5)],
  ];
  let out: RMat = [
    [Rational.ONE, Rational.ZERO],
    [Rational.ZERO, Rational.ONE],
  ];
  for (let i = 0; i < Math.abs(k); i++) out = mul(out, k > 0 ? R : Rinv);
  return out;
}
const apply = (m: RMat, v: readonly Rational[]): Rational[] => m.map((row) => row.reduce((s, x, j) => s.add(x.mul(v[j]!)), Rational.ZERO));
const basis = (i: number): Rational[] => [0, 1].map((j) => Rational.of(i === j ? 1 : 0));

export const rotationOffset: Property = {
  name: 'rotation.offset',
  params: { n: { description: 'positions 0..n-1', min: 1, max: 64 } },
  description: '(R^i q) . (R^j k) = q . (R^(j-i) k) for every positions 0 <= i, j < n, on basis vectors (a bilinear form is determined by them)',
  check({ n }: Params): PropertyResult {
    let cases = 0;
    for (let i = 0; i < n!; i++)
      for (let j = 0; j < n!; j++)
        for (let a = 0; a < 2; a++)
          for (let b = 0; b < 2; b++) {
            cases++;
            const q = basis(a);
            const k = basis(b);
            const lhs = apply(rotPow(i), q).reduce((s, x, l) => s.add(x.mul(apply(rotPow(j), k)[l]!)), Rational.ZERO);
            const rhs = q.reduce((s, x, l) => s.add(x.mul(apply(rotPow(j - i), k)[l]!)), Rational.ZERO);
            if (!lhs.eq(rhs)) return fails(cases, `i=${i}, j=${j}: ${lhs} vs ${rhs}`);
          }
    return { holds: true, cases, exhaustive: true };
  },
};

export const rotationTrilinearOffset: Property = {
  name: 'rotation.trilinear-offset',
  params: { n: { description: 'positions 0..n-1', min: 1, max: 8 } },
  description: 'the trilinear analogue: sum_l (R^i q)_l (R^j k1)_l (R^m k2)_l = sum_l q_l (R^(j-i) k1)_l (R^(m-i) k2)_l for all positions?',
  check({ n }: Params): PropertyResult {
    let cases = 0;
    for (let i = 0; i < n!; i++)
      for (let j = 0; j < n!; j++)
        for (let m = 0; m < n!; m++)
          for (let code = 0; code < 8; code++) {
            cases++;
            const [q, k1, k2] = [basis(code & 1), basis((code >> 1) & 1), basis((code >> 2) & 1)];
            const tri = (x: Rational[], y: Rational[], z: Rational[]): Rational => x.reduce((s, v, l) => s.add(v.mul(y[l]!).mul(z[l]!)), Rational.ZERO);
            const lhs = tri(apply(rotPow(i), q), apply(rotPow(j), k1), apply(rotPow(m), k2));
            const rhs = tri(q, apply(rotPow(j - i), k1), apply(rotPow(m - i), k2));
            if (!lhs.eq(rhs))
              return fails(cases, `positions i=${i}, j=${j}, m=${m}, q=e${code & 1}, k1=e${(code >> 1) & 1}, k2=e${(code >> 2) & 1} (rotation cos 3/5, sin 4/5): the absolute form gives ${lhs}, the relative form ${rhs}`, {
                params: { i, j, m },
              });
          }
    return { holds: true, cases, exhaustive: true };
  },
};

