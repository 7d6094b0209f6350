/** Child processes: killed as a whole process group, at a time limit, at a memory cap, or all at once. */
import { describe, expect, it } from 'vitest';
import { liveProcesses, runProcess, stopAllProcesses } from '../../src/backend/process.js';
import { descendants, processGroup, waitFor } from '../helpers/cli.js';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';

const hasSetpriv = spawnSync('setpriv', ['--pdeathsig', 'KILL', '--', 'true']).status === 0;

/** The pid the shell printed first (the shell itself leads the group). */
const firstLine = (s: string): number => Number(s.split('\n')[0]);

describe('runProcess', { timeout: 120_000 }, () => {
  it('a time limit kills the whole process group, grandchildren included', async () => {
    const r = await runProcess('sh', ['-c', 'sleep 300 & echo $$; wait'], { timeoutMs: 1500 });
    expect(r.timedOut).toBe(true);
    const pgid = firstLine(r.out);
    expect(pgid).toBeGreaterThan(0);
    await waitFor(() => processGroup(pgid).length === 0, 'the group to die', 30_000);
  });

  it('stopAllProcesses kills every running child and its group; the run says it was stopped', async () => {
    const runs = [runProcess('sh', ['-c', 'sleep 300 & echo $$; wait'], { timeoutMs: 600_000 }), runProcess('sh', ['-c', 'sleep 300 & echo $$; wait'], { timeoutMs: 600_000 })];
    await waitFor(() => liveProcesses() === 2, 'both children to start', 30_000);
    // Both shells have started their sleep once their groups have two members.
    await new Promise((r) => setTimeout(r, 500));
    expect(stopAllProcesses()).toBe(2);
    const done = await Promise.all(runs);
    for (const r of done) {
      expect(r.stopped).toBe(true);
      expect(r.timedOut).toBe(false);
      if (r.out) await waitFor(() => processGroup(firstLine(r.out)).length === 0, 'the group to die', 30_000);
    }
    expect(liveProcesses()).toBe(0);
  });

  it('a process above its memory cap is killed and the run says so', async () => {
    // Node grows a buffer past 300 MiB against a cap of 100 MiB.
    const r = await runProcess(process.execPath, ['-e', 'const a = []; for (;;) { a.push(Buffer.alloc(16 << 20, 1)); if (a.length > 40) break; } setTimeout(() => {}, 600000);'], { timeoutMs: 120_000, memoryLimitMb: 100 });
    expect(r.memoryExceeded?.limitMb).toBe(100);
    expect(r.memoryExceeded!.residentMb).toBeGreaterThan(100);
    expect(r.timedOut).toBe(false);
  });

  it('a command that does not exist is a start error, not an exit code', async () => {
    const r = await runProcess('tc0-no-such-command', [], { timeoutMs: 10_000 });
    expect(r.startError).toMatch(/tc0-no-such-command/);
    expect(r.code).toBeNull();
  });

  it.skipIf(!hasSetpriv)('children die with the workbench even when it is killed with SIGKILL (parent-death signal)', async () => {
    const script = `import(${JSON.stringify(new URL('../../src/backend/process.ts', import.meta.url).href)}).then((m) => m.runProcess('sleep', ['300'], { timeoutMs: 600000 }))`;
    const parent = spawn(process.execPath, ['--import', 'tsx', '-e', script], { stdio: 'ignore' });
    let sleeper: number | undefined;
    await waitFor(() => (sleeper = descendants(parent.pid!).find((d) => /^sleep 300/.test(d.cmdline))?.pid) !== undefined, 'the child to start', 60_000);
    parent.kill('SIGKILL');
    await waitFor(() => !existsSync(`/proc/${sleeper}`) || /\) Z /.test(readFileSync(`/proc/${sleeper}/stat`, 'utf8')), 'the orphan to die', 30_000);
  });
});
