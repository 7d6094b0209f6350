/**
 * The lean backend for real (slow: one Lean process, plus the library build on a machine that
 * has not built it yet). A sorry, by token or by sorryAx, or a false claim is an error, never
 * proved; a proved obligation's trust text names the axioms the audit found.
 */
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Report } from '../../src/report/model.js';
import { detectLean, stagingRoot } from '../../src/backend/lean.js';
import { ROOT, runCli, tempDir, verifyFixture } from '../helpers/cli.js';

const lean = await detectLean();

describe.skipIf(!lean.ok)('lean backend', () => {
  it('proves an instance and a library theorem; sorry and false claims are errors', () => {
    // A cold library build alone takes minutes on a busy machine.
    const r = verifyFixture('lean', ['--jobs', '1'], { timeoutMs: 1_500_000 });
    expect(r.code, r.stderr).not.toBe(-1);
    const report = JSON.parse(r.stdout) as Report;
    const status = (id: string) => report.obligations.find((o) => o.id === id);
    const inst = status('leanfix.add/lean/p=1')!;
    expect(inst.status, inst.trust).toBe('proved');
    expect(inst.checker).toMatch(/lean/);
    expect(inst.trust).toMatch(/axioms used: (none|[\w., ]+); \d+ constants of Lean's library taken as shipped .*; audited: /);
    expect(status('leanfix.theorems/lean:size_ok')?.status).toBe('proved');
    const hidden = status('leanfix.theorems/lean:hidden_sorry')!;
    expect(hidden.status).toBe('error');
    expect(hidden.trust).toMatch(/sorryAx/);
    const plain = status('leanfix.theorems/lean:plain_sorry')!;
    expect(plain.status).toBe('error');
    expect(plain.trust).toMatch(/sorryAx/);
    expect(status('leanfix.theorems/lean:false_claim')?.status).toBe('error');
    expect(report.summary.proved).toBe(2);
    expect(r.code).toBe(1);
  }, 1_800_000);
});

describe.skipIf(!lean.ok || lean.toolchain.kind !== 'wasm')('the Lean library build, in a fresh staging folder', () => {
  it('is shown as its own step, module by module; a time-out is said once and every Lean obligation carries it', () => {
    // A staging folder of its own, so that the library is not built yet; the unpacked standard
    // library is shared through a link (unpacking it again would take a minute and a half), and
    // so is the staged runtime with its known version (asking Lean for it again can take minutes
    // on a loaded machine, and that start is not what this test is about).
    const staging = join(tempDir(), 'staging');
    mkdirSync(staging);
    const shared = (n: string): boolean =>
      (/^stdlib-\d+$/.test(n) && existsSync(join(stagingRoot(), n, '.complete'))) || (/^runtime-[0-9a-f]+$/.test(n) && existsSync(join(stagingRoot(), n, 'version.txt')) && existsSync(join(stagingRoot(), n, 'patched.json')));
    for (const d of readdirSync(stagingRoot()).filter(shared)) symlinkSync(join(stagingRoot(), d), join(staging, d));
    try {
      // Lean needs far more than 3 s to start, so compiling the first module times out.
      const dir = tempDir();
      const r = runCli(['verify', '--specs', join(ROOT, 'test/fixtures/lean/specs'), '--out', join(dir, 'out'), '--store', join(dir, 'store'), '--jobs', '1', '--timeout', '3'], { env: { TC0_LEAN_STAGING: staging } });
      expect(r.code).toBe(1);
      const report = JSON.parse(readFileSync(join(dir, 'out', 'report.json'), 'utf8')) as Report;
      // The step, with the module being compiled (plain lines, as in CI).
      expect(r.stderr).toMatch(/^lean library: 0\/\d+ modules compiled; compiling TC0\.\w+$/m);
      // One cause, one message.
      expect(r.stderr.match(/the Lean library build timed out/g)).toHaveLength(1);
      // Every Lean obligation (a spec's text, even one with a sorry, is data for the checker,
      // which needs the library) carries the build's one cause, with how many share it.
      const leanObls = report.obligations.filter((o) => o.backend === 'lean');
      expect(leanObls.length).toBeGreaterThan(1);
      for (const o of leanObls) {
        expect(o.status, `${o.id}: ${o.trust}`).toBe('timeout');
        expect(o.trust).toMatch(new RegExp(`^not checked: the Lean library build timed out \\(${leanObls.length} Lean obligations share this cause\\): lean/TC0/\\w+\\.lean: compiling did not finish within the time limit of 3 s$`));
        expect(o.trust).toBe(leanObls[0]!.trust);
      }
      expect(report.obligations.some((o) => o.status === 'proved')).toBe(false);
    } finally {
      rmSync(staging, { recursive: true, force: true });
    }
  }, 600_000);
});
