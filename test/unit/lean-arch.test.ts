/**
 * Architecture programs as Lean terms (src/gen/lean/arch.ts): the printer, the lowering of the
 * YAML programs to the core calculus of lean/TC0/Arch/, and the generated module
 * lean/TC0/Arch/Programs.lean, pinned to what the lowering emits today (run with `-u` to rewrite
 * it after changing a program; the Lean check of `lean.arch` then proves the new instance).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Bundle, Program } from '../../src/program/ast.js';
import { loadSpecs } from '../../src/spec/load.js';
import { knownNames } from '../../src/verify/session.js';
import { FLOAT_OPS, type CoreIndex, type CoreItem, type CoreStep, LoweringError, indexTerm, lowerProgram, programTerm, programsModule, stepTerm } from '../../src/gen/lean/arch.js';
import { ROOT } from '../helpers/cli.js';

const lit = (value: number): CoreIndex => ({ kind: 'lit', value });
const size = (at: number): CoreIndex => ({ kind: 'size', at });
const v = (at: number): CoreIndex => ({ kind: 'var', at });
const upTo = (hi: CoreIndex) => ({ lo: lit(0), hi });

const set = loadSpecs(join(ROOT, 'specs'), knownNames(), ROOT);
const bundle = (name: string): Bundle => set.architectures.get(name)!.bundle as Bundle;

/** The transformers whose upper bound lean/TC0/Arch/Programs.lean states. */
const EMITTED = ['ta-transformer', 'rope-ta-transformer', 'softmax-transformer', 'causal-transformer', 'rope-transformer'];

const steps = (items: readonly CoreItem[]): CoreStep[] => items.flatMap((i) => (i.kind === 'step' ? [i.step] : steps(i.body)));

describe('Lean terms of the core calculus', () => {
  it('prints index expressions with the constructors of TC0.Arch.Index', () => {
    expect(indexTerm({ kind: 'sub', a: { kind: 'add', a: v(1), b: size(0) }, b: v(0) })).toBe('.sub (.add (.var 1) (.size 0)) (.var 0)');
    expect(indexTerm({ kind: 'div', a: size(1), by: 2 })).toBe('.div (.size 1) 2');
    expect(indexTerm({ kind: 'param', name: 'm' })).toBe('.lit m');
  });

  it('prints steps and programs', () => {
    const mul: CoreStep = {
      dom: [upTo(size(0)), upTo(size(1)), upTo(size(1))],
      body: { kind: 'apply', op: 'mul', terms: [{ red: [], ref: { back: 2, index: [v(0), v(2)] } }, { red: [], ref: { back: 1, index: [v(2), v(1)] } }] },
    };
    expect(stepTerm(mul)).toBe('⟨[⟨.lit 0, .size 0⟩, ⟨.lit 0, .size 1⟩, ⟨.lit 0, .size 1⟩], .apply .mul [⟨[], ⟨2, [.var 0, .var 2]⟩⟩, ⟨[], ⟨1, [.var 2, .var 1]⟩⟩]⟩');
    expect(programTerm([mul, mul]).split('\n')).toHaveLength(3);
    expect(programTerm([])).toBe('[]');
  });

  it('refuses what the calculus cannot say, instead of printing it', () => {
    expect(() => indexTerm(lit(-1))).toThrow(/natural numbers/);
    expect(() => indexTerm(lit(1.5))).toThrow(/natural numbers/);
    expect(() => indexTerm({ kind: 'param', name: 'm) (x' })).toThrow(/identifier/);
    expect(() => indexTerm({ kind: 'param', name: 'fun' })).toThrow(/identifier/);
    expect(() => stepTerm({ dom: [], body: { kind: 'apply', op: 'add) (x', terms: [] } })).toThrow(/FloatOp/);
  });
});

