/**
 * Loading specs: read YAML (phase 0: syntax), check the shape (phase 1: schema), normalise
 * (phase 2: ranges expanded, expressions parsed, defaults filled), then run the named semantic
 * rules (phase 3, `rules.ts`). Every problem is reported with file, line, column and the dotted
 * field path; all problems are collected before giving up.
 */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { LineCounter, type Document, isMap, isPair, isScalar, parseAllDocuments, parseDocument } from 'yaml';
import type { ZodError } from 'zod';
import { type SpecProblem, SpecError } from '../core/errors.js';
import { specId } from '../core/ids.js';
import { cartesian } from '../core/params.js';
import { ExprError, parseExpr } from '../core/expr.js';
import { AssumptionsSchema, type CheckDoc, SpecSchema, type SpecDoc } from './schema.js';
import type { ArchitectureInfo, Assumption, Check, KnownNames, Location, MetricClaim, MetricName, Parameter, RawDocument, Spec, SpecSet } from './types.js';
import { runRules } from './rules.js';

/** Files with these names, in any folder, hold assumptions and the operations table (merged). */
export const ASSUMPTIONS_FILE = 'assumptions.yaml';
export const OPERATIONS_FILE = 'operations.yaml';
/** Files with this suffix hold architecture programs (README "Writing an architecture"). */
export const ARCHITECTURE_SUFFIX = '.arch.yaml';

/** A spec together with a way to locate any of its fields in the file. */
export interface SpecSource {
  readonly spec: Spec;
  locate(path: ReadonlyArray<string | number>): Location;
}

type Path = ReadonlyArray<string | number>;

/**
 * Loads and validates every spec under `dir` (and, with `known.programs`, every architecture
 * program and the operations table); throws `SpecError` listing all problems.
 */
export function loadSpecs(dir: string, known: KnownNames, displayRoot = process.cwd()): SpecSet {
  const problems: SpecProblem[] = [];
  const sources: SpecSource[] = [];
  const assumptions = new Map<string, Assumption>();
  const assumptionAt = new Map<string, string>();
  const raw: RawDocument[] = [];
  let files: string[];
  try {
    files = listYaml(dir);
  } catch (e) {
    throw new SpecError([{ file: dir, line: 0, column: 0, field: '', rule: 'specs-dir', message: `cannot read spec folder: ${(e as Error).message}` }]);
  }
  for (const abs of files) {
    const file = relative(displayRoot, abs) || abs;
    const text = readFileSync(abs, 'utf8');
    if (abs.endsWith(`/${ASSUMPTIONS_FILE}`)) loadAssumptions(file, text, assumptions, assumptionAt, problems);
    else if (abs.endsWith(`/${OPERATIONS_FILE}`)) raw.push(...rawDocuments(file, text, 'operations', problems));
    else if (abs.endsWith(ARCHITECTURE_SUFFIX)) raw.push(...rawDocuments(file, text, 'architecture', problems));
    else sources.push(...parseSpecFile(file, text, problems));
  }
  let architectures: ReadonlyMap<string, ArchitectureInfo> = new Map();
  if (known.programs) {
    const loaded = known.programs(raw, new Set(assumptions.keys()));
    problems.push(...loaded.problems);
    architectures = loaded.architectures;
  }
  problems.push(...runRules(sources, assumptions, known, architectures));
  if (problems.length > 0) throw new SpecError(problems.sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line || a.column - b.column));
  return { specs: sources.map((s) => s.spec), assumptions, architectures, dir };
}

function listYaml(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...listYaml(p));
    else if (/\.ya?ml$/.test(name)) out.push(p);
  }
  return out;
}

function locator(file: string, doc: Document, lc: LineCounter): (path: Path, offset?: number) => Location {
  return (path, offset) => {
    // Inside a one-line string: the character at `offset` (quoted scalars start one later).
    if (offset !== undefined) {
      const node = doc.getIn(path, true);
      if (isScalar(node) && node.range && typeof node.value === 'string' && !node.value.includes('\n')) {
        const quoted = node.type === 'QUOTE_DOUBLE' || node.type === 'QUOTE_SINGLE' ? 1 : 0;
        return at(file, lc, node.range[0] + quoted + offset);
      }
    }
    // Walk up the path until a node exists; point at the key when the last step is a map key.
    for (let n = path.length; n >= 0; n--) {
      const parent = n > 0 ? doc.getIn(path.slice(0, n - 1), true) : undefined;
      if (n > 0 && isMap(parent)) {
        const pair = parent.items.find((it) => isPair(it) && isScalar(it.key) && it.key.value === path[n - 1]);
        const key = pair && isScalar(pair.key) ? pair.key : undefined;
        if (key?.range) return at(file, lc, key.range[0]);
      }
      const node = n === 0 ? doc.contents : doc.getIn(path.slice(0, n), true);
      const range = (node as { range?: [number, number, number] } | null | undefined)?.range;
      if (range) return at(file, lc, range[0]);
    }
    return { file, line: 1, column: 1 };
  };
}

