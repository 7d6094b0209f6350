/** Scheduling: the cores semaphore, the shard partition, an exhaustive scan split into parts. */
import { describe, expect, it } from 'vitest';
import { checkEquivalence, mergeParts } from '../../src/verify/checks/equivalence.js';
import { ALL_CONSTRUCTIONS } from '../../src/verify/registries.js';
import { MODELS } from '../../src/model/registry.js';
import { estimator } from '../../src/verify/estimate.js';
import type { Obligation } from '../../src/verify/plan.js';
import { Cores } from '../../src/verify/cores.js';
import { type Prepared, poolDriver } from '../../src/verify/run.js';
import { parseShard, partition, shardOf } from '../../src/verify/shard.js';

const tick = (): Promise<void> => new Promise((r) => setTimeout(r, 1));

describe('an obligation\'s time', () => {
  it('is its work\'s time on a core, not counting the waits for one between its parts (what the estimates and timings.json are)', async () => {
    const cores = new Cores(2);
    const ok = { outcome: { status: 'proved', checker: { name: 'x', version: '1' }, trust: 't' }, inputs: { checked: 1, exhaustive: true, inputBits: 20 } };
    const pool = { run: () => new Promise((r) => setTimeout(() => r(ok), 60)) } as unknown as Parameters<typeof poolDriver>[1];
    // 20 input bits within the budget: the check is split into one part per core.
    const driver = poolDriver('model', pool, () => 20);
    const prepared = { obligation: { id: 'split', kind: 'equivalence', backend: 'model', construction: 'c', model: 'm', params: {}, limits: { budgetBits: 24, samples: 1, seed: 1, timeoutMs: 10_000 } }, hash: 'h', checker: ok.outcome.checker, estimateMs: 10 } as unknown as Prepared;
    const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));
    // One core is busy for 400 ms; the other runs part 1, then higher-priority work (150 ms), then part 2.
    const blocker = cores.run(1000, () => sleep(400));
    let ms = -1;
    const t0 = Date.now();
    const run = driver.run([prepared], (_p, _r, t) => void (ms = t), { started() {}, step() {}, message() {} }, cores);
    await sleep(10);
    const urgent = cores.run(1000, () => sleep(150));
    await Promise.all([blocker, urgent, run]);
    expect(Date.now() - t0).toBeGreaterThanOrEqual(260); // elapsed: part 1, the urgent work, part 2
    expect(ms).toBeGreaterThanOrEqual(115); // two parts of 60 ms
    expect(ms).toBeLessThan(200);
  });
});

