import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseDocument } from 'yaml';
import { constructionStub, registerConstruction, specTemplate } from '../../src/verify/scaffold.js';
import { SpecSchema } from '../../src/spec/schema.js';
import { ROOT } from '../helpers/cli.js';

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
});
