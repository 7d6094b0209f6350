/**
 * Vacuous claims are rejected at validation (README "Vacuous claims"): one fixture per case,
 * each with file, line, field and rule, and near misses that are accepted and whose grids can
 * refute a false claim.
 */
import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseExpr } from '../../src/core/expr.js';
import { CircuitBuilder } from '../../src/circuit/builder.js';
import { Circuit, FIRST_INPUT_WIRE } from '../../src/circuit/ir.js';
import { METRIC_CEILING } from '../../src/core/fit.js';
import type { Construction } from '../../src/circuit/construction.js';
import { CONSTRUCTIONS } from '../../src/circuit/registry.js';
import { checkMeasure } from '../../src/verify/checks/measure.js';
import { ROOT } from '../helpers/cli.js';
import { problemsOf } from '../helpers/specs.js';

const VACUITY = new Set(['claim-tested', 'constant-grid', 'degree-points', 'bound-can-fail']);
const range = (a: number, b: number): number[] => Array.from({ length: b - a + 1 }, (_, i) => a + i);

describe('vacuous claims', () => {
  it('rejects each case with file, line, field and rule, and nothing else', () => {
    const problems = problemsOf(join(ROOT, 'test/fixtures/vacuous/specs'));
    const expected: Array<[string, string, string]> = [
      ['01-constant-one-point.yaml', 'constant-grid', 'claims.depth.constant'],
      ['02-constant-points-apart.yaml', 'constant-grid', 'claims.depth.constant'],
      ['03-degree-two-points.yaml', 'degree-points', 'claims.size.degree'],
      ['04-degree-zero-point.yaml', 'degree-points', 'claims.size.degree'],
      ['05-no-measure.yaml', 'claim-tested', 'claims.size.max'],
      ['06-weight-degree.yaml', 'claim-tested', 'claims.weight.degree'],
      ['07-empty-claim.yaml', 'claim-tested', 'claims.depth'],
      ['08-bound-at-ceiling.yaml', 'bound-can-fail', 'claims.size.max'],
      ['09-degree-cannot-fail.yaml', 'bound-can-fail', 'claims.size.degree'],
      ['10-fanin-lean.yaml', 'claim-tested', 'claims.fanIn.max'],
      ['11-constant-repeated-point.yaml', 'constant-grid', 'claims.depth.constant'],
    ];
    const shown = problems.map((p) => `${p.file.split('/').pop()}:${p.line}: ${p.field} [${p.rule}]`).sort();
    expect(shown).toEqual(expected.map(([file, rule, field]) => `${file}:10: ${field} [${rule}]`).sort());
    for (const p of problems) expect(p.file).toMatch(/^test\/fixtures\/vacuous\/specs\//);
    const byFile = (f: string) => problems.find((p) => p.file.endsWith(f))!.message;
    expect(byFile('01-constant-one-point.yaml')).toMatch(/one point \(checks\.0 at p=4\)/);
    expect(byFile('08-bound-at-ceiling.yaml')).toMatch(/2\^31 - 1 at every instance/);
    expect(byFile('09-degree-cannot-fail.yaml')).toMatch(/at most 47\.412/);
    expect(byFile('10-fanin-lean.yaml')).toMatch(/depth and size bounds only/);
  });

  it('accepts the near misses', () => {
    expect(problemsOf(join(ROOT, 'test/fixtures/vacuous-near/specs'))).toEqual([]);
  });

  it('finds nothing vacuous in the project specs', () => {
    expect(problemsOf(join(ROOT, 'specs')).filter((p) => VACUITY.has(p.rule))).toEqual([]);
  });

  describe('architecture specs: the family check tests depth max and constancy, size max and degree', () => {
    const dir = mkdtempSync(join(tmpdir(), 'tc0-vacuous-'));
    afterAll(() => rmSync(dir, { recursive: true, force: true }));
    for (const f of ['operations.yaml', 'assumptions.yaml', 'transformer/blocks.arch.yaml']) copyFileSync(join(ROOT, 'specs', f), join(dir, f.split('/').pop()!));
    const spec = (id: string, claims: string, n: string) =>
      [
        `id: ${id}`,
        'title: matmul family',
        'provenance: { paper: none, status: ours }',
        'statement: the matmul family',
        'architecture: matmul',
        'parameters: { n: { range: 1..4 }, d: { range: 2..2 }, p: { range: 2..2 } }',
        `claims: ${claims}`,
        'checks:',
        '  - backend: measure',
        `    params: { n: ${n}, d: 2, p: 2 }`,
      ].join('\n');

    it('rejects what the family check ignores, and a degree on two points', () => {
      writeFileSync(join(dir, 'a.yaml'), [spec('arch.ignored', '{ size: { constant: true }, depth: { degree: 0 }, fanIn: { max: "4" } }', '1..4'), spec('arch.two-points', '{ size: { degree: 1 } }', '1..2')].join('\n---\n'));
      const shown = problemsOf(dir).map((p) => `${p.line}: ${p.field} [${p.rule}]`);
      expect(shown.sort()).toEqual(['18: claims.size.degree [degree-points]', '7: claims.depth.degree [claim-tested]', '7: claims.fanIn.max [claim-tested]', '7: claims.size.constant [claim-tested]']);
    });

    it('accepts a degree on three points', () => {
      writeFileSync(join(dir, 'a.yaml'), spec('arch.three-points', '{ size: { degree: 1 }, depth: { constant: true } }', '1..3'));
      expect(problemsOf(dir)).toEqual([]);
    });
  });
});

describe('the ceiling bound-can-fail relies on', () => {
  it('no circuit numbers more than 2^31 - 1 wires', () => {
    const gates = (n: number) => ({ length: n }) as unknown as bigint[];
    expect(() => new Circuit(0, new Int32Array(1), new Int32Array(0), [], gates(METRIC_CEILING - FIRST_INPUT_WIRE), [], [])).not.toThrow();
    expect(() => new Circuit(0, new Int32Array(1), new Int32Array(0), [], gates(METRIC_CEILING - FIRST_INPUT_WIRE + 1), [], [])).toThrow(/beyond the 2\^31 - 1 wires/);
  });
});

describe('the grids of the near misses can refute a false claim', () => {
  const add = CONSTRUCTIONS.get('int.add')!;
  const claim = (text: string) => ({ text, expr: parseExpr(text) });

  it('constancy over two points', () => {
    const r = checkMeasure(add, { p: [4, 5] }, { size: { constant: true } });
    expect(r.outcome.status).toBe('refuted');
  });

  it('a degree over p = 0..3 (three positive points)', () => {
    const r = checkMeasure(add, { p: range(0, 3) }, { size: { degree: 0 } });
    expect(r.outcome.status === 'refuted' && r.outcome.counterexample.note).toMatch(/size grows like p\^/);
  });

  it('a bound below the ceiling at the grid points where it can fail', () => {
    // Like near.bound-below-ceiling: at or above 2^31 - 1 from p = 3 on, so only p = 1, 2 can refute it.
    const r = checkMeasure(add, { p: [1, 2, 3] }, { size: { max: claim('2^(p + 28) - 2^29') } });
    expect(r.outcome.status === 'refuted' && r.outcome.counterexample.note).toMatch(/^size \d+ > .* at p=1$/);
  });

  it('says what one grid of several cannot test', () => {
    const r = checkMeasure(add, { p: [64] }, { depth: { constant: true, max: claim('2') }, size: { degree: 1 } });
    expect(r.outcome.status).toBe('proved');
    expect(r.outcome.status === 'proved' && r.outcome.trust).toMatch(/not tested on this grid: depth constant \(one point\), size degree \(no parameter with 3 positive values\)/);
  });

  it('a degree the grid should fit but cannot (metric 0 at a point) is an error, not proved', () => {
    const sometimesEmpty: Construction = {
      name: 'test.sometimes-empty',
      description: 'no gate below p = 3',
      build: ({ p }) => {
        const b = new CircuitBuilder();
        const x = b.input('x', 1);
        b.output('y', p! >= 3 ? [b.threshold([[x[0]!, 1]], p!)] : x);
        return b.finish();
      },
    };
    const r = checkMeasure(sometimesEmpty, { p: range(1, 4) }, { size: { degree: 1 } });
    expect(r.outcome.status === 'error' && r.outcome.reason).toMatch(/size degree claim cannot be fitted along p/);
  });
});
