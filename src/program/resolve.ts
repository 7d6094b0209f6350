/**
 * From syntax trees to the AST: names resolved (sizes, indices, tensors, operations), index
 * expressions checked to be affine, maximal subexpressions that read no tensor turned into exact
 * constants, infix operators mapped to their operations (`+` add, `-` sub, `*` mul, `/` div,
 * unary `-` neg, `<` lt, `<=` le, `==` eq, `!=` ne, `>=` ge, `>` gt). Problems are thrown as
 * `ResolveProblem` with the offset of the offending token and the rule it breaks.
 */
import { Rational } from '../core/rational.js';
import { type Affine, type Binder, type Expr, type IndexSet, type Name, type Operation, REAL_FUNCTIONS, type Real, type Term } from './ast.js';
import { Lin } from './affine.js';
import type { Syn, SynBinder } from './syntax.js';

export class ResolveProblem extends Error {
  constructor(
    readonly offset: number,
    readonly rule: string,
    message: string,
  ) {
    super(message);
  }
}

/** The infix and prefix operators and the operation each stands for. */
export const OPERATOR_OPS: Readonly<Record<string, Name>> = {
  '+': 'add',
  '-': 'sub',
  '*': 'mul',
  '/': 'div',
  neg: 'neg',
  '<': 'lt',
  '<=': 'le',
  '==': 'eq',
  '!=': 'ne',
  '>=': 'ge',
  '>': 'gt',
};

/** What names mean inside one program. */
export interface Scope {
  readonly sizes: ReadonlySet<Name>;
  readonly indices: ReadonlyMap<Name, IndexSet>;
  /** Tensor name -> rank. */
  readonly tensors: ReadonlyMap<Name, number>;
  readonly operations: ReadonlyMap<Name, Operation>;
  /** Receives the source offset of every read, operation and binder created (for later rules). */
  readonly positions?: WeakMap<object, number>;
}

function mark<T extends object>(scope: Scope, node: T, at: number): T {
  scope.positions?.set(node, at);
  return node;
}

const describeName = (scope: Scope, name: Name): string =>
  scope.sizes.has(name) ? `size '${name}'` : scope.indices.has(name) ? `index '${name}'` : scope.tensors.has(name) ? `tensor '${name}'` : `'${name}'`;

/** An affine form over the allowed variables (sizes and the indices in `bound`). */
export function toAffine(s: Syn, scope: Scope, bound: ReadonlySet<Name>, what = 'an index expression'): Affine {
  const lin = toLin(s, scope, bound, what);
  const a = lin.toAffine();
  if (!a) throw new ResolveProblem(s.at, 'not-affine', `${what} needs integer coefficients`);
  return a;
}

function toLin(s: Syn, scope: Scope, bound: ReadonlySet<Name>, what: string): Lin {
  switch (s.kind) {
    case 'num':
      if (!s.value.isInteger()) throw new ResolveProblem(s.at, 'not-affine', `${what} takes integers, not ${s.value}`);
      return Lin.of(s.value);
    case 'name':
      if (scope.sizes.has(s.name) || bound.has(s.name)) return Lin.variable(s.name);
      if (scope.indices.has(s.name)) throw new ResolveProblem(s.at, 'unknown-name', `index '${s.name}' is not bound here (bind it on the left-hand side or with 'for')`);
      throw new ResolveProblem(s.at, 'unknown-name', `${describeName(scope, s.name)} is not a size or an index`);
    case 'neg':
      return toLin(s.arg, scope, bound, what).scale(Rational.of(-1));
    case 'bin': {
      if (s.op === '+' || s.op === '-') {
        const l = toLin(s.left, scope, bound, what);
        const r = toLin(s.right, scope, bound, what);
        return s.op === '+' ? l.add(r) : l.sub(r);
      }
      if (s.op === '*') {
        const l = toLin(s.left, scope, bound, what);
        const r = toLin(s.right, scope, bound, what);
        if (l.isConstant()) return r.scale(l.constant);
        if (r.isConstant()) return l.scale(r.constant);
        throw new ResolveProblem(s.at, 'not-affine', `${what} must be affine: a product of two variables is not`);
      }
      throw new ResolveProblem(s.at, 'not-affine', `${what} must be affine: no '${s.op}' (for a quotient declare a derived size, e.g. h: d/2)`);
    }
    default:
      throw new ResolveProblem(s.at, 'not-affine', `${what} must be affine in sizes and indices`);
  }
}

