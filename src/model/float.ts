/**
 * p-bit floats (Chiang 2024, docs/paper.md): <m, e> with m in (-2^p, -2^(p-1)] u {0} u [2^(p-1), 2^p)
 * and e in [-2^p, 2^p); the value is m 2^e. Exact model in BigInt rationals.
 *
 * Our precise choices (stated in specs/float/format.yaml and the report):
 * - encoding: one port of 2p + 2 bits, little-endian fields |m| (p bits), e (p + 1 bits, two's
 *   complement), sign (1 bit); zero is canonical <0, 0> with sign 0 (other encodings with m = 0,
 *   and any non-zero |m| below 2^(p-1), are outside the domain);
 * - rounding: the exact result is rounded to p significant bits, to nearest, ties to the even
 *   significand, with an unbounded exponent; then the range policy applies:
 *   overflow (rounded e > 2^p - 1) saturates to the largest magnitude <+-(2^p - 1), 2^p - 1>,
 *   underflow (rounded e < -2^p) flushes to zero;
 * - division by zero: 0 / 0 = 0, x / 0 = the largest magnitude with the sign of x.
 */
import type { Params } from '../core/params.js';
import { Rational, bitLength } from '../core/rational.js';
import type { Signature } from '../circuit/ir.js';
import type { Model } from './model.js';
import type { Rng } from './rng.js';
import { structuredFloats } from './structured.js';

export interface Float {
  /** 1 for negative. Zero has sign 0. */
  readonly s: 0 | 1;
  /** |m|: 0, or in [2^(p-1), 2^p). */
  readonly m: bigint;
  readonly e: bigint;
}

export const ZERO: Float = { s: 0, m: 0n, e: 0n };
export const floatWidth = (p: number): number => 2 * p + 2;
export const eMin = (p: number): bigint => -(1n << BigInt(p));
export const eMax = (p: number): bigint => (1n << BigInt(p)) - 1n;
export const largest = (p: number, s: 0 | 1): Float => ({ s, m: (1n << BigInt(p)) - 1n, e: eMax(p) });

export function decode(bits: bigint, p: number): Float {
  const P = BigInt(p);
  const m = bits & ((1n << P) - 1n);
  const eRaw = (bits >> P) & ((1n << (P + 1n)) - 1n);
  const e = eRaw >= 1n << P ? eRaw - (1n << (P + 1n)) : eRaw;
  const s = Number((bits >> (2n * P + 1n)) & 1n) as 0 | 1;
  return { s, m, e };
}

export function encode(f: Float, p: number): bigint {
  const P = BigInt(p);
  const e = f.e < 0n ? f.e + (1n << (P + 1n)) : f.e;
  return f.m | (e << P) | (BigInt(f.s) << (2n * P + 1n));
}

/** A canonical encoding: zero is <0, 0> with sign 0, other significands are normalised. */
export function isCanonical(f: Float, p: number): boolean {
  if (f.m === 0n) return f.s === 0 && f.e === 0n;
  return f.m >= 1n << BigInt(p - 1) && f.m < 1n << BigInt(p) && f.e >= eMin(p) && f.e <= eMax(p);
}

export function toRational(f: Float): Rational {
  return Rational.pow2(f.s ? -f.m : f.m, f.e);
}

/** Round half to even of a non-negative rational to an integer. */
export function roundHalfEven(q: Rational): bigint {
  const fl = q.floor();
  const frac = q.sub(Rational.of(fl));
  const c = frac.cmp(Rational.of(1, 2));
  if (c < 0) return fl;
  if (c > 0) return fl + 1n;
  return fl % 2n === 0n ? fl : fl + 1n;
}

/** floor(log2(q)) for q > 0. */
export function floorLog2Rational(q: Rational): bigint {
  let k = BigInt(bitLength(q.num) - bitLength(q.den));
  // 2^k <= q < 2^(k+1) after at most one correction either way.
  if (Rational.pow2(1n, k).cmp(q) > 0) k -= 1n;
  else if (Rational.pow2(1n, k + 1n).cmp(q) <= 0) k += 1n;
  return k;
}