describe('cores', () => {
  it('runs at most size at once and gives a freed core to the highest priority, first come on ties', async () => {
    const cores = new Cores(2);
    const started: string[] = [];
    let running = 0;
    let most = 0;
    const gates = new Map<string, () => void>();
    const job = (name: string, priority: number): Promise<void> =>
      cores.run(priority, async () => {
        started.push(name);
        running++;
        most = Math.max(most, running);
        await new Promise<void>((r) => gates.set(name, r));
        running--;
      });
    const all = [job('a', 1), job('b', 1), job('low', 1), job('high', 9), job('mid', 5), job('mid2', 5)];
    await tick();
    expect(started).toEqual(['a', 'b']);
    expect(cores.queued).toBe(4);
    gates.get('a')!();
    await tick();
    expect(started).toEqual(['a', 'b', 'high']);
    gates.get('b')!();
    await tick();
    gates.get('high')!();
    await tick();
    expect(started).toEqual(['a', 'b', 'high', 'mid', 'mid2']);
    for (const n of ['mid', 'mid2']) gates.get(n)!();
    await tick();
    gates.get('low')!();
    await Promise.all(all);
    expect(started.at(-1)).toBe('low');
    expect(most).toBe(2);
  });

  it('releases the core when the work throws', async () => {
    const cores = new Cores(1);
    await expect(cores.run(1, async () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    expect(await cores.run(1, async () => 7)).toBe(7);
  });

  it('once the run is interrupted, starts nothing more: waiting work is rejected, running work finishes', async () => {
    const stop = new AbortController();
    const cores = new Cores(1, stop.signal);
    let release!: () => void;
    const running = cores.run(1, () => new Promise<string>((r) => (release = () => r('done'))));
    const started: string[] = [];
    const waiting = cores.run(9, async () => void started.push('waiting'));
    await tick();
    stop.abort('SIGINT');
    await expect(waiting).rejects.toThrow(/interrupted \(SIGINT\)/);
    await expect(cores.run(1, async () => void started.push('later'))).rejects.toThrow(/interrupted/);
    release();
    expect(await running).toBe('done');
    expect(started).toEqual([]);
  });
});

describe('shards', () => {
  const items = Array.from({ length: 40 }, (_, i) => ({ id: `o${String(i).padStart(2, '0')}`, ms: ((i * 7919) % 97) * 100 + (i === 3 ? 50_000 : 0), lean: i % 9 === 0 }));
  const opts = { estimateMs: (t: (typeof items)[number]) => t.ms };

  it('parses i/n and rejects anything else', () => {
    expect(parseShard('2/4')).toEqual({ index: 2, count: 4 });
    for (const bad of ['0/4', '5/4', '1/0', '2', 'a/b', '1/2/3', '-1/2']) expect(() => parseShard(bad), bad).toThrow(/--shard needs i\/n/);
  });

  it('partitions every item exactly once, deterministically, balanced to within the largest item', () => {
    const { parts, loadMs } = partition(items, 4, opts);
    expect(parts.flat().sort((a, b) => a - b)).toEqual(items.map((_, i) => i));
    expect(partition([...items].reverse(), 4, opts).parts.map((p) => p.map((i) => items.length - 1 - i).sort((a, b) => a - b))).toEqual(parts);
    const largest = Math.max(...items.map((t) => t.ms));
    expect(Math.max(...loadMs) - Math.min(...loadMs)).toBeLessThanOrEqual(largest);
    const shards = [1, 2, 3, 4].map((index) => shardOf(items, { index, count: 4 }, opts));
    expect(shards.flat().map((t) => t.id).sort()).toEqual(items.map((t) => t.id));
  });

  it('keeps a group on one shard and counts its shared cost once', () => {
    const group = (t: (typeof items)[number]) => (t.lean ? { name: 'lean', cost: 60_000 } : undefined);
    const { parts, loadMs } = partition(items, 4, { ...opts, group });
    const withLean = parts.filter((p) => p.some((i) => items[i]!.lean));
    expect(withLean).toHaveLength(1);
    const leanMs = items.filter((t) => t.lean).reduce((s, t) => s + t.ms, 60_000);
    expect(loadMs.some((l) => l >= leanMs)).toBe(true);
    expect(loadMs.reduce((s, l) => s + l, 0)).toBe(items.reduce((s, t) => s + t.ms, 60_000));
  });
});

describe('an exhaustive scan in parts', () => {
  const limits = { budgetBits: 24, samples: 10, seed: 1 };
  const scan = (construction: string, p: number, count: number) => {
    const circuit = ALL_CONSTRUCTIONS.get(construction)!.build({ p });
    const model = MODELS.get('int.add')!;
    const parts = Array.from({ length: count }, (_, index) => checkEquivalence(circuit, model, { p }, limits, { index, count }));
    return { parts, merged: mergeParts(parts, 'int.add', { p }), whole: checkEquivalence(circuit, model, { p }, limits) };
  };

  it('covers every input once: the merged verdict is that of the single scan', () => {
    // 2 x 8 input bits: 65536 patterns in whole batches over 3 uneven parts.
    const { parts, merged, whole } = scan('int.add', 8, 3);
    expect(parts.every((r) => r.inputs!.checked > 0)).toBe(true);
    expect(parts.reduce((n, r) => n + r.inputs!.checked, 0)).toBe(2 ** 16);
    expect(merged).toEqual(whole);
    expect(merged.outcome.status).toBe('proved');
  });

  it('a refutation in any part is the verdict, with the first counterexample in pattern order', () => {
    const { parts, merged, whole } = scan('mutant.add-threshold-off', 8, 4);
    expect(whole.outcome.status).toBe('refuted');
    expect(parts.filter((r) => r.outcome.status === 'refuted').length).toBeGreaterThan(0);
    expect(merged.outcome).toEqual(whole.outcome);
  });

  it('a time-out or error of one part is never proved', () => {
    const { parts } = scan('int.add', 3, 2);
    const timedOut = { outcome: { status: 'timeout' as const, checker: parts[0]!.outcome.checker, reason: 'worker time limit' } };
    expect(mergeParts([parts[0]!, timedOut], 'int.add', { p: 3 }).outcome.status).toBe('timeout');
    const empty = parts.map((r) => ({ ...r, inputs: { ...r.inputs!, checked: 0 } }));
    expect(mergeParts(empty, 'int.add', { p: 3 }).outcome.status).toBe('error');
  });
});

describe('estimates', () => {
  const o = (id: string, backend: string, timeoutMs: number) =>
    ({ id, backend, kind: 'equivalence', model: 'float.add', params: { p: 8 }, limits: { budgetBits: 24, samples: 10, seed: 1, timeoutMs } }) as unknown as Obligation;
  const timings = { schema: 'tc0-timings/1' as const, measured: 'test', obligations: { 'a/z3/p=8': 40_000 } };

  it('this machine first, then the committed baseline, then rules of thumb', () => {
    const past = (id: string) => (id === 'b/z3/p=8' ? 7_000 : undefined);
    const est = estimator(timings, () => 16, past);
    expect(est(o('b/z3/p=8', 'z3', 60_000))).toEqual({ ms: 7_000, known: true });
    expect(est(o('a/z3/p=8', 'z3', 60_000))).toEqual({ ms: 40_000, known: true });
    expect(est(o('c/z3/p=8', 'z3', 60_000)).known).toBe(false);
  });

  it('an SMT query its spec gives 900 s is expected to take longer than one with the default minute', () => {
    const est = estimator(timings, () => 16);
    expect(est(o('c/z3/p=8', 'z3', 900_000)).ms).toBeGreaterThan(est(o('c/z3/p=6', 'z3', 60_000)).ms);
  });
});
