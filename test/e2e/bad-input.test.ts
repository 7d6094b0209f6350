/**
 * Broken input through the real `tc0` entry point: one fixture folder per kind of broken spec
 * folder (test/fixtures/bad-input/<kind>), plus entries a repository cannot hold (a FIFO, a file
 * that fails to read, a symlink loop, a huge file), made here in a copy. Each must end fast with
 * exit 2, a message naming file, line and field, nothing written, or (for entries that are only
 * skipped) a warning and a normal run. Never exit 3, never a hang.
 */
import { cpSync, existsSync, mkdirSync, symlinkSync, writeFileSync, chmodSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Report } from '../../src/report/model.js';
import { ROOT, runCli, runMain, tempDir, verifyFixture } from '../helpers/cli.js';

const FIXTURES = join(ROOT, 'test/fixtures/bad-input');
const GOOD = join(ROOT, 'test/fixtures/bad-input/trailing-dashes/specs/add.yaml');

/** Runs `tc0 verify` on a broken folder (in this process: validation ends before any check). */
async function rejected(specs: string, extra: readonly string[] = []) {
  const dir = tempDir();
  const folder = specs.startsWith('/') ? specs : join(FIXTURES, specs, 'specs');
  const r = await runMain(['verify', '--specs', folder, '--out', join(dir, 'reports'), '--store', join(dir, 'store'), '--json', ...extra]);
  expect(r.code, r.stderr).toBe(2);
  expect(existsSync(join(dir, 'reports/report.json')), 'nothing is written').toBe(false);
  expect(r.stdout).toBe('');
  expect(r.stderr).not.toMatch(/internal error|unexpected failure|\n\s+at /);
  return r;
}

