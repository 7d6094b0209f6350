/**
 * The results store: final verdicts keyed by the content hash of everything that can change
 * them. One file per verdict (`<dir>/<aa>/<hash>.json`), written atomically (temp file + rename),
 * each carrying a checksum of its own content: a corrupt or truncated file is detected, reported
 * and removed, never trusted, and it cannot spoil any other verdict.
 *
 * Only final verdicts are stored: proved, refuted, and sampled evaluations (deterministic for a
 * given seed). Time-outs, errors, solver `unknown`s and skips depend on the machine or the moment.
 *
 * The store never throws at its users: a folder that cannot be written is found before any work
 * (`problem`), and a write that fails later (a full disk, a folder where a verdict file should be)
 * is counted in `writeFailures`, so the run still reports the verdict and says it was not stored.
 */
import { lstatSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { sha256, stableStringify } from '../core/hash.js';
import { fsReason, readableFolder, writableFolder } from '../core/paths.js';
import type { CheckResult, Outcome } from '../core/verdict.js';

const SCHEMA = 'tc0-result/1';

export interface StoredVerdict {
  readonly obligation: string;
  readonly result: CheckResult;
  readonly ms: number;
  readonly at: string;
}

export type Lookup =
  | { readonly kind: 'hit'; readonly entry: StoredVerdict }
  | { readonly kind: 'miss' }
  | { readonly kind: 'corrupt'; readonly file: string; readonly reason: string };

export type StoreMode = 'read-write' | 'read-only' | 'off';

export function isFinal(o: Outcome): boolean {
  return o.status === 'proved' || o.status === 'refuted' || (o.status === 'unknown' && o.sampled !== undefined);
}

/** A verdict file larger than this is not read (it cannot be one the store wrote). */
const MAX_ENTRY_BYTES = 64 * 1024 * 1024;

export class ResultStore {
  /** Final verdicts that could not be written, and the first reason. */
  writeFailures = 0;
  firstWriteFailure: string | undefined;

  constructor(
    readonly dir: string,
    readonly mode: StoreMode,
  ) {}

  /** Why the store cannot be used in its mode (checked before any work), or undefined. */
  problem(): string | undefined {
    if (this.mode === 'off') return undefined;
    return this.mode === 'read-write' ? writableFolder(this.dir) : readableFolder(this.dir);
  }

  private file(hash: string): string {
    return join(this.dir, hash.slice(0, 2), `${hash}.json`);
  }

  get(hash: string): Lookup {
    if (this.mode === 'off') return { kind: 'miss' };
    const file = this.file(hash);
    let reason: string | undefined;
    let text = '';
    try {
      // Only a regular file is a verdict: a folder, a FIFO (which would block) or a symlink is not.
      const st = lstatSync(file);
      if (!st.isFile()) reason = `not a regular file (a ${st.isDirectory() ? 'folder' : st.isSymbolicLink() ? 'symlink' : 'special file'})`;
      else if (st.size > MAX_ENTRY_BYTES) reason = `too large (${st.size} bytes)`;
      else text = readFileSync(file, 'utf8');
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code === 'ENOENT' || code === 'ENOTDIR') return { kind: 'miss' };
      reason = `cannot be read: ${fsReason(e)}`;
    }
    reason ??= problemWith(text, hash);
    if (reason === undefined) {
      const e = JSON.parse(text) as StoredVerdict;
      return { kind: 'hit', entry: { obligation: e.obligation, result: e.result, ms: e.ms, at: e.at } };
    }
    if (this.mode === 'read-write') {
      try {
        rmSync(file, { recursive: true, force: true });
      } catch {
        // left in place: writing the new verdict fails and is reported
      }
    }
    return { kind: 'corrupt', file, reason };
  }

  /**
   * Stores a final verdict; returns false when it was not stored (read-only, off, not final, or
   * the write failed: then `writeFailures` counts it). Never throws.
   */
  put(hash: string, entry: StoredVerdict): boolean {
    if (this.mode !== 'read-write' || !isFinal(entry.result.outcome)) return false;
    const file = this.file(hash);
    const tmp = `${file}.tmp-${process.pid}-${Math.random().toString(36).slice(2)}`;
    try {
      mkdirSync(dirname(file), { recursive: true });
      const body = { schema: SCHEMA, hash, ...entry };
      writeFileSync(tmp, JSON.stringify({ ...body, checksum: sha256(stableStringify(body)) }));
      renameSync(tmp, file);
      return true;
    } catch (e) {
      try {
        rmSync(tmp, { force: true });
      } catch {
        // nothing more to do
      }
      this.writeFailures++;
      this.firstWriteFailure ??= `${file}: ${fsReason(e)}`;
      return false;
    }
  }
}

function problemWith(text: string, hash: string): string | undefined {
  let e: Record<string, unknown>;
  try {
    e = JSON.parse(text) as Record<string, unknown>;
  } catch (err) {
    return `not valid JSON (truncated?): ${(err as Error).message}`;
  }
  if (e === null || typeof e !== 'object') return 'not an object';
  if (e.schema !== SCHEMA) return `unknown schema ${String(e.schema)}`;
  if (e.hash !== hash) return 'hash does not match the file name';
  const { checksum, ...body } = e;
  if (checksum !== sha256(stableStringify(body))) return 'checksum mismatch (edited or partly written)';
  const result = e.result as CheckResult | undefined;
  if (!result?.outcome || typeof result.outcome.status !== 'string') return 'no verdict inside';
  return undefined;
}
