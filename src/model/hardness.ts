/**
 * The NC1-hard problems of the paper's lower bound, executable, each decided two ways.
 *
 * Fixed membership (Fleischer-Kufleitner): a fixed morphism h from words over a finite alphabet
 * to a finite semigroup S and a set P of linked pairs (s, e) (e idempotent, s e = s);
 * [P] = union of h^-1(s) (h^-1(e))^omega. Input u, v (v non-empty); question: u v^omega in [P]?
 * The instances here map into S5 (a group: its only idempotent is the identity, so the linked
 * pairs are (s, 1)). Decided
 *  - by the prefix-product criterion: u v^omega in h^-1(s) (h^-1(1))^omega iff s is the product of
 *    a prefix of u v^omega at infinitely many positions (cut where the prefix product returns to
 *    s), i.e. s = h(u) h(v)^q h(v[0, r)) for some q below the order of h(v) and r < |v|;
 *  - by brute force: a depth-first search for a factorization x0 x1 x2 ... (blocks non-empty,
 *    products multiplied letter by letter), which succeeds when it returns to a cut position with
 *    the same offset in the period, so that the blocks since then repeat forever.
 * The S5 word problem reduces to it: w -> (u = w, v = a neutral letter), P = {(1, 1)}.
 *
 * Closure: the paper's (A_{F,r})* could not be recovered from the text; we use the star of
 * L0 = { w in {a, b}+ : the product of w is the identity } with a = (0 1 2 3 4), b = (0 1)
 * (generators of S5). Membership in L0* is decided by its 120-state automaton (states are the
 * group elements) and by brute force over factorizations into L0 blocks. It is NC1-hard: the S5
 * word problem reduces to it by replacing each permutation with a fixed word over a, b.
 */
import type { Params } from '../core/params.js';
import { type Property, type PropertyResult, fails } from './model.js';
import { Rng } from './rng.js';
import { ALL, ONE, type Perm, inv, mul, product, randomPerm, same, show } from './s5.js';

const key = (p: Perm): number => ALL.findIndex((q) => same(p, q));

export interface FmInstance {
  /** h of each letter of the alphabet 0..k-1. */
  readonly h: readonly Perm[];
  /** Linked pairs (s, identity), by s. */
  readonly P: readonly Perm[];
  readonly u: readonly number[];
  readonly v: readonly number[];
}

function order(p: Perm): number {
  let k = 1;
  for (let x = p; !same(x, ONE); x = mul(x, p)) k++;
  return k;
}

/** The prefix-product criterion (groups). */
export function fmByCriterion({ h, P, u, v }: FmInstance): boolean {
  const hu = product(u.map((a) => h[a]!));
  const hv = product(v.map((a) => h[a]!));
  const reached: Perm[] = [];
  let base = hu;
  for (let q = 0; q < order(hv); q++, base = mul(base, hv)) {
    let x = base;
    for (let r = 0; r < v.length; r++) {
      reached.push(x);
      x = mul(x, h[v[r]!]!);
    }
  }
  return P.some((s) => reached.some((x) => same(x, s)));
}

/** Depth-first search for a factorization with non-empty blocks, letter by letter. */
export function fmByBruteForce({ h, P, u, v }: FmInstance): boolean {
  const letter = (i: number): Perm => h[i < u.length ? u[i]! : v[(i - u.length) % v.length]!]!;
  // A block's product returns to the identity within |S5| = 120 periods of v if it ever does.
  const horizon = u.length + 121 * v.length;
  const state = (i: number): number => (i < u.length ? i : u.length + ((i - u.length) % v.length));
  for (const s of P) {
    const seen = new Set<number>(); // cut states already explored without success
    const onPath = new Set<number>();
    // From a cut at position c: can the rest be cut into blocks of product 1 forever?
    const rest = (c: number): boolean => {
      const st = state(c);
      if (onPath.has(st)) return true; // a loop: repeat the blocks since the last visit
      if (seen.has(st)) return false;
      seen.add(st);
      onPath.add(st);
      let x = ONE;
      for (let j = c; j < c + horizon; j++) {
        x = mul(x, letter(j));
        if (same(x, ONE) && rest(j + 1)) return true;
      }
      onPath.delete(st);
      return false;
    };
    let x = ONE;
    for (let j = 0; j < horizon; j++) {
      x = mul(x, letter(j));
      if (same(x, s) && rest(j + 1)) return true;
    }
  }
  return false;
}

export function randomFmInstance(rng: Rng, maxLen: number): FmInstance {
  const k = 2 + rng.below(3);
  // Letters map to random permutations; a quarter of them to the identity (neutral letters), and
  // some to powers of one cycle, so that returns to a product are frequent.
  const c = randomPerm(rng);
  const h = Array.from({ length: k }, () => (rng.below(4) === 0 ? ONE : rng.below(2) === 0 ? Array.from({ length: rng.below(5) }).reduce<Perm>((x) => mul(x, c), ONE) : randomPerm(rng)));
  const word = (min: number) => Array.from({ length: min + rng.below(maxLen + 1 - min) }, () => rng.below(k));
  const u = word(0);
  const v = word(1);
  // P: the identity, a prefix product of the instance (often a member), or random elements.
  const P = [ONE, product(u.map((a) => h[a]!)), randomPerm(rng)].filter(() => rng.below(2) === 0);
  return { h, P, u, v };
}

/** The S5 word problem as a fixed-membership instance: u = w, v = the neutral letter. */
export function s5WordToFm(w: readonly Perm[]): FmInstance {
  const alphabet = [ONE, ...ALL.filter((p) => !same(p, ONE))];
  return { h: alphabet, P: [ONE], u: w.map((p) => alphabet.findIndex((q) => same(q, p))), v: [0] };
}