/** `numerator / divisor` for a derived size. */
export function toDerived(s: Syn, scope: Scope): { numerator: Affine; divisor: number } {
  if (s.kind === 'bin' && s.op === '/' && s.right.kind === 'num' && s.right.value.isInteger() && s.right.value.sign() > 0)
    return { numerator: toAffine(s.left, scope, new Set(), 'a derived size'), divisor: Number(s.right.value.num) };
  return { numerator: toAffine(s, scope, new Set(), 'a derived size'), divisor: 1 };
}

/** The index set's range, or the restricted range the binder states. */
export function toBinder(b: SynBinder, scope: Scope, bound: ReadonlySet<Name>): Binder {
  const set = scope.indices.get(b.name);
  if (!set) throw new ResolveProblem(b.at, 'unknown-name', `${describeName(scope, b.name)} is not a declared index (declare it under indices)`);
  if (bound.has(b.name)) throw new ResolveProblem(b.at, 'binder', `index '${b.name}' is already bound here`);
  const bnd = b.bound;
  const aff = (x: Syn): Affine => toAffine(x, scope, bound, `the range of ${b.name}`);
  const shift = (a: Affine, k: number): Affine => ({ ...a, constant: a.constant + k });
  const range = (): { lo: Affine; hi: Affine } => {
    if (!bnd) return { lo: set.lo, hi: set.hi };
    switch (bnd.op) {
      case 'in':
        return { lo: aff(bnd.lo), hi: aff(bnd.hi) };
      case '<=':
        return { lo: set.lo, hi: aff(bnd.value) };
      case '<':
        return { lo: set.lo, hi: shift(aff(bnd.value), -1) };
      case '>=':
        return { lo: aff(bnd.value), hi: set.hi };
      case '>':
        return { lo: shift(aff(bnd.value), 1), hi: set.hi };
    }
  };
  return mark(scope, { index: b.name, ...range() }, b.at);
}

/** Whether a syntax tree reads no tensor (then it is an exact constant). */
function readFree(s: Syn, scope: Scope): boolean {
  switch (s.kind) {
    case 'num':
      return true;
    case 'name':
      return !scope.tensors.has(s.name);
    case 'index':
      return !scope.tensors.has(s.name) && s.args.every((a) => readFree(a, scope));
    case 'call':
      return s.terms.every((t) => t.binders.length === 0 && readFree(t.body, scope));
    case 'neg':
      return readFree(s.arg, scope);
    case 'bin':
    case 'cmp':
      return readFree(s.left, scope) && readFree(s.right, scope);
  }
}

/** An exact real expression over sizes and bound indices. */
export function toReal(s: Syn, scope: Scope, bound: ReadonlySet<Name>): Real {
  switch (s.kind) {
    case 'num':
      return { kind: 'number', num: s.value.num.toString(), den: s.value.den.toString() };
    case 'name':
      if (scope.sizes.has(s.name) || bound.has(s.name)) return { kind: 'var', name: s.name };
      if (scope.indices.has(s.name)) throw new ResolveProblem(s.at, 'unknown-name', `index '${s.name}' is not bound here (bind it on the left-hand side or with 'for')`);
      throw new ResolveProblem(s.at, 'unknown-name', `unknown name '${s.name}' (not a size, index or tensor of this program)`);
    case 'index':
      throw new ResolveProblem(s.at, 'unknown-name', `unknown tensor '${s.name}'${scope.tensors.size > 0 ? ` (tensors: ${[...scope.tensors.keys()].join(', ')})` : ''}`);
    case 'neg':
      return { kind: 'neg', arg: toReal(s.arg, scope, bound) };
    case 'bin':
      return { kind: 'arith', op: s.op, left: toReal(s.left, scope, bound), right: toReal(s.right, scope, bound) };
    case 'cmp':
      return { kind: 'compare', op: s.op, left: toReal(s.left, scope, bound), right: toReal(s.right, scope, bound) };
    case 'call': {
      const args = s.terms.map((t) => toReal(t.body, scope, bound));
      if ((REAL_FUNCTIONS as readonly string[]).includes(s.name)) {
        if (args.length !== 1) throw new ResolveProblem(s.at, 'arity', `${s.name} takes 1 argument, got ${args.length}`);
        return { kind: 'fn', fn: s.name as (typeof REAL_FUNCTIONS)[number], arg: args[0]! };
      }
      if (s.name === 'select') {
        if (args.length !== 3) throw new ResolveProblem(s.at, 'arity', `select takes 3 arguments (condition, then, else), got ${args.length}`);
        return { kind: 'select', cond: args[0]!, then: args[1]!, else: args[2]! };
      }
      throw new ResolveProblem(
        s.at,
        'unknown-name',
        `'${s.name}' of constants: an exact constant may use + - * / ^, comparisons, select, ${REAL_FUNCTIONS.join(', ')}${scope.operations.has(s.name) ? ` (the float operation ${s.name} applies to tensor values)` : ''}`,
      );
    }
  }
}

