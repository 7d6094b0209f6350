/**
 * Linking specs to code: hashes follow the source a name depends on, so changing one
 * construction changes only the hashes of what uses it.
 */
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyse, codeHashFor } from '../../src/verify/link.js';
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
  }, 180_000);

  it('reports a registered construction that is not exported', () => {
    const dir = tempDir();
    cpSync(join(ROOT, 'src'), join(dir, 'src'), { recursive: true });
    cpSync(join(ROOT, 'tsconfig.json'), join(dir, 'tsconfig.json'));
    const file = join(dir, 'src/circuit/constructions/int.ts');
    writeFileSync(file, readFileSync(file, 'utf8').replace('export const intMul: Construction', 'const intMul: Construction').replace('export const mutantAddOffByOne', 'export { intMul };\nexport const mutantAddOffByOne'));
    // Still importable (re-exported below), but the declaration itself is not exported.
    const r = analyse(join(dir, 'src'));
    expect(r.problems.some((p) => p.name === 'int.mul' && /not exported/.test(p.message))).toBe(true);
  }, 180_000);
});