function at(file: string, lc: LineCounter, offset: number): Location {
  const { line, col } = lc.linePos(offset);
  return { file, line, column: col };
}

function problemAt(loc: Location, path: Path, rule: string, message: string): SpecProblem {
  return { file: loc.file, line: loc.line, column: loc.column, field: path.join('.'), rule, message };
}

/** Schema problems as located spec problems (unknown fields, missing fields, invalid names). */
export function zodProblems(err: ZodError, locate: (p: Path) => Location): SpecProblem[] {
  return err.issues.map((issue) => {
    let path = issue.path as Path;
    let message = issue.message;
    if (issue.code === 'unrecognized_keys') {
      path = [...path, issue.keys[0]!];
      message = `unknown field${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => `'${k}'`).join(', ')}`;
    } else if (issue.code === 'invalid_type' && /received undefined/.test(issue.message)) {
      message = 'missing required field';
    } else if (issue.code === 'invalid_key') {
      message = `invalid name '${String(path[path.length - 1])}': ${issue.issues.map((i) => i.message).join('; ')}`;
    }
    return problemAt(locate(path), path, 'schema', message);
  });
}

/** The documents of a YAML file, or its syntax problems. */
function yamlDocuments(file: string, text: string, problems: SpecProblem[]): Array<{ doc: Document; lc: LineCounter }> {
  const lc = new LineCounter();
  const docs = parseAllDocuments(text, { lineCounter: lc, prettyErrors: false });
  const out: Array<{ doc: Document; lc: LineCounter }> = [];
  for (const doc of Array.isArray(docs) ? docs : [docs]) {
    if (doc.errors.length > 0) {
      for (const e of doc.errors) {
        const { line, col } = lc.linePos(e.pos[0]);
        problems.push({ file, line, column: col, field: '', rule: 'yaml', message: e.message.split('\n')[0]! });
      }
      continue;
    }
    if (doc.contents === null) continue; // an empty document (e.g. a trailing ---)
    out.push({ doc, lc });
  }
  return out;
}

function rawDocuments(file: string, text: string, kind: RawDocument['kind'], problems: SpecProblem[]): RawDocument[] {
  return yamlDocuments(file, text, problems).map(({ doc, lc }) => ({ file, kind, value: doc.toJS(), locate: locator(file, doc, lc) }));
}

function parseSpecFile(file: string, text: string, problems: SpecProblem[]): SpecSource[] {
  const out: SpecSource[] = [];
  for (const { doc, lc } of yamlDocuments(file, text, problems)) {
    const locate = locator(file, doc, lc);
    const parsed = SpecSchema.safeParse(doc.toJS());
    if (!parsed.success) {
      problems.push(...zodProblems(parsed.error, locate));
      continue;
    }
    const range = (doc.contents as { range?: [number, number, number] }).range ?? [0, text.length, text.length];
    const spec = normalize(parsed.data, file, text.slice(range[0], range[2]), locate, problems);
    if (spec) out.push({ spec, locate });
  }
  return out;
}

/** Adds a file's assumptions to `out`: several assumptions.yaml files are merged; an id defined twice is a problem. */
function loadAssumptions(file: string, text: string, out: Map<string, Assumption>, definedAt: Map<string, string>, problems: SpecProblem[]): void {
  for (const { doc, lc } of yamlDocuments(file, text, problems)) {
    const locate = locator(file, doc, lc);
    const parsed = AssumptionsSchema.safeParse(doc.toJS());
    if (!parsed.success) {
      problems.push(...zodProblems(parsed.error, locate));
      continue;
    }
    parsed.data.assumptions.forEach((a, i) => {
      const path = ['assumptions', i, 'id'];
      const loc = locate(path);
      const first = definedAt.get(a.id);
      if (first) problems.push(problemAt(loc, path, 'assumption-unique', `assumption '${a.id}' is already defined at ${first}`));
      else {
        out.set(a.id, { id: a.id, statement: a.statement, cite: a.cite ?? [], status: a.status });
        definedAt.set(a.id, `${loc.file}:${loc.line}`);
      }
    });
  }
}