/** Rounds to p significant bits (nearest, ties to even) with an unbounded exponent. */
export function roundUnbounded(q: Rational, p: number): Float {
  if (q.sign() === 0) return ZERO;
  const s: 0 | 1 = q.sign() < 0 ? 1 : 0;
  const a = q.abs();
  let e = floorLog2Rational(a) - BigInt(p - 1);
  let m = roundHalfEven(a.div(Rational.pow2(1n, e)));
  if (m === 1n << BigInt(p)) {
    m = 1n << BigInt(p - 1);
    e += 1n;
  }
  return { s, m, e };
}

/** The range policy: saturate above, flush to zero below. */
export function applyRange(f: Float, p: number): Float {
  if (f.m === 0n) return ZERO;
  if (f.e > eMax(p)) return largest(p, f.s);
  if (f.e < eMin(p)) return ZERO;
  return f;
}

/** round_p: the exact value to the nearest float of the format (with the range policy). */
export function roundToFloat(q: Rational, p: number): Float {
  return applyRange(roundUnbounded(q, p), p);
}

export const fadd = (a: Float, b: Float, p: number): Float => roundToFloat(toRational(a).add(toRational(b)), p);
export const fsub = (a: Float, b: Float, p: number): Float => roundToFloat(toRational(a).sub(toRational(b)), p);
export const fmul = (a: Float, b: Float, p: number): Float => roundToFloat(toRational(a).mul(toRational(b)), p);
export function fdiv(a: Float, b: Float, p: number): Float {
  if (b.m === 0n) return a.m === 0n ? ZERO : largest(p, a.s);
  return roundToFloat(toRational(a).div(toRational(b)), p);
}
/** floor is exact: the floor of a p-bit float is a p-bit float. */
export const ffloor = (a: Float, p: number): Float => roundToFloat(Rational.of(toRational(a).floor()), p);
export const fge = (a: Float, b: Float): boolean => toRational(a).cmp(toRational(b)) >= 0;
/** The exact sum, as an integer multiple of 2^eMin (every term is one), rounded once. */
export function fIterAdd(xs: readonly Float[], p: number): Float {
  const base = eMin(p);
  const n = xs.reduce((s, x) => s + ((x.s ? -x.m : x.m) << (x.e - base)), 0n);
  return roundToFloat(Rational.pow2(n, base), p);
}
/** -a (exact; zero stays the canonical zero). */
export const fneg = (a: Float): Float => (a.m === 0n ? ZERO : { ...a, s: (1 - a.s) as 0 | 1 });
/** max(a, 0): a negative float becomes zero. */
export const frelu = (a: Float): Float => (a.s === 1 ? ZERO : a);
/** `c != 0 ? a : b`. */
export const fselect = (c: Float, a: Float, b: Float): Float => (c.m !== 0n ? a : b);
/** 1 when the comparison holds, else 0 (as floats). */
export function fcompare(op: 'lt' | 'le' | 'eq' | 'ne' | 'ge' | 'gt', a: Float, b: Float, p: number): Float {
  const c = toRational(a).cmp(toRational(b));
  const holds = { lt: c < 0, le: c <= 0, eq: c === 0, ne: c !== 0, ge: c >= 0, gt: c > 0 }[op];
  return holds ? roundToFloat(Rational.ONE, p) : ZERO;
}
export const fIterMul = (xs: readonly Float[], p: number): Float => roundToFloat(xs.reduce((s, x) => s.mul(toRational(x)), Rational.ONE), p);

/** `<m, e> = value`, e.g. `<-3, -1> = -3/2`. */
export function showFloat(f: Float): string {
  return `<${f.s ? -f.m : f.m}, ${f.e}> = ${toRational(f)}`;
}

/** A float of moderate size (a weight): random sign and significand, exponent in [-p, 0]. */
export function moderateFloat(rng: Rng, p: number): Float {
  const half = 1n << BigInt(p - 1);
  return { s: rng.below(2) as 0 | 1, m: half + rng.bits(p - 1), e: BigInt(-rng.below(p + 1)) };
}

/** A random canonical float: zero one time in 16, otherwise uniform sign, significand, exponent. */
export function sampleFloat(rng: Rng, p: number): Float {
  if (rng.below(16) === 0) return ZERO;
  const half = 1n << BigInt(p - 1);
  return { s: rng.below(2) as 0 | 1, m: half + rng.bits(p - 1), e: eMin(p) + rng.bits(p + 1) };
}

