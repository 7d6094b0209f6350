/**
 * User code that never returns, under every backend: the construction is built in a worker
 * thread under the obligation's time limit whatever checks it (model, measure, z3, lean), so a
 * loop is a `timeout` verdict and the rest of the run goes on. (The looping checks have a 3 s
 * limit, the good ones the defaults: generous on a loaded machine.)
 */
import { describe, expect, it } from 'vitest';
import type { Report } from '../../src/report/model.js';
import { detectLean } from '../../src/backend/lean.js';
import { verifyFixture } from '../helpers/cli.js';

describe('a construction that loops', { timeout: 600_000 }, () => {
  it('is a timeout under z3, lean and measure; the good spec beside it is proved', async () => {
    const r = verifyFixture('loops-backends', ['--jobs', '2']);
    expect(r.code, r.stderr).toBe(1);
    const report = JSON.parse(r.stdout) as Report;
    const byId = new Map(report.obligations.map((o) => [o.id, o]));
    expect(byId.get('loops.z3/z3/p=1')?.status).toBe('timeout');
    expect(byId.get('loops.z3/z3/p=1')?.trust).toMatch(/fixture\.loops .*did not finish building within the time limit of 3 s/);
    expect(byId.get('loops.measure/measure/p=1')?.status).toBe('timeout');
    expect(byId.get('loops.lean/lean/p=1')?.status).toBe((await detectLean()).ok ? 'timeout' : 'skipped');
    expect(byId.get('loops.good/model/p=2')?.status).toBe('proved');
    expect(byId.get('loops.good/z3/p=2')?.status).toBe('proved');
  });
});
