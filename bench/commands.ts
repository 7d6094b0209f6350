/**
 * Whole-command figures: the Lean part of `tc0 verify` on a fresh machine (a new staging folder:
 * unpack the standard library, compile the library, check every generated file) and a cached
 * re-run of `npm run verify` with nothing changed (target: under 5 s).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';

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
