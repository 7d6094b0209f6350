import { describe, expect, it } from 'vitest';
import { CONSTRUCTIONS } from '../../src/circuit/registry.js';
import { evaluatePorts } from '../../src/circuit/evaluate.js';
import { MUTATION_OPERATORS, applyMutation, gateMutations, sameNetlist } from '../../src/circuit/mutate.js';
import { miter, miterIsTrivial } from '../../src/circuit/miter.js';
import { planCircuitMutants, rangeProbes } from '../../src/verify/mutate.js';
import { inputBitsOf } from '../../src/verify/session.js';
import { loadSpecs } from '../../src/spec/load.js';
import { knownNames } from '../../src/verify/session.js';
import { join } from 'node:path';
import { ROOT } from '../helpers/cli.js';

const adder = (p: number) => CONSTRUCTIONS.get('int.add')!.build({ p });

describe('circuit mutants', () => {
  it('every offered mutation changes its gate and only it', () => {
    const c = adder(3);
    const ops = new Set<string>();
    for (let g = 0; g < c.numGates; g++)
      for (const m of gateMutations(c, g)) {
        ops.add(m.op);
        const d = applyMutation(c, m);
        expect(sameNetlist(c, d)).toBe(false);
        for (let h = 0; h < c.numGates; h++) if (h !== g) expect(d.fanin(h)).toEqual(c.fanin(h));
      }
    expect([...ops].sort()).toEqual([...MUTATION_OPERATORS].sort());
  });

  it('a swap of two inputs of equal weight is not offered (it changes nothing)', () => {
    const c = CONSTRUCTIONS.get('int.compare.poly')!.build({ p: 3 });
    for (let g = 0; g < c.numGates; g++) {
      const fan = c.fanin(g);
      for (const m of gateMutations(c, g).filter((x) => x.op === 'swap-inputs')) expect(fan[m.slot!]![1]).not.toBe(fan[m.other!]![1]);
    }
  });

  it('the miter is 0 exactly where the mutant agrees with the original', () => {
    const c = adder(3);
    expect(miterIsTrivial(miter(c, adder(3)))).toBe(true);
    const d = applyMutation(c, { gate: 0, op: 'threshold+1' });
    const m = miter(c, d);
    expect(miterIsTrivial(m)).toBe(false);
    let differ = 0;
    for (let a = 0n; a < 8n; a++)
      for (let b = 0n; b < 8n; b++) {
        const same = evaluatePorts(c, [a, b])[0] === evaluatePorts(d, [a, b])[0];
        expect(evaluatePorts(m, [a, b])).toEqual([same ? 0n : 1n]);
        if (!same) differ++;
      }
    expect(differ).toBeGreaterThan(0);
    // It shares the unchanged gates: far fewer than two copies.
    expect(m.numGates).toBeLessThan(2 * c.numGates);
  });

  it('planning is deterministic for a seed and differs across seeds', () => {
    const a = planCircuitMutants('int.add', [{ p: 4 }, { p: 8 }], 8, 1).mutants.map((m) => m.description);
    expect(planCircuitMutants('int.add', [{ p: 4 }, { p: 8 }], 8, 1).mutants.map((m) => m.description)).toEqual(a);
    expect(planCircuitMutants('int.add', [{ p: 4 }, { p: 8 }], 8, 2).mutants.map((m) => m.description)).not.toEqual(a);
    expect(new Set(a).size).toBe(8);
  });

  it('range probes include the top of every declared range', () => {
    const set = loadSpecs(join(ROOT, 'specs'), knownNames());
    const probes = rangeProbes(set.specs.filter((s) => s.id === 'int.iter-add'), inputBitsOf);
    expect(probes).toContainEqual({ k: 64, p: 16 });
    expect(probes).toContainEqual({ k: 1, p: 1 });
  });
});

describe('coverage of the declared ranges', () => {
  it('says where semantic checks stop below the top of a range', async () => {
    const { coverageOf, belowRangeText } = await import('../../src/report/model.js');
    const spec = { parameters: { p: { values: [2, 3, 4, 5, 6, 7, 8], lo: 2, hi: 8 } } };
    const o = (p: number, status: 'proved' | 'unknown', sampled: number | null = null) => ({ kind: 'equivalence', status, sampled, params: { p } });
    const short = coverageOf(spec, [o(2, 'proved'), o(5, 'proved')]);
    expect(short).toEqual([{ parameter: 'p', lo: 2, hi: 8, checkedTo: 5, provedTo: 5 }]);
    expect(belowRangeText(short)).toMatch(/p reaches 5 of 2\.\.8/);
    const sampledTop = coverageOf(spec, [o(5, 'proved'), o(8, 'unknown', 2000)]);
    expect(sampledTop[0]).toMatchObject({ checkedTo: 8, provedTo: 5 });
    expect(belowRangeText(sampledTop)).toBeNull();
    expect(coverageOf(spec, [{ kind: 'measure', status: 'proved', sampled: null, params: {} }])).toEqual([]);
  });

  it('is judged only on obligations that ran: not yet checked ones say nothing about the range', async () => {
    const { coverageOf, belowRangeText } = await import('../../src/report/model.js');
    const spec = { parameters: { p: { values: [2, 8], lo: 2, hi: 8 } } };
    const o = (p: number, status: 'proved' | 'skipped' | 'timeout') => ({ kind: 'equivalence', status, sampled: null, params: { p } });
    expect(coverageOf(spec, [o(2, 'skipped'), o(8, 'skipped')])).toEqual([]);
    // A time-out ran and reached nothing: the range is short of its top.
    const timedOut = coverageOf(spec, [o(2, 'proved'), o(8, 'timeout')]);
    expect(belowRangeText(timedOut)).toMatch(/p reaches 2 of 2\.\.8/);
  });
});
