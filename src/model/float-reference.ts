/**
 * An independent reference for the float model: instead of computing the exponent and rounding
 * arithmetically (float.ts), it lists every value of the format (with one extra exponent beyond
 * each end, so that rounding near the ends behaves as with an unbounded exponent), finds the
 * nearest by exact comparison (ties to the even significand), and then applies the range policy.
 * The property `float.reference` compares the two on every pair of a small format.
 */
import type { Params } from '../core/params.js';
import { Rational } from '../core/rational.js';
import type { Property, PropertyResult } from './model.js';
import {
  type Float,
  ZERO,
  eMax,
  eMin,
  encode,
  fadd,
  fdiv,
  ffloor,
  fge,
  fIterAdd,
  fmul,
  fsub,
  largest,
  showFloat,
  toRational,
} from './float.js';
import { Rng } from './rng.js';

interface Candidate {
  readonly m: bigint;
  readonly e: bigint;
  readonly v: Rational;
}

const candidateCache = new Map<number, Candidate[]>();

/** Every positive value m 2^e of the format, exponents extended by one at both ends, ascending. */
function candidates(p: number): Candidate[] {
  let list = candidateCache.get(p);
  if (!list) {
    list = [];
    for (let e = eMin(p) - 1n; e <= eMax(p) + 1n; e++)
      for (let m = 1n << BigInt(p - 1); m < 1n << BigInt(p); m++) list.push({ m, e, v: Rational.pow2(m, e) });
    candidateCache.set(p, list);
  }
  return list;
}

/** round_p by search. */
export function referenceRound(q: Rational, p: number): Float {
  if (q.sign() === 0) return ZERO;
  const s: 0 | 1 = q.sign() < 0 ? 1 : 0;
  const a = q.abs();
  const list = candidates(p);
  if (a.cmp(list[list.length - 1]!.v) > 0) return largest(p, s); // beyond even the extended range
  // The first candidate >= a, and the one before it.
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (list[mid]!.v.cmp(a) < 0) lo = mid + 1;
    else hi = mid;
  }
  // At or below the smallest extended value, any rounding has an exponent below the range.
  if (lo === 0) return ZERO;
  const above = list[lo]!;
  const below = list[lo - 1]!;
  const c = a.sub(below.v).cmp(above.v.sub(a));
  const pick = c < 0 ? below : c > 0 ? above : below.m % 2n === 0n ? below : above;
  if (pick.e > eMax(p)) return largest(p, s);
  if (pick.e < eMin(p)) return ZERO;
  return { s, m: pick.m, e: pick.e };
}

/** Every canonical float of the format. */
export function allFloats(p: number): Float[] {
  const out: Float[] = [ZERO];
  for (const c of candidates(p)) if (c.e >= eMin(p) && c.e <= eMax(p)) out.push({ s: 0, m: c.m, e: c.e }, { s: 1, m: c.m, e: c.e });
  return out;
}

type Op = { readonly name: string; readonly arity: 1 | 2 | 3; readonly model: (xs: Float[], p: number) => Float | boolean; readonly exact: (xs: Float[]) => Rational | 'ge' | 'div' };

const OPS: readonly Op[] = [
  { name: 'add', arity: 2, model: ([a, b], p) => fadd(a!, b!, p), exact: ([a, b]) => toRational(a!).add(toRational(b!)) },
  { name: 'sub', arity: 2, model: ([a, b], p) => fsub(a!, b!, p), exact: ([a, b]) => toRational(a!).sub(toRational(b!)) },
  { name: 'mul', arity: 2, model: ([a, b], p) => fmul(a!, b!, p), exact: ([a, b]) => toRational(a!).mul(toRational(b!)) },
  { name: 'div', arity: 2, model: ([a, b], p) => fdiv(a!, b!, p), exact: () => 'div' },
  { name: 'floor', arity: 1, model: ([a], p) => ffloor(a!, p), exact: ([a]) => Rational.of(toRational(a!).floor()) },
  { name: 'compare', arity: 2, model: ([a, b]) => fge(a!, b!), exact: () => 'ge' },
  { name: 'iter-add', arity: 3, model: (xs, p) => fIterAdd(xs, p), exact: (xs) => xs.reduce((s, x) => s.add(toRational(x)), Rational.ZERO) },
];

function reference(op: Op, xs: Float[], p: number): Float | boolean {
  const ex = op.exact(xs);
  if (ex === 'ge') return toRational(xs[0]!).cmp(toRational(xs[1]!)) >= 0;
  if (ex === 'div') {
    const [a, b] = xs as [Float, Float];
    if (b.m === 0n) return a.m === 0n ? ZERO : largest(p, a.s);
    return referenceRound(toRational(a).div(toRational(b)), p);
  }
  return referenceRound(ex, p);
}

const same = (x: Float | boolean, y: Float | boolean): boolean =>
  typeof x === 'boolean' || typeof y === 'boolean' ? x === y : x.s === y.s && x.m === y.m && x.e === y.e;

const show = (x: Float | boolean): string => (typeof x === 'boolean' ? String(x) : showFloat(x));

export const floatReference: Property = {
  name: 'float.reference',
  params: { p: { description: 'significand bits of the float format', min: 1, max: 16 } },
  description: 'the float model against rounding by search over the format, for every operation on every tuple of a small format (triples sampled when too many)',
  check({ p }: Params, ctx): PropertyResult {
    const P = p!;
    const all = allFloats(P);
    const rng = new Rng(ctx.seed);
    const table: Array<Record<string, string | number>> = [];
    let cases = 0;
    let exhaustive = true;
    for (const op of OPS) {
      const tuples: Float[][] = [];
      // Iterated addition of three terms where all triples fit the limit, of two otherwise.
      const arity = op.arity === 3 && all.length ** 3 > 300_000 ? 2 : op.arity;
      const count = all.length ** arity;
      if (count <= 2 ** ctx.budgetBits && count <= 300_000) {
        const idx = new Array<number>(arity).fill(0);
        for (let n = 0; n < count; n++) {
          tuples.push(idx.map((i) => all[i]!));
          for (let d = 0; d < arity && ++idx[d]! === all.length; d++) idx[d] = 0;
        }
      } else {
        exhaustive = false;
        for (let n = 0; n < ctx.samples; n++) tuples.push(Array.from({ length: arity }, () => all[rng.below(all.length)]!));
      }
      for (const xs of tuples) {
        const m = op.model(xs, P);
        const r = reference(op, xs, P);
        if (!same(m, r))
          return {
            holds: false,
            cases,
            exhaustive,
            counterexample: {
              inputs: Object.fromEntries(xs.map((x, i) => [`x${i}`, { value: encode(x, P).toString(), bits: encode(x, P).toString(2), text: showFloat(x) }])),
              note: `${op.name}: the model gives ${show(m)}, rounding by search gives ${show(r)}`,
            },
          };
      }
      cases += tuples.length;
      table.push({ operation: op.name === 'iter-add' ? `iter-add (k = ${arity})` : op.name, p: P, tuples: tuples.length, how: tuples.length === count ? 'all' : `sampled of ${count}` });
    }
    return { holds: true, cases, exhaustive, table, note: `${all.length} canonical floats at p = ${P}` };
  },
};
