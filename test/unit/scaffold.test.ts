import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseDocument } from 'yaml';
import { architectureSpecTemplate, architectureTemplate, constructionStub, registerConstruction, specTemplate } from '../../src/verify/scaffold.js';
import { cpSync, mkdirSync, writeFileSync } from 'node:fs';
import { loadSpecs } from '../../src/spec/load.js';
import { knownNames } from '../../src/verify/session.js';
import { SpecSchema } from '../../src/spec/schema.js';
import { ROOT, tempDir } from '../helpers/cli.js';

describe('tc0 new templates', () => {
  it('the spec templates satisfy the schema, with and without a construction', () => {
    for (const c of [undefined, 'foo.bar']) {
      const doc = parseDocument(specTemplate('foo.bar', c)).toJS();
      expect(SpecSchema.safeParse(doc).success, String(c)).toBe(true);
      expect(doc.construction).toBe(c);
    }
  });
  it('registers a stub construction in the registry source, import and list entry', () => {
    const source = readFileSync(join(ROOT, 'src/circuit/registry.ts'), 'utf8');
    const out = registerConstruction(source, 'foo.bar-baz');
    expect(out).toContain("import { fooBarBaz } from './constructions/foo.bar-baz.js';");
    expect(out).toMatch(/ {2}fooBarBaz,\n\]\);/);
    expect(out.length).toBe(source.length + "\nimport { fooBarBaz } from './constructions/foo.bar-baz.js';".length + '  fooBarBaz,\n'.length);
    expect(constructionStub('foo.bar-baz')).toMatch(/export const fooBarBaz: Construction[\s\S]*throw new NotImplementedError/);
  });
  it('the architecture templates load: a program and a spec about it, valid as written', () => {
    const dir = join(tempDir(), 'specs');
    mkdirSync(join(dir, 'mine'), { recursive: true });
    for (const f of ['operations.yaml', 'assumptions.yaml']) cpSync(join(ROOT, 'specs', f), join(dir, f));
    // The spec uses float.mul and float.iter-add: bring their specs along.
    cpSync(join(ROOT, 'specs/float'), join(dir, 'float'), { recursive: true });
    cpSync(join(ROOT, 'specs/arithmetic'), join(dir, 'arithmetic'), { recursive: true });
    writeFileSync(join(dir, 'mine', 'my-layer.arch.yaml'), architectureTemplate('my-layer'));
    writeFileSync(join(dir, 'mine', 'mine.layer.yaml'), architectureSpecTemplate('mine.layer', 'my-layer'));
    const set = loadSpecs(dir, knownNames(), ROOT);
    expect(set.architectures.has('my-layer')).toBe(true);
    expect(set.specs.find((s) => s.id === 'mine.layer')?.architecture).toBe('my-layer');
  });
});
