/**
 * Loading specs: read YAML (phase 0: syntax), check the shape (phase 1: schema), normalise
 * (phase 2: ranges expanded, expressions parsed, defaults filled), then run the named semantic
 * rules (phase 3, `rules.ts`). Every problem is reported with file, line, column and the dotted
 * field path; all problems are collected before giving up.
 *
 * Only regular files ending in `.yaml` or `.yml` are spec files. Other entries that look like
 * spec files (a dangling symlink such as an editor's lock file `.#x.yaml`, a FIFO, `x.YAML`) are
 * skipped with a warning, never read: a FIFO would block forever. A file that cannot be read, is
 * not UTF-8, or is larger than `MAX_SPEC_FILE_BYTES` is a problem at that file.
 */
import { closeSync, openSync, readSync, readdirSync, realpathSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { LineCounter, type Document, isMap, isPair, isScalar, parseAllDocuments } from 'yaml';
import type { ZodError } from 'zod';
import { type SpecProblem, SpecError } from '../core/errors.js';
import { fsReason } from '../core/paths.js';
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

/** Spec files are small; anything larger is refused before it is parsed. */
export const MAX_SPEC_FILE_BYTES = 1024 * 1024;
/** Instances one check may have (the cartesian product of its params), checked before expanding it. */
export const MAX_INSTANCES_PER_CHECK = 10_000;
/** Instances all checks of a spec folder may have together. */
export const MAX_INSTANCES_PER_RUN = 100_000;

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
  const warnings: SpecProblem[] = [];
  const sources: SpecSource[] = [];
  const assumptions = new Map<string, Assumption & { file: string }>();
  const show = (abs: string): string => relative(displayRoot, abs) || abs;
  const fileProblem = (abs: string, rule: string, message: string, line = 0, column = 0): SpecProblem => ({ file: show(abs), line, column, field: '', rule, message });
  const raw: RawDocument[] = [];
  let files: string[];
  try {
    if (!statSync(dir).isDirectory()) throw new Error(`${dir} is not a folder`);
    files = listSpecFiles(dir, new Set(), (abs, why) => warnings.push(fileProblem(abs, 'skipped', why)), (abs, why) => problems.push(fileProblem(abs, 'specs-dir', why)));
  } catch (e) {
    throw new SpecError([fileProblem(dir, 'specs-dir', `cannot read spec folder: ${fsReason(e)}`)]);
  }
  for (const abs of files) {
    const file = show(abs);
    const read = readSpecText(abs);
    if ('problem' in read) {
      problems.push(fileProblem(abs, 'file', read.problem, read.line ?? 0, read.column ?? 0));
      continue;
    }
    if (abs.endsWith(`/${ASSUMPTIONS_FILE}`)) loadAssumptions(file, read.text, problems, assumptions);
    else if (abs.endsWith(`/${OPERATIONS_FILE}`)) raw.push(...rawDocuments(file, read.text, 'operations', problems));
    else if (abs.endsWith(ARCHITECTURE_SUFFIX)) raw.push(...rawDocuments(file, read.text, 'architecture', problems));
    else sources.push(...parseSpecFile(file, read.text, problems));
  }
  let architectures: ReadonlyMap<string, ArchitectureInfo> = new Map();
  if (known.programs) {
    const loaded = known.programs(raw, new Set(assumptions.keys()));
    problems.push(...loaded.problems);
    architectures = loaded.architectures;
  }
  problems.push(...runRules(sources, assumptions, known, architectures));
  const total = sources.reduce((n, s) => n + s.spec.checks.reduce((m, c) => m + c.instances.length, 0), 0);
  if (total > MAX_INSTANCES_PER_RUN) {
    const biggest = sources.flatMap((s) => s.spec.checks.map((c) => ({ s, c }))).sort((a, b) => b.c.instances.length - a.c.instances.length)[0]!;
    const loc = biggest.c.location;
    problems.push({
      file: show(dir),
      line: 0,
      column: 0,
      field: '',
      rule: 'instances-bounded',
      message: `the checks define ${total} instances in all, more than the ${MAX_INSTANCES_PER_RUN} a run may have (largest: ${loc.file}:${loc.line} checks.${biggest.c.index} of ${biggest.s.spec.id}, ${biggest.c.instances.length} instances)`,
    });
  }
  if (problems.length > 0) throw new SpecError(problems.sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line || a.column - b.column));
  return { specs: sources.map((s) => s.spec), assumptions: new Map([...assumptions].map(([k, { file: _f, ...a }]) => [k, a])), architectures, dir, warnings };
}

