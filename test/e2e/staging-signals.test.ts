/**
 * Signals during the long one-time phases of a run, through the real `tc0`: the ts-morph link
 * analysis, a Lean library build, the unpacking of Lean's standard library. Each stops at once
 * (the work runs in a worker thread or a child process group, never blocking the main thread),
 * exits 128 + the signal's number with a report of the interrupted run, and leaves nothing that
 * a later run would trust: no half-written link cache, no half-built library or module, no
 * half-unpacked standard library; the next run redoes (or resumes) what was cut.
 *
 * The library build runs a stand-in for a native `lean` on PATH (test/fixtures/fake-lean/bin);
 * the standard library test unpacks the real Wasm package into a fresh staging folder (no Lean
 * process runs until the last step, one `lean --version`).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Report } from '../../src/report/model.js';
import { ROOT, descendants, processGroup, runCli, startCli, tempDir, waitFor } from '../helpers/cli.js';

const FAKE_BIN = join(ROOT, 'test/fixtures/fake-lean/bin');
const LEAN_SPECS = join(ROOT, 'test/fixtures/lean-signals/specs');
const nativeLean = !spawnSync('lean', ['--version'], { stdio: 'ignore' }).error;

const lines = (file: string): string[] => (existsSync(file) ? readFileSync(file, 'utf8').split('\n').filter(Boolean) : []);
const tmpFiles = (dir: string): string[] => (existsSync(dir) ? readdirSync(dir, { recursive: true }).map(String).filter((f) => /\.tmp|write-test/.test(f)) : []);

/** The report of an interrupted run: every obligation skipped as interrupted (nothing had finished). */
function expectAllInterrupted(out: string, sig: string): void {
  const report = JSON.parse(readFileSync(join(out, 'report.json'), 'utf8')) as Report;
  expect(report.run.interrupted).toBe(sig);
  expect(report.obligations.length).toBeGreaterThan(0);
  for (const o of report.obligations) {
    expect(o.status, o.id).toBe('skipped');
    expect(o.trust).toMatch(new RegExp(`interrupted \\(${sig}\\)`));
  }
}

