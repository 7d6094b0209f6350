/**
 * Tensor attention and RoPE tensor attention in the float model (PAPER.md definitions), with one
 * fixed rounding order, which the gate-level circuits compute too:
 *
 * - matrix product: C[i][j] = round_p(sum_k round_p(A[i][k] B[k][j])): products rounded, then the
 *   exact sum of the rounded products rounded once (iterated addition);
 * - column-wise Kronecker product, first factor fastest (PAPER.md):
 *   (A colkron B)[i1 + i2 n1][l] = round_p(A[i1][l] B[i2][l]);
 * - tensor attention of X (n x d) with weights W_Q, W_K1, W_K2, W_V1, W_V2 (d x d):
 *   Q = X W_Q, K1, K2, V1, V2 likewise; K = K1 colkron K2 and KV = V1 colkron V2 (n^2 x d);
 *   S = Q K^T (n x n^2, matrix products); A = exp(round_p(S (1/d)~)) with (1/d)~ = round_p(1/d);
 *   D[i] = round_p(sum_c A[i][c]) (one iterated addition of n^2 terms); N = A KV (n x d);
 *   Y[i][l] = round_p(N[i][l] / D[i]);
 * - RoPE tensor attention: as above, but for query i the key rows are rotated by their offset,
 *   K1'[j1] = R_{j1 - i} K1[j1], K2'[j2] = R_{j2 - i} K2[j2] (our reading of the paper, stated in
 *   the specs), with R_k block-diagonal rotations by k theta_t, theta_t = 10000^(-2t/d); a
 *   rotated coordinate is a 2-term matrix product with the constants round_p(cos(k theta_t)),
 *   round_p(+-sin(k theta_t));
 * - MLP(X) = relu(X W1) W2; LayerNorm of a row: mean and variance by iterated addition scaled by
 *   (1/d)~, then (x - mean) / sqrt(variance); a constant row (variance 0) gives a row of zeros
 *   (the paper divides by sqrt(variance) without an epsilon: 0/0; our choice);
 * - a layer of the transformer: H = LN(X + TA(X)), output LN(H + MLP(H)) (entrywise float adds).
 */
import { Rational } from '../core/rational.js';
import type { Params } from '../core/params.js';
import type { Model } from './model.js';
import { type Float, ZERO, decode, encode, fIterAdd, fdiv, fmul, fsub, floatWidth, isCanonical, roundToFloat, sampleFloat, showFloat } from './float.js';
import { fexp, fsqrt } from './float-fns.js';
import { roundReal, sinCosInterval } from './real.js';
import { Rng } from './rng.js';

export type Mat = Float[][];

export interface TAWeights {
  readonly q: Mat;
  readonly k1: Mat;
  readonly k2: Mat;
  readonly v1: Mat;
  readonly v2: Mat;
}

export const fromRational = (q: Rational, p: number): Float => roundToFloat(q, p);

export function matmul(a: Mat, b: Mat, p: number): Mat {
  return a.map((row) => b[0]!.map((_, j) => fIterAdd(row.map((x, k) => fmul(x, b[k]![j]!, p)), p)));
}

/** Column-wise Kronecker product, first factor fastest: row i1 + i2 n1. */
export function colKron(a: Mat, b: Mat, p: number): Mat {
  const out: Mat = [];
  for (let i2 = 0; i2 < b.length; i2++) for (let i1 = 0; i1 < a.length; i1++) out.push(a[i1]!.map((x, l) => fmul(x, b[i2]![l]!, p)));
  return out;
}

/** The attention core from Q and the (n^2 x d) key and value matrices. */
export function attend(q: Mat, keysFor: (i: number) => Mat, kv: Mat, d: number, p: number): Mat {
  const invD = fromRational(Rational.of(1, d), p);
  return q.map((qi, i) => {
    const keys = keysFor(i);
    const a = keys.map((kc) => fexp(fmul(fIterAdd(qi.map((x, l) => fmul(x, kc[l]!, p)), p), invD, p), p));
    const den = fIterAdd(a, p);
    return kv[0]!.map((_, l) => fdiv(fIterAdd(a.map((ac, c) => fmul(ac, kv[c]![l]!, p)), p), den, p));
  });
}

