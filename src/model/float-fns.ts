/**
 * exp, sqrt, sin and cos on p-bit floats (L-A2, L-A3, L-B1), and how accurate a polynomial-
 * precision evaluation of them can be.
 *
 * The reference semantics are correctly rounded (`real.ts`): round_p(e^x), round_p(sqrt(x))
 * (0 for x < 0, our choice), round_p(sin x), round_p(cos x). A circuit cannot compute sin or cos
 * of every float that way: for x up to 2^(2^p + p) the reduction modulo pi needs pi to about
 * 2^p bits. The accuracy properties therefore measure a scheme with polynomial precision: reduce
 * with pi (or ln 2) rounded to 2p + 4 bits, evaluate exactly, round. For exp this meets the
 * relative error 2^-p on every input (overflow bounds the argument); for sin it does not, near
 * zeros of sin and for large arguments.
 */
import type { Params } from '../core/params.js';
import { Rational } from '../core/rational.js';
import { type Model, type Property, type PropertyResult, fails } from './model.js';
import { type Float, ZERO, decode, encode, floatWidth, isCanonical, roundToFloat, sampleFloat, showFloat, toRational } from './float.js';
import { allFloats } from './float-reference.js';
import { type Interval, expInterval, expRounded, piInterval, roundReal, sinCosInterval, sqrtInterval, sqrtRounded } from './real.js';

export const fexp = (a: Float, p: number): Float => expRounded(toRational(a), p);
export const fsqrt = (a: Float, p: number): Float => (a.s === 1 || a.m === 0n ? ZERO : sqrtRounded(toRational(a), p));
export const fsin = (a: Float, p: number): Float => (a.m === 0n ? ZERO : roundReal((b) => sinCosInterval(toRational(a), b).sin, p));
export const fcos = (a: Float, p: number): Float => (a.m === 0n ? roundToFloat(Rational.ONE, p) : roundReal((b) => sinCosInterval(toRational(a), b).cos, p));

const mid = (i: Interval): Rational => i.lo.add(i.hi).div(Rational.of(2));

/** x rounded to `bits` significant bits (nearest, ties away: only used for constants). */
function toBits(x: Rational, bits: number): Rational {
  if (x.sign() === 0) return x;
  const f = roundToFloat(x, bits);
  return toRational({ ...f, e: f.e }); // within the exponent range for our constants
}

/** sin with polynomial precision: reduce by pi rounded to 2p + 4 bits, then sin exactly, round. */
export function sinPoly(a: Float, p: number): Float {
  if (a.m === 0n) return ZERO;
  const x = toRational(a);
  const piQ = toBits(mid(piInterval(4 * p + 16)), 2 * p + 4);
  const k = x.div(piQ).add(Rational.of(1, 2)).floor();
  const r = x.sub(Rational.of(k).mul(piQ));
  const s = roundReal((b) => sinCosInterval(r, b).sin, p);
  return k % 2n === 0n ? s : { ...s, s: s.m === 0n ? 0 : ((1 - s.s) as 0 | 1) };
}

/** exp with polynomial precision: e^x = 2^k e^r with r = x - k ln2~, ln2~ to 2p + 4 bits. */
export function expPoly(a: Float, p: number): Float {
  const x = toRational(a);
  const ln2 = Rational.of(693147180559945309n, 1000000000000000000n); // 18 digits of ln 2
  const ln2Q = toBits(ln2, 2 * p + 4);
  const k = x.div(ln2Q).floor();
  const r = x.sub(Rational.of(k).mul(ln2Q));
  return roundReal((b) => {
    const i = expInterval(r, b + Math.abs(Number(k)));
    return { lo: Rational.pow2(i.lo.num, k).div(Rational.of(i.lo.den)), hi: Rational.pow2(i.hi.num, k).div(Rational.of(i.hi.den)) };
  }, p);
}

/** |approx - exact| / |exact| as a rational upper estimate, exact given as an interval. */
function relativeError(approx: Float, exact: Interval): Rational {
  const v = toRational(approx);
  const e = mid(exact);
  if (e.sign() === 0) return v.sign() === 0 ? Rational.ZERO : Rational.ONE;
  return v.sub(e).abs().div(e.abs());
}

interface AccuracyCase {
  readonly name: string;
  readonly approx: (a: Float, p: number) => Float;
  readonly exact: (x: Rational, bits: number) => Interval;
  readonly skip?: (a: Float) => boolean;
}