describe('signals during long one-time phases', { timeout: 900_000 }, () => {
  it('SIGTERM during the link analysis: stopped at once, no link cache written, exit 143', async () => {
    const dir = tempDir();
    const out = join(dir, 'out');
    const store = join(dir, 'store');
    mkdirSync(store); // an existing store is not seeded with the tests' shared link cache: the analysis runs
    const cli = startCli(['verify', '--specs', join(ROOT, 'test/fixtures/signals/specs'), '--filter', 'signals.quick', '--out', out, '--store', store]);
    await waitFor(() => /linking specs to code/.test(cli.stderr()), 'the link analysis to start');
    process.kill(cli.pid, 'SIGTERM');
    const r = await cli.done;
    expect(r.code, r.stderr).toBe(143);
    expect(r.stderr).toContain('tc0: interrupted (SIGTERM)');
    expectAllInterrupted(out, 'SIGTERM');
    // The analysis was stopped, not waited for: it wrote no cache file, whole or partial.
    expect(readdirSync(store)).toEqual([]);
    expect(tmpFiles(out)).toEqual([]);
    expect(descendants(cli.pid)).toEqual([]);
  });

  it.skipIf(nativeLean)('SIGINT during a Lean library build: the build stops, finished modules are kept, the next build resumes', async () => {
    const dir = tempDir();
    const staging = join(dir, 'staging');
    const env = (log: string, ms: number) => ({ PATH: `${FAKE_BIN}:${process.env.PATH}`, TC0_LEAN_STAGING: staging, FAKE_LEAN_LOG: log, FAKE_LEAN_MS: String(ms) });
    const args = (out: string) => ['verify', '--specs', LEAN_SPECS, '--backend', 'lean', '--jobs', '1', '--out', out, '--store', join(dir, 'store')];
    const log1 = join(dir, 'first.log');
    const cli = startCli(args(join(dir, 'out1')), { env: env(log1, 2000) });
    // Two modules compiled, the third compiling (each takes the stand-in two seconds).
    let group: number | undefined;
    await waitFor(() => lines(log1).length >= 3 && (group = descendants(cli.pid).find((d) => /bin\/lean .*-o /.test(d.cmdline))?.pgid) !== undefined, 'the third module to compile');
    process.kill(cli.pid, 'SIGINT');
    const r = await cli.done;
    expect(r.code, r.stderr).toBe(130);
    expectAllInterrupted(join(dir, 'out1'), 'SIGINT');
    await waitFor(() => processGroup(group!).length === 0, 'the compiling process group to be gone', 30_000);
    // Only whole module entries stay; no library folder (whole or partial), build folder, lock or temporary.
    expect(readdirSync(staging)).toEqual(['modules-native']);
    const entries = readdirSync(join(staging, 'modules-native'));
    for (const e of entries) expect(existsSync(join(staging, 'modules-native', e, '.complete')), e).toBe(true);
    const compiledFirst = lines(log1);
    // The module being compiled at the signal was cut, and not kept.
    expect(entries.length).toBe(compiledFirst.length - 1);

    const log2 = join(dir, 'second.log');
    const again = runCli(args(join(dir, 'out2')), { env: env(log2, 0) });
    expect(again.stderr).not.toMatch(/internal error/);
    const compiledSecond = lines(log2);
    // Resumed: the kept modules are not compiled again, the cut one and the rest are.
    expect(compiledSecond).not.toContain(compiledFirst[0]);
    expect(compiledSecond).toContain(compiledFirst[compiledFirst.length - 1]);
    expect(new Set([...compiledFirst, ...compiledSecond]).size).toBe(entries.length + compiledSecond.length);
    expect(readdirSync(staging).filter((n) => n.startsWith('olean-native-'))).toHaveLength(1);
    // The stand-in proves nothing: its check prints no sentinel.
    const report = JSON.parse(readFileSync(join(dir, 'out2', 'report.json'), 'utf8')) as Report;
    expect(report.obligations.map((o) => o.status)).toEqual(['error']);
  });

  it.skipIf(nativeLean)('SIGTERM while the standard library is unpacked: nothing half-unpacked stays, the next run unpacks it again', async () => {
    const dir = tempDir('tc0-test-staging-');
    const staging = join(dir, 'staging');
    const out = join(dir, 'out');
    const cli = startCli(['verify', '--specs', LEAN_SPECS, '--backend', 'lean', '--out', out, '--store', join(dir, 'store')], { env: { TC0_LEAN_STAGING: staging } });
    let tar: number | undefined;
    await waitFor(() => (tar = descendants(cli.pid).find((d) => /(^|\/)tar /.test(d.cmdline))?.pgid) !== undefined, 'tar to start unpacking');
    process.kill(cli.pid, 'SIGTERM');
    const r = await cli.done;
    expect(r.code, r.stderr).toBe(143);
    expectAllInterrupted(out, 'SIGTERM');
    await waitFor(() => processGroup(tar!).length === 0, 'tar to be gone', 30_000);
    // The unpacking was cut: its temporary folder is removed, and no standard library folder exists.
    expect(readdirSync(staging).filter((n) => n.startsWith('stdlib-'))).toEqual([]);
    // The next run (here `tc0 doctor`, which stages Lean and asks its version) unpacks it again.
    const doctor = runCli(['doctor', '--json'], { env: { TC0_LEAN_STAGING: staging }, timeoutMs: 600_000 });
    expect(doctor.code, doctor.stderr).toBe(0);
    const rows = JSON.parse(doctor.stdout) as Array<{ backend: string; available: boolean; detail: string }>;
    expect(rows.find((x) => x.backend === 'lean')?.available, doctor.stdout).toBe(true);
    const stdlib = readdirSync(staging).filter((n) => n.startsWith('stdlib-'));
    expect(stdlib).toHaveLength(1);
    expect(existsSync(join(staging, stdlib[0]!, '.complete'))).toBe(true);
    rmSync(dir, { recursive: true, force: true }); // 250 MB
  });
});
