/**
 * The command line as its users know it from other tools: `--help`/`-h` for every command, one
 * line with a "did you mean" for a mistyped command, flag or value, `--filter` naming the closest
 * ids, `tc0 verify --list`, `tc0 show`, `tc0 clean` and `tc0 doctor`, all through the real entry
 * point.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { DoctorRow } from '../../src/verify/doctor.js';
import { nativeLeanVersion, stdlibStaged } from '../../src/backend/lean.js';
import { ROOT, runCli, tempDir } from '../helpers/cli.js';

const REPORT = join(ROOT, 'test/fixtures/report/specs');
// The first-run message is about the Wasm build's standard library (native Lean brings its own).
const WASM_LEAN = stdlibStaged() !== undefined && !nativeLeanVersion();

describe('help and usage errors', () => {
  it('every command listed by tc0 --help has --help and -h', () => {
    const top = runCli(['--help']);
    expect(top.code).toBe(0);
    const commands = [...top.stdout.matchAll(/^ {2}([a-z]+) {2,}/gm)].map((m) => m[1]!);
    expect(commands).toEqual(expect.arrayContaining(['verify', 'report', 'mutate', 'show', 'clean', 'new', 'doctor', 'schema', 'help']));
    for (const c of commands)
      for (const flag of c === 'verify' || c === 'show' ? ['--help', '-h'] : ['-h']) {
        const r = runCli([c, flag]);
        expect(r.code, `${c} ${flag}`).toBe(0);
        expect(r.stdout).toMatch(new RegExp(`^tc0 ${c}: `));
        expect(r.stdout).toContain(`Usage: tc0 ${c}`);
        expect(r.stdout).toMatch(/-h, --help/);
      }
    expect(runCli(['help', 'verify']).stdout).toContain('--filter PATTERN');
    expect(runCli(['verify', '--help']).stdout).toMatch(/--budget BITS +exhaustive evaluation up to this many input bits \(at most 40\) \(default 24\)/);
  }, 600_000);

  it('a mistyped command, flag or value is one line with the closest names, exit 2', () => {
    const cases: Array<[string[], RegExp]> = [
      [['verfy'], /^tc0: unknown command 'verfy'; did you mean 'verify'\?/],
      [['verify', '--jbos', '2'], /^tc0 verify: unknown flag --jbos; did you mean --jobs\?/],
      [['report', '--jobs', '2'], /^tc0 report: report runs no checker: --jobs does not apply$/],
      [['report', '--no-cache'], /^tc0 report: report runs no checker: --no-cache does not apply$/],
      [['mutate', '--kinds', 'circuit,sorce'], /^tc0 mutate: --kinds: unknown kind 'sorce'; did you mean 'source'\? \(known: circuit, source\)$/],
      [['mutate', '--time-budget', '0'], /^tc0 mutate: --time-budget needs a number of seconds above 0 and at most 86400, got '0'$/],
      [['schema', '--architecure'], /^tc0 schema: unknown flag --architecure; did you mean --architecture\?/],
      [['verify', '--backend', 'lean,z4'], /^tc0 verify: --backend: unknown backend 'z4'; did you mean 'z3'\? \(known: model, z3, lean, measure\)$/],
      [['verify', '--jobs', '0'], /^tc0 verify: --jobs needs a whole number from 1 to 256, got '0'$/],
      [['verify', '--timeout', 'soon'], /^tc0 verify: --timeout needs a number of seconds above 0 and at most 86400, got 'soon'$/],
      [['verify', '--solvers', 'z3wasm'], /^tc0 verify: --solvers: unknown solver 'z3wasm'; did you mean 'z3-wasm'\?/],
      [['verify', '--json=yes'], /^tc0 verify: --json takes no value/],
      [['verify', '--out'], /^tc0 verify: --out needs a value/],
      [['verify', 'int.add'], /^tc0 verify: unexpected argument int\.add \(tc0 verify takes flags only\)$/],
      [['show'], /^tc0 show: missing <id>/],
      [['clean', '--only', 'stores'], /^tc0 clean: --only: unknown target 'stores'; did you mean 'store'\?/],
    ];
    for (const [args, re] of cases) {
      const r = runCli(args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr.trimEnd().split('\n'), args.join(' ')).toHaveLength(1);
      expect(r.stderr.trimEnd(), args.join(' ')).toMatch(re);
    }
  }, 600_000);

  it('--filter that matches no spec names the closest ids and checks nothing', () => {
    const dir = tempDir();
    const r = runCli(['verify', '--specs', REPORT, '--store', join(dir, 'store'), '--out', join(dir, 'out'), '--filter', 'rep.addr,rep.mutant']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--filter: 'rep\.addr' matches no spec id; did you mean 'rep\.adder'/);
    expect(existsSync(join(dir, 'out'))).toBe(false);
  });
});

describe('verify --list, show', () => {
  const dir = tempDir();
  const store = join(dir, 'store');
  const base = ['--specs', REPORT, '--store', store];

  it('--list runs nothing: everything to run first, cached after a verify, with the last times', () => {
    const before = runCli(['verify', '--list', ...base, '--json']);
    expect(before.code).toBe(0);
    const rows = JSON.parse(before.stdout) as Array<{ id: string; state: string; estimateMs: number | null }>;
    expect(rows.length).toBeGreaterThan(5);
    expect(rows.every((r) => r.state === 'to run' && r.estimateMs === null)).toBe(true);
    expect(existsSync(join(store, 'history.json'))).toBe(false);
    const text = runCli(['verify', '--list', ...base]);
    expect(text.stdout).toMatch(/^to run +model +rep\.adder\/model\/p=1 +never run here$/m);
    expect(text.stdout).toMatch(/obligations: 0 cached, \d+ to run; no past timings/);

    expect(runCli(['verify', ...base, '--out', join(dir, 'out'), '--json']).code).toBe(0);
    const after = JSON.parse(runCli(['verify', '--list', ...base, '--json']).stdout) as typeof rows;
    expect(after.map((r) => r.state)).toEqual(rows.map(() => 'cached'));
    expect(runCli(['verify', '--list', ...base, '--filter', 'rep.mutant']).stdout).toMatch(/^cached +model +rep\.mutant\/model\/p=3 +refuted$/m);
  }, 600_000);

  it('show prints one spec from the store: statement, checks with ranges, uses and used by, counterexample', () => {
    // A store of its own, filled by a verify.
    const base = ['--specs', REPORT, '--store', join(tempDir(), 'store')];
    expect(runCli(['verify', ...base, '--out', join(dir, 'out2'), '--json']).code).toBe(0);
    const r = runCli(['show', 'rep.mutant', ...base]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^rep\.mutant {2}an adder with a threshold off/);
    expect(r.stdout).toMatch(/file +test\/fixtures\/report\/specs\/report\.yaml:\d+/);
    expect(r.stdout).toMatch(/uses +rep\.adder/);
    expect(r.stdout).toMatch(/✓ model +p = 3 +1 refuted as expected/);
    expect(r.stdout).toMatch(/Counterexample \(refuted as expected\): rep\.mutant\/model\/p=3/);
    const adder = runCli(['show', 'rep.adder', ...base]).stdout;
    expect(adder).toMatch(/used by +rep\.later, rep\.main, rep\.mutant/);
    expect(adder).toMatch(/model +p = 1\.\.3 +all 3 proved \(exhaustive\)/);
    const one = runCli(['show', 'rep.adder/model/p=2', ...base]);
    expect(one.stdout).toMatch(/^rep\.adder\/model\/p=2 {2}proved/);
    expect(one.stdout).toMatch(/evidence +exhaustive evaluation: all 16 inputs/);
    const json = JSON.parse(runCli(['show', 'rep.adder', ...base, '--json']).stdout) as { spec: { id: string }; obligations: unknown[] };
    expect(json.spec.id).toBe('rep.adder');
    expect(json.obligations).toHaveLength(4);
    const bad = runCli(['show', 'rep.addr', ...base]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/^tc0 show: no spec or obligation 'rep\.addr'; did you mean 'rep\.adder'/);
  }, 600_000);
});

describe('tc0 clean', () => {
  it('removes stale temporaries, the store and the staging folder; leaves what a live process uses', () => {
    const dir = tempDir();
    const staging = join(dir, 'staging');
    const store = join(dir, 'store');
    mkdirSync(join(staging, 'check-999999999-abc'), { recursive: true });
    // A library build's folders carry a tag after the pid; the module cache has temporaries too.
    mkdirSync(join(staging, 'build-abc123-999999999-x7k2p1'), { recursive: true });
    mkdirSync(join(staging, 'modules-wasm', 'f00d.tmp-999999999-ab12cd'), { recursive: true });
    mkdirSync(join(staging, 'modules-wasm', 'beef'), { recursive: true });
    mkdirSync(join(staging, 'stdlib-1'), { recursive: true });
    mkdirSync(join(store, 'ab'), { recursive: true });
    writeFileSync(join(store, 'ab', 'x.json'), '{}');
    writeFileSync(join(store, 'history.json.tmp-999999999-x'), '');
    const env = { TC0_LEAN_STAGING: staging };
    const dry = runCli(['clean', '--store', store, '--dry-run'], { env });
    expect(dry.code).toBe(0);
    expect(dry.stdout).toMatch(/would remove stale temporary \(process 999999999 is gone\): .*check-999999999-abc/);
    expect(dry.stdout).toMatch(/would remove results store/);
    expect(dry.stdout).toMatch(/would remove Lean staging folder/);
    expect(existsSync(join(staging, 'check-999999999-abc'))).toBe(true);

    const temp = runCli(['clean', '--store', store, '--only', 'temp'], { env });
    expect(temp.stdout).toMatch(/removed stale temporary/);
    expect(readdirSync(staging).sort()).toEqual(['modules-wasm', 'stdlib-1']);
    expect(readdirSync(join(staging, 'modules-wasm'))).toEqual(['beef']);
    expect(readdirSync(store).sort()).toEqual(['ab']);

    // A build folder of a live process (this test's) marks the staging folder as in use.
    mkdirSync(join(staging, `build-abc123-${process.pid}`));
    const inUse = runCli(['clean', '--store', store], { env });
    expect(inUse.stdout).toMatch(new RegExp(`left the Lean staging folder .* alone: in use by process ${process.pid}`));
    expect(existsSync(store)).toBe(false);
    expect(existsSync(staging)).toBe(true);

    // A --store that is not a store is refused.
    const notStore = join(dir, 'project');
    mkdirSync(notStore);
    writeFileSync(join(notStore, 'README.md'), 'mine');
    expect(runCli(['clean', '--store', notStore, '--only', 'store'], { env }).stdout).toMatch(/left .*project alone: it holds README\.md/);
    expect(existsSync(join(notStore, 'README.md'))).toBe(true);
  }, 600_000);
});

describe('tc0 doctor', () => {
  it('reports the solver auto picks, the Lean library, a browser, cores and disk', () => {
    const r = runCli(['doctor', '--json']);
    expect(r.code).toBe(0);
    const rows = JSON.parse(r.stdout) as DoctorRow[];
    const row = (b: string) => rows.find((x) => x.backend === b);
    expect(rows.find((x) => x.tool === '--solvers auto')?.detail).toMatch(/^picks (z3-wasm|z3) /);
    expect(row('browser')?.detail).toMatch(/chromium|none found/);
    expect(row('machine')?.tool).toMatch(/^\d+ cores$/);
    expect(row('machine')?.detail).toMatch(/GB free for the store/);
    if (row('lean')?.available) expect(row('lean lib')?.detail).toMatch(/compiled for this toolchain|not compiled yet/);
  }, 300_000);

  it.skipIf(!WASM_LEAN)('on a first run, says that it unpacks the Lean library before it does', async () => {
    const staging = join(tempDir(), 'fresh');
    const child = spawn(process.execPath, [join(ROOT, 'bin/tc0.js'), 'doctor'], { cwd: ROOT, env: { ...process.env, TC0_LEAN_STAGING: staging }, stdio: ['ignore', 'pipe', 'pipe'] });
    let err = '';
    const said = await new Promise<boolean>((resolve) => {
      const timer = setTimeout(() => resolve(false), 120_000);
      child.stderr.on('data', (d: Buffer) => {
        err += d.toString();
        if (/unpacking the Lean standard library .* \(first run only, about 1\.5 minutes\)/.test(err)) {
          clearTimeout(timer);
          resolve(true);
        }
      });
      child.on('exit', () => {
        clearTimeout(timer);
        resolve(/unpacking/.test(err));
      });
    });
    child.kill('SIGKILL');
    await new Promise((resolve) => (child.exitCode !== null ? resolve(null) : child.on('exit', resolve)));
    rmSync(staging, { recursive: true, force: true });
    expect(said, err).toBe(true);
  }, 180_000);
});
