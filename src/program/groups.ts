/**
 * The cost model of programs, symbolically: every step lowered into node groups. A group is one
 * subexpression computed for every valuation of the indices it mentions (with the indices their
 * ranges depend on): an `op`, a `reduce` or a `const` over nested ranges. Identical groups of a
 * program (same operation, operands and ranges) are one group. Reads are not groups: they refer to
 * a group, a weight, an input or a call's result at affine coordinates.
 *
 * Everything that counts or builds nodes (plan.ts for concrete sizes, size.ts and depth.ts
 * symbolically) starts from these groups, so they agree on what a node is.
 */
import type { Affine, Binder, Bundle, Expr, Name, Program, Real, Step } from './ast.js';

export type Source =
  | { readonly kind: 'group'; readonly id: number }
  /** The program's input number `index`. */
  | { readonly kind: 'input'; readonly index: number }
  | { readonly kind: 'weight'; readonly name: Name }
  /** The result of call number `index` (in creation order). */
  | { readonly kind: 'call'; readonly index: number };

/** Elements of a source: the source's coordinates as affine forms over the referring indices. */
export interface Ref {
  readonly source: Source;
  readonly at: readonly Affine[];
}

interface GroupBase {
  readonly id: number;
  /** The indices the group's nodes run over, outermost first (bounds over sizes and earlier ones). */
  readonly vars: readonly Binder[];
}

export type Group =
  | (GroupBase & { readonly kind: 'const'; readonly value: Real })
  | (GroupBase & { readonly kind: 'op'; readonly op: Name; readonly args: readonly Ref[] })
  | (GroupBase & { readonly kind: 'reduce'; readonly op: Name; readonly terms: ReadonlyArray<{ readonly binders: readonly Binder[]; readonly body: Ref }> });

export interface CallItem {
  readonly index: number;
  readonly step: Extract<Step, { kind: 'call' }>;
  /** Each argument as a view: its coordinates over `$0, $1, ...`. */
  readonly args: readonly Ref[];
}

export type Item = { readonly kind: 'group'; readonly group: Group } | { readonly kind: 'call'; readonly call: CallItem };

export interface Lowered {
  readonly program: Program;
  /** Groups and calls in creation order: everything an item refers to comes before it. */
  readonly items: readonly Item[];
  readonly groups: readonly Group[];
  readonly calls: readonly CallItem[];
  /** The output tensor as a view over `$0, $1, ...`. */
  readonly output: Ref;
}

/** Coordinate t of a tensor view. */
export const coord = (t: number): Name => `$${t}`;

/** Replaces variables in an affine form by affine forms. */
export function substAffine(a: Affine, sub: Readonly<Record<Name, Affine>>): Affine {
  let constant = a.constant;
  const coefficients: Record<Name, number> = {};
  const add = (v: Name, c: number): void => {
    const x = (coefficients[v] ?? 0) + c;
    if (x === 0) delete coefficients[v];
    else coefficients[v] = x;
  };
  for (const [v, c] of Object.entries(a.coefficients)) {
    const e = sub[v];
    if (!e) add(v, c);
    else {
      constant += c * e.constant;
      for (const [w, d] of Object.entries(e.coefficients)) add(w, c * d);
    }
  }
  return { constant, coefficients: Object.fromEntries(Object.entries(coefficients).sort(([x], [y]) => (x < y ? -1 : 1))) };
}

const identity = (vars: readonly Binder[]): Affine[] => vars.map((b) => ({ constant: 0, coefficients: { [b.index]: 1 } }));

export function realVars(r: Real, out: Set<Name>): Set<Name> {
  switch (r.kind) {
    case 'var':
      out.add(r.name);
      break;
    case 'neg':
    case 'fn':
      realVars(r.arg, out);
      break;
    case 'arith':
    case 'compare':
      realVars(r.left, out);
      realVars(r.right, out);
      break;
    case 'select':
      realVars(r.cond, out);
      realVars(r.then, out);
      realVars(r.else, out);
      break;
    case 'number':
      break;
  }
  return out;
}

const affineVars = (as: readonly Affine[], out = new Set<Name>()): Set<Name> => {
  for (const a of as) for (const v of Object.keys(a.coefficients)) out.add(v);
  return out;
};

/** The binders of `ctx` among `free`, closed under the indices their ranges mention, in order. */
function domainOf(free: ReadonlySet<Name>, ctx: readonly Binder[]): Binder[] {
  const byName = new Map(ctx.map((b) => [b.index, b]));
  const want = new Set([...free].filter((v) => byName.has(v)));
  for (let grew = true; grew; ) {
    grew = false;
    for (const v of [...want])
      for (const w of affineVars([byName.get(v)!.lo, byName.get(v)!.hi]))
        if (byName.has(w) && !want.has(w)) {
          want.add(w);
          grew = true;
        }
  }
  return ctx.filter((b) => want.has(b.index));
}

/** The rank of a program's output tensor. */
export function outputRank(bundle: Bundle, program: Program): number {
  const t = [...program.inputs, ...program.weights].find((x) => x.name === program.output);
  if (t) return t.shape.length;
  const s = program.steps.find((x) => x.name === program.output)!;
  return s.kind === 'define' ? s.binders.length : outputRank(bundle, bundle.programs[s.program]!);
}

const cache = new WeakMap<Program, Lowered>();