function projections(x: Mat, w: TAWeights, p: number) {
  return { q: matmul(x, w.q, p), k1: matmul(x, w.k1, p), k2: matmul(x, w.k2, p), v1: matmul(x, w.v1, p), v2: matmul(x, w.v2, p) };
}

export function taLayer(x: Mat, w: TAWeights, p: number): Mat {
  const { q, k1, k2, v1, v2 } = projections(x, w, p);
  const keys = colKron(k1, k2, p);
  return attend(q, () => keys, colKron(v1, v2, p), x[0]!.length, p);
}

/** theta_t = 10000^(-2t/d), exact for d in {2, 4, 8} (then 10^(-8t/d) is a power of ten). */
export function ropeTheta(t: number, d: number): Rational {
  const e = 8 * t;
  if (e % d !== 0) throw new RangeError(`ropeTheta: 10000^(-2*${t}/${d}) is irrational; the exact model supports d in {2, 4, 8}`);
  return Rational.of(1n, 10n ** BigInt(e / d));
}

/** round_p(cos(k theta_t)) and round_p(sin(k theta_t)). */
export function ropeConstants(k: number, t: number, d: number, p: number): { cos: Float; sin: Float } {
  const angle = ropeTheta(t, d).mul(Rational.of(k));
  if (angle.sign() === 0) return { cos: fromRational(Rational.ONE, p), sin: ZERO };
  return { cos: roundReal((b) => sinCosInterval(angle, b).cos, p), sin: roundReal((b) => sinCosInterval(angle, b).sin, p) };
}

const negate = (f: Float): Float => (f.m === 0n ? f : { ...f, s: (1 - f.s) as 0 | 1 });

/** R_k v: pairs (2t, 2t+1) rotated by k theta_t, each coordinate a 2-term matrix product. */
export function rotate(v: readonly Float[], k: number, d: number, p: number): Float[] {
  const out: Float[] = [];
  for (let t = 0; 2 * t + 1 < v.length; t++) {
    const { cos, sin } = ropeConstants(k, t, d, p);
    const [a, b] = [v[2 * t]!, v[2 * t + 1]!];
    out.push(fIterAdd([fmul(cos, a, p), fmul(negate(sin), b, p)], p), fIterAdd([fmul(sin, a, p), fmul(cos, b, p)], p));
  }
  return out;
}

export function ropeLayer(x: Mat, w: TAWeights, p: number): Mat {
  const { q, k1, k2, v1, v2 } = projections(x, w, p);
  const d = x[0]!.length;
  const keysFor = (i: number): Mat => {
    const r1 = k1.map((row, j) => rotate(row, j - i, d, p));
    const r2 = k2.map((row, j) => rotate(row, j - i, d, p));
    return colKron(r1, r2, p);
  };
  return attend(q, keysFor, colKron(v1, v2, p), d, p);
}

export const relu = (f: Float): Float => (f.s === 1 ? ZERO : f);

export function mlp(x: Mat, w1: Mat, w2: Mat, p: number): Mat {
  return matmul(matmul(x, w1, p).map((row) => row.map(relu)), w2, p);
}

export function layerNormRow(row: readonly Float[], p: number): Float[] {
  const invD = fromRational(Rational.of(1, row.length), p);
  const mean = fmul(fIterAdd(row, p), invD, p);
  const diff = row.map((x) => fsub(x, mean, p));
  const variance = fmul(fIterAdd(diff.map((x) => fmul(x, x, p)), p), invD, p);
  if (variance.m === 0n) return row.map(() => ZERO);
  const sd = fsqrt(variance, p);
  return diff.map((x) => fdiv(x, sd, p));
}

export interface LayerWeights extends TAWeights {
  readonly w1: Mat;
  readonly w2: Mat;
}

const addMat = (a: Mat, b: Mat, p: number): Mat => a.map((row, i) => row.map((x, l) => fIterAdd([x, b[i]![l]!], p)));

export function transformer(x: Mat, layers: readonly LayerWeights[], p: number, rope: boolean): Mat {
  let h = x;
  for (const w of layers) {
    const att = rope ? ropeLayer(h, w, p) : taLayer(h, w, p);
    const mid = addMat(h, att, p).map((r) => layerNormRow(r, p));
    h = addMat(mid, mlp(mid, w.w1, w.w2, p), p).map((r) => layerNormRow(r, p));
  }
  return h;
}

