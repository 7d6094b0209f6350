/**
 * Affine arithmetic for programs: the AST's integer forms, rational forms for analysis (derived
 * sizes like d/2 have rational coefficients in the parameters), and the range analysis behind
 * the validation rules: the largest value of an affine form over a nested domain and every
 * admissible size.
 *
 * The largest value of a form over nested ranges x_1 in [lo_1, hi_1], x_2 in [lo_2(x_1), ...]
 * (each non-empty) is found innermost first: a form a x_k + rest is largest at x_k = hi_k when
 * a >= 0, else at lo_k, which leaves a form in the outer variables. What remains is affine in
 * the size parameters, each ranging over min, min + step, ...: it is bounded above exactly when
 * no coefficient is positive, and then largest at the minimal sizes. Exact, not an estimate.
 */
import { Rational } from '../core/rational.js';
import type { Affine, Binder, DerivedSize, Name, SizeParam } from './ast.js';

/** An affine form with rational coefficients. */
export class Lin {
  private constructor(
    readonly constant: Rational,
    readonly coefficients: ReadonlyMap<Name, Rational>,
  ) {}

  static of(constant: Rational | number, coefficients: Iterable<readonly [Name, Rational]> = []): Lin {
    const m = new Map<Name, Rational>();
    for (const [v, c] of coefficients) if (c.sign() !== 0) m.set(v, (m.get(v) ?? Rational.ZERO).add(c));
    for (const [v, c] of [...m]) if (c.sign() === 0) m.delete(v);
    return new Lin(typeof constant === 'number' ? Rational.of(constant) : constant, m);
  }
  static variable(name: Name): Lin {
    return Lin.of(0, [[name, Rational.ONE]]);
  }
  static fromAffine(a: Affine): Lin {
    return Lin.of(
      a.constant,
      Object.entries(a.coefficients).map(([v, c]) => [v, Rational.of(c)] as const),
    );
  }

  coef(v: Name): Rational {
    return this.coefficients.get(v) ?? Rational.ZERO;
  }
  vars(): Name[] {
    return [...this.coefficients.keys()];
  }
  isConstant(): boolean {
    return this.coefficients.size === 0;
  }
  add(o: Lin): Lin {
    return Lin.of(this.constant.add(o.constant), [...this.coefficients, ...o.coefficients]);
  }
  sub(o: Lin): Lin {
    return this.add(o.scale(Rational.of(-1)));
  }
  scale(k: Rational): Lin {
    return Lin.of(
      this.constant.mul(k),
      [...this.coefficients].map(([v, c]) => [v, c.mul(k)] as const),
    );
  }
  /** Replaces variable v by the form e. */
  subst(v: Name, e: Lin): Lin {
    const c = this.coef(v);
    if (c.sign() === 0) return this;
    return Lin.of(this.constant, [...this.coefficients].filter(([x]) => x !== v)).add(e.scale(c));
  }
  eval(env: Readonly<Record<Name, number>>): Rational {
    let s = this.constant;
    for (const [v, c] of this.coefficients) {
      const x = env[v];
      if (x === undefined) throw new RangeError(`no value for ${v}`);
      s = s.add(c.mul(Rational.of(x)));
    }
    return s;
  }
  /** The form as an AST `Affine`, when every coefficient is an integer. */
  toAffine(): Affine | undefined {
    if (!this.constant.isInteger() || [...this.coefficients.values()].some((c) => !c.isInteger())) return undefined;
    const coefficients: Record<Name, number> = {};
    for (const v of [...this.coefficients.keys()].sort()) coefficients[v] = Number(this.coefficients.get(v)!.num);
    return { constant: Number(this.constant.num), coefficients };
  }
  toString(): string {
    const parts: string[] = [];
    for (const v of [...this.coefficients.keys()].sort()) {
      const c = this.coefficients.get(v)!;
      const mag = c.abs();
      const body = mag.eq(Rational.ONE) ? v : mag.isInteger() ? `${mag}*${v}` : mag.num === 1n ? `${v}/${mag.den}` : `${mag.num}*${v}/${mag.den}`;
      parts.push(parts.length === 0 ? (c.sign() < 0 ? `-${body}` : body) : `${c.sign() < 0 ? '-' : '+'} ${body}`);
    }
    if (this.constant.sign() !== 0 || parts.length === 0) {
      const mag = this.constant.abs().toString();
      parts.push(parts.length === 0 ? this.constant.toString() : `${this.constant.sign() < 0 ? '-' : '+'} ${mag}`);
    }
    return parts.join(' ');
  }
}

/** Shows an AST affine form: `j - i + 1`. */
export const showAffine = (a: Affine): string => Lin.fromAffine(a).toString();

/** Evaluates an AST affine form (every variable must have a value). */
export function evalAffine(a: Affine, env: Readonly<Record<Name, number>>): number {
  let s = a.constant;
  for (const v in a.coefficients) {
    const x = env[v];
    if (x === undefined) throw new RangeError(`no value for ${v}`);
    s += a.coefficients[v]! * x;
  }
  return s;
}

