/**
 * SIGINT, SIGTERM and SIGHUP during a run, through the real `tc0` entry point: the run stops,
 * the verdicts that were final are kept (report and store), the rest is listed as skipped
 * ("interrupted"), the report says the run was interrupted, nothing is left behind, and the exit
 * code is 128 + the signal's number. (No timing is asserted: the signal is sent once the quick
 * checks are reported finished, however long that takes.)
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Report } from '../../src/report/model.js';
import { ROOT, descendants, runCli, startCli, tempDir, waitFor } from '../helpers/cli.js';

const SPECS = join(ROOT, 'test/fixtures/signals/specs');

/** Every file under a folder, relative paths. */
const filesUnder = (dir: string): string[] => readdirSync(dir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name).slice(dir.length + 1));

describe('signals during a run', { timeout: 900_000 }, () => {
  for (const [sig, code] of [['SIGINT', 130], ['SIGTERM', 143], ['SIGHUP', 129]] as const) {
    it(`${sig}: what finished is kept, the rest is skipped, exit ${code}`, async () => {
      const dir = tempDir();
      const out = join(dir, 'out');
      const store = join(dir, 'store');
      const cli = startCli(['verify', '--specs', SPECS, '--out', out, '--store', store, '--jobs', '2']);
      // The quick checks are reported; the busy one spins in its worker thread (timeout 3600 s).
      await waitFor(() => (cli.stderr().match(/proved\s+signals\.quick/g) ?? []).length === 3, 'the quick checks to finish');
      process.kill(cli.pid, sig);
      const r = await cli.done;
      expect(r.code, r.stderr).toBe(code);
      expect(r.stderr).toContain(`tc0: interrupted (${sig})`);
      const report = JSON.parse(readFileSync(join(out, 'report.json'), 'utf8')) as Report;
      expect(report.run.interrupted).toBe(sig);
      const byId = new Map(report.obligations.map((o) => [o.id, o]));
      for (const p of [1, 2, 3]) expect(byId.get(`signals.quick/model/p=${p}`)?.status).toBe('proved');
      const busy = byId.get('signals.busy/model/p=1')!;
      expect(busy.status).toBe('skipped');
      expect(busy.trust).toMatch(new RegExp(`interrupted \\(${sig}\\)`));
      expect(readFileSync(join(out, 'report.md'), 'utf8')).toMatch(/The run was interrupted/);
      // No child process of the run survives it (the worker threads died with the process).
      expect(descendants(cli.pid)).toEqual([]);
      // Nothing half-written: no temporary file in the report folder or the store.
      expect([...filesUnder(out), ...filesUnder(store)].filter((f) => /\.tmp|write-test/.test(f))).toEqual([]);
      // The final verdicts are in the store: a --ci run answers them all from it.
      const again = runCli(['verify', '--specs', SPECS, '--out', join(dir, 'again'), '--store', store, '--ci', '--filter', 'signals.quick', '--json']);
      expect(again.code, again.stderr).toBe(0);
      expect((JSON.parse(again.stdout) as Report).summary).toMatchObject({ obligations: 3, cached: 3, proved: 3 });
    });
  }
});
