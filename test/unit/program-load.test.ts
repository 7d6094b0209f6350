import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadSpecs } from '../../src/spec/load.js';
import { knownNames } from '../../src/verify/session.js';
import { architectureJsonSchema } from '../../src/program/load.js';
import type { Bundle, Expr } from '../../src/program/ast.js';
import { parseStep } from '../../src/program/syntax.js';
import { ROOT } from '../helpers/cli.js';
import { problemsOf } from '../helpers/specs.js';

const fixtures = join(ROOT, 'test/fixtures/architectures/specs');

describe('architecture programs: validation', () => {
  const problems = problemsOf(fixtures);
  const where = (file: string) => problems.filter((p) => p.file.endsWith(file));

  it('names file, line, column, field and rule for every kind of mistake', () => {
    const expected: Array<[string, string, number, number, string]> = [
      ['01-syntax.arch.yaml', 'syntax', 10, 25, 'steps.0'],
      ['02-unknown-index.arch.yaml', 'unknown-name', 10, 31, 'steps.0'],
      ['03-rank.arch.yaml', 'rank', 10, 15, 'steps.0'],
      ['04-not-affine.arch.yaml', 'not-affine', 10, 19, 'steps.0'],
      ['05-unknown-operation.arch.yaml', 'operation-known', 10, 15, 'steps.0'],
      ['06-index-range.arch.yaml', 'index-range', 10, 15, 'steps.0'],
      ['07-range-empty.arch.yaml', 'range-empty', 10, 31, 'steps.0'],
      ['08-step-cycle.arch.yaml', 'step-cycle', 10, 5, 'steps.0'],
      ['09-unused.arch.yaml', 'unused', 11, 5, 'steps.1'],
      ['10-range-in-set.arch.yaml', 'range-in-set', 10, 31, 'steps.0'],
      ['11-constant-only.arch.yaml', 'constant-only', 10, 23, 'steps.0'],
      ['12-unknown-program.arch.yaml', 'program-known', 10, 9, 'steps.0'],
      ['13-size-integral.arch.yaml', 'size-integral', 5, 3, 'sizes.h'],
      ['14-calls.arch.yaml', 'call-shape', 12, 5, 'steps.1'],
      ['14-calls.arch.yaml', 'call-sizes', 13, 5, 'steps.2'],
      ['14-calls.arch.yaml', 'repeat', 14, 5, 'steps.3'],
      ['15-schema.arch.yaml', 'schema', 5, 1, 'stpes'],
      ['16-name-clash.arch.yaml', 'name-clash', 4, 12, 'indices.n'],
      ['17-arity.arch.yaml', 'arity', 7, 12, 'steps.0'],
      ['sub/assumptions.yaml', 'assumption-unique', 6, 5, 'assumptions.1.id'],
      ['arch-spec.yaml', 'params-declared', 9, 3, 'parameters.nmax'],
      ['sub/operations.yaml', 'operation-model', 3, 21, 'operations.tanh.model'],
      ['sub/operations.yaml', 'operation-unique', 4, 3, 'operations.add'],
    ];
    for (const [file, rule, line, column, field] of expected) {
      const hit = where(file).find((p) => p.rule === rule && p.field === field);
      expect(hit, `${file} ${rule}: ${JSON.stringify(where(file))}`).toBeDefined();
      expect([hit!.line, hit!.column, hit!.field], `${file} ${rule}`).toEqual([line, column, field]);
    }
  });

  it('reports every broken file and nothing about the good ones', () => {
    for (const f of readdirSync(fixtures).filter((f) => /^\d+-/.test(f))) expect(where(f).length, f).toBeGreaterThan(0);
    expect(where('good.arch.yaml')).toEqual([]);
    // The callee in 14-calls.arch.yaml is well formed; only the caller's calls are wrong.
    expect(where('14-calls.arch.yaml').every((p) => p.line < 17)).toBe(true);
  });

  it('says which parameters a spec about an architecture may declare', () => {
    expect(where('arch-spec.yaml')[0]!.message).toBe("parameter 'nmax' means nothing to architecture 'good': its parameters are n (a size of good), p (precision of the floats (significand bits))");
  });

  it('explains what a range check found', () => {
    const hit = where('06-index-range.arch.yaml')[0]!;
    expect(hit.message).toBe('index 1 of X[i + 1, l] can exceed n - 1 (by 1 at the smallest sizes)');
    expect(where('14-calls.arch.yaml').find((p) => p.rule === 'call-sizes')!.message).toMatch(/d = e .* below 1/);
  });
});

describe('architecture programs: the AST', () => {
  const set = loadSpecs(join(ROOT, 'specs'), knownNames(), ROOT);
  const bundle = set.architectures.get('softmax-attention')!.bundle as Bundle;

  it('resolves steps into reads, operations, reductions and exact constants', () => {
    const program = bundle.programs['softmax-attention']!;
    const step = (name: string) => program.steps.find((s) => s.name === name)!;
    const a = step('A');
    expect(a.kind).toBe('define');
    const body = (a as { body: Expr }).body;
    // exp(sum(...) * (1/d)): the scale is a constant, the sum a reduction over l.
    expect(body).toMatchObject({ kind: 'op', op: 'exp', args: [{ kind: 'op', op: 'mul', args: [{ kind: 'reduce', op: 'sum' }, { kind: 'const', value: { kind: 'arith', op: '/' } }] }] });
    const y = (step('Y') as { body: Expr }).body;
    expect(y).toMatchObject({ kind: 'op', op: 'div', args: [{ kind: 'reduce', terms: [{ binders: [{ index: 'j' }] }] }, { kind: 'read', tensor: 'D', at: [{ constant: 0, coefficients: { i: 1 } }] }] });
    expect(bundle.operations.operations.map((o) => o.name).sort()).toEqual(['div', 'exp', 'mul', 'sum']);
  });

  it('is plain JSON', () => {
    expect(JSON.parse(JSON.stringify(bundle))).toEqual(bundle);
  });

  it('publishes the JSON Schema it validates with', () => {
    expect(JSON.parse(readFileSync(join(ROOT, 'architecture.schema.json'), 'utf8'))).toEqual(architectureJsonSchema());
  });
});

describe('step syntax', () => {
  it('separates binders and terms', () => {
    const s = parseStep('Y[i, j <= i] = sum(A[i] * B[j]; C[i, r] for r in j+1..i, s < r)', new Set());
    expect(s.kind).toBe('define');
    if (s.kind !== 'define') return;
    expect(s.binders.map((b) => [b.name, b.bound?.op])).toEqual([
      ['i', undefined],
      ['j', '<='],
    ]);
    const call = s.body as unknown as { terms: Array<{ binders: Array<{ name: string }> }> };
    expect(call.terms.map((t) => t.binders.map((b) => b.name))).toEqual([[], ['r', 's']]);
    const list = parseStep("Y = sum(a, b, c)", new Set()) as unknown as { body: { terms: unknown[] } };
    expect(list.body.terms).toHaveLength(3);
  });

  it('recognises calls of known programs, with size bindings and repetitions', () => {
    const s = parseStep('H = repeat(m) ta-block(X, k = 2*d)', new Set(['ta-block']));
    expect(s).toMatchObject({ kind: 'call', program: 'ta-block', args: [{ name: 'X' }], sizes: [{ name: 'k' }] });
    expect(() => parseStep('H = ta-blok(X)', new Set(['ta-block']))).toThrow(/unknown program 'ta-blok'/);
    // A difference of indices is not a program name.
    expect(parseStep('Y[i, j] = R[j-i]', new Set(['ta-block'])).kind).toBe('define');
  });
});
