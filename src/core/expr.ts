/**
 * Bound expressions in specs (`4*p + 1`, `2^p`, `3*p^2 + p`, `clog2(k) + p`), parsed once and
 * evaluated exactly over rationals. Grammar:
 *
 *   expr   := term (('+' | '-') term)*
 *   term   := unary (('*' | '/') unary)*
 *   unary  := '-' unary | power
 *   power  := atom ('^' unary)?          (right-associative; -2^2 = -(2^2))
 *   atom   := integer | name | name '(' expr (',' expr)* ')' | '(' expr ')'
 *
 * Functions: clog2 (ceil log2), flog2 (floor log2), ceil, floor, min, max.
 *
 * Evaluation refuses values beyond `MAX_VALUE_BITS` bits (numerator or denominator), so a bound
 * like `2^(2^(4*p))` is an error in words instead of minutes of BigInt arithmetic or a crash.
 */
import { Rational, bitLength, ceilLog2, floorLog2 } from './rational.js';

/** Largest size, in bits, of any value met while evaluating an expression. */
export const MAX_VALUE_BITS = 65_536;

export type Expr =
  | { readonly kind: 'num'; readonly value: bigint }
  | { readonly kind: 'var'; readonly name: string }
  | { readonly kind: 'neg'; readonly arg: Expr }
  | { readonly kind: 'bin'; readonly op: '+' | '-' | '*' | '/' | '^'; readonly left: Expr; readonly right: Expr }
  | { readonly kind: 'call'; readonly fn: FnName; readonly args: readonly Expr[] };

const FUNCTIONS = { clog2: 1, flog2: 1, ceil: 1, floor: 1, min: 2, max: 2 } as const;
type FnName = keyof typeof FUNCTIONS;

export class ExprError extends Error {
  override name = 'ExprError';
}

export function parseExpr(src: string): Expr {
  const tokens = src.match(/\s*(\d+|[A-Za-z_][A-Za-z0-9_]*|[-+*/^(),]|\S)/g)?.map((t) => t.trim()) ?? [];
  let i = 0;
  const peek = (): string | undefined => tokens[i];
  const next = (): string => {
    const t = tokens[i++];
    if (t === undefined) throw new ExprError(`unexpected end of expression '${src}'`);
    return t;
  };
  const expect = (t: string): void => {
    const got = next();
    if (got !== t) throw new ExprError(`expected '${t}' but found '${got}' in '${src}'`);
  };
  const expr = (): Expr => {
    let left = term();
    while (peek() === '+' || peek() === '-') {
      const op = next() as '+' | '-';
      left = { kind: 'bin', op, left, right: term() };
    }
    return left;
  };
  const term = (): Expr => {
    let left = unary();
    while (peek() === '*' || peek() === '/') {
      const op = next() as '*' | '/';
      left = { kind: 'bin', op, left, right: unary() };
    }
    return left;
  };
  const unary = (): Expr => (peek() === '-' ? (next(), { kind: 'neg', arg: unary() }) : power());
  const power = (): Expr => {
    const base = atom();
    if (peek() === '^') {
      next();
      return { kind: 'bin', op: '^', left: base, right: unary() };
    }
    return base;
  };
  const atom = (): Expr => {
    const t = next();
    if (/^\d+$/.test(t)) return { kind: 'num', value: BigInt(t) };
    if (t === '(') {
      const e = expr();
      expect(')');
      return e;
    }
    if (/^[A-Za-z_]/.test(t)) {
      if (peek() !== '(') return { kind: 'var', name: t };
      if (!(t in FUNCTIONS)) throw new ExprError(`unknown function '${t}' in '${src}' (known: ${Object.keys(FUNCTIONS).join(', ')})`);
      const fn = t as FnName;
      next();
      const args = [expr()];
      while (peek() === ',') {
        next();
        args.push(expr());
      }
      expect(')');
      if (args.length !== FUNCTIONS[fn]) throw new ExprError(`${fn} takes ${FUNCTIONS[fn]} argument(s) in '${src}'`);
      return { kind: 'call', fn, args };
    }
    throw new ExprError(`unexpected '${t}' in '${src}'`);
  };
  const e = expr();
  if (i !== tokens.length) throw new ExprError(`unexpected '${tokens[i]}' in '${src}'`);
  return e;
}