describe('broken spec folders: exit 2 with file, line and field, nothing written', { timeout: 600_000 }, () => {
  const cases: Array<[string, RegExp]> = [
    ['alias-bomb', /bomb\.yaml:\d+:\d+: the document cannot be read: Excessive alias count .*\[yaml\]/],
    ['instances-per-check', /grid\.yaml:12:5: checks\.0\.params: 10000000000 instances \(100000 x 100000\), more than the 10000 a check may have \[instances-bounded\]/],
    ['instances-per-run', /specs: the checks define 110000 instances in all, more than the 100000 a run may have .*\[instances-bounded\]/],
    ['bound-division-by-zero', /bound\.yaml:10:11: claims\.size\.max: '4\*p \/ \(p - 1\)' at p=1 \(an instance of checks\.0\): division by zero .*\[bounds-evaluate\]/],
    ['bound-overflow', /bound\.yaml:10:11: claims\.size\.max: '2\^\(2\^\(4\*p\)\)' at p=4 \(an instance of checks\.1\): .* is too large \(more than 65536 bits\) \[bounds-evaluate\]/],
    ['bound-negative', /claims\.size\.max: 'p - 5' at p=1 \(an instance of checks\.0\): it is negative \(-4\) \[bounds-evaluate\]/],
    ['bound-fraction', /claims\.size\.max: 'p \/ 2 \+ 4\*p' at p=1 \(an instance of checks\.0\): it is 9\/2, not a whole number/],
    ['negative-parameter', /neg\.yaml:6:8: parameters\.p\.range: p takes the negative value -1: the parameters of a construction or a model \(widths, counts\) are whole numbers >= 0 \[params-natural\]/],
    ['fractional-parameter', /frac\.yaml:11:15: checks\.0\.params\.p: expected a whole number, a range like 1\.\.12, or a list/],
    ['missing-field', /missing\.yaml:1:1: statement: missing required field 'statement' \[schema\][\s\S]*missing\.yaml:3:1: provenance\.status: missing required field 'status' \[schema\]/],
    ['utf16', /add\.yaml: the file is UTF-16 encoded .*save it as UTF-8 \[file\]/],
    ['latin1', /add\.yaml:4:27: the file is not valid UTF-8 \(byte 0xe9 at offset 104\); save it as UTF-8 \[file\]/],
    ['control-bytes', /add\.yaml:2:1: titl\\x1b\[31me: unknown field 'titl\\x1b\[31me' \[schema\]/],
    ['duplicate-assumption', /b\/assumptions\.yaml:2:5: assumptions\.0\.id: assumption 'same-name' is defined twice \(first in .*a\/assumptions\.yaml\) \[assumption-unique\]/],
    ['empty-folder', /nothing to check: no spec found in .*; pass --allow-empty/],
    ['only-dashes', /nothing to check: no spec found in /],
    ['upper-case-extension', /warning: .*add\.YAML: skipped: spec files end in \.yaml or \.yml, in lower case[\s\S]*nothing to check: no spec found .*1 entry was skipped/],
  ];
  for (const [kind, message] of cases)
    it(kind, async () => {
      const r = await rejected(kind);
      expect(r.stderr).toMatch(message);
      expect(r.stderr).not.toContain('\x1b');
    });

  it('an empty plan is accepted with --allow-empty', () => {
    const r = verifyFixture(join(FIXTURES, 'only-dashes/specs'), ['--allow-empty']);
    expect(r.code, r.stderr).toBe(0);
    expect((JSON.parse(r.stdout) as Report).summary).toMatchObject({ specs: 0, obligations: 0 });
  });

  it('a --filter that matches nothing is a usage error', async () => {
    const r = await rejected(join(ROOT, 'test/fixtures/store-faults/specs'), ['--filter', 'nothing.here']);
    expect(r.stderr).toMatch(/--filter: 'nothing\.here' matches no spec id/);
  });

  it('a valid spec followed by a trailing ---, and files that are only empty documents, load', () => {
    const r = verifyFixture('bad-input/trailing-dashes');
    expect(r.code, r.stderr).toBe(0);
    expect((JSON.parse(r.stdout) as Report).summary).toMatchObject({ specs: 1, obligations: 1, proved: 1 });
  });
});

describe('entries a repository cannot hold', { timeout: 600_000 }, () => {
  /** A spec folder with one good spec, plus whatever `add` puts next to it. */
  const folder = (add: (dir: string) => void): string => {
    const dir = join(tempDir(), 'specs');
    mkdirSync(dir, { recursive: true });
    cpSync(GOOD, join(dir, 'add.yaml'));
    add(dir);
    return dir;
  };
  const skippedWith = (specs: string, warning: RegExp) => {
    const r = verifyFixture(specs, []);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(warning);
    expect((JSON.parse(r.stdout) as Report).summary).toMatchObject({ specs: 1, obligations: 1, proved: 1 });
    expect((JSON.parse(r.stdout) as Report).run.warnings.length).toBeGreaterThan(0);
  };

  it('a FIFO is skipped with a warning, never opened (it would block)', () => {
    skippedWith(
      folder((d) => execFileSync('mkfifo', [join(d, 'pipe.yaml')])),
      /warning: .*pipe\.yaml: skipped: not a regular file/,
    );
  });

  it('a dangling symlink (an editor lock file) is skipped with a warning', () => {
    skippedWith(
      folder((d) => symlinkSync('user@host.1234:1700000000', join(d, '.#add.yaml'))),
      /warning: .*\.#add\.yaml: skipped: a symlink to nothing/,
    );
  });

  it('a symlink loop between folders is read once', () => {
    skippedWith(
      folder((d) => symlinkSync('.', join(d, 'loop'))),
      /warning: .*loop: skipped: this folder was already read/,
    );
  });

  it('a spec file that fails to read (EIO) is a problem at that file', async () => {
    const r = await rejected(folder((d) => symlinkSync('/proc/self/mem', join(d, 'broken.yaml'))));
    expect(r.stderr).toMatch(/broken\.yaml: cannot read the file: EIO/);
  });

  it.skipIf(process.getuid?.() === 0)('a spec file without read permission (EACCES) is a problem at that file', async () => {
    const r = await rejected(
      folder((d) => {
        writeFileSync(join(d, 'secret.yaml'), 'id: x\n');
        chmodSync(join(d, 'secret.yaml'), 0);
      }),
    );
    expect(r.stderr).toMatch(/secret\.yaml: cannot read the file: EACCES/);
  });

  it('a file larger than 1 MB is refused before it is parsed', async () => {
    const r = await rejected(folder((d) => writeFileSync(join(d, 'huge.yaml'), `# ${'x'.repeat(2 * 1024 * 1024)}\n`)));
    expect(r.stderr).toMatch(/huge\.yaml: the file is larger than 1048576 bytes/);
  });

  it('a spec folder that is a file, or missing, is named', async () => {
    expect((await rejected(GOOD)).stderr).toMatch(/cannot read spec folder: .*is not a folder \[specs-dir\]/);
    expect((await rejected(join(tempDir(), 'missing'))).stderr).toMatch(/cannot read spec folder: ENOENT/);
  });

  it('through the real entry point, a broken folder is exit 2 too', () => {
    const r = verifyFixture('bad-input/alias-bomb');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/bomb\.yaml:\d+:\d+: the document cannot be read/);
    expect(existsSync(join(r.dir, 'reports'))).toBe(false);
  });
});

