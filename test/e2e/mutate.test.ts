/**
 * `tc0 mutate` through the real entry point: a check that stops below its declared range lets
 * mutants at the top survive as gaps; the same check strengthened at the top kills them.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Report } from '../../src/report/model.js';
import { ROOT, runCli, tempDir } from '../helpers/cli.js';

// One store for both runs (the spec texts differ, so no verdict is shared; the link cache is).
const dir = tempDir();

function mutateFixture(name: string): { code: number; report: Report } {
  const r = runCli(['mutate', '--specs', join(ROOT, 'test/fixtures', name, 'specs'), '--out', join(dir, name), '--store', join(dir, 'store'), '--kinds', 'circuit', '--mutants', '6', '--backend', 'model', '--json']);
  expect(r.stderr).not.toMatch(/internal error|unexpected failure/);
  return { code: r.code, report: JSON.parse(r.stdout) as Report };
}

describe('tc0 mutate', () => {
  it('a weak check leaves gaps; strengthening it kills the same mutants', () => {
    const weak = mutateFixture('mutate-weak');
    expect(weak.code).toBe(1);
    const w = weak.report.mutation!.constructions[0]!;
    expect(w.construction).toBe('int.add');
    const gaps = w.mutants.filter((m) => m.class === 'gap');
    expect(gaps.length).toBeGreaterThan(0);
    for (const g of gaps) {
      expect(g.at).toBe('p=6');
      expect(g.counterexample?.inputs.a).toBeDefined();
    }
    const strong = mutateFixture('mutate-strong');
    expect(strong.code).toBe(0);
    const s = strong.report.mutation!.constructions[0]!;
    for (const g of gaps) {
      const same = s.mutants.find((m) => m.id === g.id)!;
      expect(same.description).toBe(g.description);
      expect(same.status).toBe('killed');
      expect(same.killedBy).toEqual(['weak.add/model/p=6']);
    }
    expect(s.gaps + s.unknown).toBe(0);
    expect(s.score).toBe(1);
    expect(w.score!).toBeLessThan(1);
  }, 400_000);
});
