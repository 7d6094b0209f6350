/**
 * Permutations of five points and Barrington's theorem, executable.
 *
 * A permutation is the array of the images of 0..4; products are read left to right (`mul(p, q)`
 * applies p first), as in lean/TC0/S5.lean and in permutation programs.
 *
 * Barrington: a formula of depth d (AND/OR of fan-in 2, NOT free) becomes a permutation program
 * of length at most 4^d over S5 that yields a fixed 5-cycle sigma when the formula is true and the
 * identity when it is false. AND is the commutator of the programs for two 5-cycles whose
 * commutator is sigma; NOT multiplies the last instruction by sigma after building for sigma^-1.
 */
import type { Params } from '../core/params.js';
import { type Model, type Property, type PropertyResult, fails } from './model.js';
import type { Rng } from './rng.js';

export type Perm = readonly number[];

export const ONE: Perm = [0, 1, 2, 3, 4];
export const mul = (p: Perm, q: Perm): Perm => p.map((x) => q[x]!);
export const inv = (p: Perm): Perm => ONE.map((i) => p.indexOf(i));
export const same = (p: Perm, q: Perm): boolean => p.every((x, i) => x === q[i]);
/** Left-to-right product; `one` for maps of other sizes (transformation semigroups). */
export const product = (w: readonly Perm[], one: Perm = ONE): Perm => w.reduce(mul, one);
/** a b a^-1 b^-1, left to right (lean/TC0/S5.lean `commutator`). */
export const commutator = (a: Perm, b: Perm): Perm => mul(mul(mul(a, b), inv(a)), inv(b));
export function isFiveCycle(p: Perm): boolean {
  const seen = new Set<number>();
  for (let x = 0, k = 0; k < 5; k++, x = p[x]!) seen.add(x);
  return seen.size === 5;
}
export const show = (p: Perm): string => `[${p.join(' ')}]`;

/** All 120 permutations, in lexicographic order. */
export const ALL: readonly Perm[] = (() => {
  const out: number[][] = [];
  const go = (pre: number[]) => (pre.length === 5 ? out.push(pre) : ONE.filter((x) => !pre.includes(x)).forEach((x) => go([...pre, x])));
  go([]);
  return out;
})();

export const randomPerm = (rng: Rng): Perm => ALL[rng.below(ALL.length)]!;

// ---------------------------------------------------------------------------------------------
// The S5 word problem over 25-bit permutation matrices (the ports of hard.s5-word.tree).

export const toMatrixBits = (p: Perm): bigint => p.reduce((acc, j, i) => acc | (1n << BigInt(5 * i + j)), 0n);
export function fromMatrixBits(bits: bigint): Perm | undefined {
  const p: number[] = [];
  for (let i = 0; i < 5; i++) {
    const row = Number((bits >> BigInt(5 * i)) & 31n);
    if (row === 0 || (row & (row - 1)) !== 0) return undefined;
    p.push(Math.log2(row));
  }
  return new Set(p).size === 5 ? p : undefined;
}

export const s5WordModel: Model = {
  name: 'hard.s5-word',
  description: 'id = [the left-to-right product of the n permutation matrices is the identity]',
  signature: ({ n }) => ({ inputs: Array.from({ length: n! }, (_, t) => ({ name: `x${t}`, width: 25 })), outputs: [{ name: 'id', width: 1 }] }),
  domain: (xs) => xs.every((x) => fromMatrixBits(x) !== undefined),
  evaluate: (xs) => [same(product(xs.map((x) => fromMatrixBits(x)!)), ONE) ? 1n : 0n],
  show: (port, v) => (port === 'id' ? String(v) : show(fromMatrixBits(v) ?? [])),
  // Half the samples are words whose product is the identity (the last letter closes the word).
  sample: (rng, { n }) => {
    const w = Array.from({ length: n! }, () => randomPerm(rng));
    if (rng.below(2) === 0) w[n! - 1] = inv(product(w.slice(0, -1)));
    return w.map(toMatrixBits);
  },
};

// ---------------------------------------------------------------------------------------------
// Barrington's compiler.

export type Formula = { readonly v: number } | { readonly not: Formula } | { readonly and: readonly [Formula, Formula] } | { readonly or: readonly [Formula, Formula] };

export function evalFormula(f: Formula, x: readonly boolean[]): boolean {
  if ('v' in f) return x[f.v]!;
  if ('not' in f) return !evalFormula(f.not, x);
  if ('and' in f) return evalFormula(f.and[0], x) && evalFormula(f.and[1], x);
  return evalFormula(f.or[0], x) || evalFormula(f.or[1], x);
}

/** Depth counting AND and OR gates (NOT is free in Barrington's bound). */
export function formulaDepth(f: Formula): number {
  if ('v' in f) return 0;
  if ('not' in f) return formulaDepth(f.not);
  const [a, b] = 'and' in f ? f.and : f.or;
  return 1 + Math.max(formulaDepth(a), formulaDepth(b));
}

/** An instruction: read variable `v`, yield `ifTrue` or `ifFalse`. */
export interface Instruction {
  readonly v: number;
  readonly ifTrue: Perm;
  readonly ifFalse: Perm;
}

export const runProgram = (prog: readonly Instruction[], x: readonly boolean[]): Perm => product(prog.map((ins) => (x[ins.v] ? ins.ifTrue : ins.ifFalse)));

const ALPHA: Perm = [1, 2, 3, 4, 0]; // (0 1 2 3 4)
const BETA: Perm = [2, 0, 4, 1, 3]; // (0 2 4 3 1)
const GAMMA = commutator(ALPHA, BETA); // a 5-cycle (lean: commutator_fiveCycle)

