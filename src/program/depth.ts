/**
 * The symbolic depth of a program: the longest path from its inputs to its output as a formula in
 * the operations' depth symbols (d_mul, d_plus, d_exp, ...), with coefficients polynomial in the
 * sizes (a repetition count multiplies). A node costs its operation's symbol after its latest
 * operand, so a tensor's depth is the maximum over the paths into it: a set of linear forms of
 * which none dominates another (usually one). Derived from the groups, step by step, never from
 * the generated graph; the family check compares it with the longest path measured there.
 */
import { Rational } from '../core/rational.js';
import type { Bundle, Name, Program } from './ast.js';
import { lower } from './groups.js';
import { Poly } from './poly.js';

/** A path length: sum over symbols of coefficient * symbol, from input `from` (null: from constants). */
export interface DepthTerm {
  readonly from: number | null;
  readonly vec: ReadonlyMap<Name, Poly>;
}

type Terms = readonly DepthTerm[];

/** Whether q >= 0 for every admissible size (each parameter v = min + step * v', coefficients of the shifted polynomial non-negative). */
function nonNegative(q: Poly, program: Program): boolean {
  let shifted = q;
  for (const s of program.sizes) shifted = shifted.subst(s.name, Poly.constant(s.min).add(Poly.variable(s.name).scale(Rational.of(s.step))));
  return [...shifted.terms.values()].every(({ c }) => c.sign() >= 0);
}

function dominates(a: DepthTerm, b: DepthTerm, program: Program): boolean {
  if (a.from !== b.from) return false;
  const symbols = new Set([...a.vec.keys(), ...b.vec.keys()]);
  return [...symbols].every((s) => nonNegative((a.vec.get(s) ?? Poly.ZERO).sub(b.vec.get(s) ?? Poly.ZERO), program));
}

function prune(terms: Terms, program: Program): DepthTerm[] {
  const out: DepthTerm[] = [];
  for (const t of terms) {
    if (out.some((o) => dominates(o, t, program))) continue;
    for (let i = out.length - 1; i >= 0; i--) if (dominates(t, out[i]!, program)) out.splice(i, 1);
    out.push(t);
  }
  return out;
}

const addVec = (a: ReadonlyMap<Name, Poly>, b: ReadonlyMap<Name, Poly>): Map<Name, Poly> => {
  const out = new Map(a);
  for (const [s, p] of b) out.set(s, (out.get(s) ?? Poly.ZERO).add(p));
  return out;
};
const mapVec = (a: ReadonlyMap<Name, Poly>, f: (p: Poly) => Poly): Map<Name, Poly> => new Map([...a].map(([s, p]) => [s, f(p)]));

