/**
 * `tc0 clean`: removes what runs leave behind, each of which the next run rebuilds:
 * - `store`: the results store folder (verdicts, run history, the linker's cache);
 * - `lean`: the Lean staging folder (patched runtime, unpacked standard library, compiled library);
 * - `temp`: temporary files and folders of processes that are gone (a killed run's half-written
 *   store entries, Lean build and check folders, half-kept modules of the Lean module cache).
 * A staging folder with a build or check folder of a live process is in use and left alone, and
 * a store folder that holds anything a store does not is refused rather than emptied.
 */
import { existsSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { stagingRoot } from '../backend/lean.js';
import { alive, ownerOf } from '../backend/lean-modules.js';

export const CLEAN_TARGETS = ['store', 'lean', 'temp'] as const;
export type CleanTarget = (typeof CLEAN_TARGETS)[number];

export interface CleanRequest {
  readonly storeDir: string;
  readonly targets: ReadonlySet<CleanTarget>;
  readonly dryRun: boolean;
}

/** A temporary of a process that is gone (never one of this process). */
const stale = (pid: number | undefined): pid is number => pid !== undefined && pid !== process.pid && !alive(pid);

function size(path: string): number {
  try {
    const st = statSync(path);
    if (!st.isDirectory()) return st.size;
    return readdirSync(path).reduce((s, n) => s + size(join(path, n)), 0);
  } catch {
    return 0;
  }
}

const mb = (bytes: number): string => (bytes >= 1e9 ? `${(bytes / 1e9).toFixed(1)} GB` : bytes >= 1e6 ? `${(bytes / 1e6).toFixed(1)} MB` : `${Math.ceil(bytes / 1e3)} kB`);

/** What a store folder may hold: two-hex-digit shards, the run history, the linker cache, temp files. */
const STORE_ENTRY = /^([0-9a-f]{2}|history\.json|link-[0-9a-f]+\.json|.*\.tmp-\d+.*)$/;

/** Removes what was asked; returns one line per thing removed, left alone or not found. */
export function clean(req: CleanRequest): string[] {
  const out: string[] = [];
  const verb = req.dryRun ? 'would remove' : 'removed';
  const remove = (path: string, what: string): void => {
    const bytes = size(path);
    if (!req.dryRun) rmSync(path, { recursive: true, force: true });
    out.push(`${verb} ${what}: ${path} (${mb(bytes)})`);
  };
  const staging = stagingRoot();

  if (req.targets.has('temp')) {
    let n = 0;
    // The Lean module cache (`modules-<kind>`, see lean-modules.ts) keeps temporaries of its own.
    const moduleCaches = existsSync(staging) ? readdirSync(staging).filter((n) => /^modules-[a-z]+$/.test(n)).map((n) => join(staging, n)) : [];
    for (const dir of [staging, ...moduleCaches, req.storeDir])
      for (const name of existsSync(dir) ? readdirSync(dir) : []) {
        const pid = ownerOf(name);
        if (!stale(pid)) continue;
        remove(join(dir, name), `stale temporary (process ${pid} is gone)`);
        n++;
      }
    if (n === 0) out.push('no stale temporary files or folders');
  }

  if (req.targets.has('store')) {
    if (!existsSync(req.storeDir)) out.push(`no results store at ${req.storeDir}`);
    else {
      const foreign = readdirSync(req.storeDir).filter((n) => !STORE_ENTRY.test(n));
      if (foreign.length > 0) out.push(`left ${req.storeDir} alone: it holds ${foreign.slice(0, 3).join(', ')}${foreign.length > 3 ? ', …' : ''}, which a results store does not (is --store right?)`);
      else remove(req.storeDir, 'results store');
    }
  }

  if (req.targets.has('lean')) {
    if (!existsSync(staging)) out.push(`no Lean staging folder at ${staging}`);
    else {
      const users = readdirSync(staging).map(ownerOf).filter((p): p is number => p !== undefined && p !== process.pid && alive(p));
      if (users.length > 0) out.push(`left the Lean staging folder ${staging} alone: in use by process ${[...new Set(users)].join(', ')}`);
      else remove(staging, 'Lean staging folder (unpacked again on the next Lean run, about 1.5 min)');
    }
  }
  return out;
}
