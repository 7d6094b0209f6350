/**
 * Certified real functions on rationals, for exact models of exp, sqrt, sin and cos: each value
 * is enclosed in a rational interval [lo, hi] whose width shrinks as the requested precision
 * grows (Taylor series with a bounded remainder, range reduction with certified bounds on pi).
 * `roundReal` refines until the whole interval rounds to one p-bit float, which is then the
 * correctly rounded value (transcendental values are never exact ties away from trivial
 * arguments, which are handled exactly).
 */
import { Rational } from '../core/rational.js';
import { type Float, ZERO, eMax, eMin, largest, roundToFloat } from './float.js';

export interface Interval {
  readonly lo: Rational;
  readonly hi: Rational;
}

const R = (n: bigint | number, d: bigint | number = 1): Rational => Rational.of(n, d);
const TWO = R(2);

/** An interval of the given width around the truncated value: keeps numbers small. */
function widen(i: Interval, bits: number): Interval {
  const scale = 1n << BigInt(bits + 2);
  return { lo: R(i.lo.mul(R(scale)).floor(), scale), hi: R(i.hi.mul(R(scale)).ceil(), scale) };
}

/** e^x for |x| <= 1/2: Taylor with remainder |x|^(N+1)/(N+1)! * 2. */
function expSmall(x: Rational, bits: number): Interval {
  let term = Rational.ONE;
  let sum = Rational.ONE;
  const eps = R(1, 1n << BigInt(bits + 4));
  for (let n = 1; ; n++) {
    term = term.mul(x).div(R(n));
    sum = sum.add(term);
    const bound = term.abs().mul(TWO);
    if (bound.cmp(eps) < 0) return widen({ lo: sum.sub(bound), hi: sum.add(bound) }, bits + 2);
  }
}

/** e^x: e^(x/2^s) by the series, then squared s times (interval arithmetic on positives). */
export function expInterval(x: Rational, bits: number): Interval {
  let s = 0;
  let y = x;
  while (y.abs().cmp(R(1, 2)) > 0) {
    y = y.div(TWO);
    s++;
  }
  let i = expSmall(y, bits + 2 * s + 8);
  for (let k = 0; k < s; k++) i = widen({ lo: i.lo.mul(i.lo), hi: i.hi.mul(i.hi) }, bits + 2 * (s - k) + 8);
  return i;
}

/** arctan(1/k) for integer k >= 2 by its alternating series (for Machin's formula). */
function atanInv(k: bigint, bits: number): Interval {
  const x = R(1n, k);
  const x2 = x.mul(x);
  let power = x;
  let sum = Rational.ZERO;
  const eps = R(1, 1n << BigInt(bits + 4));
  for (let n = 0; ; n++) {
    const term = power.div(R(2 * n + 1));
    sum = n % 2 === 0 ? sum.add(term) : sum.sub(term);
    power = power.mul(x2);
    const next = power.div(R(2 * n + 3));
    if (next.cmp(eps) < 0) return { lo: sum.sub(next), hi: sum.add(next) };
  }
}

/** pi = 16 atan(1/5) - 4 atan(1/239). */
export function piInterval(bits: number): Interval {
  const a = atanInv(5n, bits + 6);
  const b = atanInv(239n, bits + 6);
  return widen({ lo: a.lo.mul(R(16)).sub(b.hi.mul(R(4))), hi: a.hi.mul(R(16)).sub(b.lo.mul(R(4))) }, bits + 4);
}

/** sin and cos of |x| <= 1 by Taylor, remainder bounded by the first omitted term. */
function sinCosSmall(x: Rational, bits: number): { sin: Interval; cos: Interval } {
  const eps = R(1, 1n << BigInt(bits + 4));
  let s = Rational.ZERO;
  let c = Rational.ZERO;
  let term = Rational.ONE; // x^n / n!
  for (let n = 0; ; n++) {
    if (n % 4 === 0) c = c.add(term);
    else if (n % 4 === 1) s = s.add(term);
    else if (n % 4 === 2) c = c.sub(term);
    else s = s.sub(term);
    term = term.mul(x).div(R(n + 1));
    if (term.abs().cmp(eps) < 0 && n > 2) {
      const b = term.abs();
      return { sin: { lo: s.sub(b), hi: s.add(b) }, cos: { lo: c.sub(b), hi: c.add(b) } };
    }
  }
}

/**
 * sin and cos of x: reduce by a multiple of pi/2 (k = round(2x/pi) with certified pi), then the
 * series on the remainder. The reduction needs pi to about log2|x| extra bits, which the interval
 * accounts for; a remainder interval that straddles a quadrant boundary is simply wide.
 */