/** Lowers a program into groups and calls (once per program object). */
export function lower(program: Program, bundle: Bundle): Lowered {
  const hit = cache.get(program);
  if (hit) return hit;
  const made = lowerProgram(program, bundle);
  cache.set(program, made);
  return made;
}

function lowerProgram(program: Program, bundle: Bundle): Lowered {
  const items: Item[] = [];
  const groups: Group[] = [];
  const calls: CallItem[] = [];
  const byKey = new Map<string, number>();
  const views = new Map<Name, Ref>();
  program.inputs.forEach((t, index) => views.set(t.name, { source: { kind: 'input', index }, at: t.shape.map((_, k) => ({ constant: 0, coefficients: { [coord(k)]: 1 } })) }));
  for (const w of program.weights) views.set(w.name, { source: { kind: 'weight', name: w.name }, at: w.shape.map((_, k) => ({ constant: 0, coefficients: { [coord(k)]: 1 } })) });

  const group = (make: (id: number) => Group): Ref => {
    const g = make(groups.length);
    const { id: _id, ...shape } = g;
    const key = JSON.stringify(shape);
    let id = byKey.get(key);
    if (id === undefined) {
      id = groups.length;
      const made = { ...g, id } as Group;
      groups.push(made);
      items.push({ kind: 'group', group: made });
      byKey.set(key, id);
    }
    return { source: { kind: 'group', id }, at: identity(groups[id]!.vars) };
  };

  /** A read of tensor `name` at `at`: its view with coordinates substituted. */
  const read = (name: Name, at: readonly Affine[]): Ref => {
    const v = views.get(name)!;
    const sub = Object.fromEntries(at.map((a, t) => [coord(t), a]));
    return { source: v.source, at: v.at.map((a) => substAffine(a, sub)) };
  };

  const lowerExpr = (e: Expr, ctx: readonly Binder[]): { ref: Ref; free: Set<Name> } => {
    const names = new Set(ctx.map((b) => b.index));
    const inCtx = (s: Set<Name>): Set<Name> => new Set([...s].filter((v) => names.has(v)));
    switch (e.kind) {
      case 'read': {
        const ref = read(e.tensor, e.at);
        return { ref, free: inCtx(affineVars(ref.at)) };
      }
      case 'const': {
        const free = inCtx(realVars(e.value, new Set()));
        const vars = domainOf(free, ctx);
        return { ref: group((id) => ({ kind: 'const', id, vars, value: e.value })), free: new Set(vars.map((b) => b.index)) };
      }
      case 'op': {
        const args = e.args.map((a) => lowerExpr(a, ctx));
        const vars = domainOf(new Set(args.flatMap((a) => [...a.free])), ctx);
        return { ref: group((id) => ({ kind: 'op', id, vars, op: e.op, args: args.map((a) => a.ref) })), free: new Set(vars.map((b) => b.index)) };
      }
      case 'reduce': {
        const free = new Set<Name>();
        const terms = e.terms.map((t) => {
          const inner = [...ctx, ...t.binders];
          const body = lowerExpr(t.body, inner);
          const own = new Set(t.binders.map((b) => b.index));
          for (const v of [...body.free, ...affineVars(t.binders.flatMap((b) => [b.lo, b.hi]))]) if (!own.has(v) && names.has(v)) free.add(v);
          return { binders: t.binders, body: body.ref };
        });
        const vars = domainOf(free, ctx);
        return { ref: group((id) => ({ kind: 'reduce', id, vars, op: e.op, terms })), free: new Set(vars.map((b) => b.index)) };
      }
    }
  };

  // Steps in an order where every tensor a step reads is lowered before it.
  const steps = new Map(program.steps.map((s) => [s.name, s]));
  const done = new Set<Name>();
  const readsOf = (s: Step): Name[] => {
    if (s.kind === 'call') return [...s.args];
    const out: Name[] = [];
    const walk = (e: Expr): void => {
      if (e.kind === 'read') out.push(e.tensor);
      else if (e.kind === 'op') e.args.forEach(walk);
      else if (e.kind === 'reduce') for (const t of e.terms) walk(t.body);
    };
    walk(s.body);
    return out;
  };
  const visit = (s: Step): void => {
    if (done.has(s.name)) return;
    done.add(s.name);
    for (const r of readsOf(s)) {
      const dep = steps.get(r);
      if (dep) visit(dep);
    }
    if (s.kind === 'call') {
      const call: CallItem = { index: calls.length, step: s, args: s.args.map((a) => views.get(a)!) };
      calls.push(call);
      items.push({ kind: 'call', call });
      const rank = outputRank(bundle, bundle.programs[s.program]!);
      views.set(s.name, { source: { kind: 'call', index: call.index }, at: Array.from({ length: rank }, (_, t) => ({ constant: 0, coefficients: { [coord(t)]: 1 } })) });
      return;
    }
    const { ref } = lowerExpr(s.body, s.binders);
    const sub = Object.fromEntries(s.binders.map((b, t) => [b.index, { constant: 0, coefficients: { [coord(t)]: 1 } }]));
    views.set(s.name, { source: ref.source, at: ref.at.map((a) => substAffine(a, sub)) });
  };
  for (const s of program.steps) visit(s);
  return { program, items, groups, calls, output: views.get(program.output)! };
}
