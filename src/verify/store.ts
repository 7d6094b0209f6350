/**
 * The results store: final verdicts keyed by the content hash of everything that can change
 * them. One file per verdict (`<dir>/<aa>/<hash>.json`), written atomically (temp file + rename),
 * each carrying a checksum of its own content: a corrupt or truncated file is detected, reported
 * and removed, never trusted, and it cannot spoil any other verdict.
 *
 * Only final verdicts are stored: proved, refuted, and sampled evaluations (deterministic for a
 * given seed). Time-outs, errors, solver `unknown`s and skips depend on the machine or the moment.
 */
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { sha256, stableStringify } from '../core/hash.js';
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

export class ResultStore {
  constructor(
    readonly dir: string,
    readonly mode: StoreMode,
  ) {}

  private file(hash: string): string {
    return join(this.dir, hash.slice(0, 2), `${hash}.json`);
  }

  get(hash: string): Lookup {
    if (this.mode === 'off') return { kind: 'miss' };
    const file = this.file(hash);
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch {
      return { kind: 'miss' };
    }
    const reason = problemWith(text, hash);
    if (reason === undefined) {
      const e = JSON.parse(text) as StoredVerdict;
      return { kind: 'hit', entry: { obligation: e.obligation, result: e.result, ms: e.ms, at: e.at } };
    }
    if (this.mode === 'read-write') rmSync(file, { force: true });
    return { kind: 'corrupt', file, reason };
  }

  /** Stores a final verdict; returns false when it was not stored (read-only, off, not final). */
  put(hash: string, entry: StoredVerdict): boolean {
    if (this.mode !== 'read-write' || !isFinal(entry.result.outcome)) return false;
    const file = this.file(hash);
    mkdirSync(dirname(file), { recursive: true });
    const body = { schema: SCHEMA, hash, ...entry };
    const text = JSON.stringify({ ...body, checksum: sha256(stableStringify(body)) });
    const tmp = `${file}.tmp-${process.pid}-${Math.random().toString(36).slice(2)}`;
    writeFileSync(tmp, text);
    renameSync(tmp, file);
    return true;
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
