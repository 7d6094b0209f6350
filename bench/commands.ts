/**
 * Whole-command figures: a cold `tc0 verify` (wall and CPU time, by backend, the slowest
 * obligations; it also writes the timing baseline `specs/timings.json`), the Lean part of
 * `tc0 verify` on a fresh machine (a new staging folder: unpack the standard library, compile the
 * library, check every generated file) and a cached re-run of `npm run verify` with nothing
 * changed (target: under 5 s).
 */
import { spawnSync } from 'node:child_process';
import { cpus, loadavg } from 'node:os';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { TIMINGS_FILE } from '../src/verify/estimate.js';

const ROOT = new URL('..', import.meta.url).pathname;

function timed(args: string[], env: NodeJS.ProcessEnv = {}): { ms: number; code: number | null; summary: string } {
  const t = Date.now();
  const r = spawnSync(process.execPath, [join(ROOT, 'bin/tc0.js'), ...args], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, ...env } });
  const summary = r.stderr.split('\n').filter((l) => /specs, \d+ obligations/.test(l)).pop() ?? r.stderr.trim().split('\n').pop() ?? '';
  return { ms: Date.now() - t, code: r.status, summary };
}

export function leanFresh(): void {
  const staging = mkdtempSync('/tmp/tc0-bench-lean-');
  const out = mkdtempSync('/tmp/tc0-bench-out-');
  try {
    const r = timed(['verify', '--backend', 'lean', '--no-cache', '--out', out, '--jobs', '2'], { TC0_LEAN_STAGING: staging });
    console.log(`lean part of tc0 verify, fresh staging (unpack, library build, checks), 2 jobs: ${(r.ms / 1000).toFixed(1)} s (exit ${r.code})`);
    console.log(`  ${r.summary}`);
    const again = timed(['verify', '--backend', 'lean', '--no-cache', '--out', out, '--jobs', '2'], { TC0_LEAN_STAGING: staging });
    console.log(`same, library already built: ${(again.ms / 1000).toFixed(1)} s`);
    console.log('target: the whole Lean part within 2 minutes on 2 cores on a fresh machine');
  } finally {
    rmSync(staging, { recursive: true, force: true });
    rmSync(out, { recursive: true, force: true });
  }
}

export function cachedRerun(): void {
  const first = timed(['verify']);
  console.log(`tc0 verify (fills the store as needed): ${(first.ms / 1000).toFixed(1)} s; ${first.summary}`);
  const second = timed(['verify']);
  console.log(`tc0 verify again, nothing changed: ${(second.ms / 1000).toFixed(2)} s; ${second.summary}`);
  console.log('target: under 5 s, every obligation cached');
}

/** CPU seconds of this process's waited-for children (and theirs): /proc/self/stat cutime + cstime. */
function childCpuS(): number {
  const fields = readFileSync('/proc/self/stat', 'utf8').replace(/^.*\) /s, '').split(' ');
  const ticks = Number(spawnSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).stdout.trim()) || 100;
  // Fields after the command name start at field 3 (state); cutime and cstime are fields 16, 17.
  return (Number(fields[13]) + Number(fields[14])) / ticks;
}

interface ReportObligation {
  readonly id: string;
  readonly backend: string;
  readonly status: string;
  readonly ms: number;
  readonly cached: boolean;
}

/**
 * A cold `tc0 verify`: a fresh results store (the Lean staging folder is reused unless
 * TC0_BENCH_FRESH_LEAN=1: a fresh one unpacks the standard library and builds the library too).
 * Wall time, CPU time of the whole process tree, the time on a core by backend (sum of the
 * obligations' times) and the ten slowest obligations; the obligations' times become the
 * committed baseline that `--shard` and the first run's scheduling estimate from.
 */
export function verifyCold(): void {
  const store = mkdtempSync('/tmp/tc0-bench-store-');
  const out = mkdtempSync('/tmp/tc0-bench-out-');
  const staging = process.env.TC0_BENCH_FRESH_LEAN === '1' ? mkdtempSync('/tmp/tc0-bench-lean-') : undefined;
  try {
    const load = loadavg()[0]!.toFixed(1);
    const cpu0 = childCpuS();
    const t = Date.now();
    const r = spawnSync(process.execPath, [join(ROOT, 'bin/tc0.js'), 'verify', '--store', store, '--out', out, '--json'], {
      cwd: ROOT,
      encoding: 'utf8',
      maxBuffer: 1 << 30,
      env: { ...process.env, ...(staging ? { TC0_LEAN_STAGING: staging } : {}) },
    });
    const wallS = (Date.now() - t) / 1000;
    const cpuS = childCpuS() - cpu0;
    const obligations = (JSON.parse(r.stdout) as { obligations: ReportObligation[] }).obligations;
    const library = /lean: library compiled \((\d+) modules\) in ([\d.]+) s/.exec(r.stderr);
    console.log(`cold tc0 verify (fresh store${staging ? ', fresh Lean staging' : ''}), ${cpus().length} cores, load average ${load} at the start: exit ${r.status}`);
    console.log(`  wall ${wallS.toFixed(1)} s, CPU ${cpuS.toFixed(1)} s (all processes), ${obligations.length} obligations; Lean library ${library ? `compiled in ${library[2]} s` : 'already built'}`);
    const backends = [...new Set(obligations.map((o) => o.backend))];
    for (const b of backends) {
      const mine = obligations.filter((o) => o.backend === b);
      console.log(`  ${b.padEnd(8)} ${String(mine.length).padStart(5)} obligations ${(mine.reduce((s, o) => s + o.ms, 0) / 1000).toFixed(1).padStart(8)} s on a core`);
    }
    console.log('  ten slowest:');
    for (const o of [...obligations].sort((a, b) => b.ms - a.ms).slice(0, 10)) console.log(`    ${(o.ms / 1000).toFixed(1).padStart(7)} s  ${o.status.padEnd(9)} ${o.id}`);
    const timings = {
      schema: 'tc0-timings/1',
      measured: `npm run bench -- verify, ${new Date().toISOString().slice(0, 10)}, ${cpus().length} cores, load average ${load}`,
      obligations: Object.fromEntries(obligations.filter((o) => !o.cached).map((o) => [o.id, o.ms])),
    };
    writeFileSync(join(ROOT, 'specs', TIMINGS_FILE), `${JSON.stringify(timings, null, 1)}\n`);
    console.log(`  wrote specs/${TIMINGS_FILE} (the estimates --shard and a first run use; commit it)`);
    console.log('target: about 3 minutes wall on a quiet 2-core machine');
  } finally {
    for (const d of [store, out, ...(staging ? [staging] : [])]) rmSync(d, { recursive: true, force: true });
  }
}