/**
 * k random canonical operands of one float operation. Uniform exponents (2^(p+1) values) almost
 * never make two operands overlap, nor reach the ends of the range or the small exponents where
 * floor cuts the significand, so these cases are made common: one time in two the first
 * exponent lies within p + 4 of 0, and independently one time in two every other exponent lies
 * within p + 4 of the first (carries, cancellation, ties); one time in eight an exponent sits at
 * an end of the range (overflow, underflow), and a significand has one of the shapes 10...0,
 * 10...01, 11...1.
 */
export function sampleOperands(rng: Rng, p: number, k: number): Float[] {
  const small = rng.below(2) === 0;
  const near = rng.below(2) === 0;
  const half = 1n << BigInt(p - 1);
  const shapes = [half, half + 1n, 2n * half - 1n];
  const clamp = (e: bigint): bigint => (e < eMin(p) ? eMin(p) : e > eMax(p) ? eMax(p) : e);
  const spread = (): bigint => BigInt(rng.below(2 * p + 9)) - BigInt(p + 4);
  const out: Float[] = [];
  for (let i = 0; i < k; i++) {
    let f = sampleFloat(rng, p);
    if (f.m !== 0n) {
      if (rng.below(8) === 0) f = { ...f, m: shapes[rng.below(shapes.length)]! };
      if (rng.below(8) === 0) f = { ...f, e: rng.below(2) === 0 ? eMax(p) - BigInt(rng.below(p + 2)) : eMin(p) + BigInt(rng.below(p + 2)) };
      else if (i === 0 && small) f = { ...f, e: clamp(spread()) };
      else if (i > 0 && near && out[0]!.m !== 0n) f = { ...f, e: clamp(out[0]!.e + spread()) };
    }
    out.push(f);
  }
  return out;
}

/**
 * k random terms for sampling iterated addition, three times in four built to stress it: terms
 * clustered around up to three random exponents (gaps wider than any window between clusters),
 * and in half of those cases every other term is the negation of the one before, exactly or off
 * by one unit in the last place, so the large terms cancel and far smaller ones (or the unit
 * left over) decide the result.
 */
export function sampleTerms(rng: Rng, k: number, p: number): Float[] {
  const mode = rng.below(4);
  if (mode === 0) return Array.from({ length: k }, () => sampleFloat(rng, p));
  const bases = Array.from({ length: 1 + rng.below(3) }, () => eMin(p) + rng.bits(p + 1));
  const half = 1n << BigInt(p - 1);
  const clamp = (e: bigint): bigint => (e < eMin(p) ? eMin(p) : e > eMax(p) ? eMax(p) : e);
  const xs: Float[] = [];
  while (xs.length < k) {
    const x: Float = rng.below(16) === 0 ? ZERO : { s: rng.below(2) as 0 | 1, m: half + rng.bits(p - 1), e: clamp(bases[rng.below(bases.length)]! - BigInt(rng.below(p + 3))) };
    xs.push(x);
    if (mode >= 2 && x.m !== 0n && xs.length < k) {
      const m = x.m + (mode === 3 ? BigInt(rng.below(3)) - 1n : 0n);
      xs.push({ s: (1 - x.s) as 0 | 1, m: m >= half && m < 2n * half ? m : x.m, e: x.e });
    }
  }
  for (let i = xs.length - 1; i > 0; i--) {
    const j = rng.below(i + 1);
    [xs[i], xs[j]] = [xs[j]!, xs[i]!];
  }
  return xs;
}

// ---------------------------------------------------------------------------------------------
// Models over float ports

const floatPorts = (names: readonly string[], p: number): Signature['inputs'] => names.map((name) => ({ name, width: floatWidth(p) }));

