/**
 * Compiled library modules kept for reuse, one at a time: a library build that is interrupted
 * or times out (it can take a quarter of an hour on a loaded machine) loses only the module it
 * was compiling, and the next build, in this process or another, starts from there.
 *
 * - A module's key hashes the Lean version, its name, its source and the keys of the library
 *   modules it imports (so a change reaches every module that depends on it, and nothing else).
 * - An entry `<cache>/<key>/` holds the files `lean -o` wrote for the module (`X.olean`,
 *   `X.ilean`, `X.olean.private`, ...) and `.complete`; it is written under a temporary name and
 *   renamed, so a reader sees a whole entry or none.
 * - While a process compiles a module it holds `<key>.lock` (a folder with its pid): a
 *   concurrent build waits for the entry instead of compiling it again; a lock whose process is
 *   gone is stale and taken over.
 * - Staging folders of processes that no longer exist (killed with SIGKILL) are removed by
 *   `sweepStale`.
 */
import { copyFileSync, existsSync, linkSync, mkdirSync, readFileSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { sha256 } from '../core/hash.js';

/** The key of every module (see above), given each module's imports among the library's. */
export function moduleKeys(version: string, modules: ReadonlyArray<{ readonly name: string; readonly source: string; readonly imports: readonly string[] }>): Map<string, string> {
  const byName = new Map(modules.map((m) => [m.name, m]));
  const keys = new Map<string, string>();
  const visiting = new Set<string>();
  const keyOf = (name: string): string => {
    const known = keys.get(name);
    if (known) return known;
    const m = byName.get(name)!;
    if (visiting.has(name)) return sha256('cycle', name); // reported by the build; never reused
    visiting.add(name);
    const deps = m.imports.filter((i) => byName.has(i)).sort().map(keyOf);
    visiting.delete(name);
    const key = sha256(version, m.name, m.source, ...deps).slice(0, 24);
    keys.set(name, key);
    return key;
  };
  for (const m of modules) keyOf(m.name);
  return keys;
}

/** Whether a process is alive (one we may not signal is alive too). */
export function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * The process a temporary name belongs to: `build-<hash>-<pid>[-tag]`, `….tmp-<pid>[-tag]`,
 * `check-<pid>-<hash>` (staging and store folders); undefined for anything else.
 */
export function ownerOf(name: string): number | undefined {
  const m = /^build-[0-9a-f]+-(\d+)(-[0-9a-z]+)?$/.exec(name) ?? /\.tmp-(\d+)(-[0-9a-z]+)?$/.exec(name) ?? /^check-(\d+)-[0-9a-f]+$/.exec(name);
  return m ? Number(m[1]) : undefined;
}

/** Takes `lock` (a folder holding our pid); false when a live process holds it. */
function tryLock(lock: string): boolean {
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      mkdirSync(lock);
      writeFileSync(join(lock, 'pid'), String(process.pid));
      return true;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      let pid = Number.NaN;
      try {
        pid = Number(readFileSync(join(lock, 'pid'), 'utf8'));
      } catch {
        // the holder has not written its pid yet, or just removed the lock
      }
      if (Number.isInteger(pid) && pid > 0 && !alive(pid)) rmSync(lock, { recursive: true, force: true });
      else return false;
    }
  }
  return false;
}

/** The files `lean -o <out>/<rel>.olean` wrote for one module. */
function moduleFiles(dir: string, rel: string): string[] {
  const base = `${basename(rel)}.`;
  const at = dirname(join(dir, rel));
  if (!existsSync(at)) return [];
  return readdirSync(at, { withFileTypes: true })
    .filter((e) => e.isFile() && e.name.startsWith(base))
    .map((e) => join(dirname(rel), e.name));
}

function place(from: string, to: string): void {
  mkdirSync(dirname(to), { recursive: true });
  rmSync(to, { force: true });
  try {
    linkSync(from, to);
  } catch {
    copyFileSync(from, to);
  }
}

export type Compiled<R> = { readonly reused: true } | { readonly reused: false; readonly run: R };

/**
 * Puts module `rel` into `out`: from its cache entry if there is one (waiting for a concurrent
 * build that holds its lock), else by `compile`, whose result is kept when `ok` says so. Gives
 * up waiting when `stop()` says the run is stopping, or after `timeoutMs` (then compiles).
 */
export async function compileOnce<R>(cacheDir: string, key: string, out: string, rel: string, opts: { timeoutMs: number; stop: () => boolean; compile: () => Promise<R>; ok: (r: R) => boolean }): Promise<Compiled<R>> {
  const entry = join(cacheDir, key);
  const lock = `${entry}.lock`;
  mkdirSync(cacheDir, { recursive: true });
  const until = Date.now() + opts.timeoutMs;
  let locked = false;
  for (;;) {
    if (existsSync(join(entry, '.complete'))) {
      for (const f of moduleFiles(entry, rel)) place(join(entry, f), join(out, f));
      return { reused: true };
    }
    if ((locked = tryLock(lock)) || opts.stop() || Date.now() > until) break;
    await new Promise((r) => setTimeout(r, 1000));
  }
  try {
    const run = await opts.compile();
    if (opts.ok(run)) {
      const tmp = `${entry}.tmp-${process.pid}-${Math.random().toString(36).slice(2, 8)}`;
      rmSync(tmp, { recursive: true, force: true });
      for (const f of moduleFiles(out, rel)) place(join(out, f), join(tmp, f));
      writeFileSync(join(tmp, '.complete'), '');
      try {
        renameSync(tmp, entry);
      } catch {
        rmSync(tmp, { recursive: true, force: true }); // kept by another process meanwhile
      }
    }
    return { reused: false, run };
  } finally {
    if (locked) rmSync(lock, { recursive: true, force: true });
  }
}

/**
 * Removes the staging folders of processes that are gone: `build-<hash>-<pid>[-tag]`, `*.tmp-<pid>[-tag]`,
 * `check-<pid>-<hash>`, and locks held by dead processes (in `root` and `root/<sub>`).
 */
export function sweepStale(root: string, subfolders: readonly string[] = []): void {
  for (const dir of [root, ...subfolders.map((s) => join(root, s))]) {
    let names: string[];
    try {
      names = readdirSync(dir);
    } catch {
      continue;
    }
    for (const n of names) {
      const pid = ownerOf(n);
      if (pid !== undefined && pid !== process.pid && !alive(pid)) rmSync(join(dir, n), { recursive: true, force: true });
      if (n.endsWith('.lock')) {
        try {
          const pid = Number(readFileSync(join(dir, n, 'pid'), 'utf8'));
          if (Number.isInteger(pid) && pid > 0 && !alive(pid)) rmSync(join(dir, n), { recursive: true, force: true });
        } catch {
          // being taken or released right now
        }
      }
    }
  }
}
