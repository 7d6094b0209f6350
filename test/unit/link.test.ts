/**
 * Linking specs to code: hashes follow the source a name depends on, so changing one
 * construction changes only the hashes of what uses it.
 */
import { cpSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyse, codeHashFor, linkCacheFile, linkSources } from '../../src/verify/link.js';
import { ROOT, tempDir } from '../helpers/cli.js';

describe('ts-morph link', () => {
  it('finds every registered name, and re-hashes only what an edit touches', () => {
    const dir = tempDir();
    cpSync(join(ROOT, 'src'), join(dir, 'src'), { recursive: true });
    cpSync(join(ROOT, 'tsconfig.json'), join(dir, 'tsconfig.json'));
    const before = analyse(join(dir, 'src'));
    expect(before.problems).toEqual([]);
    const hash = (r: typeof before, kind: string, name: string) => r.names.find((n) => n.kind === kind && n.name === name)?.hash;
    expect(hash(before, 'construction', 'int.add')).toBeDefined();
    expect(hash(before, 'smt-model', 'int.mul')).toBeDefined();
    expect(hash(before, 'checker', 'z3')).toBeDefined();
    const file = join(dir, 'src/circuit/constructions/int.ts');
    writeFileSync(file, readFileSync(file, 'utf8').replace("b.output('prod', linearBits(b, terms, 2 * p));", "b.output('prod', linearBits(b, terms, 2 * p)); // edited"));
    const after = analyse(join(dir, 'src'));
    expect(hash(after, 'construction', 'int.mul')).not.toBe(hash(before, 'construction', 'int.mul'));
    for (const [k, n] of [['construction', 'int.add'], ['construction', 'int.compare.exp'], ['model', 'int.mul'], ['checker', 'model'], ['checker', 'z3'], ['checker', 'lean']] as const)
      expect(hash(after, k, n), `${k} ${n}`).toBe(hash(before, k, n));
    const add = [['construction', 'int.add'], ['model', 'int.add'], ['checker', 'model']] as const;
    expect(codeHashFor(after, add)).toBe(codeHashFor(before, add));
  }, 240_000); // two full analyses: about 50 s on a quiet machine

  it('the cache: a truncated file is recomputed; an interrupted analysis writes nothing', async () => {
    const src = join(ROOT, 'src');
    const cache = tempDir();
    const { file } = linkCacheFile(src, cache);
    mkdirSync(cache, { recursive: true });
    const truncated = '{"key":"';
    writeFileSync(file, truncated);
    // Interrupted as soon as the analysis starts: its worker is stopped, nothing is linked or written.
    const controller = new AbortController();
    const cut = await linkSources(src, cache, { signal: controller.signal, onAnalyse: () => controller.abort('SIGTERM') });
    expect(cut).toMatchObject({ interrupted: true, cached: false, names: [] });
    expect(readdirSync(cache)).toEqual([file.slice(cache.length + 1)]);
    expect(readFileSync(file, 'utf8')).toBe(truncated);
    // Not interrupted: analysed (the truncated file is not trusted), then cached whole.
    const fresh = await linkSources(src, cache);
    expect(fresh.cached).toBe(false);
    expect(fresh.names.some((n) => n.kind === 'construction' && n.name === 'int.add')).toBe(true);
    const again = await linkSources(src, cache);
    expect(again).toEqual({ ...fresh, cached: true });
    expect(readdirSync(cache)).toEqual([file.slice(cache.length + 1)]);
  }, 240_000);

  it('reports a registered construction that is not exported', () => {
    const dir = tempDir();
    cpSync(join(ROOT, 'src'), join(dir, 'src'), { recursive: true });
    cpSync(join(ROOT, 'tsconfig.json'), join(dir, 'tsconfig.json'));
    const file = join(dir, 'src/circuit/constructions/int.ts');
    writeFileSync(file, readFileSync(file, 'utf8').replace('export const intMul: Construction', 'const intMul: Construction').replace('export const mutantAddOffByOne', 'export { intMul };\nexport const mutantAddOffByOne'));
    // Still importable (re-exported below), but the declaration itself is not exported.
    const r = analyse(join(dir, 'src'));
    expect(r.problems.some((p) => p.name === 'int.mul' && /not exported/.test(p.message))).toBe(true);
  }, 240_000);
});