/** Names of the variables an expression mentions. */
export function exprVars(e: Expr, out = new Set<string>()): Set<string> {
  switch (e.kind) {
    case 'num':
      break;
    case 'var':
      out.add(e.name);
      break;
    case 'neg':
      exprVars(e.arg, out);
      break;
    case 'bin':
      exprVars(e.left, out);
      exprVars(e.right, out);
      break;
    case 'call':
      for (const a of e.args) exprVars(a, out);
      break;
  }
  return out;
}

const bits = (n: bigint): number => bitLength(n < 0n ? -n : n);

function bounded(r: Rational, what: string): Rational {
  if (bits(r.num) > MAX_VALUE_BITS || bits(r.den) > MAX_VALUE_BITS) throw new ExprError(`${what} is too large (more than ${MAX_VALUE_BITS} bits)`);
  return r;
}

/** Evaluates exactly; throws `ExprError` (in words) for every value it cannot give. */
export function evalExpr(e: Expr, env: Readonly<Record<string, number | bigint>>): Rational {
  switch (e.kind) {
    case 'num':
      return Rational.of(e.value);
    case 'var': {
      const v = env[e.name];
      if (v === undefined) throw new ExprError(`unknown variable '${e.name}'`);
      return Rational.of(BigInt(v));
    }
    case 'neg':
      return evalExpr(e.arg, env).neg();
    case 'bin': {
      const l = evalExpr(e.left, env);
      const r = evalExpr(e.right, env);
      const what = `${showExpr(e)}`;
      switch (e.op) {
        case '+':
          return bounded(l.add(r), what);
        case '-':
          return bounded(l.sub(r), what);
        case '*':
          if (bits(l.num) + bits(r.num) > MAX_VALUE_BITS + 1 || bits(l.den) + bits(r.den) > MAX_VALUE_BITS + 1) throw new ExprError(`${what} is too large (more than ${MAX_VALUE_BITS} bits)`);
          return bounded(l.mul(r), what);
        case '/':
          if (r.sign() === 0) throw new ExprError(`division by zero in ${what}`);
          return bounded(l.div(r), what);
        case '^': {
          if (!r.isInteger()) throw new ExprError(`non-integer exponent ${r} in ${what}`);
          if (r.num < 0n && l.sign() === 0) throw new ExprError(`0 to a negative power in ${what}`);
          const k = r.num < 0n ? -r.num : r.num;
          const base = Math.max(bits(l.num), bits(l.den));
          // |l|^k needs about k * log2|l| bits; 0, 1 and -1 stay small for any k.
          if (base > 1 && (k > BigInt(MAX_VALUE_BITS) || BigInt(base - 1) * k > BigInt(MAX_VALUE_BITS))) throw new ExprError(`${what} is too large (more than ${MAX_VALUE_BITS} bits)`);
          return bounded(l.pow(r.num), what);
        }
      }
    }
    // falls through: every op returns above
    case 'call': {
      const a = e.args.map((x) => evalExpr(x, env));
      const [x, y] = a as [Rational, Rational];
      switch (e.fn) {
        case 'ceil':
          return Rational.of(x.ceil());
        case 'floor':
          return Rational.of(x.floor());
        case 'min':
          return x.cmp(y) <= 0 ? x : y;
        case 'max':
          return x.cmp(y) >= 0 ? x : y;
        case 'clog2':
        case 'flog2': {
          if (x.sign() <= 0) throw new ExprError(`${e.fn} of non-positive value ${x}`);
          // log2 of a rational: exact via its floor/ceil integer bounds for the integer case only.
          if (!x.isInteger()) throw new ExprError(`${e.fn} of non-integer ${x}`);
          return Rational.of(e.fn === 'clog2' ? ceilLog2(x.num) : floorLog2(x.num));
        }
      }
    }
  }
}

export function showExpr(e: Expr): string {
  switch (e.kind) {
    case 'num':
      return `${e.value}`;
    case 'var':
      return e.name;
    case 'neg':
      return `-${showExpr(e.arg)}`;
    case 'bin':
      return `(${showExpr(e.left)} ${e.op} ${showExpr(e.right)})`;
    case 'call':
      return `${e.fn}(${e.args.map(showExpr).join(', ')})`;
  }
}
