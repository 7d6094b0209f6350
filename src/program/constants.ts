/**
 * Exact constants of programs (`const` nodes): a `Real` evaluated over rationals, with cos, sin,
 * exp and sqrt enclosed in certified intervals (src/model/real.ts), then rounded once to the
 * nearest p-bit float. Sizes and indices are integers given by `env`.
 */
import { Rational } from '../core/rational.js';
import { type Float, roundToFloat } from '../model/float.js';
import { type Interval, expInterval, roundReal, sinCosInterval, sqrtInterval, isqrt } from '../model/real.js';
import type { Name, Real } from './ast.js';

/** A real number: exact, or enclosed by intervals that shrink as `bits` grows. */
type Value = { readonly exact: Rational } | { readonly enclose: (bits: number) => Interval };

export class ConstantError extends Error {
  override name = 'ConstantError';
}

const exact = (q: Rational): Value => ({ exact: q });
const enclosure = (v: Value): ((bits: number) => Interval) => ('exact' in v ? () => ({ lo: v.exact, hi: v.exact }) : v.enclose);

function combine(a: Value, b: Value, f: (x: Interval, y: Interval) => Interval): Value {
  const ea = enclosure(a);
  const eb = enclosure(b);
  return { enclose: (bits) => f(ea(bits + 8), eb(bits + 8)) };
}

const iadd = (x: Interval, y: Interval): Interval => ({ lo: x.lo.add(y.lo), hi: x.hi.add(y.hi) });
const ineg = (x: Interval): Interval => ({ lo: x.hi.neg(), hi: x.lo.neg() });
function imul(x: Interval, y: Interval): Interval {
  const ps = [x.lo.mul(y.lo), x.lo.mul(y.hi), x.hi.mul(y.lo), x.hi.mul(y.hi)];
  return { lo: ps.reduce((a, b) => (a.cmp(b) <= 0 ? a : b)), hi: ps.reduce((a, b) => (a.cmp(b) >= 0 ? a : b)) };
}
function iinv(x: Interval): Interval {
  if (x.lo.sign() <= 0 && x.hi.sign() >= 0) throw new ConstantError('division by a value that may be zero');
  return { lo: Rational.ONE.div(x.hi), hi: Rational.ONE.div(x.lo) };
}

/** The exact k-th root of a non-negative rational, if it is rational. */
function rationalRoot(q: Rational, k: bigint): Rational | undefined {
  const root = (n: bigint): bigint | undefined => {
    if (k === 2n) {
      const r = isqrt(n);
      return r * r === n ? r : undefined;
    }
    let lo = 0n;
    let hi = 1n;
    while (hi ** k <= n) hi *= 2n;
    while (lo < hi) {
      const mid = (lo + hi + 1n) / 2n;
      if (mid ** k <= n) lo = mid;
      else hi = mid - 1n;
    }
    return lo ** k === n ? lo : undefined;
  };
  const a = root(q.num);
  const b = root(q.den);
  return a !== undefined && b !== undefined ? Rational.of(a, b) : undefined;
}

/** Decides the sign of a value (refining enclosures), for comparisons and select. */
function sign(v: Value): -1 | 0 | 1 {
  if ('exact' in v) return v.exact.sign();
  for (let bits = 32; bits <= 4096; bits *= 2) {
    const { lo, hi } = v.enclose(bits);
    if (lo.sign() > 0) return 1;
    if (hi.sign() < 0) return -1;
  }
  throw new ConstantError('cannot decide the sign of an irrational value (is it zero?)');
}

function value(r: Real, env: Readonly<Record<Name, number>>): Value {
  switch (r.kind) {
    case 'number':
      return exact(Rational.of(BigInt(r.num), BigInt(r.den)));
    case 'var': {
      const x = env[r.name];
      if (x === undefined) throw new ConstantError(`no value for ${r.name}`);
      return exact(Rational.of(x));
    }
    case 'neg': {
      const a = value(r.arg, env);
      return 'exact' in a ? exact(a.exact.neg()) : { enclose: (bits) => ineg(a.enclose(bits)) };
    }
    case 'arith': {
      const a = value(r.left, env);
      const b = value(r.right, env);
      if (r.op === '^') {
        if (!('exact' in b)) throw new ConstantError('an exponent must be rational');
        const e = b.exact;
        if (e.isInteger()) {
          if ('exact' in a) {
            if (a.exact.sign() === 0 && e.sign() < 0) throw new ConstantError('0 to a negative power');
            return exact(a.exact.pow(e.num));
          }
          const ea = a.enclose;
          const n = e.num < 0n ? -e.num : e.num;
          return {
            enclose: (bits) => {
              const x = ea(bits + 8 + 4 * Number(n));
              let acc: Interval = { lo: Rational.ONE, hi: Rational.ONE };
              for (let i = 0n; i < n; i++) acc = imul(acc, x);
              return e.num < 0n ? iinv(acc) : acc;
            },
          };
        }
        if (!('exact' in a) || a.exact.sign() < 0) throw new ConstantError('a fractional power needs an exact non-negative base');
        const root = rationalRoot(a.exact.pow(e.num), e.den);
        if (!root) throw new ConstantError(`${a.exact}^(${e}) is irrational: constants take fractional powers only when the result is rational`);
        return exact(root);
      }
      if ('exact' in a && 'exact' in b) {
        if (r.op === '/' && b.exact.sign() === 0) throw new ConstantError('division by zero in a constant');
        return exact(r.op === '+' ? a.exact.add(b.exact) : r.op === '-' ? a.exact.sub(b.exact) : r.op === '*' ? a.exact.mul(b.exact) : a.exact.div(b.exact));
      }
      return combine(a, b, (x, y) => (r.op === '+' ? iadd(x, y) : r.op === '-' ? iadd(x, ineg(y)) : r.op === '*' ? imul(x, y) : imul(x, iinv(y))));
    }
    case 'fn': {
      const a = value(r.arg, env);
      if (!('exact' in a)) throw new ConstantError(`${r.fn} needs a rational argument`);
      const x = a.exact;
      switch (r.fn) {
        case 'cos':
          return x.sign() === 0 ? exact(Rational.ONE) : { enclose: (bits) => sinCosInterval(x, bits).cos };
        case 'sin':
          return x.sign() === 0 ? exact(Rational.ZERO) : { enclose: (bits) => sinCosInterval(x, bits).sin };
        case 'exp':
          return x.sign() === 0 ? exact(Rational.ONE) : { enclose: (bits) => expInterval(x, bits) };
        case 'sqrt': {
          if (x.sign() < 0) throw new ConstantError(`sqrt of the negative ${x}`);
          const root = rationalRoot(x, 2n);
          return root ? exact(root) : { enclose: (bits) => sqrtInterval(x, bits) };
        }
      }
    }
    // falls through: every function returns above
    case 'compare': {
      const d = value({ kind: 'arith', op: '-', left: r.left, right: r.right }, env);
      const s = sign(d);
      const holds = { '<': s < 0, '<=': s <= 0, '==': s === 0, '!=': s !== 0, '>=': s >= 0, '>': s > 0 }[r.op];
      return exact(holds ? Rational.ONE : Rational.ZERO);
    }
    case 'select':
      return sign(value(r.cond, env)) !== 0 ? value(r.then, env) : value(r.else, env);
  }
}

/** The constant as the nearest p-bit float (exact value rounded once). */
export function roundConstant(r: Real, env: Readonly<Record<Name, number>>, p: number): Float {
  const v = value(r, env);
  return 'exact' in v ? roundToFloat(v.exact, p) : roundReal(v.enclose, p);
}
