import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ALL, FORMULAS, ONE, commutator, compile, evalFormula, formulaDepth, inv, isFiveCycle, mul, product, runProgram, same, show, toMatrixBits } from '../../src/model/s5.js';
import { PADDED_LENGTH, closureByAutomaton, closureByBruteForce, fmByAutomaton, fmByBruteForce, fmByGroupCriterion, generated, linkedPairs, randomFmInstance, paddedWord, s5WordToFm } from '../../src/model/hardness.js';
import { Rng } from '../../src/model/rng.js';
import { MODELS, PROPERTIES } from '../../src/model/registry.js';
import { CONSTRUCTIONS } from '../../src/circuit/registry.js';
import { evaluatePorts } from '../../src/circuit/evaluate.js';
import { checkEquivalence } from '../../src/verify/checks/equivalence.js';
import { measure } from '../../src/circuit/metrics.js';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '../..');
const A = [1, 2, 3, 4, 0];
const B = [2, 0, 4, 1, 3];
const ctx = { budgetBits: 20, samples: 300, seed: 5 };

describe('S5 and Barrington', () => {
  it('the commutator of (0 1 2 3 4) and (0 2 4 3 1) is the 5-cycle lean/TC0/S5.lean decides', () => {
    expect(commutator(A, B)).toEqual([2, 4, 1, 0, 3]);
    expect(isFiveCycle(commutator(A, B))).toBe(true);
    expect(isFiveCycle([1, 0, 2, 3, 4])).toBe(false);
    expect(mul(A, inv(A))).toEqual(ONE);
  });
  it('compiles every formula to a program that is right on every input, within 4^depth', () => {
    for (let f = 0; f < FORMULAS.length; f++) expect(PROPERTIES.get('hard.barrington')!.check({ f }, ctx).holds, FORMULAS[f]!.name).toBe(true);
  });
  it('a program with one instruction dropped is caught (the check can fail)', () => {
    const { f, vars } = FORMULAS[0]!;
    const prog = compile(f).slice(1);
    const wrong = Array.from({ length: 2 ** vars }, (_, bits) => Array.from({ length: vars }, (_, i) => ((bits >> i) & 1) === 1)).some(
      (x) => !same(runProgram(prog, x), evalFormula(f, x) ? commutator(A, B) : ONE),
    );
    expect(wrong).toBe(true);
    expect(compile(f).length).toBeLessThanOrEqual(4 ** formulaDepth(f));
  });
});