describe('lowering programs to the core calculus', () => {
  it('knows every operation the emitted programs use, with its arity in specs/operations.yaml', () => {
    for (const name of EMITTED) for (const op of bundle(name).operations.operations) expect(FLOAT_OPS[op.name], op.name).toBe(op.arity);
  });

  it('lowers the tensor-attention transformer: sizes n, d; m repeated blocks; every reference backwards', () => {
    const low = lowerProgram(bundle('ta-transformer'));
    expect(low.sizes).toEqual(['n', 'd']);
    expect(low.params).toEqual(['m']);
    expect(low.ops).toEqual(['add', 'div', 'exp', 'mul', 'relu', 'select', 'sqrt', 'sub', 'sum']);
    expect(low.items.map((i) => i.kind)).toEqual(['step', 'step', 'repeat']);
    // The input is embedded from bit i of the word, then copied in front of the repeated block.
    expect(low.items[0]).toEqual({ kind: 'step', step: { dom: [upTo(size(0)), upTo(size(1))], body: { kind: 'embed', pos: v(0) } } });
    const all = steps(low.items);
    all.forEach((s, t) => {
      const refs = s.body.kind === 'apply' ? s.body.terms.map((x) => x.ref) : s.body.kind === 'copy' ? [s.body.ref] : [];
      for (const r of refs) {
        expect(r.back, `step ${t}`).toBeGreaterThan(0);
        expect(r.back, `step ${t}`).toBeLessThanOrEqual(t);
      }
    });
    // One exponential per score (i, j1, j2), one division per output entry (i, l).
    expect(all.filter((s) => s.body.kind === 'apply' && s.body.op === 'exp').map((s) => s.dom.length)).toEqual([3]);
    expect(all.filter((s) => s.body.kind === 'apply' && s.body.op === 'div').map((s) => s.dom.length)).toEqual([2, 2, 2]);
  });

  it('stores an index set with a negative lower bound shifted to 0 (RoPE offsets o: 1-n..n-1)', () => {
    const low = lowerProgram(bundle('rope-ta-transformer'));
    const text = steps(low.items).map(stepTerm).join('\n');
    // R[o, t, a, b] has 2n - 1 rows; it is read at R[j - i, ...], stored at j + n - (i + 1).
    expect(text).toContain('⟨.lit 0, .sub (.mul (.lit 2) (.size 0)) (.lit 1)⟩');
    expect(text).toContain('.sub (.add (.size 0) (.var 1)) (.add (.lit 1) (.var 0))');
  });

  it('refuses a program it cannot lower faithfully, naming the step', () => {
    const tiny: Program = {
      name: 'tiny',
      title: 't',
      sizes: [{ name: 'n', min: 1, step: 1 }],
      derived: [],
      indices: [],
      inputs: [{ name: 'X', shape: [{ constant: 0, coefficients: { n: 1 } }] }],
      weights: [],
      steps: [{ kind: 'define', name: 'Y', binders: [{ index: 'i', lo: { constant: 0, coefficients: {} }, hi: { constant: -1, coefficients: { n: 1 } } }], body: { kind: 'op', op: 'tanh', args: [{ kind: 'read', tensor: 'X', at: [{ constant: 0, coefficients: { i: 1 } }] }] } }],
      output: 'Y',
    };
    const b: Bundle = { root: 'tiny', programs: { tiny }, operations: { operations: [], classes: [] } };
    expect(() => lowerProgram(b)).toThrow(LoweringError);
    expect(() => lowerProgram(b)).toThrow(/tiny: step Y: operation tanh/);
  });

  it('emits lean/TC0/Arch/Programs.lean exactly (the Lean library proves what the YAML says)', async () => {
    const text = programsModule(EMITTED.map((n) => lowerProgram(bundle(n))));
    await expect(text).toMatchFileSnapshot('../../lean/TC0/Arch/Programs.lean');
    expect(readFileSync(join(ROOT, 'lean/TC0.lean'), 'utf8')).toContain('public import TC0.Arch.Programs');
  });
});
