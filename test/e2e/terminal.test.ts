/**
 * What a person sees on a terminal, through a real pseudo-terminal (`script`): the live display
 * (running obligations with their elapsed time, done / total, a bar, an ETA from the store's past
 * timings, the slowest obligations at the end, one message per cause), colours that honour
 * NO_COLOR and FORCE_COLOR, and plain lines when not on a terminal.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { HAVE_PTY, ROOT, runCli, runPty, tempDir } from '../helpers/cli.js';

const FIXTURE = join(ROOT, 'test/fixtures/progress/specs');
const COLOUR = /\x1b\[(?:1;)?3\dm/;
/** The text without colour codes (cursor movements stay). */
const uncoloured = (s: string): string => s.replace(/\x1b\[[\d;]*m/g, '');

function args(dir: string): string[] {
  return ['verify', '--specs', FIXTURE, '--store', join(dir, 'store'), '--out', join(dir, 'out'), '--jobs', '2'];
}

describe.skipIf(!HAVE_PTY && !process.env.CI)('on a terminal', () => {
  it('draws a live display, then uses past timings for an ETA', () => {
    const dir = tempDir();
    const first = runPty(args(dir));
    expect(first.code, first.stdout).toBe(1);
    const out = uncoloured(first.stdout);
    // Redrawn in place: cursor up and clear to the end of the screen.
    expect(out).toMatch(/\x1b\[1A\r\x1b\[J/);
    // The two spinning obligations are shown running, with their elapsed time growing past a second.
    expect(out).toMatch(/▸ model +prog\.spins\/model\/p=[12] +1\.\d s/);
    // A bar with done / total and the percentage.
    expect(out).toMatch(/█+░* \d+\/12 \d+%/);
    expect(out).toContain('no ETA yet (no past timings)');
    // The two time-outs share one cause: the reason is printed once, the repeat is counted.
    expect(out.match(/UNEXPECTED.*stopped at the time limit/g)).toHaveLength(1);
    expect(out).toMatch(/1 more with the same cause as prog\.spins\/model\/p=\d/);
    // The slowest obligations close the run.
    // Five at most, slowest first (on a loaded machine an evaluation can outlast the time-outs).
    const slowest = [.../slowest obligations:((?:\r?\n +\d+\.\d s +prog\.\S+)+)/.exec(out)![1]!.matchAll(/(\d+\.\d) s/g)].map((m) => Number(m[1]));
    expect(slowest.length).toBeGreaterThan(0);
    expect(slowest.length).toBeLessThanOrEqual(5);
    expect(slowest).toEqual([...slowest].sort((a, b) => b - a));
    expect(first.stdout).toMatch(COLOUR);

    // Time-outs are not stored, so they run again, and now their last time gives an ETA.
    const second = runPty(args(dir));
    expect(second.code).toBe(1);
    expect(uncoloured(second.stdout)).toMatch(/10\/12 83% .*ETA ~\d\.\d s/);
  }, 300_000);

  it('NO_COLOR turns colours off and FORCE_COLOR=0 too; the display stays live', () => {
    for (const env of [{ NO_COLOR: '1' }, { FORCE_COLOR: '0' }]) {
      const dir = tempDir();
      const r = runPty(args(dir), { env });
      expect(r.code).toBe(1);
      expect(r.stdout, JSON.stringify(env)).not.toMatch(COLOUR);
      expect(r.stdout).toMatch(/\x1b\[J/);
      expect(r.stdout).toMatch(/slowest obligations/);
    }
  }, 300_000);
});

describe('not on a terminal (CI logs)', () => {
  it('prints one plain line per obligation, no escape sequences, the slowest at the end', () => {
    const dir = tempDir();
    const r = runCli(args(dir));
    expect(r.code).toBe(1);
    expect(r.stderr).not.toMatch(/\x1b\[/);
    const lines = r.stderr.split('\n');
    expect(lines.filter((l) => /^\[\d+\/12\] /.test(l))).toHaveLength(12);
    expect(lines).toContainEqual(expect.stringMatching(/^\[\d+\/12\] timeout  prog\.spins\/model\/p=\d \(\d\.\d s\)  UNEXPECTED$/));
    // The reason once; the second time-out points at the first.
    expect(r.stderr.match(/stopped at the time limit/g)).toHaveLength(1);
    expect(r.stderr).toMatch(/same cause as prog\.spins\/model\/p=\d/);
    expect(r.stderr).toMatch(/slowest obligations:\n/);
  }, 300_000);

  it('FORCE_COLOR=1 colours plain lines too', () => {
    const dir = tempDir();
    const r = runCli(args(dir), { env: { FORCE_COLOR: '1' } });
    expect(r.stderr).toMatch(COLOUR);
    expect(r.stderr).not.toMatch(/\x1b\[J/);
  }, 300_000);
});
