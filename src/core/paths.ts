/**
 * Folders the workbench writes into (`--out`, `--store`, the Lean staging folder), checked before
 * any work starts: a path under a pseudo file system (`/proc`, `/sys`, `/dev`, where `mkdir` can
 * hang or write to the kernel) is refused, an existing file is not a folder, and the folder must
 * accept a file. Each check returns a problem in words, or undefined when the folder is fine.
 */
import { lstatSync, mkdirSync, realpathSync, rmSync, rmdirSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

const PSEUDO_ROOTS = ['/proc', '/sys', '/dev'] as const;

/** `err.code: message` of a file-system error, for messages. */
export function fsReason(e: unknown): string {
  if (e instanceof Error) {
    const code = (e as NodeJS.ErrnoException).code;
    return code && !e.message.startsWith(code) ? `${code}: ${e.message}` : e.message;
  }
  return String(e);
}

/** The real location of a path that may not exist yet: its longest existing prefix, symlinks resolved. */
export function realLocation(path: string): string {
  const abs = resolve(path);
  let head = abs;
  const rest: string[] = [];
  for (;;) {
    try {
      return join(realpathSync(head), ...rest);
    } catch {
      const up = dirname(head);
      if (up === head) return abs;
      rest.unshift(head.slice(up === '/' ? 1 : up.length + 1));
      head = up;
    }
  }
}

/** True when `path` lies in `root` or is `root` (both absolute). */
export function isWithin(path: string, root: string): boolean {
  return path === root || path.startsWith(root.endsWith('/') ? root : `${root}/`);
}

function pseudoProblem(path: string): string | undefined {
  const real = realLocation(path);
  const root = PSEUDO_ROOTS.find((r) => isWithin(real, r));
  return root ? `${resolve(path)}${real !== resolve(path) ? ` (${real})` : ''} is under ${root}, a pseudo file system: refused` : undefined;
}

/**
 * A folder to write into: it is created if missing and a probe file is written in it; both are
 * removed again, so checking leaves nothing behind.
 */
export function writableFolder(path: string): string | undefined {
  if (path.trim() === '') return 'an empty path is not a folder';
  const pseudo = pseudoProblem(path);
  if (pseudo) return pseudo;
  const abs = resolve(path);
  let created: string | undefined;
  try {
    if (!statSync(abs).isDirectory()) return `${abs} exists and is not a folder`;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') return `cannot use ${abs}: ${fsReason(e)}`;
    try {
      created = mkdirSync(abs, { recursive: true });
    } catch (e2) {
      return `cannot create ${abs}: ${fsReason(e2)}`;
    }
  }
  const probe = join(abs, `.tc0-write-test-${process.pid}`);
  try {
    writeFileSync(probe, '');
    rmSync(probe, { force: true });
  } catch (e) {
    return `cannot write in ${abs}: ${fsReason(e)}`;
  } finally {
    if (created) removeEmptyChain(abs, created);
  }
  return undefined;
}

/** Removes the empty folders from `leaf` up to `top` (only those: a folder someone filled stays). */
function removeEmptyChain(leaf: string, top: string): void {
  for (let d = leaf; isWithin(d, top); d = dirname(d)) {
    try {
      rmdirSync(d);
    } catch {
      return;
    }
    if (d === top) return;
  }
}

/** A folder that is only read: it may be missing (nothing in it), but if it exists it is a folder. */
export function readableFolder(path: string): string | undefined {
  if (path.trim() === '') return 'an empty path is not a folder';
  const pseudo = pseudoProblem(path);
  if (pseudo) return pseudo;
  const abs = resolve(path);
  try {
    if (!statSync(abs).isDirectory()) return `${abs} exists and is not a folder`;
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return undefined;
    return `cannot use ${abs}: ${fsReason(e)}`;
  }
  return undefined;
}

/** What kind of file system entry a path is, without following a final symlink. */
export function entryKind(path: string): 'file' | 'directory' | 'symlink' | 'other' | 'missing' {
  try {
    const st = lstatSync(path);
    return st.isFile() ? 'file' : st.isDirectory() ? 'directory' : st.isSymbolicLink() ? 'symlink' : 'other';
  } catch {
    return 'missing';
  }
}