/** The depth of each output element of `program` as terms from its inputs (polynomials in its parameters). */
function transfer(bundle: Bundle, program: Program, memo: Map<Name, Terms>): Terms {
  const hit = memo.get(program.name);
  if (hit) return hit;
  const lowered = lower(program, bundle);
  const ops = new Map(bundle.operations.operations.map((o) => [o.name, o]));
  const groupDepth: Terms[] = [];
  const callDepth: Terms[] = [];
  const ZERO_ABS: Terms = [{ from: null, vec: new Map() }];
  const refDepth = (ref: (typeof lowered.output)): Terms => {
    switch (ref.source.kind) {
      case 'group':
        return groupDepth[ref.source.id]!;
      case 'input':
        return [{ from: ref.source.index, vec: new Map() }];
      case 'weight':
        return ZERO_ABS;
      case 'call':
        return callDepth[ref.source.index]!;
    }
  };
  const after = (symbol: Name, inputs: Terms[]): Terms => prune(inputs.flat().map((t) => ({ from: t.from, vec: addVec(t.vec, new Map([[symbol, Poly.constant(1)]])) })), program);
  for (const item of lowered.items) {
    if (item.kind === 'group') {
      const g = item.group;
      groupDepth[g.id] = g.kind === 'const' ? ZERO_ABS : g.kind === 'op' ? after(ops.get(g.op)!.depth, g.args.map(refDepth)) : after(ops.get(g.op)!.depth, g.terms.map((t) => refDepth(t.body)));
      continue;
    }
    const { step, args } = item.call;
    const callee = bundle.programs[step.program]!;
    const bind = (p: Poly): Poly => Object.entries(step.sizes).reduce((q, [v, a]) => q.subst(v, Poly.fromAffine(a)), p);
    let f: Terms = transfer(bundle, callee, memo).map((t) => ({ from: t.from, vec: mapVec(t.vec, bind) }));
    if (step.repeat) {
      // f^m: every run adds the longest input-to-output path; constants' paths start late.
      const m = Poly.fromAffine(step.repeat);
      const fromInput = f.filter((t) => t.from !== null);
      const absolute = f.filter((t) => t.from === null);
      f = [
        ...fromInput.map((a) => ({ from: 0, vec: mapVec(a.vec, (p) => p.mul(m)) })),
        ...absolute.flatMap((c) => (fromInput.length === 0 ? [c] : fromInput.map((a) => ({ from: null, vec: addVec(c.vec, mapVec(a.vec, (p) => p.mul(m.sub(Poly.constant(1))))) })))),
      ];
    }
    const argDepth = args.map(refDepth);
    callDepth[item.call.index] = prune(
      f.flatMap((t) => (t.from === null ? [t] : argDepth[t.from]!.map((a) => ({ from: a.from, vec: addVec(a.vec, t.vec) })))),
      program,
    );
  }
  const out = refDepth(lowered.output);
  memo.set(program.name, out);
  return out;
}

/** The longest input-to-output path of the bundle's root program, as linear forms (none dominated). */
export function symbolicDepth(bundle: Bundle): DepthTerm[] {
  const root = bundle.programs[bundle.root]!;
  return prune(transfer(bundle, root, new Map()).map((t) => ({ from: null, vec: t.vec })), root);
}

/** At concrete sizes: gate layers (built symbols at their measured depths) and the remaining symbols, componentwise maximum over the terms. */
export function evaluateDepth(terms: readonly DepthTerm[], env: Readonly<Record<Name, number>>, measured: ReadonlyMap<Name, number>): Record<string, number> {
  const out: Record<string, number> = { gates: 0 };
  for (const t of terms) {
    const v: Record<string, number> = { gates: 0 };
    for (const [s, p] of t.vec) {
      const c = Number(p.eval(env).num);
      const m = measured.get(s);
      if (m !== undefined) v.gates! += c * m;
      else v[s] = (v[s] ?? 0) + c;
    }
    for (const [s, x] of Object.entries(v)) out[s] = Math.max(out[s] ?? 0, x);
  }
  return out;
}

/** `5 d_mul + 3 d_plus + d_exp + d_div` (built operations' symbols first, in table order); several terms as max(...). */
export function showDepth(terms: readonly DepthTerm[], bundle: Bundle): string {
  const ops = bundle.operations.operations;
  const order = [...new Set([...ops.filter((o) => !o.assumed), ...ops.filter((o) => o.assumed)].map((o) => o.depth))];
  const rank = (s: Name): number => (order.includes(s) ? order.indexOf(s) : order.length);
  const one = (t: DepthTerm): string => {
    const parts = [...t.vec]
      .filter(([, p]) => !p.isZero())
      .sort(([a], [b]) => rank(a) - rank(b) || (a < b ? -1 : 1))
      .map(([s, p]) => {
        const text = p.toString();
        if (text === '1') return s;
        return /^[0-9/]+$/.test(text) || /^[A-Za-z0-9^*/]+$/.test(text) ? `${text} ${s}` : `(${text}) ${s}`;
      });
    return parts.length === 0 ? '0' : parts.join(' + ');
  };
  return terms.length === 1 ? one(terms[0]!) : `max(${terms.map(one).join(', ')})`;
}
