/**
 * The source-code part of an obligation's hash: what the construction, model and property it
 * names depend on. `link.ts` computes it per name with ts-morph; this fallback hashes every
 * source file, which is always safe (any change re-checks everything).
 */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { sha256 } from '../core/hash.js';

export function hashTree(dir: string): string {
  const parts: string[] = [];
  const walk = (d: string): void => {
    for (const name of readdirSync(d).sort()) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else if (p.endsWith('.ts')) parts.push(p.slice(dir.length), readFileSync(p, 'utf8'));
    }
  };
  walk(dir);
  return sha256(...parts);
}