/** Regular `.yaml`/`.yml` files under `dir`, sorted; each real folder is read once (symlink loops). */
function listSpecFiles(dir: string, seen: Set<string>, skip: (abs: string, why: string) => void, fail: (abs: string, why: string) => void): string[] {
  const real = realpathSync(dir);
  if (seen.has(real)) {
    skip(dir, 'skipped: this folder was already read (a symlink to it or to a folder above it)');
    return [];
  }
  seen.add(real);
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    const looksYaml = /\.ya?ml$/i.test(name);
    let st;
    try {
      st = statSync(p);
    } catch (e) {
      if (looksYaml) skip(p, `skipped: ${(e as NodeJS.ErrnoException).code === 'ENOENT' ? 'a symlink to nothing (an editor lock file?)' : `cannot be read (${fsReason(e)})`}`);
      continue;
    }
    if (st.isDirectory()) {
      try {
        out.push(...listSpecFiles(p, seen, skip, fail));
      } catch (e) {
        fail(p, `cannot read folder: ${fsReason(e)}`);
      }
      continue;
    }
    if (!looksYaml) continue;
    if (!/\.ya?ml$/.test(name)) skip(p, 'skipped: spec files end in .yaml or .yml, in lower case');
    else if (!st.isFile()) skip(p, 'skipped: not a regular file (a FIFO, socket or device is never read)');
    else out.push(p);
  }
  return out;
}

/** The text of a spec file, or why it cannot be used (unreadable, too large, not UTF-8). */
function readSpecText(abs: string): { text: string } | { problem: string; line?: number; column?: number } {
  let buf: Buffer;
  try {
    const fd = openSync(abs, 'r');
    try {
      buf = Buffer.alloc(MAX_SPEC_FILE_BYTES + 1);
      let n = 0;
      for (let got = -1; got !== 0 && n < buf.length; n += got) got = readSync(fd, buf, n, buf.length - n, null);
      buf = buf.subarray(0, n);
    } finally {
      closeSync(fd);
    }
  } catch (e) {
    return { problem: `cannot read the file: ${fsReason(e)}` };
  }
  if (buf.length > MAX_SPEC_FILE_BYTES) return { problem: `the file is larger than ${MAX_SPEC_FILE_BYTES} bytes; a spec file is a few kB` };
  if ((buf[0] === 0xff && buf[1] === 0xfe) || (buf[0] === 0xfe && buf[1] === 0xff)) return { problem: 'the file is UTF-16 encoded (it starts with a UTF-16 byte order mark); save it as UTF-8' };
  if (buf.length >= 2 && (buf[0] === 0 || buf[1] === 0)) return { problem: 'the file contains NUL bytes near its start (UTF-16 or UTF-32 without a byte order mark?); save it as UTF-8' };
  const bad = firstInvalidUtf8(buf);
  if (bad !== undefined) {
    const before = buf.subarray(0, bad);
    const line = before.filter((b) => b === 0x0a).length + 1;
    const column = bad - (before.lastIndexOf(0x0a) + 1) + 1;
    return { problem: `the file is not valid UTF-8 (byte 0x${buf[bad]!.toString(16).padStart(2, '0')} at offset ${bad}); save it as UTF-8`, line, column };
  }
  const text = buf.toString('utf8');
  return { text: text.startsWith('\uFEFF') ? text.slice(1) : text };
}

/** Offset of the first byte that does not belong to a well-formed UTF-8 sequence, if any. */
function firstInvalidUtf8(b: Uint8Array): number | undefined {
  for (let i = 0; i < b.length; ) {
    const c = b[i]!;
    const n = c < 0x80 ? 0 : c >= 0xc2 && c <= 0xdf ? 1 : c >= 0xe0 && c <= 0xef ? 2 : c >= 0xf0 && c <= 0xf4 ? 3 : -1;
    if (n < 0) return i;
    for (let k = 1; k <= n; k++) if (i + k >= b.length || (b[i + k]! & 0xc0) !== 0x80) return i;
    // Overlong three- and four-byte forms, surrogates, and code points above U+10FFFF.
    const c1 = b[i + 1] ?? 0;
    if ((c === 0xe0 && c1 < 0xa0) || (c === 0xed && c1 > 0x9f) || (c === 0xf0 && c1 < 0x90) || (c === 0xf4 && c1 > 0x8f)) return i;
    i += n + 1;
  }
  return undefined;
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
export function zodProblems(err: ZodError, value: unknown, locate: (p: Path) => Location): SpecProblem[] {
  return err.issues.map((issue) => {
    let path = issue.path as Path;
    let message = issue.message;
    if (issue.code === 'unrecognized_keys') {
      path = [...path, issue.keys[0]!];
      message = `unknown field${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => `'${k}'`).join(', ')}`;
    } else if (path.length > 0 && valueAt(value, path) === undefined) {
      message = `missing required field '${String(path[path.length - 1])}'`;
    } else if (issue.code === 'invalid_key') {
      message = `invalid name '${String(path[path.length - 1])}': ${issue.issues.map((i) => i.message).join('; ')}`;
    }
    return problemAt(locate(path), path, 'schema', message);
  });
}

function valueAt(value: unknown, path: Path): unknown {
  let v = value;
  for (const k of path) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<string | number, unknown>)[k];
  }
  return v;
}

/** A document with no content (`---` alone, a trailing `---`, only comments, or `~`). */
const isEmptyDocument = (doc: Document): boolean => doc.contents === null || (isScalar(doc.contents) && doc.contents.value === null);

