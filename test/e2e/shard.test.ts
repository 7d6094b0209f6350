/**
 * A CI matrix on one machine: `tc0 verify --shard i/4` four times, one store each, then
 * `tc0 merge`: every obligation is in exactly one shard, and the merged report has the verdicts
 * of a single run. A missing shard is an error in the merged report, never a silent gap.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, runCli, tempDir } from '../helpers/cli.js';

const SPECS = join(ROOT, 'test/fixtures/report/specs');

interface Report {
  readonly obligations: ReadonlyArray<{ readonly id: string; readonly status: string; readonly hash: string }>;
}

/** Each obligation's status and content hash (the same hash: the same version was checked). */
const verdicts = (outDir: string): Record<string, string> => {
  const r = JSON.parse(readFileSync(join(outDir, 'report.json'), 'utf8')) as Report;
  return Object.fromEntries(r.obligations.map((o) => [o.id, `${o.status} ${o.hash}`]));
};

describe('verify --shard and tc0 merge', () => {
  it('four shards merged give the verdicts of one run; a missing shard is an error', () => {
    const dir = tempDir();
    const one = runCli(['verify', '--specs', SPECS, '--store', join(dir, 'one'), '--out', join(dir, 'one-out'), '--json']);
    expect(one.code, one.stderr).toBe(0);
    const whole = verdicts(join(dir, 'one-out'));
    expect(Object.keys(whole).length).toBeGreaterThan(5);

    const mine: string[][] = [];
    for (let i = 1; i <= 4; i++) {
      const r = runCli(['verify', '--specs', SPECS, '--shard', `${i}/4`, '--store', join(dir, `s${i}`), '--out', join(dir, `s${i}-out`), '--json']);
      expect(r.code, r.stderr).toBe(0);
      // A shard's own report holds its obligations; the others are not part of it.
      mine.push(Object.keys(verdicts(join(dir, `s${i}-out`))));
    }
    expect(mine.every((ids) => ids.length > 0)).toBe(true);
    expect(mine.flat().sort()).toEqual(Object.keys(whole).sort());

    const merged = runCli(['merge', ...[1, 2, 3, 4].map((i) => join(dir, `s${i}`)), '--specs', SPECS, '--store', join(dir, 'merged'), '--out', join(dir, 'merged-out')]);
    expect(merged.code, merged.stderr).toBe(0);
    expect(merged.stderr).toMatch(/tc0 merge: \d+ verdicts from 4 stores into /);
    expect(verdicts(join(dir, 'merged-out'))).toEqual(whole);

    // Shard 4 missing: its obligations are errors, and the run is not green.
    const partial = runCli(['merge', ...[1, 2, 3].map((i) => join(dir, `s${i}`)), '--specs', SPECS, '--store', join(dir, 'partial'), '--out', join(dir, 'partial-out')]);
    expect(partial.code).toBe(1);
    const got = verdicts(join(dir, 'partial-out'));
    for (const id of mine[3]!) expect(got[id], id).toMatch(/^error /);
    expect(readFileSync(join(dir, 'partial-out', 'report.json'), 'utf8')).toMatch(/no merged store has a verdict for this obligation/);
  }, 900_000);

  it('rejects a malformed shard and a store that is not there', () => {
    const dir = tempDir();
    // Every malformed form is in the unit test of parseShard; here, that the command says it.
    for (const bad of ['5/4', 'x/y']) {
      const r = runCli(['verify', '--specs', SPECS, '--shard', bad, '--store', join(dir, 's')]);
      expect(r.code, bad).toBe(2);
      expect(r.stderr.trimEnd(), bad).toMatch(/^tc0 verify: --shard needs i\/n with 1 <= i <= n \(e\.g\. 2\/4\), got /);
    }
    const r = runCli(['merge', join(dir, 'absent'), '--specs', SPECS, '--store', join(dir, 'merged'), '--out', join(dir, 'out')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/absent/);
    expect(runCli(['merge', '--specs', SPECS]).stderr).toMatch(/^tc0 merge: missing <store>/);
  }, 300_000);
});