/** Values of a parameter field: `7`, `1..12` or `[1, 2, 4]`. */
export function expandValues(v: number | string | readonly number[]): number[] | string {
  if (typeof v === 'number') return [v];
  if (Array.isArray(v)) return [...v];
  const [lo, hi] = (v as string).split('..').map((s) => Number(s.trim())) as [number, number];
  if (lo > hi) return `empty range ${v} (lower end above upper end)`;
  if (hi - lo > 100_000) return `range ${v} has more than 100000 values`;
  return Array.from({ length: hi - lo + 1 }, (_, i) => lo + i);
}

function normalize(doc: SpecDoc, file: string, source: string, locate: (p: Path) => Location, problems: SpecProblem[]): Spec | undefined {
  const before = problems.length;
  const report = (path: Path, rule: string, message: string): void => {
    problems.push(problemAt(locate(path), path, rule, message));
  };
  const parameters: Record<string, Parameter> = {};
  for (const [name, p] of Object.entries(doc.parameters ?? {})) {
    const values = expandValues(p.range);
    if (typeof values === 'string') report(['parameters', name, 'range'], 'range-sane', values);
    else {
      const sorted = [...new Set(values)].sort((a, b) => a - b);
      parameters[name] = { values: sorted, lo: sorted[0]!, hi: sorted[sorted.length - 1]!, description: p.description };
    }
  }
  const claims: Partial<Record<MetricName, MetricClaim>> = {};
  for (const metric of ['depth', 'size', 'fanIn', 'weight'] as const) {
    const c = doc.claims?.[metric];
    if (!c) continue;
    let max: MetricClaim['max'];
    if (c.max !== undefined) {
      try {
        max = { text: c.max, expr: parseExpr(c.max) };
      } catch (e) {
        report(['claims', metric, 'max'], 'expression', e instanceof ExprError ? e.message : String(e));
      }
    }
    claims[metric] = { max, constant: c.constant, degree: c.degree };
  }
  const checks: Check[] = (doc.checks ?? []).map((c, i) => normalizeCheck(c, i, doc, locate, report));
  if (problems.length > before) return undefined;
  return {
    id: specId(doc.id),
    file,
    location: locate([]),
    title: doc.title,
    provenance: { paper: doc.provenance.paper, status: doc.provenance.status, cite: doc.provenance.cite ?? [], note: doc.provenance.note },
    statement: doc.statement.trim(),
    uses: (doc.uses ?? []).map(specId),
    assumptions: doc.assumptions ?? [],
    assumed: doc.assumed ?? false,
    parameters,
    construction: doc.construction,
    model: doc.model,
    ...(doc.architecture ? { architecture: doc.architecture } : {}),
    claims,
    checks,
    expect: doc.expect ?? 'proved',
    ...(doc.paperConstant ? { paperConstant: doc.paperConstant } : {}),
    source,
    fieldLocations: {
      ...(doc.construction ? { construction: locate(['construction']) } : {}),
      ...(doc.model ? { model: locate(['model']) } : {}),
      ...(doc.architecture ? { architecture: locate(['architecture']) } : {}),
    },
  };
}

function normalizeCheck(c: CheckDoc, i: number, doc: SpecDoc, locate: (p: Path) => Location, report: (path: Path, rule: string, message: string) => void): Check {
  const grid: Record<string, number[]> = {};
  for (const [name, v] of Object.entries(c.params ?? {})) {
    const values = expandValues(v);
    if (typeof values === 'string') report(['checks', i, 'params', name], 'range-sane', values);
    else grid[name] = values;
  }
  return {
    index: i,
    backend: c.backend,
    grid,
    instances: cartesian(grid),
    property: c.property,
    theorem: c.theorem,
    samples: c.samples,
    budget: c.budget,
    timeout: c.timeout,
    expect: c.expect ?? doc.expect ?? 'proved',
    ...(c.against ? { against: c.against } : {}),
    note: c.note,
    location: locate(['checks', i]),
  };
}