function accuracyProperty(name: string, description: string, c: AccuracyCase): Property {
  return {
    name,
    description,
    params: { p: { description: 'significand bits of the float format', min: 1, max: 16 } },
    check({ p }: Params): PropertyResult {
      const P = p!;
      const bound = Rational.of(1, 1n << BigInt(P));
      let worst = Rational.ZERO;
      let worstAt: Float | undefined;
      let over = 0;
      let cases = 0;
      let firstBad: { x: Float; got: Float; err: Rational } | undefined;
      for (const x of allFloats(P)) {
        if (c.skip?.(x)) continue;
        cases++;
        const got = c.approx(x, P);
        // 2p + 40 bits of the exact value make the estimate of the error exact to many digits.
        const err = relativeError(got, c.exact(toRational(x), 2 * P + 40));
        if (err.cmp(worst) > 0) {
          worst = err;
          worstAt = x;
        }
        if (err.cmp(bound) > 0) {
          over++;
          if (!firstBad || err.cmp(firstBad.err) > 0) firstBad = { x, got, err };
        }
      }
      const log2 = (q: Rational): string => (q.sign() === 0 ? '-inf' : (q.num.toString(2).length - q.den.toString(2).length).toString());
      // Display only: a decimal rendering of the exact rational error.
      const shown = worst.sign() === 0 ? '0' : (Number((worst.num * 10n ** 9n) / worst.den) / 1e9).toPrecision(3);
      const table = [{ p: P, inputs: cases, 'bound 2^-p': `${(1 / 2 ** P).toPrecision(3)}`, 'worst relative error': shown, at: worstAt ? showFloat(worstAt) : '-', 'inputs above 2^-p': over }];
      if (!firstBad) return { holds: true, cases, exhaustive: true, table, note: `worst relative error ~2^${log2(worst)} <= 2^-${P}` };
      return fails(cases, `${c.name}(${showFloat(firstBad.x)}) = ${showFloat(firstBad.got)} has relative error ~2^${log2(firstBad.err)} > 2^-${P}; ${over} of ${cases} inputs exceed 2^-p`, {
        inputs: { x: { value: '', bits: '', text: showFloat(firstBad.x) } },
        table,
      });
    },
  };
}

/** Inputs whose e^x lies outside the float range: the range policy (saturate, flush), not accuracy. */
const expOutOfRange = (p: number) => (a: Float): boolean => {
  const r = fexp(a, p);
  if (r.m === 0n) return true;
  const top = { s: 0 as const, m: (1n << BigInt(p)) - 1n, e: (1n << BigInt(p)) - 1n };
  if (r.m !== top.m || r.e !== top.e) return false;
  // Saturated: out of range unless e^x itself is at most the largest float (then it is accuracy).
  // With ln 2 < 7/10, x above 7/10 (eMax + p) is certainly out, without computing e^x.
  const x = toRational(a);
  if (x.cmp(Rational.of(7n * (top.e + BigInt(p)), 10n)) > 0) return true;
  return expInterval(x, 16).lo.cmp(toRational(top)) > 0;
};

const EXP_DESCRIPTION = 'exp with ln 2 to 2p + 4 bits: relative error at most 2^-p on every input whose e^x lies in the float range (outside it, the range policy saturates or flushes)';
export const expAccuracy: Property = {
  name: 'exp.accuracy',
  description: EXP_DESCRIPTION,
  params: { p: { description: 'significand bits of the float format', min: 1, max: 16 } },
  check: (params, ctx) =>
    accuracyProperty('exp.accuracy', EXP_DESCRIPTION, { name: 'exp', approx: expPoly, exact: (x, bits) => expInterval(x, bits), skip: expOutOfRange(params.p!) }).check(params, ctx),
};

export const sqrtAccuracy = accuracyProperty('sqrt.accuracy', "the model's sqrt (exact integer square roots, ties decided on exact squares) against an independent enclosure of sqrt(x): relative error at most 2^-p on every positive input", {
  name: 'sqrt',
  approx: fsqrt,
  exact: (x, bits) => sqrtInterval(x, bits),
  skip: (a) => a.m === 0n || a.s === 1,
});

export const trigAccuracy = accuracyProperty('trig.accuracy', 'sin with pi to 2p + 4 bits: is the relative error at most 2^-p on every input? (docs/paper.md weak point 4)', {
  name: 'sin',
  approx: sinPoly,
  exact: (x, bits) => sinCosInterval(x, bits).sin,
  skip: (a) => a.m === 0n,
});

// ---------------------------------------------------------------------------------------------
// Models (for the table circuits of tiny formats and for architecture programs)

function unaryModel(name: string, description: string, f: (a: Float, p: number) => Float): Model {
  return {
    name,
    description,
    signature: ({ p }) => ({ inputs: [{ name: 'a', width: floatWidth(p!) }], outputs: [{ name: 'r', width: floatWidth(p!) }] }),
    domain: ([a], { p }) => isCanonical(decode(a!, p!), p!),
    evaluate: ([a], { p }) => [encode(f(decode(a!, p!), p!), p!)],
    show: (_port, v, { p }) => showFloat(decode(v, p!)),
    sample: (rng, { p }) => [encode(sampleFloat(rng, p!), p!)],
  };
}

export const floatExpModel = unaryModel('float.exp', 'r = round_p(e^a), correctly rounded', fexp);
export const floatSqrtModel = unaryModel('float.sqrt', 'r = round_p(sqrt(a)), correctly rounded; 0 for a < 0', fsqrt);
export const floatSinModel = unaryModel('float.sin', 'r = round_p(sin a), correctly rounded', fsin);
export const floatCosModel = unaryModel('float.cos', 'r = round_p(cos a), correctly rounded', fcos);
