/**
 * Faults while real Lean runs, through the real `tc0` (slow; one Lean process at a time: the
 * library is built first, one module at a time, so the runs below start a single Lean check):
 * - SIGTERM during a Lean check: the Lean process group is killed, the verdicts already final
 *   are kept (report and store), the interrupted obligation is not recorded as a verdict, the
 *   store holds only whole entries, no staging folder of the run stays, exit 143;
 * - a Lean process that passes the memory cap (`TC0_LEAN_MEMORY_MB`) is killed: an `error`
 *   naming the cap, never `proved`, never a hang.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Report } from '../../src/report/model.js';
import { buildLibrary, detectLean, readLibrary, stagingRoot } from '../../src/backend/lean.js';
import { LIBRARY_ROOT } from '../../src/gen/lean/emit.js';
import { LEAN_DIR } from '../../src/verify/drivers/lean.js';
import { ROOT, descendants, processGroup, startCli, storedVerdicts, tempDir, verifyFixture, waitFor } from '../helpers/cli.js';

const lean = await detectLean();
const SPECS = join(ROOT, 'test/fixtures/lean-signals/specs');

describe.skipIf(!lean.ok)('faults while Lean runs', () => {
  beforeAll(async () => {
    if (!lean.ok) return;
    // The library the runs check against (cached; compiled one module at a time if it is not).
    const lib = await buildLibrary(lean.toolchain, readLibrary(LEAN_DIR, LIBRARY_ROOT).filter((m) => m.name !== LIBRARY_ROOT), 1, 1_500_000);
    expect(lib.ok, lib.problems.join('; ')).toBe(true);
  }, 1_800_000);

  it('SIGTERM during a Lean check: Lean is killed, final verdicts kept, the interrupted one not recorded, exit 143', async () => {
    const dir = tempDir();
    const out = join(dir, 'out');
    const store = join(dir, 'store');
    // --jobs 2: the model checks finish in one lane while the single Lean check runs in the other.
    const cli = startCli(['verify', '--specs', SPECS, '--out', out, '--store', store, '--jobs', '2']);
    const isCheck = (cmdline: string): boolean => /(^| )Check\d+\.lean( |$)/.test(cmdline);
    let group: number | undefined;
    await waitFor(() => (group = descendants(cli.pid).find((d) => isCheck(d.cmdline))?.pgid) !== undefined, 'the Lean check to start', 600_000);
    await waitFor(() => (cli.stderr().match(/proved\s+leansig\.quick/g) ?? []).length === 3, 'the model checks to finish');
    // Lean is still checking (it takes 15 s or more to start), and now the run is stopped.
    expect(processGroup(group!).length).toBeGreaterThan(0);
    process.kill(cli.pid, 'SIGTERM');
    const r = await cli.done;
    expect(r.code, r.stderr).toBe(143);
    expect(r.stderr).toContain('tc0: interrupted (SIGTERM)');
    // The whole Lean process group is gone (killed, then reaped once its parent exited).
    await waitFor(() => processGroup(group!).length === 0, 'the Lean process group to be gone', 30_000);
    expect(descendants(cli.pid)).toEqual([]);

    const report = JSON.parse(readFileSync(join(out, 'report.json'), 'utf8')) as Report;
    expect(report.run.interrupted).toBe('SIGTERM');
    const byId = new Map(report.obligations.map((o) => [o.id, o]));
    for (const p of [1, 2, 3]) expect(byId.get(`leansig.quick/model/p=${p}`)?.status).toBe('proved');
    const cut = byId.get('leansig.theorem/lean:size_ok')!;
    expect(cut.status, cut.trust).toBe('skipped');
    expect(cut.trust).toMatch(/interrupted \(SIGTERM\)/);
    // The store holds exactly the final verdicts, each a whole entry; the cut Lean check is not one.
    expect(await storedVerdicts(store)).toEqual({ obligations: ['leansig.quick/model/p=1', 'leansig.quick/model/p=2', 'leansig.quick/model/p=3'], bad: [] });
    // No folder of this run (check-<pid>-..., build-...-<pid>-..., *.tmp-<pid>...) stays in the staging root.
    const root = stagingRoot();
    const mine = readdirSync(root).filter((n) => new RegExp(`(^check-${cli.pid}-|-${cli.pid}-|\\.tmp-${cli.pid}(-|$))`).test(n));
    expect(mine).toEqual([]);
    expect(readdirSync(out, { recursive: true }).filter((f) => /\.tmp/.test(String(f)))).toEqual([]);
  }, 1_200_000);

  it('a Lean process over the memory cap is killed: an error naming the cap, never proved', () => {
    // 256 MiB: the smallest cap allowed, far below what a Lean check needs (about 3.5 GiB).
    const r = verifyFixture('lean', ['--jobs', '1'], { env: { TC0_LEAN_MEMORY_MB: '256' }, timeoutMs: 900_000 });
    expect(r.code, r.stderr).toBe(1);
    const report = JSON.parse(r.stdout) as Report;
    expect(report.obligations.length).toBe(5);
    for (const o of report.obligations) {
      expect(o.status, `${o.id}: ${o.trust}`).toBe('error');
      // plain_sorry is refused before Lean runs (the sorry token); every other one was cut by the cap.
      if (o.id !== 'leanfix.theorems/lean:plain_sorry') {
        expect(o.trust).toMatch(/resident memory \d+ MiB passed the cap of 256 MiB \(TC0_LEAN_MEMORY_MB\)/);
        expect(o.trust, 'a known cause is not called a crash').not.toMatch(/crash\?/);
      }
    }
  }, 1_000_000);
});
