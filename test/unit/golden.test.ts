/** Emitted SMT-LIB and Lean text, pinned: a review shows exactly how generated proofs change. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CONSTRUCTIONS } from '../../src/circuit/registry.js';
import { emitEquivalence, emitProbe, emitQueries } from '../../src/gen/smt/emit.js';
import { SMT_MODELS } from '../../src/gen/smt/models.js';
import { assemble, emitInstance, emitTheorem, parseChecker } from '../../src/gen/lean/emit.js';
import { LEAN_MODELS } from '../../src/gen/lean/models.js';
import { LEAN_FAMILIES } from '../../src/gen/lean/families.js';

const add2 = CONSTRUCTIONS.get('int.add')!.build({ p: 2 });
const cmp3 = CONSTRUCTIONS.get('int.compare.exp')!.build({ p: 3 });
const meta = (model: string, p: number) => ({ spec: model, obligation: `${model}/x/p=${p}`, params: { p }, model });

describe('golden emitted text', () => {
  it('SMT-LIB for the 2-bit adder and the 3-bit comparator', async () => {
    await expect(emitEquivalence(add2, SMT_MODELS.get('int.add')!({ p: 2 }, add2.signature()), meta('int.add', 2))).toMatchFileSnapshot('../golden/int-add-p2.smt2');
    await expect(emitEquivalence(cmp3, SMT_MODELS.get('int.compare')!({ p: 3 }, cmp3.signature()), meta('int.compare', 3))).toMatchFileSnapshot('../golden/int-compare-p3.smt2');
    await expect(emitEquivalence(cmp3, SMT_MODELS.get('int.compare')!({ p: 3 }, cmp3.signature()), meta('int.compare', 3), 'pb')).toMatchFileSnapshot('../golden/int-compare-p3-pb.smt2');
    const fmul2 = CONSTRUCTIONS.get('float.mul')!.build({ p: 2 });
    await expect(emitEquivalence(fmul2, SMT_MODELS.get('float.mul')!({ p: 2 }, fmul2.signature()), meta('float.mul', 2))).toMatchFileSnapshot('../golden/float-mul-p2.smt2');
    const fadd2 = CONSTRUCTIONS.get('float.add')!.build({ p: 2 });
    const queries = emitQueries(fadd2, SMT_MODELS.get('float.add')!({ p: 2 }, fadd2.signature()), meta('float.add', 2), { splits: true });
    const shown = [queries.find((q) => q.label === 'cut mag, d = 1')!, queries.find((q) => q.label === 'rest, lead = 5')!, queries.find((q) => q.label === 'cover lead')!];
    await expect([queries.map((q) => `; ${q.label}`).join('\n'), ...shown.map((q) => q.text)].join('\n')).toMatchFileSnapshot('../golden/float-add-p2-decomposed.smt2');
    await expect(emitProbe(add2, SMT_MODELS.get('int.add')!({ p: 2 }, add2.signature()), meta('int.add', 2), [3n, 1n])).toMatchFileSnapshot('../golden/int-add-p2-probe.smt2');
  });
  it('a case query is the query it splits plus one assumption, the case; the cases of a split are all there', () => {
    const fadd3 = CONSTRUCTIONS.get('float.add')!.build({ p: 3 });
    const enc = SMT_MODELS.get('float.add')!({ p: 3 }, fadd3.signature());
    const h = meta('float.add', 3);
    const code = (text: string): string[] => text.split('\n').filter((l) => !l.startsWith(';'));
    const plain = new Map(emitQueries(fadd3, enc, h).map((q) => [q.label, code(q.text)]));
    const cased = emitQueries(fadd3, enc, h, { splits: true });
    const splits = { 'cut mag': enc.taps!.mag!.split!, rest: enc.split! };
    for (const [label, split] of Object.entries(splits)) {
      const cases = cased.filter((q) => q.label.startsWith(`${label}, `));
      expect(cases.map((q) => q.label)).toEqual(split.cases.map((k) => `${label}, ${split.name} ${k.label}`));
      for (const [i, q] of cases.entries()) {
        const lines = code(q.text);
        const when = `(assert ${split.cases[i]!.when(split.term)})`;
        expect(lines.filter((l) => l === when), q.label).toHaveLength(1);
        expect(lines.filter((l) => l !== when), q.label).toEqual(plain.get(label));
      }
      expect(cased.filter((q) => q.label === `cover ${split.name}`)).toHaveLength(1);
    }
  });
  it('a split the model marks byDefault is used unless splits: false (float.mul from p = 8: the product cut on bits of b)', () => {
    const fmul8 = CONSTRUCTIONS.get('float.mul')!.build({ p: 8 });
    const enc = SMT_MODELS.get('float.mul')!({ p: 8 }, fmul8.signature());
    const h = meta('float.mul', 8);
    const split = enc.taps!.prod!.split!;
    expect(split.byDefault).toBe(true);
    expect(split.term).toBe('((_ extract 6 5) in_b)');
    expect(split.cases.map((k) => k.label)).toEqual(['= 0', '= 1', '= 2', '= 3']);
    const labels = (qs: ReturnType<typeof emitQueries>) => qs.map((q) => q.label);
    expect(labels(emitQueries(fmul8, enc, h))).toEqual(['cut prod, b[6:5] = 0', 'cut prod, b[6:5] = 1', 'cut prod, b[6:5] = 2', 'cut prod, b[6:5] = 3', 'cover b[6:5]', 'rest']);
    expect(labels(emitQueries(fmul8, enc, h, { splits: false }))).toEqual(['cut prod', 'rest']);
    // Below p = 8 the cut stays one query; float.add's splits are not byDefault.
    const fmul6 = CONSTRUCTIONS.get('float.mul')!.build({ p: 6 });
    expect(labels(emitQueries(fmul6, SMT_MODELS.get('float.mul')!({ p: 6 }, fmul6.signature()), meta('float.mul', 6)))).toEqual(['cut prod', 'rest']);
    const fadd3 = CONSTRUCTIONS.get('float.add')!.build({ p: 3 });
    expect(labels(emitQueries(fadd3, SMT_MODELS.get('float.add')!({ p: 3 }, fadd3.signature()), meta('float.add', 3)))).toEqual(['cut mag', 'rest']);
  });
  it('Lean for the 2-bit adder and a theorem block', async () => {
    const block = emitInstance(add2, LEAN_MODELS.get('int.add')!({ p: 2 }, add2.signature()), meta('int.add', 2), { depth: 2n, size: 9n }, LEAN_FAMILIES.get('int.add')!({ p: 2 }));
    const thm = emitTheorem({ name: 'size_ok', statement: '∀ c₁ c₂ : Circuit, (seq c₁ c₂).size = c₁.size + c₂.size', proof: 'size_seq' }, { spec: 'lean.compose', obligation: 'lean.compose/lean:size_ok', params: {} });
    // The checker's body stands in for lean/Checker.lean, which every generated file carries inline.
    const checker = { ...parseChecker(readFileSync(new URL('../../lean/Checker.lean', import.meta.url), 'utf8')), body: '-- (lean/Checker.lean without its header)' };
    await expect(assemble([block, thm], 'golden', ['TC0.Circuit', 'TC0.Compose', 'TC0.Arith.Basic', 'TC0.Arith.Int'], checker).text).toMatchFileSnapshot('../golden/int-add-p2.lean');
  });
  it('names a Lean family only for registered constructions, at the instance it is given', () => {
    for (const name of LEAN_FAMILIES.keys()) expect(CONSTRUCTIONS.has(name)).toBe(true);
    expect(LEAN_FAMILIES.get('int.iter-add')!({ k: 3, p: 2 })).toBe('TC0.Arith.iterAdd 3 2');
    expect(LEAN_FAMILIES.get('fixed.add')!({ i: 2, f: 1 })).toBe('TC0.Arith.fixedAdd 3');
    expect(LEAN_FAMILIES.get('fixed.compare')!({ i: 1, f: 0 })).toBe('TC0.Arith.fixedCompare 1');
    const block = emitInstance(cmp3, LEAN_MODELS.get('int.compare')!({ p: 3 }, cmp3.signature()), meta('int.compare', 3), {});
    expect(block).not.toContain('is_family');
  });
});
