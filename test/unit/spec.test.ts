import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadSpecs } from '../../src/spec/load.js';
import { specJsonSchema } from '../../src/spec/schema.js';
import { topoOrder, transitiveUses, trustBase } from '../../src/spec/graph.js';
import { knownNames } from '../../src/verify/session.js';
import { ROOT } from '../helpers/cli.js';
import { problemsOf } from '../helpers/specs.js';
import { readFileSync } from 'node:fs';
import { specId } from '../../src/core/ids.js';

const broken = join(ROOT, 'test/fixtures/broken/specs');

describe('spec loading', () => {
  it('loads the project specs', () => {
    const set = loadSpecs(join(ROOT, 'specs'), knownNames(), ROOT);
    const add = set.specs.find((s) => s.id === 'int.add')!;
    expect(add.parameters.p).toMatchObject({ lo: 1, hi: 64 });
    expect(add.checks[0]!.instances).toHaveLength(12);
    expect(add.claims.size?.max?.text).toBe('4*p + 1');
    expect(add.source).toContain('id: int.add');
    expect(set.assumptions.get('tc0-ne-nc1')?.status).toBe('open');
  });

  it('names file, line, field and rule for every kind of mistake', () => {
    const problems = problemsOf(broken);
    const where = (file: string) => problems.filter((p) => p.file.endsWith(file));
    const expected: Array<[string, string, number, string]> = [
      ['01-yaml-syntax.yaml', 'yaml', 3, ''],
      ['02-missing-field.yaml', 'schema', 1, 'title'],
      ['03-unknown-field.yaml', 'schema', 5, 'construciton'],
      ['04-bad-type.yaml', 'schema', 6, 'parameters.p.range'],
      ['06-unknown-uses.yaml', 'id-unique', 1, 'id'],
      ['06-unknown-uses.yaml', 'uses-exist', 5, 'uses.0'],
      ['07-cycle.yaml', 'no-cycles', 5, 'uses.0'],
      ['08-unknown-construction.yaml', 'construction-registered', 7, 'construction'],
      ['09-unknown-model.yaml', 'model-registered', 8, 'model'],
      ['10-out-of-range.yaml', 'params-in-range', 11, 'checks.0.params.p'],
      ['11-empty-range.yaml', 'range-sane', 6, 'parameters.p.range'],
      ['12-bad-expression.yaml', 'expression', 9, 'claims.size.max'],
      ['13-undeclared-var.yaml', 'claim-vars-declared', 9, 'claims.size.max'],
      ['14-unknown-assumption.yaml', 'assumption-known', 5, 'assumptions.0'],
      ['15-check-shape.yaml', 'check-shape', 7, 'checks.0.property'],
      ['16-missing-param.yaml', 'params-complete', 12, 'checks.0.params'],
      ['30-covers-not-theorem.yaml', 'covers-needs-theorem', 11, 'checks.0.covers'],
      ['31-refutes-no-refuted.yaml', 'refutes-expects-refuted', 5, 'refutes'],
      ['17-property-param.yaml', 'property-params', 10, 'checks.0.params.m'],
      ['18-parameter-name.yaml', 'schema', 6, 'parameters.Nmax'],
    ];
    for (const [file, rule, line, field] of expected) {
      const hit = where(file).find((p) => p.rule === rule && p.field === field) ?? where(file).find((p) => p.rule === rule);
      expect(hit, `${file} ${rule}`).toBeDefined();
      expect(hit!.line, `${file} line`).toBe(line);
      expect(hit!.field, `${file} field`).toBe(field);
    }
    // Every broken file is reported.
    for (const f of readdirSync(broken)) if (f !== '05-duplicate-id.yaml' && f !== 'assumptions.yaml') expect(where(f).length, f).toBeGreaterThan(0);
  });

  it('builds the dependency graph and trust base', () => {
    const set = loadSpecs(join(ROOT, 'specs'), knownNames(), ROOT);
    const order = topoOrder(set.specs).map((s) => s.id);
    expect(order.indexOf(specId('int.add'))).toBeLessThan(order.indexOf(specId('int.iter-add')));
    const mul = set.specs.find((s) => s.id === 'int.mul')!;
    expect(transitiveUses(mul, set.specs)).toEqual(['int.add', 'int.iter-add']);
    const iterMul = set.specs.find((s) => s.id === 'int.iter-mul')!;
    expect(trustBase(iterMul, set.specs).assumptions).toEqual(['hab-iterated-multiplication']);
  });

  it('publishes the JSON Schema it validates with', () => {
    const published = JSON.parse(readFileSync(join(ROOT, 'spec.schema.json'), 'utf8'));
    expect(published).toEqual(specJsonSchema());
  });
});