/** The document as plain data; an alias bomb or another resource attack is a problem, not a crash. */
function toData(doc: Document, file: string, lc: LineCounter, problems: SpecProblem[]): { value: unknown } | undefined {
  try {
    return { value: doc.toJS({ maxAliasCount: 100 }) };
  } catch (e) {
    const offset = (doc.contents as { range?: [number, number, number] } | null)?.range?.[0] ?? 0;
    const { line, col } = lc.linePos(offset);
    problems.push({ file, line, column: col, field: '', rule: 'yaml', message: `the document cannot be read: ${e instanceof Error ? e.message : String(e)}` });
    return undefined;
  }
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
    if (isEmptyDocument(doc)) continue;
    out.push({ doc, lc });
  }
  return out;
}

function rawDocuments(file: string, text: string, kind: RawDocument['kind'], problems: SpecProblem[]): RawDocument[] {
  const out: RawDocument[] = [];
  for (const { doc, lc } of yamlDocuments(file, text, problems)) {
    const data = toData(doc, file, lc, problems);
    if (data) out.push({ file, kind, value: data.value, locate: locator(file, doc, lc) });
  }
  return out;
}

function parseSpecFile(file: string, text: string, problems: SpecProblem[]): SpecSource[] {
  const out: SpecSource[] = [];
  for (const { doc, lc } of yamlDocuments(file, text, problems)) {
    const locate = locator(file, doc, lc);
    const data = toData(doc, file, lc, problems);
    if (!data) continue;
    const parsed = SpecSchema.safeParse(data.value);
    if (!parsed.success) {
      problems.push(...zodProblems(parsed.error, data.value, locate));
      continue;
    }
    const range = (doc.contents as { range?: [number, number, number] }).range ?? [0, text.length, text.length];
    const spec = normalize(parsed.data, file, text.slice(range[0], range[2]), locate, problems);
    if (spec) out.push({ spec, locate });
  }
  return out;
}

/** Adds the assumptions of one `assumptions.yaml` (there may be one per folder) to `out`. */
function loadAssumptions(file: string, text: string, problems: SpecProblem[], out: Map<string, Assumption & { file: string }>): void {
  const lc = new LineCounter();
  const docs = parseAllDocuments(text, { lineCounter: lc, prettyErrors: false });
  const docList = (Array.isArray(docs) ? docs : [docs]).filter((d) => d.errors.length > 0 || !isEmptyDocument(d));
  if (docList.length > 1) {
    const { line, col } = lc.linePos((docList[1]!.contents as { range?: [number] } | null)?.range?.[0] ?? 0);
    problems.push({ file, line, column: col, field: '', rule: 'yaml', message: `${ASSUMPTIONS_FILE} holds one document (a list under 'assumptions:'), not several` });
    return;
  }
  const doc = docList[0];
  if (!doc) return;
  if (doc.errors.length > 0) {
    for (const e of doc.errors) {
      const { line, col } = lc.linePos(e.pos[0]);
      problems.push({ file, line, column: col, field: '', rule: 'yaml', message: e.message.split('\n')[0]! });
    }
    return;
  }
  const locate = locator(file, doc, lc);
  const data = toData(doc, file, lc, problems);
  if (!data) return;
  const parsed = AssumptionsSchema.safeParse(data.value);
  if (!parsed.success) {
    problems.push(...zodProblems(parsed.error, data.value, locate));
    return;
  }
  parsed.data.assumptions.forEach((a, i) => {
    const first = out.get(a.id);
    if (first) problems.push(problemAt(locate(['assumptions', i, 'id']), ['assumptions', i, 'id'], 'assumption-unique', `assumption '${a.id}' is defined twice (first in ${first.file})`));
    else out.set(a.id, { id: a.id, statement: a.statement, cite: a.cite ?? [], status: a.status, file });
  });
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
      if ((doc.construction !== undefined || doc.model !== undefined) && sorted[0]! < 0)
        report(['parameters', name, 'range'], 'params-natural', `${name} takes the negative value ${sorted[0]}: the parameters of a construction or a model (widths, counts) are whole numbers >= 0`);
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
  // Counted before the product is built: two ranges of 10^5 values would be 10^10 instances.
  const sizes = Object.values(grid).map((v) => v.length);
  const count = sizes.reduce((n, k) => n * k, sizes.length > 0 ? 1 : 0);
  const tooMany = count > MAX_INSTANCES_PER_CHECK;
  if (tooMany) report(['checks', i, 'params'], 'instances-bounded', `${count} instances (${sizes.join(' x ')}), more than the ${MAX_INSTANCES_PER_CHECK} a check may have`);
  return {
    index: i,
    backend: c.backend,
    grid,
    instances: tooMany ? [] : cartesian(grid),
    property: c.property,
    theorem: c.theorem,
    covers: c.covers ?? false,
    samples: c.samples,
    budget: c.budget,
    timeout: c.timeout,
    expect: c.expect ?? doc.expect ?? 'proved',
    ...(c.against ? { against: c.against } : {}),
    note: c.note,
    location: locate(['checks', i]),
  };
}