const showFm = ({ h, P, u, v }: FmInstance): string => `h = ${h.map(show).join(' ')}; P = ${P.map((s) => `(${show(s)}, 1)`).join(' ')}; u = ${u.join(' ')}; v = ${v.join(' ')}`;

export const fmProperty: Property = {
  name: 'hard.fixed-membership',
  description: 'fixed membership u v^omega in [P] by the prefix-product criterion and by brute-force search agree on `count` random instances (|u|, |v| <= maxlen), and the S5 word problem reduces to it on `count` random words',
  check({ count, maxlen }: Params, ctx): PropertyResult {
    const rng = new Rng(ctx.seed);
    let members = 0;
    for (let t = 0; t < count!; t++) {
      const inst = randomFmInstance(rng, maxlen!);
      const [a, b] = [fmByCriterion(inst), fmByBruteForce(inst)];
      if (a !== b) return fails(t + 1, `${showFm(inst)}: criterion says ${a}, brute force ${b}`, { exhaustive: false });
      if (a) members++;
    }
    let closed = 0;
    for (let t = 0; t < count!; t++) {
      const w = Array.from({ length: 1 + rng.below(maxlen! + 2) }, () => randomPerm(rng));
      if (rng.below(2) === 0) w.push(inv(product(w)));
      const want = same(product(w), ONE);
      const inst = s5WordToFm(w);
      const [a, b] = [fmByCriterion(inst), fmByBruteForce(inst)];
      if (a !== want || b !== want)
        return fails(count! + t + 1, `w = ${w.map(show).join(' ')}: word problem ${want}, fixed membership: criterion ${a}, brute force ${b}`, { exhaustive: false });
      if (want) closed++;
    }
    return {
      holds: true,
      cases: 2 * count!,
      exhaustive: false,
      note: `${count} random instances agree (${members} members); the reduction from the S5 word problem is right on ${count} random words (${closed} with product 1)`,
    };
  },
};

// ---------------------------------------------------------------------------------------------
// The closure problem.

export const GEN_A: Perm = [1, 2, 3, 4, 0];
export const GEN_B: Perm = [1, 0, 2, 3, 4];
const gen = (c: number): Perm => (c === 0 ? GEN_A : GEN_B);

/** The automaton: states are S5 elements, start and accept at the identity. */
export function closureByAutomaton(w: readonly number[]): boolean {
  let state = key(ONE);
  for (const c of w) state = key(mul(ALL[state]!, gen(c)));
  return state === key(ONE);
}

/** w in L0*: empty, or a non-empty prefix with product 1 followed by a word in L0*. */
export function closureByBruteForce(w: readonly number[], from = 0, memo = new Map<number, boolean>()): boolean {
  if (from === w.length) return true;
  const known = memo.get(from);
  if (known !== undefined) return known;
  let x = ONE;
  let ok = false;
  for (let j = from; j < w.length && !ok; j++) {
    x = mul(x, gen(w[j]!));
    if (same(x, ONE)) ok = closureByBruteForce(w, j + 1, memo);
  }
  memo.set(from, ok);
  return ok;
}

/** A shortest word over a, b for every permutation (breadth-first search). */
export const GENERATOR_WORDS: ReadonlyMap<number, readonly number[]> = (() => {
  const words = new Map<number, number[]>([[key(ONE), []]]);
  let frontier = [ONE];
  while (frontier.length > 0) {
    const next: Perm[] = [];
    for (const p of frontier)
      for (const c of [0, 1]) {
        const q = mul(p, gen(c));
        if (!words.has(key(q))) {
          words.set(key(q), [...words.get(key(p))!, c]);
          next.push(q);
        }
      }
    frontier = next;
  }
  return words;
})();

export const closureProperty: Property = {
  name: 'hard.closure',
  description: 'membership in L0* (L0: words over a = (0 1 2 3 4), b = (0 1) with product 1) by its automaton and by brute force agree on every word up to length len; the S5 word problem reduces to it on `count` random words',
  check({ len, count }: Params, ctx): PropertyResult {
    let cases = 0;
    let members = 0;
    for (let n = 0; n <= len!; n++)
      for (let bits = 0; bits < 2 ** n; bits++) {
        const w = Array.from({ length: n }, (_, i) => (bits >> i) & 1);
        cases++;
        const [a, b] = [closureByAutomaton(w), closureByBruteForce(w)];
        if (a !== b) return fails(cases, `w = ${w.map((c) => 'ab'[c]).join('')}: automaton ${a}, brute force ${b}`);
        if (a) members++;
      }
    const rng = new Rng(ctx.seed);
    const longest = Math.max(...[...GENERATOR_WORDS.values()].map((w) => w.length));
    for (let t = 0; t < count!; t++) {
      const w = Array.from({ length: 1 + rng.below(6) }, () => randomPerm(rng));
      if (rng.below(2) === 0) w.push(inv(product(w)));
      const image = w.flatMap((p) => GENERATOR_WORDS.get(key(p))!);
      if (closureByAutomaton(image) !== same(product(w), ONE) || closureByBruteForce(image) !== same(product(w), ONE))
        return fails(cases + t + 1, `w = ${w.map(show).join(' ')}: the reduction from the S5 word problem disagrees`, { exhaustive: false });
    }
    return {
      holds: true,
      cases: cases + count!,
      exhaustive: false,
      note: `all ${cases} words up to length ${len} agree (${members} members); the reduction (each permutation -> a word of length <= ${longest} over a, b) is right on ${count} random S5 words`,
    };
  },
};
