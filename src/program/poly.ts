/**
 * Exact multivariate polynomials with rational coefficients: the symbolic sizes of programs
 * (node counts as polynomials in the size parameters) and the rank formulas of nested domains.
 * `sumOver` is the closed form of a sum over an index range with polynomial ends (Faulhaber).
 */
import { Rational } from '../core/rational.js';
import type { Affine, Name } from './ast.js';

type Monomial = ReadonlyArray<readonly [Name, number]>;

const keyOf = (m: Monomial): string => m.map(([v, e]) => (e === 1 ? v : `${v}^${e}`)).join('*');

export class Poly {
  private constructor(readonly terms: ReadonlyMap<string, { readonly m: Monomial; readonly c: Rational }>) {}

  static readonly ZERO = new Poly(new Map());
  static constant(c: Rational | number): Poly {
    const r = typeof c === 'number' ? Rational.of(c) : c;
    return r.sign() === 0 ? Poly.ZERO : new Poly(new Map([['', { m: [], c: r }]]));
  }
  static variable(v: Name): Poly {
    return new Poly(new Map([[v, { m: [[v, 1]], c: Rational.ONE }]]));
  }
  static fromAffine(a: Affine): Poly {
    return Object.entries(a.coefficients).reduce((p, [v, c]) => p.add(Poly.variable(v).scale(Rational.of(c))), Poly.constant(a.constant));
  }

  private static of(list: Iterable<{ m: Monomial; c: Rational }>): Poly {
    const map = new Map<string, { m: Monomial; c: Rational }>();
    for (const { m, c } of list) {
      const k = keyOf(m);
      const prev = map.get(k);
      const sum = prev ? prev.c.add(c) : c;
      if (sum.sign() === 0) map.delete(k);
      else map.set(k, { m, c: sum });
    }
    return new Poly(map);
  }

  add(o: Poly): Poly {
    return Poly.of([...this.terms.values(), ...o.terms.values()]);
  }
  sub(o: Poly): Poly {
    return this.add(o.scale(Rational.of(-1)));
  }
  scale(k: Rational): Poly {
    return Poly.of([...this.terms.values()].map(({ m, c }) => ({ m, c: c.mul(k) })));
  }
  mul(o: Poly): Poly {
    const out: Array<{ m: Monomial; c: Rational }> = [];
    for (const a of this.terms.values())
      for (const b of o.terms.values()) {
        const exps = new Map<Name, number>(a.m);
        for (const [v, e] of b.m) exps.set(v, (exps.get(v) ?? 0) + e);
        out.push({ m: [...exps].sort(([x], [y]) => (x < y ? -1 : 1)), c: a.c.mul(b.c) });
      }
    return Poly.of(out);
  }
  pow(k: number): Poly {
    let r = Poly.constant(1);
    for (let i = 0; i < k; i++) r = r.mul(this);
    return r;
  }
  /** Replaces variable v by the polynomial q. */
  subst(v: Name, q: Poly): Poly {
    let out = Poly.ZERO;
    for (const { m, c } of this.terms.values()) {
      let term = Poly.constant(c);
      for (const [w, e] of m) term = term.mul(w === v ? q.pow(e) : Poly.variable(w).pow(e));
      out = out.add(term);
    }
    return out;
  }
  vars(): Set<Name> {
    return new Set([...this.terms.values()].flatMap(({ m }) => m.map(([v]) => v)));
  }
  degreeIn(v: Name): number {
    return Math.max(0, ...[...this.terms.values()].map(({ m }) => m.find(([w]) => w === v)?.[1] ?? 0));
  }
  isZero(): boolean {
    return this.terms.size === 0;
  }
  eval(env: Readonly<Record<Name, number>>): Rational {
    let s = Rational.ZERO;
    for (const { m, c } of this.terms.values()) {
      let t = c;
      for (const [v, e] of m) {
        const x = env[v];
        if (x === undefined) throw new RangeError(`no value for ${v}`);
        t = t.mul(Rational.of(x).pow(BigInt(e)));
      }
      s = s.add(t);
    }
    return s;
  }
  /** sum over v = lo..hi of this (v bound; lo, hi polynomials not mentioning v). */
  sumOver(v: Name, lo: Poly, hi: Poly): Poly {
    let out = Poly.ZERO;
    // Group by the power of v: coefficient(v^e) * S_e, S_e(hi) - S_e(lo - 1).
    const byPower = new Map<number, Poly>();
    for (const { m, c } of this.terms.values()) {
      const e = m.find(([w]) => w === v)?.[1] ?? 0;
      const rest = Poly.of([{ m: m.filter(([w]) => w !== v), c }]);
      byPower.set(e, (byPower.get(e) ?? Poly.ZERO).add(rest));
    }
    const lo1 = lo.sub(Poly.constant(1));
    for (const [e, coef] of byPower) {
      const s = faulhaber(e);
      out = out.add(coef.mul(s.subst(X, hi).sub(s.subst(X, lo1))));
    }
    return out;
  }
  toString(): string {
    const list = [...this.terms.values()].sort((a, b) => degree(b.m) - degree(a.m) || (keyOf(a.m) < keyOf(b.m) ? -1 : 1));
    if (list.length === 0) return '0';
    return list
      .map(({ m, c }, i) => {
        const mag = c.abs();
        const mono = keyOf(m);
        const body = mono === '' ? mag.toString() : mag.eq(Rational.ONE) ? mono : mag.isInteger() ? `${mag}*${mono}` : mag.num === 1n ? `${mono}/${mag.den}` : `${mag.num}*${mono}/${mag.den}`;
        return i === 0 ? (c.sign() < 0 ? `-${body}` : body) : `${c.sign() < 0 ? '-' : '+'} ${body}`;
      })
      .join(' ');
  }
}

const degree = (m: Monomial): number => m.reduce((s, [, e]) => s + e, 0);
const X = '#x';
const faulhabers: Poly[] = [];

/** S_e(x) = sum over v = 0..x of v^e, as a polynomial in x (by interpolation at e + 2 points). */
function faulhaber(e: number): Poly {
  const hit = faulhabers[e];
  if (hit) return hit;
  const pts: Array<[number, Rational]> = [];
  let acc = Rational.ZERO;
  for (let x = 0; x <= e + 1; x++) {
    acc = acc.add(Rational.of(x).pow(BigInt(e)));
    pts.push([x, acc]);
  }
  let out = Poly.ZERO;
  pts.forEach(([xi, yi], i) => {
    let basis = Poly.constant(1);
    let den = Rational.ONE;
    pts.forEach(([xj], j) => {
      if (j === i) return;
      basis = basis.mul(Poly.variable(X).sub(Poly.constant(xj)));
      den = den.mul(Rational.of(xi - xj));
    });
    out = out.add(basis.scale(yi.div(den)));
  });
  faulhabers[e] = out;
  return out;
}

/** The number of points of nested ranges (names outermost first; bounds affine in earlier names and sizes). */
export function volume(names: readonly Name[], lo: readonly Affine[], hi: readonly Affine[]): Poly {
  let p = Poly.constant(1);
  for (let t = names.length - 1; t >= 0; t--) p = p.sumOver(names[t]!, Poly.fromAffine(lo[t]!), Poly.fromAffine(hi[t]!));
  return p;
}