function floatModel(
  name: string,
  description: string,
  inputs: (params: Params) => string[],
  out: { name: string; width: (p: number) => number },
  f: (xs: Float[], params: Params) => Float | boolean,
  sampleInputs: (rng: Rng, params: Params) => Float[] = (rng, params) => sampleOperands(rng, params.p!, inputs(params).length),
): Model {
  return {
    name,
    description,
    signature: (params) => ({ inputs: floatPorts(inputs(params), params.p!), outputs: [{ name: out.name, width: out.width(params.p!) }] }),
    domain: (xs, { p }) => xs.every((x) => isCanonical(decode(x, p!), p!)),
    evaluate: (xs, params) => {
      const r = f(
        xs.map((x) => decode(x, params.p!)),
        params,
      );
      return [typeof r === 'boolean' ? (r ? 1n : 0n) : encode(r, params.p!)];
    },
    show: (port, v, { p }) => (port === 'ge' ? (v ? 'a >= b' : 'a < b') : showFloat(decode(v, p!))),
    sample: (rng, params) => sampleInputs(rng, params).map((x) => encode(x, params.p!)),
    structured: (rng, params) => structuredFloats(rng, params.p!, inputs(params).length).map((x) => encode(x, params.p!)),
  };
}

const binary = (): string[] => ['a', 'b'];
const floatOut = { name: 'r', width: floatWidth };

export const floatAddModel = floatModel('float.add', 'r = round_p(a + b)', binary, floatOut, ([a, b], { p }) => fadd(a!, b!, p!));
export const floatSubModel = floatModel('float.sub', 'r = round_p(a - b)', binary, floatOut, ([a, b], { p }) => fsub(a!, b!, p!));
export const floatMulModel = floatModel('float.mul', 'r = round_p(a b)', binary, floatOut, ([a, b], { p }) => fmul(a!, b!, p!));
export const floatDivModel = floatModel('float.div', 'r = round_p(a / b); 0/0 = 0, x/0 = largest with the sign of x', binary, floatOut, ([a, b], { p }) => fdiv(a!, b!, p!));
export const floatFloorModel = floatModel('float.floor', 'r = floor(a) (exact)', () => ['a'], floatOut, ([a], { p }) => ffloor(a!, p!));
export const floatCompareModel = floatModel('float.compare', 'ge = [a >= b] (as values)', binary, { name: 'ge', width: () => 1 }, ([a, b]) => fge(a!, b!));
export const floatNegModel = floatModel('float.neg', 'r = -a (zero stays zero)', () => ['a'], floatOut, ([a]) => fneg(a!));
export const floatReluModel = floatModel('float.relu', 'r = max(a, 0)', () => ['a'], floatOut, ([a]) => frelu(a!));
export const floatSelectModel = floatModel('float.select', 'r = a if c != 0, else b', () => ['c', 'a', 'b'], floatOut, ([c, a, b]) => fselect(c!, a!, b!));
/** The registered name comes first (the linker reads it from the call). */
const comparison = (name: string, op: 'lt' | 'le' | 'eq' | 'ne' | 'ge' | 'gt', sym: string): Model =>
  floatModel(name, `r = 1 if a ${sym} b, else 0 (as values)`, binary, floatOut, ([a, b], { p }) => fcompare(op, a!, b!, p!));
export const floatLtModel = comparison('float.lt', 'lt', '<');
export const floatLeModel = comparison('float.le', 'le', '<=');
export const floatEqModel = comparison('float.eq', 'eq', '=');
export const floatNeModel = comparison('float.ne', 'ne', '!=');
export const floatGeModel = comparison('float.ge', 'ge', '>=');
export const floatGtModel = comparison('float.gt', 'gt', '>');
/** The k operands of an iterated operation, x0 .. x{k-1}. */
const kTerms = ({ k }: Params): string[] => Array.from({ length: k! }, (_, i) => `x${i}`);
export const floatIterAddModel = floatModel(
  'float.iter-add',
  'r = round_p(x_0 + ... + x_{k-1}): the exact sum, rounded once',
  kTerms,
  floatOut,
  (xs, { p }) => fIterAdd(xs, p!),
  (rng, { k, p }) => sampleTerms(rng, k!, p!),
);
export const floatIterMulModel = floatModel(
  'float.iter-mul',
  'r = round_p(x_0 ... x_{k-1}): the exact product, rounded once',
  kTerms,
  floatOut,
  (xs, { p }) => fIterMul(xs, p!),
);
