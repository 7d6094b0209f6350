import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadSpecs } from '../../src/spec/load.js';
import { planObligations } from '../../src/verify/plan.js';
import { inputBitsOf, knownNames, specFilter } from '../../src/verify/session.js';
import { specId } from '../../src/core/ids.js';
import { ROOT } from '../helpers/cli.js';

const specs = () => loadSpecs(join(ROOT, 'specs'), knownNames(), ROOT).specs;
const base = { budgetBits: 24, samples: 100, seed: 1, inputBits: inputBitsOf };

describe('planning', () => {
  it('makes one obligation per instance and one per measure check, deterministically', () => {
    const a = planObligations(specs(), base);
    const b = planObligations(specs(), base);
    expect(a).toEqual(b);
    const add = a.filter((o) => o.spec === 'int.add');
    expect(add.map((o) => o.id)).toContain('int.add/model/p=12');
    expect(add.find((o) => o.kind === 'measure')?.id).toBe('int.add/measure/p=1..64');
    expect(new Set(a.map((o) => o.id)).size).toBe(a.length);
  });
  it('filters by spec glob and backend', () => {
    const f = planObligations(specs(), { ...base, filter: specFilter('int.compare'), backends: new Set(['measure'] as const) });
    expect(f.map((o) => o.id).sort()).toEqual(['int.compare.poly/measure/p=1..64', 'int.compare/measure/p=1..64']);
    expect(specFilter('int.*')(specId('int.add'))).toBe(true);
    expect(specFilter('int.add')(specId('int.add-x'))).toBe(false);
  });
  it('routes auto checks by input bits against the budget', () => {
    const spec = { ...specs().find((s) => s.id === 'int.add')! };
    const check = { ...spec.checks[0]!, backend: 'auto' as const, instances: [{ p: 12 }, { p: 13 }] };
    const obls = planObligations([{ ...spec, checks: [check] }], base);
    expect(obls.map((o) => [o.id, o.backend])).toEqual([
      ['int.add/model/p=12', 'model'],
      ['int.add/z3/p=13', 'z3'],
    ]);
    expect(obls[1]!.route).toMatch(/26 input bits > exhaustive budget 24/);
  });
});
