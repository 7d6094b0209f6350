/**
 * A native solver that crashes, answers nonsense or ignores its time limit (fake `z3` scripts put
 * first on PATH, test/fixtures/fake-solvers): the verdict is an `error` or a `timeout` naming
 * the cause, never `proved`, the run goes on, and no process is left behind.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Report } from '../../src/report/model.js';
import { ROOT, verifyFixture } from '../helpers/cli.js';

const withFake = (kind: string) => ({ env: { PATH: `${join(ROOT, 'test/fixtures/fake-solvers', kind)}:${process.env.PATH}` } });
const verdict = (stdout: string) => (JSON.parse(stdout) as Report).obligations.find((o) => o.id === 'faults.add/z3/p=4')!;

/** Processes whose command line is the hanging fake's sleep. */
const sleepers = (): number => readdirSync('/proc').filter((d) => /^\d+$/.test(d) && (() => { try { return readFileSync(`/proc/${d}/cmdline`, 'utf8').includes('3600.125'); } catch { return false; } })()).length;

describe('native solver faults', { timeout: 600_000 }, () => {
  it('a solver that crashes: error, with the signal named', () => {
    const r = verifyFixture('solver-faults', ['--solvers', 'z3'], withFake('crash'));
    expect(r.code, r.stderr).toBe(1);
    const o = verdict(r.stdout);
    expect(o.status).toBe('error');
    expect(o.trust).toMatch(/z3 crashed \(killed by SIGSEGV\)/);
  });

  it('a solver that answers nonsense: error', () => {
    const r = verifyFixture('solver-faults', ['--solvers', 'z3'], withFake('garbage'));
    expect(r.code, r.stderr).toBe(1);
    expect(verdict(r.stdout).status).toBe('error');
  });

  it('a solver that ignores its time limit: killed with what it started, timeout', () => {
    const before = sleepers();
    const r = verifyFixture('solver-faults', ['--solvers', 'z3'], withFake('hang'));
    expect(r.code, r.stderr).toBe(1);
    const o = verdict(r.stdout);
    expect(o.status).toBe('timeout');
    expect(o.trust).toMatch(/no answer within the time limit of 5 s/);
    expect(sleepers()).toBe(before);
  });
});
