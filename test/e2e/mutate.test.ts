/**
 * `tc0 mutate` through the real entry point: a check that stops below its declared range lets
 * mutants at the top survive as gaps; the same check strengthened at the top kills them.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Report } from '../../src/report/model.js';
import { linkSources } from '../../src/verify/link.js';
import { SRC_DIR } from '../../src/verify/session.js';
import { removeMutantTrees, sourceSiteFinder, writeMutantTree } from '../../src/verify/source-mutants.js';
import { loadSourceMutant, mutantConstruction } from '../../src/verify/mutants.js';
import { CONSTRUCTIONS } from '../../src/circuit/registry.js';
import { sameNetlist } from '../../src/circuit/mutate.js';
import { Circuit } from '../../src/circuit/ir.js';
import { InstanceBuilder } from '../../src/verify/drivers/instance.js';
import { runMutants } from '../../src/verify/mutate.js';
import type { SourceSite } from '../../src/verify/source-mutants.js';
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
    // The HTML report has a Mutation view listing the survivors; report.md a section.
    const html = readFileSync(join(dir, 'mutate-weak', 'index.html'), 'utf8');
    expect(html).toMatch(/<button type="button" data-view="mutation">Mutation<\/button>/);
    expect(html).toMatch(/<section class="view bad" id="view-mutation"[\s\S]*?survivors/);
    expect(readFileSync(join(dir, 'mutate-weak', 'report.md'), 'utf8')).toMatch(/## Mutation testing/);
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

  it('a source mutant: a BigInt shift in 32-bit arithmetic builds the same float adder up to p = 14, a wrong one at 15', async () => {
    const sites = sourceSiteFinder(SRC_DIR, await linkSources(SRC_DIR, join(dir, 'link')))('float.add');
    const ops = new Set(sites.map((x) => x.change.operator));
    for (const op of ['literal+1', 'flip-comparison', 'bigint-shift-to-int32', 'drop-element', 'drop-not']) expect(ops).toContain(op);
    const site = sites.find((x) => x.change.operator === 'bigint-shift-to-int32' && x.change.original === '1n << BigInt(j + G)')!;
    expect(site.change.declaration).toBe('addBody');
    const ref = { id: 'float.add~test', construction: 'float.add', change: site.change };
    try {
      await loadSourceMutant(ref, writeMutantTree(SRC_DIR, site));
      const mutant = mutantConstruction(ref)!;
      const original = CONSTRUCTIONS.get('float.add')!;
      for (const p of [2, 8, 14]) expect(sameNetlist(original.build({ p }), mutant.build({ p })), `p = ${p}`).toBe(true);
      expect(sameNetlist(original.build({ p: 15 }), mutant.build({ p: 15 }))).toBe(false);
    } finally {
      removeMutantTrees();
    }
  }, 400_000);

  it('a mutant is compared with the original in a worker: a Circuit method it changes counts only if building uses it, and one that loops is stopped', async () => {
    const sites = sourceSiteFinder(SRC_DIR, await linkSources(SRC_DIR, join(dir, 'link')))('int.add');
    // `fanin()` reads a circuit; no construction calls it while building: the netlist stays as it is.
    const fanin = sites.find((x) => x.change.file === 'circuit/ir.ts' && x.change.operator === 'flip-comparison' && x.change.original === '<' && /out\.push/.test(sourceLine(x)))!;
    expect(fanin).toBeDefined();
    // A loop that never ends, put where every bit of the adder is built (`linearBits`).
    const bitLoop = sites.find((x) => x.change.file === 'circuit/blocks.ts' && x.change.declaration === 'linearBits' && x.change.original === '1n')!;
    const loop: SourceSite = { ...bitLoop, change: { ...bitLoop.change, replacement: '(() => { for (;;); })()', hash: 'loops-forever' } };
    const builder = new InstanceBuilder(1);
    try {
      const use = (site: SourceSite, id: string) => ({ ref: { id, construction: 'int.add', change: site.change }, against: 'model' as const, tree: writeMutantTree(SRC_DIR, site) });
      const quiet = use(fanin, 'int.add~fanin');
      expect(await builder.compare('int.add', quiet, { p: 4 }, 120_000)).toEqual({ state: 'same' });
      await loadSourceMutant(quiet.ref, quiet.tree);
      expect(mutantConstruction(quiet.ref)!.build({ p: 4 })).toBeInstanceOf(Circuit);
      const hung = await builder.compare('int.add', use(loop, 'int.add~loop'), { p: 4 }, 3_000);
      expect(hung).toMatchObject({ timeout: true });
      expect('error' in hung && hung.error).toMatch(/did not finish building at p=4/);
    } finally {
      await builder.close();
      removeMutantTrees();
    }
  }, 400_000);

  it('a mutant that cannot be built within the limit where the original builds quickly is killed (its checks could not pass); a comparison that fails otherwise is an error', async () => {
    const ref = { id: 'int.add~c1', construction: 'int.add', change: { kind: 'circuit' as const, params: { p: 4 }, mutation: { gate: 0, op: 'constant-0' as const } } };
    const plan = { construction: 'int.add', specs: [], checks: [], mutants: [{ ref, kind: 'circuit' as const, at: 'p=4', description: 'test' }], probes: [], instances: ['p=4'], notes: [] };
    const runWith = async (failure: { error: string; timeout?: true }, originalMs = 5) =>
      (
        await runMutants(
          [plan],
          { specs: new Map(), store: undefined as never, drivers: new Map(), codeHash: () => '', jobs: 1, budgetBits: 10, samples: 10, seed: 1, timeoutMs: 1000, timeBudgetMs: 60_000, inputBits: () => 8, compare: async (_c, _m, _p, _t, originalOnly) => (originalOnly ? { state: 'original-built' as const, ms: originalMs } : failure) },
          { seed: 1, kinds: ['circuit'], perConstruction: 1, backends: ['model'], timeBudgetS: 60, timeoutS: 1 },
        )
      ).constructions[0]!.mutants[0]!;
    const hung = await runWith({ error: 'the mutant int.add~c1 (or the original) did not finish building at p=4 within the time limit of 1 s', timeout: true });
    expect(hung.status).toBe('killed');
    expect(hung.killedBy).toEqual(['build at p=4']);
    expect(hung.evidence).toMatch(/never proved/);
    // The original itself needs half the limit there: a loaded machine, maybe, not a kill.
    const slow = await runWith({ error: 'the mutant int.add~c1 (or the original) did not finish building at p=4 within the time limit of 1 s', timeout: true }, 500);
    expect(slow.status).toBe('timeout');
    expect(slow.class).toBe('unknown');
    expect(slow.evidence).toMatch(/takes 0\.5 s there/);
    const oom = await runWith({ error: 'building the mutant int.add~c1 at p=4 crashed: out of memory: the worker reached its heap limit of 4096 MiB' });
    expect(oom.status).toBe('killed');
    const broken = await runWith({ error: 'the mutant int.add~c1 could not be loaded: no such file' });
    expect(broken.status).toBe('error');
    expect(broken.evidence).toMatch(/could not be loaded/);
  });
  it('a mutant of a construction only measured (no spec with a model) is undecided where it differs, not an internal error', async () => {
    const ref = { id: 'float.iter-add.naive~s1', construction: 'float.iter-add.naive', change: { kind: 'circuit' as const, params: { k: 2, p: 2 }, mutation: { gate: 0, op: 'constant-0' as const } } };
    const measuredOnly = { id: 'x.size', model: undefined, parameters: { k: {}, p: {} } } as never;
    const plan = { construction: 'float.iter-add.naive', specs: [measuredOnly], checks: [], mutants: [{ ref, kind: 'circuit' as const, at: 'k=2,p=2', description: 'test' }], probes: [], instances: ['k=2,p=2'], notes: [] };
    const report = await runMutants(
      [plan],
      { specs: new Map(), store: undefined as never, drivers: new Map(), codeHash: () => '', jobs: 1, budgetBits: 10, samples: 10, seed: 1, timeoutMs: 1000, timeBudgetMs: 60_000, inputBits: () => 8, compare: async () => ({ state: 'differs' as const }) },
      { seed: 1, kinds: ['circuit'], perConstruction: 1, backends: ['model'], timeBudgetS: 60, timeoutS: 1 },
    );
    const m = report.constructions[0]!.mutants[0]!;
    expect(m.status).toBe('survived');
    expect(m.class).toBe('unknown');
    expect(m.evidence).toMatch(/no spec of it has a model/);
  });
});

function sourceLine(site: SourceSite): string {
  return readFileSync(join(SRC_DIR, site.change.file), 'utf8').split('\n')[site.line - 1]!;
}