function operation(scope: Scope, name: Name, at: number, written: string): Operation {
  const op = scope.operations.get(name);
  if (!op) throw new ResolveProblem(at, 'operation-known', `operation '${name}' (${written}) is not in the operations table (specs/operations.yaml)`);
  return op;
}

/** A float expression; `bound` are the indices in scope, outermost first. */
export function toExpr(s: Syn, scope: Scope, bound: readonly Name[]): Expr {
  const boundSet = new Set(bound);
  if (readFree(s, scope)) return { kind: 'const', value: toReal(s, scope, boundSet) };
  switch (s.kind) {
    case 'name': {
      const rank = scope.tensors.get(s.name)!;
      if (rank !== 0) throw new ResolveProblem(s.at, 'rank', `tensor '${s.name}' has ${rank} ${rank === 1 ? 'index' : 'indices'}: write ${s.name}[...]`);
      return mark(scope, { kind: 'read', tensor: s.name, at: [] }, s.at);
    }
    case 'index': {
      const rank = scope.tensors.get(s.name);
      if (rank === undefined) return toReal(s, scope, boundSet) as never; // throws: unknown tensor
      if (rank !== s.args.length) throw new ResolveProblem(s.at, 'rank', `tensor '${s.name}' has ${rank} ${rank === 1 ? 'index' : 'indices'}, not ${s.args.length}`);
      return mark(scope, { kind: 'read', tensor: s.name, at: s.args.map((a) => toAffine(a, scope, boundSet, `an index of ${s.name}`)) }, s.at);
    }
    case 'neg':
      return { kind: 'op', op: operation(scope, OPERATOR_OPS.neg!, s.at, 'unary -').name, args: [toExpr(s.arg, scope, bound)] };
    case 'bin': {
      if (s.op === '^') throw new ResolveProblem(s.at, 'constant-only', "'^' applies to exact constants only, not to tensor values");
      const op = operation(scope, OPERATOR_OPS[s.op]!, s.at, `a ${s.op} b`);
      return { kind: 'op', op: op.name, args: [toExpr(s.left, scope, bound), toExpr(s.right, scope, bound)] };
    }
    case 'cmp': {
      const op = operation(scope, OPERATOR_OPS[s.op]!, s.at, `a ${s.op} b`);
      return { kind: 'op', op: op.name, args: [toExpr(s.left, scope, bound), toExpr(s.right, scope, bound)] };
    }
    case 'call': {
      const op = scope.operations.get(s.name);
      if (!op) {
        if ((REAL_FUNCTIONS as readonly string[]).includes(s.name))
          throw new ResolveProblem(s.at, 'operation-known', `${s.name} of a tensor value: there is no float operation '${s.name}' in the operations table (${s.name} is exact on constants only)`);
        throw new ResolveProblem(s.at, 'operation-known', `unknown operation '${s.name}' (operations: ${[...scope.operations.keys()].sort().join(', ')})`);
      }
      if (op.arity === 'variadic') {
        const terms: Term[] = s.terms.map((t) => {
          const binders: Binder[] = [];
          const inner = [...bound];
          for (const b of t.binders) {
            binders.push(toBinder(b, scope, new Set(inner)));
            inner.push(b.name);
          }
          return { binders, body: toExpr(t.body, scope, inner) };
        });
        return { kind: 'reduce', op: op.name, terms };
      }
      const withBinders = s.terms.find((t) => t.binders.length > 0);
      if (withBinders) throw new ResolveProblem(withBinders.binders[0]!.at, 'arity', `'for' belongs to iterated operations (${[...scope.operations.values()].filter((o) => o.arity === 'variadic').map((o) => o.name).join(', ')}); ${op.name} takes ${op.arity} arguments`);
      if (s.terms.length !== op.arity) throw new ResolveProblem(s.at, 'arity', `${op.name} takes ${op.arity} argument${op.arity === 1 ? '' : 's'}, got ${s.terms.length}`);
      return { kind: 'op', op: op.name, args: s.terms.map((t) => toExpr(t.body, scope, bound)) };
    }
    case 'num':
      throw new ResolveProblem(s.at, 'syntax', 'unreachable: a number is a constant');
  }
}