export function sinCosInterval(x: Rational, bits: number): { sin: Interval; cos: Interval } {
  const extra = Math.max(0, x.abs().floor().toString(2).length) + 8;
  const pi = piInterval(bits + extra);
  const halfPiMid = pi.lo.add(pi.hi).div(R(4));
  const k = x.div(halfPiMid).add(R(1, 2)).floor();
  // r = x - k pi/2 lies in [x - k hi/2, x - k lo/2] (for k >= 0; mirrored for k < 0).
  const a = x.sub(R(k).mul(pi.hi).div(TWO));
  const b = x.sub(R(k).mul(pi.lo).div(TWO));
  const rLo = a.cmp(b) <= 0 ? a : b;
  const rHi = a.cmp(b) <= 0 ? b : a;
  const mid = rLo.add(rHi).div(TWO);
  const half = rHi.sub(rLo).div(TWO);
  const base = sinCosSmall(mid, bits + 4);
  // |sin', cos'| <= 1: moving the argument by at most `half` moves the values by at most `half`.
  const grow = (i: Interval): Interval => ({ lo: i.lo.sub(half), hi: i.hi.add(half) });
  const s = grow(base.sin);
  const c = grow(base.cos);
  const neg = (i: Interval): Interval => ({ lo: i.hi.neg(), hi: i.lo.neg() });
  const q = Number(((k % 4n) + 4n) % 4n);
  const sin = [s, c, neg(s), neg(c)][q]!;
  const cos = [c, neg(s), neg(c), s][q]!;
  return { sin, cos };
}

/**
 * The correctly rounded p-bit float of a real given by intervals of growing precision. Values
 * beyond the exponent range are decided by the interval as a whole (saturation, flush to zero).
 */
export function roundReal(enclose: (bits: number) => Interval, p: number, maxBits = 4096): Float {
  for (let bits = p + 16; bits <= maxBits; bits *= 2) {
    const { lo, hi } = enclose(bits);
    const a = roundToFloat(lo, p);
    const b = roundToFloat(hi, p);
    if (a.s === b.s && a.m === b.m && a.e === b.e) return a;
  }
  throw new RangeError(`roundReal: could not decide the rounding with ${maxBits} bits`);
}

/** round_p(e^x) for a rational x; very large or very small results are decided by the range. */
export function expRounded(x: Rational, p: number): Float {
  if (x.sign() === 0) return roundToFloat(Rational.ONE, p);
  // With ln 2 < 7/10: e^x > 2^(eMax + p + 1) > largest when x > 7/10 (eMax + p + 1), and
  // e^x < 2^(eMin - 2), below half the smallest float, when x < 7/10 (eMin - 2).
  const ln2hi = R(7, 10);
  if (x.cmp(R(eMax(p) + BigInt(p) + 1n).mul(ln2hi)) > 0) return largest(p, 0);
  if (x.cmp(R(eMin(p) - 2n).mul(ln2hi)) < 0) return ZERO;
  return roundReal((bits) => expInterval(x, bits), p);
}

/** The exact integer square root (floor). */
export function isqrt(n: bigint): bigint {
  if (n < 0n) throw new RangeError('isqrt of a negative number');
  if (n < 2n) return n;
  let x = BigInt(Math.floor(Math.sqrt(Number(n))));
  while (x * x > n) x = (x + n / x) / 2n;
  while ((x + 1n) * (x + 1n) <= n) x += 1n;
  return x;
}

/** round_p(sqrt(q)) exactly, for q >= 0: by integer square roots, no approximation involved. */
/** sqrt(q) for q > 0 enclosed to a relative width below 2^-bits: [r, r + 1] / 2^k, r = isqrt(floor(q 4^k)). */
export function sqrtInterval(q: Rational, bits: number): Interval {
  const magnitude = q.num.toString(2).length - q.den.toString(2).length;
  const k = BigInt(Math.max(0, bits + 2 - Math.floor(magnitude / 2)));
  const r = isqrt(q.mul(Rational.pow2(1n, 2n * k)).floor());
  return { lo: Rational.pow2(r, -k), hi: Rational.pow2(r + 1n, -k) };
}

export function sqrtRounded(q: Rational, p: number): Float {
  if (q.sign() <= 0) return ZERO;
  // sqrt(q) lies in [r, r + 1) / 2^k with r = isqrt(floor(q 4^k)); more k until that decides.
  const magnitude = q.num.toString(2).length - q.den.toString(2).length;
  for (let k = BigInt(Math.max(0, p + 4 - Math.floor(magnitude / 2))); ; k += 8n) {
    const scaled = q.mul(Rational.pow2(1n, 2n * k));
    const r = isqrt(scaled.floor());
    if (R(r * r).eq(scaled)) return roundToFloat(Rational.pow2(r, -k), p); // an exact square: ties are decided exactly
    const a = roundToFloat(Rational.pow2(r, -k), p);
    const b = roundToFloat(Rational.pow2(r + 1n, -k), p);
    if (a.s === b.s && a.m === b.m && a.e === b.e) return a;
  }
}
