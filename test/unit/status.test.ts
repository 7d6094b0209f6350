/** Spec statuses (README "Statuses"): scope, conditions, and what a spec builds on. */
import { describe, expect, it } from 'vitest';
import { type StatusObligation, type StatusSpec, deriveStatuses, instancesText } from '../../src/report/status.js';

const spec = (id: string, more: Partial<StatusSpec> = {}): StatusSpec => ({ id, assumed: false, uses: [], trustAssumptions: [], refutes: [], ...more });
const obl = (specId: string, more: Partial<StatusObligation> = {}): StatusObligation => ({
  spec: specId,
  backend: 'model',
  kind: 'equivalence',
  status: 'proved',
  expected: true,
  params: { p: 1 },
  grid: null,
  sampled: null,
  exhaustive: true,
  property: null,
  covers: false,
  ...more,
});
const theorem = (specId: string, more: Partial<StatusObligation> = {}): StatusObligation => obl(specId, { backend: 'lean', kind: 'theorem', params: {}, exhaustive: null, covers: true, ...more });
const assumptions = new Map([
  ['upper', { status: 'unproved' as const }],
  ['sep', { status: 'open' as const }],
  ['trig', { status: 'literature' as const }],
]);

describe('spec statuses', () => {
  it('proved means a covering Lean theorem with nothing unproved underneath', () => {
    const { specs } = deriveStatuses([spec('a'), spec('b', { uses: ['a'] })], [theorem('a'), theorem('b')], assumptions);
    expect(specs.get('a')).toMatchObject({ status: 'proved', scope: 'all', conditions: [], warnings: [] });
    expect(specs.get('b')!.status).toBe('proved');
  });

  it('a proof from named assumptions is conditional and lists them', () => {
    const { specs } = deriveStatuses([spec('thm', { trustAssumptions: ['sep', 'upper'] })], [theorem('thm')], assumptions);
    expect(specs.get('thm')).toMatchObject({
      status: 'conditional',
      scope: 'all',
      conditions: [
        { id: 'sep', kind: 'assumption', status: 'open' },
        { id: 'upper', kind: 'assumption', status: 'unproved' },
      ],
    });
  });

  it('a theorem that does not cover the spec leaves it on instances; instances are listed', () => {
    const obls = [obl('s', { params: { p: 1 } }), obl('s', { params: { p: 2 } }), obl('s', { backend: 'z3', params: { p: 9 } }), theorem('s', { covers: false })];
    const { specs } = deriveStatuses([spec('s')], obls, assumptions);
    expect(specs.get('s')).toMatchObject({
      status: 'instances',
      scope: 'instances',
      checkedOn: [
        { method: 'exhaustive evaluation', on: 'p = 1, 2' },
        { method: 'z3 (SMT, every input)', on: 'p = 9' },
      ],
    });
  });

  it('a covering proof that uses a spec checked only on instances is conditional on it', () => {
    const { specs } = deriveStatuses([spec('inst'), spec('thm', { uses: ['inst'] })], [obl('inst'), theorem('thm')], assumptions);
    expect(specs.get('thm')).toMatchObject({ status: 'conditional', conditions: [{ id: 'inst', kind: 'spec', status: 'instances' }], warnings: [] });
  });

  it('building on a refuted, failed, partial or assumed spec is flagged on the spec itself, transitively', () => {
    const specsIn = [spec('bad'), spec('mid', { uses: ['bad'] }), spec('top', { uses: ['mid'] }), spec('cited', { assumed: true }), spec('user', { uses: ['cited', 'gone'] })];
    const obls = [obl('bad', { status: 'refuted', expected: true }), obl('mid'), theorem('top'), obl('user')];
    const { specs } = deriveStatuses(specsIn, obls, assumptions);
    expect(specs.get('bad')!.status).toBe('refuted');
    expect(specs.get('mid')!.warnings.map((w) => [w.id, w.status])).toEqual([['bad', 'refuted']]);
    expect(specs.get('top')!.warnings.map((w) => w.id)).toEqual(['bad']);
    expect(specs.get('top')!.status).toBe('conditional');
    expect(specs.get('user')!.warnings.map((w) => [w.id, w.status])).toEqual([
      ['cited', 'assumed'],
      ['gone', 'unchecked'],
    ]);
  });

  it('an assumption refuted by a check of the run is flagged wherever it is used', () => {
    const specsIn = [spec('finding', { refutes: ['trig'] }), spec('rope', { trustAssumptions: ['trig'] })];
    const { specs, refutedBy } = deriveStatuses(specsIn, [obl('finding', { status: 'refuted', expected: true }), theorem('rope')], assumptions);
    expect(refutedBy.get('trig')).toEqual(['finding']);
    expect(specs.get('rope')).toMatchObject({ status: 'conditional', warnings: [{ id: 'trig', kind: 'assumption', status: 'refuted' }] });
    // Not refuted in this run (the finding did not come out refuted): nothing is flagged.
    const again = deriveStatuses(specsIn, [obl('finding', { status: 'skipped' }), theorem('rope')], assumptions);
    expect(again.specs.get('rope')!.warnings).toEqual([]);
  });

  it('failed, sampled, partial, assumed and skipped keep their meaning', () => {
    const specsIn = [spec('f'), spec('s'), spec('p'), spec('a', { assumed: true }), spec('k'), spec('cov')];
    const obls = [
      obl('f', { status: 'error', expected: false }),
      obl('s', { status: 'unknown', sampled: 100, exhaustive: false }),
      obl('p'),
      obl('p', { status: 'skipped' }),
      obl('k', { status: 'skipped' }),
      theorem('cov'),
      obl('cov', { status: 'skipped' }),
    ];
    const { specs } = deriveStatuses(specsIn, obls, assumptions);
    expect(['f', 's', 'p', 'a', 'k', 'cov'].map((id) => [specs.get(id)!.status, specs.get(id)!.scope])).toEqual([
      ['failed', 'none'],
      ['sampled', 'sampled'],
      ['partial', 'instances'],
      ['assumed', 'none'],
      ['skipped', 'none'],
      ['proved', 'all'],
    ]);
    expect(specs.get('s')!.checkedOn).toEqual([{ method: 'evaluation, sampled 100 inputs', on: 'p = 1' }]);
  });

  it('a covering theorem that failed is not proved for all parameters', () => {
    const { specs } = deriveStatuses([spec('t')], [theorem('t', { status: 'error', expected: false })], assumptions);
    expect(specs.get('t')).toMatchObject({ status: 'failed', scope: 'none' });
  });

  it('instances read compactly', () => {
    expect(instancesText([{ p: 1 }, { p: 2 }, { p: 3 }, { p: 5 }])).toBe('p = 1..3, 5');
    expect(instancesText([{ k: 2, p: 1 }, { k: 2, p: 2 }, { k: 3, p: 1 }])).toBe('k = 2, p = 1, 2; k = 3, p = 1');
    expect(instancesText([{ i: 1, f: 1 }, { i: 2, f: 1 }])).toBe('i = 1, 2, f = 1');
  });

  it('two measured grids that are no product read as the two grids, not point by point', () => {
    const grid = (n: number, d: number, p: number) => ({ n: Array.from({ length: n }, (_, i) => i + 1), d: [d], p: [p] });
    const obls = [obl('m', { backend: 'measure', kind: 'measure', params: {}, grid: grid(64, 2, 2) }), obl('m', { backend: 'measure', kind: 'measure', params: {}, grid: grid(16, 4, 3) })];
    const { specs } = deriveStatuses([spec('m')], obls, assumptions);
    expect(specs.get('m')!.checkedOn).toEqual([{ method: 'measured', on: 'n = 1..64, d = 2, p = 2; n = 1..16, d = 4, p = 3' }]);
  });
});
