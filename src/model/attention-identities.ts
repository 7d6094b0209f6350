/**
 * Identity checks behind the tensor-attention lemmas.
 *
 * - `ta.kron`: the Kronecker index convention (first factor fastest, the reverse of numpy.kron),
 *   the column-wise Kronecker product as the "diagonal" columns of the Kronecker product, the
 *   mixed-product rule (A1 kron A2)(B1 colkron B2) = (A1 B1) colkron (A2 B2), and the score
 *   identity Q (K1 colkron K2)^T [i, (j1, j2)] = sum_l Q[i,l] K1[j1,l] K2[j2,l]. Both sides are
 *   multilinear in the matrix entries (every monomial has degree at most 1 in each entry), and a
 *   multilinear polynomial is determined by its values on {0, 1}^N: checking every 0/1 matrix of
 *   a shape proves the identity for that shape over any ring.
 * - `ta.softmax-reduction`: with K2 = V2 = all ones, tensor attention is softmax attention; in the
 *   float model exactly so when n is a power of two (scaling sums by n commutes with rounding).
 * - `rope.offset` (bilinear) and `rope.offset-trilinear`: with a rational rotation R (cos 3/5,
 *   sin 4/5, so R^k is exact), (R^i q) . (R^j k) = q . (R^(j-i) k) for all positions, checked on
 *   basis vectors (enough for a bilinear form); the trilinear analogue fails.
 */
import type { Params } from '../core/params.js';
import { Rational } from '../core/rational.js';
import { type Property, type PropertyResult, fails } from './model.js';
import { type Float, fIterAdd, fdiv, fmul, toRational } from './float.js';
import { fexp } from './float-fns.js';
import { type Mat, attend, colKron, fromRational, matmul, seededMatrix } from './attention.js';
import { Rng } from './rng.js';

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
  name: 'ta.kron',
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

/** Softmax attention in the float model, same rounding order as tensor attention. */
export function softmaxAttention(q: Mat, k: Mat, v: Mat, d: number, p: number): Mat {
  const invD = fromRational(Rational.of(1, d), p);
  return q.map((qi) => {
    const a = k.map((kj) => fexp(fmul(fIterAdd(qi.map((x, l) => fmul(x, kj[l]!, p)), p), invD, p), p));
    const den = fIterAdd(a, p);
    return v[0]!.map((_, l) => fdiv(fIterAdd(a.map((aj, j) => fmul(aj, v[j]![l]!, p)), p), den, p));
  });
}

/** A matrix of floats below 1 in magnitude, so that nothing in an attention layer overflows. */
function smallMatrix(rng: Rng, rows: number, cols: number, p: number): Mat {
  return seededMatrix(rng, rows, cols, p).map((row) => row.map((f) => ({ ...f, e: f.e - BigInt(p) - 1n })));
}

export const softmaxReduction: Property = {
  name: 'ta.softmax-reduction',
  description: 'tensor attention with K2 = V2 = all ones equals softmax attention in the float model, for n a power of two and values that stay in range',
  check({ n, d, p }: Params, ctx): PropertyResult {
    const [N, D, P] = [n!, d!, p!];
    const one = fromRational(Rational.ONE, P);
    const rng = new Rng(ctx.seed);
    let cases = 0;
    for (let t = 0; t < Math.min(ctx.samples, 200); t++) {
      const x = smallMatrix(rng, N, D, P);
      const wq = smallMatrix(rng, D, D, P);
      const wk = smallMatrix(rng, D, D, P);
      const wv = smallMatrix(rng, D, D, P);
      // Weights whose products with X are all ones are awkward to choose; set K2 = V2 = 1 directly.
      const q = matmul(x, wq, P);
      const k1 = matmul(x, wk, P);
      const v1 = matmul(x, wv, P);
      const ones: Mat = Array.from({ length: N }, () => Array.from({ length: D }, () => one));
      const keys = colKron(k1, ones, P);
      const values = colKron(v1, ones, P);
      const ta = attend(q, () => keys, values, D, P);
      const sm = softmaxAttention(q, k1, v1, D, P);
      cases++;
      const bad = ta.findIndex((row, i) => row.some((y, l) => !sameFloat(y, sm[i]![l]!)));
      if (bad >= 0)
        return fails(cases, `sample ${t}: row ${bad} differs: tensor ${ta[bad]!.map((f) => toRational(f).toString()).join(', ')} vs softmax ${sm[bad]!.map((f) => toRational(f).toString()).join(', ')}`, { exhaustive: false });
    }
    return { holds: true, cases, exhaustive: false, note: `${cases} random inputs and weights` };
  },
};

const sameFloat = (a: Float, b: Float): boolean => a.s === b.s && a.m === b.m && a.e === b.e;

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

export const ropeOffset: Property = {
  name: 'rope.offset',
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

export const ropeOffsetTrilinear: Property = {
  name: 'rope.offset-trilinear',
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

