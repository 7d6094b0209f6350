/** Runs the real `tc0` entry point in a child process, as a user would. */
import { spawn, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, lstatSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, renameSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export const ROOT = resolve(new URL('../..', import.meta.url).pathname);

export interface CliRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * Link analyses (`link-*.json`, src/verify/link.ts) shared between the fresh stores of tests:
 * every test that starts from an empty store would otherwise redo the ts-morph analysis (10-40 s).
 * Only the link cache is shared, never a verdict.
 */
const LINK_CACHE = join(tmpdir(), 'tc0-test-link-cache');

const linkFiles = (dir: string): string[] => {
  try {
    return readdirSync(dir).filter((f) => /^link-[0-9a-f]+\.json$/.test(f));
  } catch {
    return [];
  }
};

function seedLinkCache(store: string): void {
  if (existsSync(store) && !lstatSync(store).isDirectory()) return;
  const files = linkFiles(LINK_CACHE);
  if (files.length === 0 || existsSync(store)) return;
  mkdirSync(store, { recursive: true });
  for (const f of files) copyFileSync(join(LINK_CACHE, f), join(store, f));
}

function harvestLinkCache(store: string): void {
  for (const f of linkFiles(store)) {
    if (existsSync(join(LINK_CACHE, f))) continue;
    mkdirSync(LINK_CACHE, { recursive: true });
    const tmp = join(LINK_CACHE, `${f}.tmp-${process.pid}`);
    try {
      copyFileSync(join(store, f), tmp);
      renameSync(tmp, join(LINK_CACHE, f));
    } catch {
      // another test got there first, or the store is gone
    }
  }
}

export function runCli(args: readonly string[], opts: { cwd?: string; timeoutMs?: number; env?: NodeJS.ProcessEnv } = {}): CliRun {
  const at = args.indexOf('--store');
  const store = at >= 0 ? args[at + 1] : undefined;
  if (store) seedLinkCache(resolve(opts.cwd ?? ROOT, store));
  const r = spawnSync(process.execPath, [join(ROOT, 'bin/tc0.js'), ...args], {
    cwd: opts.cwd ?? ROOT,
    encoding: 'utf8',
    timeout: opts.timeoutMs ?? 300_000,
    env: { ...process.env, CI: '1', ...opts.env },
  });
  if (store) harvestLinkCache(resolve(opts.cwd ?? ROOT, store));
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

export function tempDir(prefix = 'tc0-test-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

/** `tc0 verify --json` on a fixture folder (a name under test/fixtures, or a path) with a fresh store and output folder. */
export function verifyFixture(name: string, extra: readonly string[] = [], opts: { env?: NodeJS.ProcessEnv; timeoutMs?: number } = {}): CliRun & { dir: string } {
  const dir = tempDir();
  const specs = name.startsWith('/') ? name : join(ROOT, 'test/fixtures', name, 'specs');
  const r = runCli(['verify', '--specs', specs, '--out', join(dir, 'reports'), '--store', join(dir, 'store'), '--json', ...extra], opts);
  return { ...r, dir };
}

/**
 * `main(args)` of src/cli.ts in this process, its output captured: for usage errors, which end
 * before any spec is read (the real entry point is covered by `runCli`).
 */
export async function runMain(args: readonly string[]): Promise<CliRun> {
  const { main } = await import('../../src/cli.js');
  let stdout = '';
  let stderr = '';
  const out = process.stdout.write.bind(process.stdout);
  const err = process.stderr.write.bind(process.stderr);
  process.stdout.write = ((s: string | Uint8Array) => ((stdout += String(s)), true)) as typeof process.stdout.write;
  process.stderr.write = ((s: string | Uint8Array) => ((stderr += String(s)), true)) as typeof process.stderr.write;
  try {
    return { code: await main([...args]), stdout, stderr };
  } finally {
    process.stdout.write = out;
    process.stderr.write = err;
  }
}

/** A `tc0` process started in the background (to signal it while it runs). */
export interface RunningCli {
  readonly pid: number;
  /** Standard error so far. */
  readonly stderr: () => string;
  /** Resolves once the process has exited (`code` -1 when killed by a signal it did not handle). */
  readonly done: Promise<CliRun>;
}

export function startCli(args: readonly string[], opts: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): RunningCli {
  const at = args.indexOf('--store');
  if (at >= 0) seedLinkCache(resolve(opts.cwd ?? ROOT, args[at + 1]!));
  const child = spawn(process.execPath, [join(ROOT, 'bin/tc0.js'), ...args], { cwd: opts.cwd ?? ROOT, env: { ...process.env, CI: '1', ...opts.env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const done = new Promise<CliRun>((resolve) => child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr })));
  return { pid: child.pid!, stderr: () => stderr, done };
}

/** Waits (polling, generous for a loaded machine) until `ready()` holds; throws with `what` after `timeoutMs`. */
export async function waitFor(ready: () => boolean, what: string, timeoutMs = 240_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!ready()) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** Pids of the processes in a process group (Linux /proc). */
export function processGroup(pgid: number): number[] {
  const out: number[] = [];
  for (const d of readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    try {
      const stat = readFileSync(`/proc/${d}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      // fields[0] is the state, [1] the parent pid, [2] the process group; zombies are dead already.
      if (Number(fields[2]) === pgid && fields[0] !== 'Z') out.push(Number(d));
    } catch {
      // gone meanwhile
    }
  }
  return out;
}

/** Pids of the live descendants of a process (Linux /proc), with their command lines. */
export function descendants(pid: number): Array<{ pid: number; pgid: number; cmdline: string }> {
  const all = new Map<number, { ppid: number; pgid: number }>();
  for (const d of readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    try {
      const stat = readFileSync(`/proc/${d}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (fields[0] !== 'Z') all.set(Number(d), { ppid: Number(fields[1]), pgid: Number(fields[2]) });
    } catch {
      // gone meanwhile
    }
  }
  const out: Array<{ pid: number; pgid: number; cmdline: string }> = [];
  const walk = (p: number): void => {
    for (const [c, info] of all)
      if (info.ppid === p) {
        let cmdline = '';
        try {
          cmdline = readFileSync(`/proc/${c}/cmdline`, 'utf8').split('\0').join(' ');
        } catch {
          // gone meanwhile
        }
        out.push({ pid: c, pgid: info.pgid, cmdline });
        walk(c);
      }
  };
  walk(pid);
  return out;
}

/**
 * Every verdict file of a results store, read back through the store itself: the obligations of
 * the whole entries, and the files that are not one (a stray temporary, a damaged entry).
 */
export async function storedVerdicts(store: string): Promise<{ obligations: string[]; bad: string[] }> {
  const { ResultStore } = await import('../../src/verify/store.js');
  const reader = new ResultStore(store, 'read-only');
  const obligations: string[] = [];
  const bad: string[] = [];
  for (const sub of existsSync(store) ? readdirSync(store) : [])
    if (/^[0-9a-f]{2}$/.test(sub))
      for (const f of readdirSync(join(store, sub))) {
        const hit = /^[0-9a-f]+\.json$/.test(f) ? reader.get(f.replace(/\.json$/, '')) : undefined;
        if (hit?.kind === 'hit') obligations.push(hit.entry.obligation);
        else bad.push(`${sub}/${f}`);
      }
  return { obligations: obligations.sort(), bad };
}
const shellQuote = (s: string): string => `'${s.replace(/'/g, `'\\''`)}'`;

/**
 * Runs `tc0` on a real pseudo-terminal (util-linux `script`, part of Debian's essential
 * bsdutils), as a person at a terminal would: the output is the raw byte stream the terminal got,
 * escape sequences included. `CI` is unset so that the live display is allowed.
 */
export function runPty(args: readonly string[], opts: { env?: NodeJS.ProcessEnv; cols?: number; timeoutMs?: number } = {}): CliRun {
  const cmd = `stty cols ${opts.cols ?? 120} rows 40; ${[process.execPath, join(ROOT, 'bin/tc0.js'), ...args].map(shellQuote).join(' ')}`;
  const env: NodeJS.ProcessEnv = { ...process.env, ...opts.env };
  delete env.CI;
  for (const [k, v] of Object.entries(opts.env ?? {})) if (v === undefined) delete env[k];
  const at = args.indexOf('--store');
  const store = at >= 0 ? resolve(ROOT, args[at + 1]!) : undefined;
  if (store) seedLinkCache(store);
  const r = spawnSync('script', ['-qfec', cmd, '/dev/null'], { cwd: ROOT, encoding: 'utf8', timeout: opts.timeoutMs ?? 300_000, env });
  if (store) harvestLinkCache(store);
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

/** Whether `script` (util-linux) is there to give a test a pseudo-terminal. */
export const HAVE_PTY = spawnSync('script', ['--version'], { encoding: 'utf8' }).status === 0;
