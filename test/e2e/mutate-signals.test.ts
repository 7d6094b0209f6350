/**
 * `tc0 mutate` interrupted, through the real entry point: the mutants scored before the signal
 * keep their scores, the one running and the rest are `not-run` ("interrupted"), the reports
 * are written with `run.interrupted`, the store holds only whole verdicts, the mutant source
 * trees are removed, nothing runs on, and the exit code is 130. A signal during the search for
 * source mutation sites (seconds of ts-morph work, in a worker thread) stops the run there.
 */
import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Report } from '../../src/report/model.js';
import { ROOT, descendants, runCli, startCli, storedVerdicts, tempDir, waitFor } from '../helpers/cli.js';

describe('tc0 mutate interrupted', () => {
  it('SIGINT: scored mutants kept, the rest not run, mutant trees removed, store whole, exit 130', async () => {
    const dir = tempDir();
    const out = join(dir, 'out');
    const store = join(dir, 'store');
    // Its own temporary folder: the source mutants' trees are written there.
    const tmp = join(dir, 'tmp');
    mkdirSync(tmp);
    const cli = startCli(['mutate', '--specs', join(ROOT, 'test/fixtures/mutate-signals/specs'), '--out', out, '--store', store, '--kinds', 'circuit,source', '--mutants', '20', '--backend', 'model', '--jobs', '1'], { env: { TMPDIR: tmp } });
    // Two mutants scored (each takes a second or more: exhaustive checks up to p = 9).
    await waitFor(() => /\[2\/\d+\]/.test(cli.stderr()), 'two mutants to be scored');
    process.kill(cli.pid, 'SIGINT');
    const r = await cli.done;
    expect(r.code, r.stderr).toBe(130);
    expect(r.stderr).toContain('tc0: interrupted (SIGINT)');
    expect(descendants(cli.pid)).toEqual([]);

    const report = JSON.parse(readFileSync(join(out, 'report.json'), 'utf8')) as Report;
    expect(report.run.interrupted).toBe('SIGINT');
    const mutants = report.mutation!.constructions[0]!.mutants;
    const scored = mutants.filter((m) => m.status !== 'not-run');
    const cut = mutants.filter((m) => m.status === 'not-run');
    expect(scored.length).toBeGreaterThanOrEqual(2);
    expect(cut.length).toBeGreaterThan(0);
    for (const m of scored) expect(['killed', 'survived'], `${m.id}: ${m.evidence}`).toContain(m.status);
    for (const m of cut) expect(m.evidence).toMatch(/interrupted \(SIGINT\)/);
    expect(report.mutation!.summary.notRun).toBe(cut.length);

    // The store holds whole verdicts only: those of the scored mutants (and of the specs' own checks, if any ran).
    const stored = await storedVerdicts(store);
    expect(stored.bad).toEqual([]);
    for (const m of scored.filter((x) => x.status === 'killed')) expect(stored.obligations.some((o) => o.endsWith(`@${m.id}`)), m.id).toBe(true);
    // Of the mutants not run, only the one cut while running may have final verdicts stored.
    expect(cut.filter((m) => stored.obligations.some((o) => o.endsWith(`@${m.id}`))).length).toBeLessThanOrEqual(1);
    // No mutant tree and no half-written report stays.
    expect(readdirSync(tmp).filter((n) => n.startsWith('tc0-mutants-'))).toEqual([]);
    expect(readdirSync(out, { recursive: true }).map(String).filter((f) => /\.tmp/.test(f))).toEqual([]);
  }, 600_000);

  it('SIGTERM while source mutation sites are searched: stopped there, no source mutant planned, exit 143', async () => {
    const dir = tempDir();
    const out = join(dir, 'out');
    const tmp = join(dir, 'tmp');
    mkdirSync(tmp);
    const cli = startCli(['mutate', '--specs', join(ROOT, 'test/fixtures/mutate-signals/specs'), '--out', out, '--store', join(dir, 'store'), '--kinds', 'circuit,source', '--mutants', '4', '--backend', 'model', '--jobs', '1'], { env: { TMPDIR: tmp } });
    await waitFor(() => /finding source mutation sites/.test(cli.stderr()), 'the site search to start');
    process.kill(cli.pid, 'SIGTERM');
    const r = await cli.done;
    expect(r.code, r.stderr).toBe(143);
    expect(descendants(cli.pid)).toEqual([]);
    const report = JSON.parse(readFileSync(join(out, 'report.json'), 'utf8')) as Report;
    expect(report.run.interrupted).toBe('SIGTERM');
    const mutants = report.mutation!.constructions[0]!.mutants;
    // The search was stopped, not waited for: no source mutant was planned; the circuit ones were not run.
    expect(mutants.filter((m) => m.kind === 'source')).toEqual([]);
    for (const m of mutants) expect(m.status, m.id).toBe('not-run');
    expect(readdirSync(tmp).filter((n) => n.startsWith('tc0-mutants-'))).toEqual([]);
  }, 600_000);

  it('a construction that loops: its circuit mutants are planned under --timeout, and a signal stops the planning at once', async () => {
    const dir = tempDir();
    const specs = join(ROOT, 'test/fixtures/loops/specs');
    const args = (out: string, timeout: number) => ['mutate', '--specs', specs, '--out', join(dir, out), '--store', join(dir, 'store'), '--kinds', 'circuit', '--backend', 'model', '--timeout', String(timeout)];
    const r = runCli(args('limited', 3));
    expect(r.code, r.stderr).not.toBe(-1);
    const row = (JSON.parse(readFileSync(join(dir, 'limited', 'report.json'), 'utf8')) as Report).mutation!.constructions[0]!;
    expect(row.construction).toBe('fixture.loops');
    expect(row.mutants).toEqual([]);
    expect(row.notes.join('; ')).toMatch(/no circuit mutants: building its instances did not finish within the time limit of 3 s/);

    const cli = startCli(args('cut', 3600));
    await waitFor(() => /planning circuit mutants/.test(cli.stderr()), 'the planning to start');
    await new Promise((res) => setTimeout(res, 2000)); // the construction is spinning in its worker
    process.kill(cli.pid, 'SIGTERM');
    const cut = await cli.done;
    expect(cut.code, cut.stderr).toBe(143);
    expect(descendants(cli.pid)).toEqual([]);
    const report = JSON.parse(readFileSync(join(dir, 'cut', 'report.json'), 'utf8')) as Report;
    expect(report.run.interrupted).toBe('SIGTERM');
    expect(report.mutation!.constructions[0]!.mutants).toEqual([]);
  }, 600_000);
});