// ---------------------------------------------------------------------------------------------
// Weights and models over ports x_i_l -> y_i_l

/** A weight: random sign and significand, exponent in [-p, 0] so values stay moderate. */
function weight(rng: Rng, p: number): Float {
  const half = 1n << BigInt(p - 1);
  return { s: rng.below(2) as 0 | 1, m: half + rng.bits(p - 1), e: BigInt(-rng.below(p + 1)) };
}

export function seededMatrix(rng: Rng, rows: number, cols: number, p: number): Mat {
  return Array.from({ length: rows }, () => Array.from({ length: cols }, () => weight(rng, p)));
}

/** The weights of a layer from a seed: the same seed gives the same weights everywhere. */
export function seededWeights(seed: number, d: number, p: number): LayerWeights {
  const rng = new Rng(seed);
  const m = (): Mat => seededMatrix(rng, d, d, p);
  return { q: m(), k1: m(), k2: m(), v1: m(), v2: m(), w1: m(), w2: m() };
}

const ports = (n: number, d: number, prefix: string, p: number) =>
  Array.from({ length: n * d }, (_, idx) => ({ name: `${prefix}${Math.floor(idx / d)}_${idx % d}`, width: floatWidth(p) }));

function matrixModel(name: string, description: string, f: (x: Mat, params: Params) => Mat): Model {
  return {
    name,
    description,
    signature: ({ n, d, p }) => ({ inputs: ports(n!, d!, 'x', p!), outputs: ports(n!, d!, 'y', p!) }),
    domain: (xs, { p }) => xs.every((x) => isCanonical(decode(x, p!), p!)),
    evaluate: (xs, params) => {
      const { n, d, p } = params;
      const x: Mat = Array.from({ length: n! }, (_, i) => Array.from({ length: d! }, (_, l) => decode(xs[i * d! + l]!, p!)));
      return f(x, params).flat().map((v) => encode(v, p!));
    },
    show: (_port, v, { p }) => showFloat(decode(v, p!)),
    // Inputs of moderate size, like the weights, so that not everything saturates.
    sample: (rng, { n, d, p }) => Array.from({ length: n! * d! }, () => encode(rng.below(8) === 0 ? sampleFloat(rng, p!) : weight(rng, p!), p!)),
  };
}

export const taMatmulModel = matrixModel('ta.matmul', 'X W_Q with the weights from the seed w', (x, { d, p, w }) => matmul(x, seededWeights(w!, d!, p!).q, p!));
export const taMlpModel = matrixModel('ta.mlp', 'relu(X W1) W2 with the weights from the seed w', (x, { d, p, w }) => {
  const { w1, w2 } = seededWeights(w!, d!, p!);
  return mlp(x, w1, w2, p!);
});
export const taLayerNormModel = matrixModel('ta.layernorm', 'LayerNorm of every row; a constant row gives zeros', (x, { p }) => x.map((row) => layerNormRow(row, p!)));
export const taLayerModel = matrixModel('ta.layer', 'one tensor-attention layer, weights from the seed w', (x, { d, p, w }) => taLayer(x, seededWeights(w!, d!, p!), p!));
export const ropeLayerModel = matrixModel('rope.ta-layer', 'one RoPE tensor-attention layer (keys rotated by their offset from the query), weights from the seed w', (x, { d, p, w }) =>
  ropeLayer(x, seededWeights(w!, d!, p!), p!),
);
export const taTransformerModel = matrixModel('ta.transformer', 'm layers of LN(X + TA(X)) then LN(H + MLP(H)), weights from seeds w, w+1, ...', (x, { d, p, w, m }) =>
  transformer(x, Array.from({ length: m! }, (_, i) => seededWeights(w! + i, d!, p!)), p!, false),
);
export const ropeTransformerModel = matrixModel('rope.transformer', 'as ta.transformer with RoPE tensor attention', (x, { d, p, w, m }) =>
  transformer(x, Array.from({ length: m! }, (_, i) => seededWeights(w! + i, d!, p!)), p!, true),
);

