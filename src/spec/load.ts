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
import type { Assumption, Check, KnownNames, Location, MetricClaim, MetricName, Parameter, Spec, SpecSet } from './types.js';
import { runRules } from './rules.js';

export const ASSUMPTIONS_FILE = 'assumptions.yaml';

/** A spec together with a way to locate any of its fields in the file. */
export interface SpecSource {
  readonly spec: Spec;
  locate(path: ReadonlyArray<string | number>): Location;
}

type Path = ReadonlyArray<string | number>;

/** Loads and validates every spec under `dir`; throws `SpecError` listing all problems. */
export function loadSpecs(dir: string, known: KnownNames, displayRoot = process.cwd()): SpecSet {
  const problems: SpecProblem[] = [];
  const sources: SpecSource[] = [];
  let assumptions = new Map<string, Assumption>();
  let files: string[];
  try {
    files = listYaml(dir);
  } catch (e) {
    throw new SpecError([{ file: dir, line: 0, column: 0, field: '', rule: 'specs-dir', message: `cannot read spec folder: ${(e as Error).message}` }]);
  }
  for (const abs of files) {
    const file = relative(displayRoot, abs) || abs;
    const text = readFileSync(abs, 'utf8');
    if (abs.endsWith(`/${ASSUMPTIONS_FILE}`)) assumptions = loadAssumptions(file, text, problems);
    else sources.push(...parseSpecFile(file, text, problems));
  }
  problems.push(...runRules(sources, assumptions, known));
  if (problems.length > 0) throw new SpecError(problems.sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line || a.column - b.column));
  return { specs: sources.map((s) => s.spec), assumptions, dir };
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

function locator(file: string, doc: Document, lc: LineCounter): (path: Path) => Location {
  return (path) => {
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

function zodProblems(err: ZodError, locate: (p: Path) => Location): SpecProblem[] {
  return err.issues.map((issue) => {
    let path = issue.path as Path;
    let message = issue.message;
    if (issue.code === 'unrecognized_keys') {
      path = [...path, issue.keys[0]!];
      message = `unknown field${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => `'${k}'`).join(', ')}`;
    } else if (issue.code === 'invalid_type' && /received undefined/.test(issue.message)) {
      message = 'missing required field';
    }
    return problemAt(locate(path), path, 'schema', message);
  });
}

function parseSpecFile(file: string, text: string, problems: SpecProblem[]): SpecSource[] {
  const lc = new LineCounter();
  const docs = parseAllDocuments(text, { lineCounter: lc, prettyErrors: false });
  const docList = Array.isArray(docs) ? docs : [docs];
  const out: SpecSource[] = [];
  for (const doc of docList) {
    if (doc.errors.length > 0) {
      for (const e of doc.errors) {
        const { line, col } = lc.linePos(e.pos[0]);
        problems.push({ file, line, column: col, field: '', rule: 'yaml', message: e.message.split('\n')[0]! });
      }
      continue;
    }
    if (doc.contents === null) continue; // an empty document (e.g. a trailing ---)
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

function loadAssumptions(file: string, text: string, problems: SpecProblem[]): Map<string, Assumption> {
  const lc = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lc, prettyErrors: false });
  const out = new Map<string, Assumption>();
  if (doc.errors.length > 0) {
    for (const e of doc.errors) {
      const { line, col } = lc.linePos(e.pos[0]);
      problems.push({ file, line, column: col, field: '', rule: 'yaml', message: e.message.split('\n')[0]! });
    }
    return out;
  }
  const parsed = AssumptionsSchema.safeParse(doc.toJS());
  if (!parsed.success) {
    problems.push(...zodProblems(parsed.error, locator(file, doc, lc)));
    return out;
  }
  const locate = locator(file, doc, lc);
  parsed.data.assumptions.forEach((a, i) => {
    if (out.has(a.id)) problems.push(problemAt(locate(['assumptions', i, 'id']), ['assumptions', i, 'id'], 'assumption-unique', `assumption '${a.id}' is defined twice`));
    out.set(a.id, { id: a.id, statement: a.statement, cite: a.cite ?? [], status: a.status });
  });
  return out;
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
    refutes: doc.refutes ?? [],
    parameters,
    construction: doc.construction,
    model: doc.model,
    claims,
    checks,
    expect: doc.expect ?? 'proved',
    ...(doc.paperConstant ? { paperConstant: doc.paperConstant } : {}),
    source,
    fieldLocations: {
      ...(doc.construction ? { construction: locate(['construction']) } : {}),
      ...(doc.model ? { model: locate(['model']) } : {}),
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
    covers: c.covers ?? false,
    samples: c.samples,
    budget: c.budget,
    timeout: c.timeout,
    expect: c.expect ?? doc.expect ?? 'proved',
    note: c.note,
    location: locate(['checks', i]),
  };
}