/** tau with tau^-1 gamma tau = sigma (left to right), so conjugating alpha, beta by tau gives sigma. */
function conjugator(sigma: Perm): Perm {
  const tau = ALL.find((t) => same(mul(mul(inv(t), GAMMA), t), sigma));
  if (!tau) throw new RangeError(`${show(sigma)} is not a 5-cycle`);
  return tau;
}
const conj = (p: Perm, t: Perm): Perm => mul(mul(inv(t), p), t);

/** A program yielding `sigma` (a 5-cycle) where f is true and the identity where it is false. */
export function compile(f: Formula, sigma: Perm = GAMMA): Instruction[] {
  if ('v' in f) return [{ v: f.v, ifTrue: sigma, ifFalse: ONE }];
  if ('not' in f) {
    const prog = compile(f.not, inv(sigma));
    const last = prog[prog.length - 1]!;
    return [...prog.slice(0, -1), { v: last.v, ifTrue: mul(last.ifTrue, sigma), ifFalse: mul(last.ifFalse, sigma) }];
  }
  if ('or' in f) return compile({ not: { and: [{ not: f.or[0] }, { not: f.or[1] }] } }, sigma);
  const t = conjugator(sigma);
  const [a, b] = [conj(ALPHA, t), conj(BETA, t)];
  return [...compile(f.and[0], a), ...compile(f.and[1], b), ...compile(f.and[0], inv(a)), ...compile(f.and[1], inv(b))];
}

const v = (i: number): Formula => ({ v: i });
const and = (a: Formula, b: Formula): Formula => ({ and: [a, b] });
const or = (a: Formula, b: Formula): Formula => ({ or: [a, b] });
const not = (a: Formula): Formula => ({ not: a });
const xor = (a: Formula, b: Formula): Formula => or(and(a, not(b)), and(not(a), b));
const xorTree = (vars: number[]): Formula => (vars.length === 1 ? v(vars[0]!) : xor(xorTree(vars.slice(0, vars.length / 2)), xorTree(vars.slice(vars.length / 2))));
/** a > b for 3-bit a = x2 x1 x0 (vars 0..2, LSB first) and b (vars 3..5). */
const greater3 = (): Formula => {
  const gt = (i: number) => and(v(i), not(v(3 + i)));
  const eq = (i: number) => not(xor(v(i), v(3 + i)));
  return or(gt(2), and(eq(2), or(gt(1), and(eq(1), gt(0)))));
};

/** The formulas the `hard.barrington` property compiles, by index. */
export const FORMULAS: ReadonlyArray<{ readonly name: string; readonly vars: number; readonly f: Formula }> = [
  { name: 'majority of 3', vars: 3, f: or(or(and(v(0), v(1)), and(v(0), v(2))), and(v(1), v(2))) },
  { name: 'parity of 8', vars: 8, f: xorTree([0, 1, 2, 3, 4, 5, 6, 7]) },
  { name: 'a > b for 3-bit a, b', vars: 6, f: greater3() },
  { name: 'equality of 2-bit a, b', vars: 4, f: and(not(xor(v(0), v(2))), not(xor(v(1), v(3)))) },
  { name: 'x0 and not x0 (unsatisfiable)', vars: 1, f: and(v(0), not(v(0))) },
];

export const barringtonProperty: Property = {
  name: 'hard.barrington',
  params: { f: { description: 'index of the formula in FORMULAS (src/model/s5.ts)', min: 0, max: FORMULAS.length - 1 } },
  description: 'the permutation program compiled from formula number f yields the 5-cycle exactly where the formula is true, on every input, with length <= 4^depth',
  check({ f }: Params): PropertyResult {
    const entry = FORMULAS[f!];
    if (!entry) throw new RangeError(`hard.barrington: no formula number ${f} (0..${FORMULAS.length - 1})`);
    const prog = compile(entry.f);
    const depth = formulaDepth(entry.f);
    const row = { formula: entry.name, variables: entry.vars, depth, length: prog.length, 'bound 4^depth': 4 ** depth };
    if (prog.length > 4 ** depth) return fails(0, `program length ${prog.length} exceeds 4^${depth}`, { table: [row] });
    for (let bits = 0; bits < 2 ** entry.vars; bits++) {
      const x = Array.from({ length: entry.vars }, (_, i) => ((bits >> i) & 1) === 1);
      const out = runProgram(prog, x);
      const want = evalFormula(entry.f, x) ? GAMMA : ONE;
      if (!same(out, want))
        return fails(bits + 1, `${entry.name}, x = ${x.map(Number).join('')}: program yields ${show(out)}, expected ${show(want)}`, { table: [row] });
    }
    return { holds: true, cases: 2 ** entry.vars, exhaustive: true, table: [row], note: `${entry.name}: ${prog.length} instructions (4^${depth} = ${4 ** depth}), every one of the ${2 ** entry.vars} inputs` };
  },
};

export const commutatorProperty: Property = {
  name: 'hard.s5-commutator',
  params: {},
  description: 'the commutator of (0 1 2 3 4) and (0 2 4 3 1) is a 5-cycle, and every 5-cycle is a conjugate of it (so the AND step applies to any target)',
  check(): PropertyResult {
    const cycles = ALL.filter(isFiveCycle);
    if (!isFiveCycle(GAMMA)) return fails(1, `the commutator is ${show(GAMMA)}`);
    for (const s of cycles) conjugator(s); // throws if some 5-cycle is not a conjugate
    return { holds: true, cases: cycles.length, exhaustive: true, note: `commutator ${show(GAMMA)}; all ${cycles.length} 5-cycles are conjugates of it` };
  },
};