describe('flags and folders are checked before any work', { timeout: 600_000 }, () => {
  const specs = join(ROOT, 'test/fixtures/store-faults/specs');
  /** A usage error: exit 2 before anything is read or written (in this process: it is quick). */
  const usage = async (args: readonly string[], message: RegExp) => {
    const dir = tempDir();
    const r = await runMain(['verify', '--specs', specs, '--out', join(dir, 'out'), '--store', join(dir, 'store'), ...args]);
    expect(r.code, r.stderr).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stderr).not.toMatch(/internal error|\n\s+at /);
    expect(existsSync(join(dir, 'out', 'report.json'))).toBe(false);
    return r;
  };

  it('through the real entry point too', () => {
    const r = runCli(['verify', '--specs', specs, '--timeout', '1e10']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--timeout needs a number of seconds above 0 and at most 86400, got '1e10'/);
  });

  it('numbers out of range or not numbers', async () => {
    await usage(['--timeout', '1e10'], /--timeout needs a number of seconds above 0 and at most 86400, got '1e10'/);
    await usage(['--timeout', 'Infinity'], /--timeout needs/);
    await usage(['--timeout', '0'], /--timeout needs/);
    await usage(['--timeout=-1'], /--timeout needs/);
    await usage(['--timeout', '2s'], /--timeout needs/);
    await usage(['--jobs', '0'], /--jobs needs a whole number from 1 to 256, got '0'/);
    await usage(['--jobs', '100000'], /--jobs needs a whole number from 1 to 256/);
    await usage(['--jobs', '1.5'], /--jobs needs/);
    await usage(['--budget', '41'], /--budget needs a whole number from 1 to 40/);
    await usage(['--samples', '0'], /--samples needs/);
    await usage(['--seed', '4294967296'], /--seed needs a whole number from 0 to 4294967295/);
    await usage(['--seed', '-1'], /--seed/);
  });

  it('lists that name nothing, unknown names, stray arguments', async () => {
    await usage(['--filter', ','], /--filter needs at least one pattern/);
    await usage(['--backend', ''], /--backend needs a comma-separated list/);
    await usage(['--backend', 'coq'], /--backend: unknown backend 'coq'/);
    await usage(['--bogus'], /unknown flag --bogus/);
    await usage(['stray'], /unexpected argument stray \(tc0 verify takes flags only\)/);
    await usage(['--ci', '--no-cache'], /contradict/);
  });

  it('--out and --store that cannot be written, or lie under /proc, /sys or /dev', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'file'), '');
    const run = async (args: string[], message: RegExp) => {
      const r = await runMain(['verify', '--specs', specs, ...args]);
      expect(r.code, r.stderr).toBe(2);
      expect(r.stderr).toMatch(message);
    };
    await run(['--out', join(dir, 'file'), '--store', join(dir, 's')], /--out .*file: .*file exists and is not a folder/);
    await run(['--out', join(dir, 'file/sub'), '--store', join(dir, 's')], /--out .*: cannot use .*ENOTDIR/);
    await run(['--out', '/proc/tc0-reports', '--store', join(dir, 's')], /--out \/proc\/tc0-reports: .* is under \/proc, a pseudo file system: refused/);
    await run(['--out', join(dir, 'o'), '--store', '/sys/kernel/tc0'], /--store \/sys\/kernel\/tc0: .* is under \/sys/);
    await run(['--out', join(dir, 'o'), '--store', join(dir, 'file/store')], /--store .*: cannot use .*ENOTDIR.*--no-cache runs without a store/);
    await run(['--out', join(dir, 'o'), '--store', join(dir, 'file'), '--ci'], /--store .*file exists and is not a folder/);
    await run(['--out', '', '--store', join(dir, 's')], /--out needs a value/);
    // A symlink into /proc is followed before deciding.
    symlinkSync('/proc', join(dir, 'proc-link'));
    await run(['--out', join(dir, 'proc-link/x'), '--store', join(dir, 's')], /is under \/proc/);
  });

  it('TC0_LEAN_STAGING and TC0_LEAN_MEMORY_MB are checked before any work', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'file'), '');
    const saved = { staging: process.env.TC0_LEAN_STAGING, memory: process.env.TC0_LEAN_MEMORY_MB };
    const run = async (env: { staging?: string; memory?: string }, message: RegExp) => {
      if (env.staging !== undefined) process.env.TC0_LEAN_STAGING = env.staging;
      if (env.memory !== undefined) process.env.TC0_LEAN_MEMORY_MB = env.memory;
      try {
        const r = await runMain(['verify', '--specs', specs, '--out', join(dir, 'o'), '--store', join(dir, 's')]);
        expect(r.code, r.stderr).toBe(2);
        expect(r.stderr).toMatch(message);
        expect(existsSync(join(dir, 'o')), 'nothing is written').toBe(false);
      } finally {
        for (const [k, v] of [['TC0_LEAN_STAGING', saved.staging], ['TC0_LEAN_MEMORY_MB', saved.memory]] as const)
          if (v === undefined) delete process.env[k];
          else process.env[k] = v;
      }
    };
    await run({ staging: '/proc/tc0-lean' }, /TC0_LEAN_STAGING=\/proc\/tc0-lean: .* is under \/proc, a pseudo file system: refused/);
    await run({ staging: join(dir, 'file') }, /TC0_LEAN_STAGING=.*file: .* exists and is not a folder/);
    await run({ memory: 'lots' }, /TC0_LEAN_MEMORY_MB needs a whole number of MiB from 256 .*got 'lots'/);
    await run({ memory: '10' }, /TC0_LEAN_MEMORY_MB needs a whole number/);
  });
});
