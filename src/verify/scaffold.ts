/**
 * `tc0 new <id>`: writes a spec file whose comments explain every field, and with
 * `--construction NAME` a stub construction (registered in src/circuit/registry.ts) whose build
 * throws NotImplementedError, so its checks are reported as skipped ("not implemented"), never as
 * proved. Refuses to overwrite anything or to reuse an id or a registered name.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { UsageError } from '../core/errors.js';
import type { KnownNames } from '../spec/types.js';
import { loadSpecs } from '../spec/load.js';

const NAME = /^[a-z][a-z0-9]*(?:[.-][a-z0-9]+)*$/;

export interface ScaffoldRequest {
  readonly id: string;
  readonly construction?: string;
  readonly file?: string;
  readonly specsDir: string;
  /** The `src/` folder (construction stubs go under circuit/constructions/). */
  readonly srcDir: string;
  readonly known: KnownNames;
}

const camel = (name: string): string => name.replace(/[.-]([a-z0-9])/g, (_, c: string) => c.toUpperCase());

export function specTemplate(id: string, construction?: string): string {
  const lines = [
    `# ${id}: scaffolded by \`tc0 new\`. Every field is described in README.md ("Spec format");`,
    '# spec.schema.json lets an editor check this file while you type.',
    '',
    '# Unique id: lower-case words joined by . or - (PAPER.md lists the paper\'s ids).',
    `id: ${id}`,
    '# One line a reviewer reads in the report.',
    `title: "TODO: what ${id} claims"`,
    '# Ids of the specs this one builds on (edges of the report\'s dependency graph).',
    'uses: []',
    '# Named assumptions from specs/assumptions.yaml that the claim rests on (its trust base).',
    'assumptions: []',
    'provenance:',
    '  # The paper item (e.g. "L-A1(1)") or "none".',
    '  paper: "TODO"',
    '  # verified | recalled | reconstructed | ours: how sure we are that the paper states this.',
    '  status: ours',
    '# The claim in words, precisely: this is what the checks are about.',
    'statement: |',
    '  TODO',
  ];
  if (construction)
    lines.push(
      '# Parameters and their allowed values (an integer, a range lo..hi, or a list).',
      'parameters:',
      '  p: { range: 1..8 }',
      `# The registered circuit construction (a stub in src/circuit/constructions/${construction}.ts until`,
      '# you build it: its checks are reported as skipped, "not implemented").',
      `construction: ${construction}`,
      '# model: the registered exact model the circuit must agree with (src/model/registry.ts).',
      '# Metric claims the measure backend checks: max is an expression in the parameters',
      '# (4*p + 1, clog2(k) + 2), constant: one value over the measured range, degree: fitted',
      '# polynomial degree at most this.',
      'claims:',
      '  depth: { max: "p", constant: false }',
      '# Checks: backend model | z3 | lean | measure | auto, params for each, optional property,',
      '# theorem (lean), samples, budget, timeout, expect, note.',
      'checks:',
      '  - backend: measure',
      '    params: { p: 1..4 }',
    );
  else
    lines.push(
      '# parameters, construction, model, claims, checks: add them when the claim can be checked;',
      '# until then the report shows this spec as not yet checked.',
      'checks: []',
    );
  lines.push('# expect: refuted keeps a claim as a documented refutation (a finding).', '# expect: proved');
  return `${lines.join('\n')}\n`;
}

/** The stub's text (kept in templates/ so that its import line is not one of this file's). */
export function constructionStub(name: string): string {
  const template = readFileSync(new URL('./templates/construction.ts.txt', import.meta.url), 'utf8');
  return template.replaceAll('__NAME__', name).replaceAll('__IDENT__', camel(name));
}

/** Adds the stub's import and its entry to the CONSTRUCTIONS list. */
export function registerConstruction(registrySource: string, name: string): string {
  const ident = camel(name);
  const imports = [...registrySource.matchAll(/^import .*;$/gm)];
  const last = imports[imports.length - 1];
  const list = registrySource.indexOf('export const CONSTRUCTIONS');
  const close = list < 0 ? -1 : registrySource.indexOf(']);', list);
  if (!last || close < 0) throw new UsageError('cannot find the imports and the CONSTRUCTIONS list in src/circuit/registry.ts');
  const at = last.index! + last[0].length;
  const withList = `${registrySource.slice(0, close)}  ${ident},\n${registrySource.slice(close)}`;
  return `${withList.slice(0, at)}\nimport { ${ident} } from './constructions/${name}.js';${withList.slice(at)}`;
}

export function scaffold(req: ScaffoldRequest): string[] {
  if (!NAME.test(req.id)) throw new UsageError(`'${req.id}' is not a valid spec id (lower-case words joined by . or -)`);
  if (req.construction !== undefined && !NAME.test(req.construction)) throw new UsageError(`'${req.construction}' is not a valid construction name`);
  if (req.construction !== undefined && req.known.constructions.has(req.construction)) throw new UsageError(`construction '${req.construction}' is already registered`);
  const existing = existsSync(req.specsDir) ? loadSpecs(req.specsDir, req.known).specs : [];
  if (existing.some((s) => s.id === req.id)) throw new UsageError(`a spec with id '${req.id}' already exists`);
  const file = req.file ?? join(req.specsDir, req.id.split('.')[0]!, `${req.id}.yaml`);
  const stubFile = req.construction ? join(req.srcDir, 'circuit', 'constructions', `${req.construction}.ts`) : undefined;
  for (const f of [file, stubFile]) if (f && existsSync(f)) throw new UsageError(`${f} exists; not overwriting it`);
  const written: string[] = [];
  if (req.construction && stubFile) {
    const registry = join(req.srcDir, 'circuit', 'registry.ts');
    const updated = registerConstruction(readFileSync(registry, 'utf8'), req.construction);
    writeFileSync(stubFile, constructionStub(req.construction));
    writeFileSync(registry, updated);
    written.push(relative(process.cwd(), stubFile), `${relative(process.cwd(), registry)} (registered ${req.construction})`);
  }
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, specTemplate(req.id, req.construction));
  written.push(relative(process.cwd(), file));
  return written;
}
