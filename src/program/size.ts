/**
 * The symbolic size of a program: for every node kind (each operation, `input`, `const`), the
 * number of nodes as an exact polynomial in the root program's size parameters, and for every
 * iterated operation the total number of its operands. Derived from the groups' nested ranges by
 * closed-form sums (Faulhaber), calls substituted, repetitions multiplied; the operator-level
 * family must have exactly these counts at every size (the family check compares them).
 */
import type { Affine, Binder, Bundle, Name, Program } from './ast.js';
import { Sizes } from './affine.js';
import { lower } from './groups.js';
import { Poly, volume } from './poly.js';

export interface SymbolicSize {
  /** Nodes of each kind. */
  readonly counts: ReadonlyMap<string, Poly>;
  /** Operands of all nodes of each iterated operation. */
  readonly operands: ReadonlyMap<string, Poly>;
}

/** `p` over the nested ranges of `binders` (innermost first), summed. */
function sumOver(p: Poly, binders: readonly Binder[]): Poly {
  let out = p;
  for (let t = binders.length - 1; t >= 0; t--) out = out.sumOver(binders[t]!.index, Poly.fromAffine(binders[t]!.lo), Poly.fromAffine(binders[t]!.hi));
  return out;
}

const shapeVolume = (shape: readonly Affine[]): Poly => shape.reduce((v, s) => v.mul(Poly.fromAffine(s)), Poly.constant(1));

/** Derived sizes replaced by their definitions (polynomials in the parameters). */
function toParams(program: Program): (p: Poly) => Poly {
  const sizes = new Sizes(program.sizes, program.derived);
  const defs = [...sizes.derived].map(([name, lin]) => [name, [...lin.coefficients].reduce((q, [v, c]) => q.add(Poly.variable(v).scale(c)), Poly.constant(lin.constant))] as const);
  return (p) => defs.reduce((q, [name, def]) => q.subst(name, def), p);
}

function add(m: Map<string, Poly>, k: string, p: Poly): void {
  m.set(k, (m.get(k) ?? Poly.ZERO).add(p));
}

export function symbolicSize(bundle: Bundle): SymbolicSize {
  const memo = new Map<Name, SymbolicSize>();
  const of = (program: Program): SymbolicSize => {
    const hit = memo.get(program.name);
    if (hit) return hit;
    const counts = new Map<string, Poly>();
    const operands = new Map<string, Poly>();
    const lowered = lower(program, bundle);
    for (const w of program.weights) add(counts, 'const', shapeVolume(w.shape));
    for (const item of lowered.items) {
      if (item.kind === 'group') {
        const g = item.group;
        const n = volume(
          g.vars.map((b) => b.index),
          g.vars.map((b) => b.lo),
          g.vars.map((b) => b.hi),
        );
        add(counts, g.kind === 'const' ? 'const' : g.op, n);
        if (g.kind === 'reduce') add(operands, g.op, sumOver(g.terms.reduce((s, t) => s.add(sumOver(Poly.constant(1), t.binders)), Poly.ZERO), g.vars));
        continue;
      }
      const { step } = item.call;
      const callee = of(bundle.programs[step.program]!);
      const reps = step.repeat ? Poly.fromAffine(step.repeat) : Poly.constant(1);
      const bind = (p: Poly): Poly => Object.entries(step.sizes).reduce((q, [v, a]) => q.subst(v, Poly.fromAffine(a)), p).mul(reps);
      for (const [k, p] of callee.counts) add(counts, k, bind(p));
      for (const [k, p] of callee.operands) add(operands, k, bind(p));
    }
    const params = toParams(program);
    const done: SymbolicSize = { counts: new Map([...counts].map(([k, p]) => [k, params(p)])), operands: new Map([...operands].map(([k, p]) => [k, params(p)])) };
    memo.set(program.name, done);
    return done;
  };
  const root = bundle.programs[bundle.root]!;
  const own = of(root);
  const counts = new Map(own.counts);
  const inputs = root.inputs.reduce((s, t) => s.add(shapeVolume(t.shape)), Poly.ZERO);
  if (!inputs.isZero()) counts.set('input', toParams(root)(inputs));
  return { counts, operands: own.operands };
}

/** All operation nodes (every kind but `input` and `const`). */
export function operationCount(s: SymbolicSize): Poly {
  return [...s.counts].filter(([k]) => k !== 'input' && k !== 'const').reduce((t, [, p]) => t.add(p), Poly.ZERO);
}

export const evalCount = (p: Poly, env: Readonly<Record<Name, number>>): number => {
  const v = p.eval(env);
  if (!v.isInteger()) throw new RangeError(`a node count ${p} is not an integer at ${JSON.stringify(env)}`);
  return Number(v.num);
};

