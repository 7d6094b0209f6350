/**
 * Hashes of source trees: all TypeScript sources (the key of the link cache, see link.ts) and
 * the Lean library (part of the hash of every lean obligation).
 */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { sha256 } from '../core/hash.js';

export function hashTree(dir: string, ext = '.ts'): string {
  const parts: string[] = [];
  const walk = (d: string): void => {
    for (const name of readdirSync(d).sort()) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else if (p.endsWith(ext)) parts.push(p.slice(dir.length), readFileSync(p, 'utf8'));
    }
  };
  walk(dir);
  return sha256(...parts);
}

let leanHash: string | undefined;
/** Hash of the hand-written Lean library (computed once per process). */
export function hashLeanSources(dir: string): string {
  leanHash ??= hashTree(dir, '.lean');
  return leanHash;
}