describe('fixed membership and closure', () => {
  it('decides small instances by hand, three ways', () => {
    const h = [ONE, A];
    const deciders = [fmByGroupCriterion, fmByAutomaton, fmByBruteForce];
    const all = (inst: Parameters<typeof fmByAutomaton>[0]) => deciders.map((d) => d(inst));
    expect(all({ h, P: [[ONE, ONE]], u: [], v: [0] })).toEqual([true, true, true]);
    expect(all({ h, P: [[ONE, ONE]], u: [1], v: [0] })).toEqual([false, false, false]);
    expect(all({ h, P: [[A, ONE]], u: [1], v: [0] })).toEqual([true, true, true]);
    // v = a: prefix products run through every power of (0 1 2 3 4), so every one recurs.
    expect(all({ h, P: [[mul(A, A), ONE]], u: [], v: [1] })).toEqual([true, true, true]);
  });
  it('handles semigroups that are not groups', () => {
    const c0 = [0, 0, 0];
    const swap = [1, 0, 2];
    const h = [swap, c0];
    expect(generated(h).length).toBe(4); // swap, identity, the constants 0 and 1
    expect(linkedPairs(generated(h)).some(([s, e]) => same(s, c0) && same(e, c0))).toBe(true);
    for (const d of [fmByAutomaton, fmByBruteForce]) {
      expect(d({ h, P: [[c0, c0]], u: [0], v: [1] })).toBe(true); // swap c0 c0 c0 ...
      expect(d({ h, P: [[[0, 1, 2], [0, 1, 2]]], u: [], v: [0, 1] })).toBe(false); // the constant absorbs
      expect(d({ h, P: [[[0, 1, 2], [0, 1, 2]]], u: [], v: [0] })).toBe(true); // (swap swap)^omega
    }
  });
  it('the three deciders agree on random instances, members and non-members both', () => {
    const rng = new Rng(11);
    const answers = Array.from({ length: 400 }, () => {
      const inst = randomFmInstance(rng, 4);
      const a = fmByAutomaton(inst);
      expect(fmByBruteForce(inst)).toBe(a);
      if (inst.h.every((x) => new Set(x).size === x.length)) expect(fmByGroupCriterion(inst)).toBe(a);
      return a;
    });
    expect(answers.filter(Boolean).length).toBeGreaterThan(40);
    expect(answers.filter((x) => !x).length).toBeGreaterThan(40);
  });
  it('the S5 word problem reduces to fixed membership', () => {
    const w = [A, B, inv(mul(A, B))];
    expect(fmByGroupCriterion(s5WordToFm(w))).toBe(true);
    expect(fmByAutomaton(s5WordToFm([A, B]))).toBe(false);
  });
  it('closure: automaton and brute force agree, by hand too', () => {
    expect(closureByAutomaton([0, 0, 0, 0, 0])).toBe(true); // a^5 = 1
    expect(closureByAutomaton([1, 1])).toBe(true); // b^2 = 1
    expect(closureByAutomaton([0, 1])).toBe(false);
    expect(closureByBruteForce([0, 0, 0, 0, 0, 1, 1])).toBe(true);
    expect(closureByBruteForce([0, 1, 0])).toBe(false);
    expect(PROPERTIES.get('hard.closure')!.check({ len: 10, count: 200 }, ctx).holds).toBe(true);
  });
  it('closure: the Lean reduction substitutes exactly the padded words of paddedWord (lean/TC0/ClosureTable.lean, S5.table)', () => {
    const text = readFileSync(join(ROOT, 'lean/TC0/ClosureTable.lean'), 'utf8');
    const entries = [...text.matchAll(/^\s*\(\[(\d), (\d), (\d), (\d), (\d)\], \[([.ab, ]*)\]\)/gm)].map((m) => ({
      perm: m.slice(1, 6).map(Number),
      word: m[6]!.split(',').map((x) => (x.trim() === '.a' ? 0 : x.trim() === '.b' ? 1 : -1)),
    }));
    expect(entries).toHaveLength(ALL.length);
    for (const p of ALL) {
      const e = entries.find((x) => same(x.perm, p));
      expect(e, show(p)).toBeDefined();
      expect(e!.word, show(p)).toEqual(paddedWord(p));
      expect(paddedWord(p)).toHaveLength(PADDED_LENGTH);
    }
  });
});

describe('the S5 word-problem circuit', () => {
  it('answers by hand, agrees with the model on sampled words, and has depth 2 ceil(log2 n) + 1', () => {
    const c = CONSTRUCTIONS.get('hard.s5-word.tree')!.build({ n: 3 });
    const run = (w: ReadonlyArray<readonly number[]>) => evaluatePorts(c, w.map((p) => toMatrixBits(p)))[0];
    expect(run([A, B, inv(mul(A, B))])).toBe(1n);
    expect(run([A, B, A])).toBe(0n);
    expect(same(product([A, B, inv(mul(A, B))]), ONE)).toBe(true);
    expect(checkEquivalence(c, MODELS.get('hard.s5-word')!, { n: 3 }, ctx).outcome.status).toBe('unknown');
    for (const [n, d] of [[1, 1], [2, 3], [3, 5], [4, 5], [5, 7], [64, 13]] as const) expect(measure(CONSTRUCTIONS.get('hard.s5-word.tree')!.build({ n })).depth).toBe(d);
  });
});
