/**
 * The bridge between an architecture program's Lean term and its TypeScript family
 * (src/gen/lean/bridge.ts, issue 14 item 5), without Lean: the TypeScript mirror of the Lean
 * definitions agrees with the family at the bridge's sizes and beyond, the generated statement is
 * the family's numbers (a different family gives a different statement, so Lean's `decide` sees
 * it), and a lowering that computes an operation over more indices than it mentions (the lowering
 * before the bridge) is caught. The Lean run itself is test/e2e/lean-bridge.test.ts.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Bundle } from '../../src/program/ast.js';
import { loadSpecs } from '../../src/spec/load.js';
import { knownNames } from '../../src/verify/session.js';
import { planObligations } from '../../src/verify/plan.js';
import { type CoreItem, type CoreStep, lowerProgram } from '../../src/gen/lean/arch.js';
import { BRIDGE_THEOREMS, bridgeBlock, bridgeData, familyTally, leanTally } from '../../src/gen/lean/bridge.js';
import { ROOT } from '../helpers/cli.js';

const set = loadSpecs(join(ROOT, 'specs'), knownNames(), ROOT);
const bundle = (name: string): Bundle => set.architectures.get(name)!.bundle as Bundle;
const EMITTED = ['ta-transformer', 'rope-ta-transformer', 'softmax-transformer', 'causal-transformer', 'rope-transformer'];

describe('the Lean program has the TypeScript family at small sizes (TypeScript mirror of Lean)', () => {
  it('shapes, input elements and node blocks agree for every emitted transformer, n = 1..3, d = 2, 4, m = 1, 2', () => {
    for (const name of EMITTED) {
      const low = lowerProgram(bundle(name));
      for (const n of [1, 2, 3])
        for (const d of [2, 4])
          for (const m of [1, 2]) {
            const f = familyTally(bundle(name), { n, d, m });
            const l = leanTally(low, { n, d, m });
            const where = `${name} n=${n} d=${d} m=${m}`;
            expect(l.shapes, where).toEqual(f.shapes);
            expect(l.embeds, where).toBe(f.embeds);
            expect(new Map([...l.steps].sort()), where).toEqual(new Map([...f.blocks].sort()));
            expect(l.embedSteps, where).toBe(f.inputBlocks);
            // The family's longest path has at most as many nodes of each kind as there are blocks of it.
            for (const [op, k] of Object.entries(f.path)) expect(k, `${where} ${op}`).toBeLessThanOrEqual(f.blocks.get(op) ?? 0);
          }
    }
  });

  it('catches a lowering that computes an operation over indices it does not mention', () => {
    // K1[j1, l] * K2[j2, l] inside the score sum over l for every (i, j1, j2): over (j1, j2, l) in
    // the family; put it back over (i, j1, j2, l), as the lowering did before, and the counts differ.
    const low = lowerProgram(bundle('ta-transformer'));
    let widened = false;
    const widen = (items: readonly CoreItem[]): CoreItem[] =>
      items.map((it) => {
        if (it.kind === 'repeat') return { ...it, body: widen(it.body) };
        const s = it.step;
        if (widened || s.body.kind !== 'apply' || s.body.op !== 'mul' || s.dom.length !== 3 || s.dom[0]!.hi.kind !== 'size' || s.dom[0]!.hi.at !== 0 || s.dom[1]!.hi.kind !== 'size' || s.dom[1]!.hi.at !== 0) return it;
        widened = true;
        const shift = (x: (typeof s.dom)[number]['hi']): typeof x => (x.kind === 'var' ? { kind: 'var', at: x.at + 1 } : x);
        const step: CoreStep = { dom: [{ lo: { kind: 'lit', value: 0 }, hi: { kind: 'size', at: 0 } }, ...s.dom], body: { ...s.body, terms: s.body.terms.map((t) => ({ ...t, ref: { ...t.ref, index: t.ref.index.map(shift) } })) } };
        return { kind: 'step', step };
      });
    const wide = { ...low, items: widen(low.items) };
    expect(widened).toBe(true);
    const f = familyTally(bundle('ta-transformer'), { n: 2, d: 2, m: 1 });
    expect(leanTally(low, { n: 2, d: 2, m: 1 }).shapes).toEqual(f.shapes);
    expect(leanTally(wide, { n: 2, d: 2, m: 1 }).shapes).not.toEqual(f.shapes);
  });
});

describe('the generated bridge obligation', () => {
  const data = bridgeData(bundle('ta-transformer'), { n: 1, d: 2, m: 1 });
  const block = bridgeBlock(data, 'x/lean:bridge/n=1', 'TC0Gen.x', 'ta-transformer');

  it("states the family's numbers about the library's program, for every choice of operation circuits and depths", () => {
    expect(data.program).toBe('(Programs.taTransformer 1)');
    expect(data.sizes).toBe('[1, 2]');
    const mul = data.family.shapes.find((s) => s.op === 'mul' && s.arity === 2)!;
    expect(block).toContain(`theorem size_eq (C : OpCircuits FloatOp) : (Programs.taTransformer 1).size C [1, 2] = ${data.family.embeds} + `);
    expect(block).toContain(`${mul.count} * (C.circ FloatOp.mul 2).size`);
    expect(block).toContain(`((FloatOp.mul, 2), ${mul.count})`);
    expect(block).toContain(`theorem depth_eq (D : FloatOp → Nat) : (Programs.taTransformer 1).depthBound D = ${data.family.inputBlocks} + `);
    expect(block).toContain(`${data.family.blocks.get('mul')} * D FloatOp.mul`);
    // The library lemmas that turn Lean's evaluation into the statements, and the audit of all four theorems.
    expect(block).toContain('Program.size_eq_tally');
    expect(block).toContain('Program.depthBound_eq_tally');
    expect(block).toContain('size_compile [1, 2] W hC _ (Programs.taTransformer_typed 1) n');
    expect(block).toContain('depth_compile_le [1, 2] W hC _ (Programs.taTransformer_typed 1) D hD n');
    expect(block).toContain(`checkInstance "x/lean:bridge/n=1" \`TC0Gen.x [${BRIDGE_THEOREMS.map((t) => `\`${t}`).join(', ')}]`);
    expect(block).not.toMatch(/sorry|native_decide|axiom/);
  });

  it('changes with the family: one more multiplication, or one block fewer, is another statement', () => {
    const shapes = data.family.shapes.map((s) => (s.op === 'mul' ? { ...s, count: s.count + 1 } : s));
    const more = bridgeBlock({ ...data, family: { ...data.family, shapes } }, 'x/lean:bridge/n=1', 'TC0Gen.x', 'ta-transformer');
    const mul = data.family.shapes.find((s) => s.op === 'mul')!;
    expect(more).not.toBe(block);
    expect(more).toContain(`((FloatOp.mul, 2), ${mul.count + 1})`);
    expect(more).toContain(`${mul.count + 1} * (C.circ FloatOp.mul 2).size`);
    const blocks = new Map(data.family.blocks);
    blocks.set('exp', blocks.get('exp')! - 1);
    const fewer = bridgeBlock({ ...data, family: { ...data.family, blocks } }, 'x/lean:bridge/n=1', 'TC0Gen.x', 'ta-transformer');
    expect(fewer).not.toBe(block);
    expect(fewer).toContain(`(FloatOp.exp, ${blocks.get('exp')})`);
  });

  it('at n = 2 is a different statement from n = 1', () => {
    const two = bridgeData(bundle('ta-transformer'), { n: 2, d: 2, m: 1 });
    expect(two.sizes).toBe('[2, 2]');
    expect(two.family.shapes).not.toEqual(data.family.shapes);
  });
});

describe('planning', () => {
  it('plans one lean bridge obligation per size of every transformer spec that asks for one', () => {
    const obls = planObligations(set.specs, { budgetBits: 16, samples: 10, seed: 1, inputBits: () => 0, architectures: set.architectures });
    const bridges = obls.filter((o) => o.kind === 'bridge');
    expect(bridges.every((o) => o.backend === 'lean' && o.architecture !== undefined)).toBe(true);
    const roots = new Set(bridges.map((o) => (o.architecture as Bundle).root));
    for (const name of EMITTED) expect(roots.has(name), name).toBe(true);
    expect(bridges.map((o) => o.id)).toContain('thm.ta-in-tc0/lean:bridge/d=2,m=1,n=1,p=2');
    expect(bridges.map((o) => o.id)).toContain('thm.ta-in-tc0/lean:bridge/d=2,m=1,n=2,p=2');
  });
});
