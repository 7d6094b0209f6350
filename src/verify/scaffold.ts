/**
 * `tc0 new <id>`: writes a spec file whose comments explain every field, and with
 * `--construction NAME` a stub construction (registered in src/circuit/registry.ts) whose build
 * throws NotImplementedError, so its checks are reported as skipped ("not implemented"), never as
 * proved. With `--architecture NAME` it writes an architecture program NAME.arch.yaml (a working
 * attention layer to edit, every construct commented) and a spec checking it: gate level, family,
 * local description. Refuses to overwrite anything or to reuse an id or a name.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { UsageError } from '../core/errors.js';
import type { KnownNames } from '../spec/types.js';
import { ARCHITECTURE_SUFFIX, loadSpecs } from '../spec/load.js';

const NAME = /^[a-z][a-z0-9]*(?:[.-][a-z0-9]+)*$/;

export interface ScaffoldRequest {
  readonly id: string;
  readonly construction?: string;
  /** Scaffold an architecture program of this name (and a spec about it). */
  readonly architecture?: string;
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
    '# Unique id: lower-case words joined by . or - (docs/paper.md lists the paper\'s ids).',
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

/** A working program to start from: one softmax-attention layer, every construct explained. */
export function architectureTemplate(name: string): string {
  return `# ${name}: an architecture program scaffolded by \`tc0 new\` (README "Writing an architecture").
# architecture.schema.json lets an editor check this file while you type. As written it is one
# softmax-attention layer: edit the steps, then \`npm run verify -- --filter <spec id>\`.
architecture: ${name}
title: "TODO: what ${name} computes"
# Size parameters (values min, min + step, ...); a string is a derived size, e.g. h: d/2.
sizes:
  n: { min: 1, description: sequence length }
  d: { min: 1, description: width }
# Index sets: i: n is 0..n-1; also lo..hi with affine ends, e.g. o: 1-n..n-1.
indices: { i: n, j: n, k: d, l: d }
# Input tensors and hard-wired weights (drawn from the seed w), with their shapes.
inputs:
  X: [n, d]
weights:
  WQ: [d, d]
  WK: [d, d]
  WV: [d, d]
# Steps: T[binders] = expression. Every operation rounds once; sum(... for k) is one iterated
# addition (exact, rounded once); a subexpression reading no tensor is an exact constant; binders
# may restrict ranges (j <= i); a step may call another program: H = layernorm(X).
steps:
  - Q[i, l] = sum(X[i, k] * WQ[k, l] for k)
  - K[j, l] = sum(X[j, k] * WK[k, l] for k)
  - V[j, l] = sum(X[j, k] * WV[k, l] for k)
  - A[i, j] = exp(sum(Q[i, l] * K[j, l] for l) * (1/d))
  - D[i] = sum(A[i, j] for j)
  - Y[i, l] = sum(A[i, j] * V[j, l] for j) / D[i]
output: Y
`;
}

/** A spec checking an architecture: gate level for tiny sizes, the family, the local description. */
export function architectureSpecTemplate(id: string, name: string): string {
  return `# ${id}: scaffolded by \`tc0 new --architecture ${name}\` (README "Checking an architecture").
id: ${id}
title: "TODO: what ${id} claims about ${name}"
uses: [float.mul, float.iter-add]
# The family of an architecture using exp and division rests on these (operations.yaml).
assumptions: [float-format-choices, exp-in-tc0, hab-division]
provenance:
  paper: "TODO"
  status: ours
statement: |
  TODO: the claim in words. As scaffolded: the gate-level circuit of ${name} equals its exact
  model for n = 1; its family has one depth for n = 1..16, an exact polynomial of degree 2 in n
  operations; its local description reproduces every member.
architecture: ${name}
# The program's sizes, p (float precision) and w (weight seed: programs with weights).
parameters:
  n: { range: 1..16 }
  d: { range: 1..4 }
  p: { range: 2..3 }
  w: { range: 1..3 }
# Claims about the family: depth (constant, max as a formula in depth symbols) and size.
claims:
  depth: { constant: true }
  size: { degree: 2 }
checks:
  - backend: model
    params: { n: 1, d: 2, p: 2, w: 1 }
  - backend: measure
    params: { n: 1..16, d: 2, p: 2, w: 1 }
  - backend: model
    property: uniformity
    params: { n: 1..16, d: 2, p: 2, w: 1 }
`;
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
  if (req.architecture !== undefined) return scaffoldArchitecture(req, req.architecture);
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

function scaffoldArchitecture(req: ScaffoldRequest, name: string): string[] {
  if (!NAME.test(name)) throw new UsageError(`'${name}' is not a valid architecture name (lower-case words joined by . or -)`);
  if (req.construction !== undefined) throw new UsageError('--architecture and --construction exclude each other: an architecture is its own construction');
  const existing = existsSync(req.specsDir) ? loadSpecs(req.specsDir, req.known) : undefined;
  if (existing?.specs.some((s) => s.id === req.id)) throw new UsageError(`a spec with id '${req.id}' already exists`);
  if (existing?.architectures.has(name)) throw new UsageError(`an architecture named '${name}' already exists`);
  const file = req.file ?? join(req.specsDir, req.id.split('.')[0]!, `${req.id}.yaml`);
  const program = join(dirname(file), `${name}${ARCHITECTURE_SUFFIX}`);
  for (const f of [file, program]) if (existsSync(f)) throw new UsageError(`${f} exists; not overwriting it`);
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(program, architectureTemplate(name));
  writeFileSync(file, architectureSpecTemplate(req.id, name));
  return [relative(process.cwd(), program), relative(process.cwd(), file)];
}