/** The size parameters and derived sizes of a program, for analysis. */
export class Sizes {
  readonly params: ReadonlyMap<Name, SizeParam>;
  /** Each derived size as a form in the parameters. */
  readonly derived: ReadonlyMap<Name, Lin>;
  constructor(params: readonly SizeParam[], derived: readonly DerivedSize[]) {
    this.params = new Map(params.map((p) => [p.name, p]));
    const d = new Map<Name, Lin>();
    for (const x of derived) d.set(x.name, this.expand(Lin.fromAffine(x.numerator), d).scale(Rational.of(1, x.divisor)));
    this.derived = d;
  }
  private expand(f: Lin, derived: ReadonlyMap<Name, Lin>): Lin {
    let out = f;
    for (const v of f.vars()) {
      const e = derived.get(v);
      if (e) out = out.subst(v, e);
    }
    return out;
  }
  /** The form with derived sizes replaced by their definitions. */
  toParams(f: Lin): Lin {
    return this.expand(f, this.derived);
  }
  has(name: Name): boolean {
    return this.params.has(name) || this.derived.has(name);
  }
  /** Values of every size at the given parameter values (derived sizes must come out integral). */
  values(params: Readonly<Record<Name, number>>): Record<Name, number> {
    const out: Record<Name, number> = {};
    for (const p of this.params.keys()) {
      const v = params[p];
      if (v === undefined) throw new RangeError(`no value for size ${p}`);
      out[p] = v;
    }
    for (const [name, f] of this.derived) {
      const v = f.eval(out);
      if (!v.isInteger()) throw new RangeError(`derived size ${name} = ${f} is not an integer at ${Object.entries(out).map(([k, x]) => `${k} = ${x}`).join(', ')}`);
      out[name] = Number(v.num);
    }
    return out;
  }
  /** Why a parameter value is not admissible (below min, off the step), or undefined. */
  admissible(name: Name, v: number): string | undefined {
    const p = this.params.get(name);
    if (!p) return `no size parameter ${name}`;
    if (v < p.min || (v - p.min) % p.step !== 0) return `${name} = ${v} is not one of ${p.min}, ${p.min + p.step}, ${p.min + 2 * p.step}, ...`;
    return undefined;
  }
}

/** A binder with rational forms, for analysis. */
export interface LinBinder {
  readonly index: Name;
  readonly lo: Lin;
  readonly hi: Lin;
}

export const linBinder = (b: Binder): LinBinder => ({ index: b.index, lo: Lin.fromAffine(b.lo), hi: Lin.fromAffine(b.hi) });

/** The supremum of a form over the binders (outermost first) and all admissible sizes. */
export type Sup = { readonly bounded: true; readonly value: Rational } | { readonly bounded: false; readonly grows: Name };

export function supremum(f: Lin, binders: readonly LinBinder[], sizes: Sizes): Sup {
  let g = f;
  for (let k = binders.length - 1; k >= 0; k--) {
    const b = binders[k]!;
    const c = g.coef(b.index);
    if (c.sign() !== 0) g = g.subst(b.index, c.sign() > 0 ? b.hi : b.lo);
  }
  g = sizes.toParams(g);
  let value = g.constant;
  for (const [v, c] of g.coefficients) {
    const p = sizes.params.get(v);
    if (!p) throw new RangeError(`unbound variable ${v} in ${f}`);
    if (c.sign() > 0) return { bounded: false, grows: v };
    value = value.add(c.mul(Rational.of(p.min)));
  }
  return { bounded: true, value };
}

/** Whether f <= 0 everywhere; otherwise a reason for the message. */
export function alwaysNonPositive(f: Lin, binders: readonly LinBinder[], sizes: Sizes): { ok: true } | { ok: false; why: string } {
  const s = supremum(f, binders, sizes);
  if (s.bounded) return s.value.sign() <= 0 ? { ok: true } : { ok: false, why: `by ${s.value} at the smallest sizes` };
  return { ok: false, why: `for large ${s.grows}` };
}

/** Every value of `e` (affine in the caller's sizes) is an admissible value of the callee's size `p`. */
export function admissibleEverywhere(e: Lin, p: SizeParam, sizes: Sizes): string | undefined {
  const low = alwaysNonPositive(Lin.of(p.min).sub(e), [], sizes);
  if (!low.ok) return `it can be below ${p.min} (${low.why})`;
  const g = sizes.toParams(e);
  let base = g.constant;
  const steps: Rational[] = [];
  for (const [v, c] of g.coefficients) {
    const q = sizes.params.get(v)!;
    base = base.add(c.mul(Rational.of(q.min)));
    steps.push(c.mul(Rational.of(q.step)));
  }
  const step = Rational.of(p.step);
  const multiple = (x: Rational): boolean => x.div(step).isInteger();
  if (!multiple(base.sub(Rational.of(p.min))) || !steps.every(multiple)) return `it can be off the steps ${p.min}, ${p.min + p.step}, ... of ${p.name}`;
  return undefined;
}
