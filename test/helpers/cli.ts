/** Runs the real `tc0` entry point in a child process, as a user would. */
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export const ROOT = resolve(new URL('../..', import.meta.url).pathname);

export interface CliRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

export function runCli(args: readonly string[], opts: { cwd?: string; timeoutMs?: number } = {}): CliRun {
  const r = spawnSync(process.execPath, [join(ROOT, 'bin/tc0.js'), ...args], {
    cwd: opts.cwd ?? ROOT,
    encoding: 'utf8',
    timeout: opts.timeoutMs ?? 300_000,
    env: { ...process.env, CI: '1' },
  });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

export function tempDir(prefix = 'tc0-test-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

/** `tc0 verify --json` on a fixture folder with a fresh store and output folder. */
export function verifyFixture(name: string, extra: readonly string[] = []): CliRun & { dir: string } {
  const dir = tempDir();
  const r = runCli(['verify', '--specs', join(ROOT, 'test/fixtures', name, 'specs'), '--out', join(dir, 'reports'), '--store', join(dir, 'store'), '--json', ...extra]);
  return { ...r, dir };
}
