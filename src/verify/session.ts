/**
 * One `tc0 verify` run from loaded specs to report files: plan, run (or read the store), build
 * the report, write it. The CLI parses flags into `VerifyOptions` and prints; everything else is
 * here so tests can drive a whole run without spawning a process.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import type { Backend } from '../core/verdict.js';
import type { SpecId } from '../core/ids.js';
import type { Params } from '../core/params.js';
import { loadSpecs } from '../spec/load.js';
import { trustBase } from '../spec/graph.js';
import type { KnownNames, ProgramLoad, RawDocument, Spec, SpecSet } from '../spec/types.js';
import { architectureInfo, loadPrograms } from '../program/load.js';
import type { Bundle } from '../program/ast.js';
import { ARCHITECTURE_PROPERTIES } from './checks/architecture.js';
import { ALL_CONSTRUCTIONS as CONSTRUCTIONS } from './registries.js';
import { MODELS, PROPERTIES } from '../model/registry.js';
import { planObligations, type Obligation } from './plan.js';
import { type BackendDriver, createTaskPool, poolDriver, runObligations, type ObligationResult } from './run.js';
import { ResultStore } from './store.js';
import { hashLeanSources } from './codehash.js';
import { type LinkResult, codeHashFor, linkSources } from './link.js';
import { SpecError, type SpecProblem } from '../core/errors.js';
import { z3Driver } from './drivers/z3.js';
import { LEAN_DIR, leanDriver } from './drivers/lean.js';
import { selectSolvers } from './solvers.js';
import { detectLean } from '../backend/lean.js';
import { SMT_MODELS } from '../gen/smt/models.js';
import { LEAN_MODELS } from '../gen/lean/models.js';
import type { ProgressSink } from './progress.js';

export interface VerifyOptions {
  readonly specsDir: string;
  readonly outDir: string;
  readonly storeDir: string;
  readonly filter?: string;
  readonly backends?: ReadonlySet<Backend>;
  readonly jobs: number;
  readonly timeoutMs?: number;
  readonly noCache: boolean;
  readonly ci: boolean;
  /** `tc0 report`: answer only from the store; a miss is reported as not yet checked. */
  readonly storeOnly?: boolean;
  readonly budgetBits: number;
  readonly samples: number;
  readonly seed: number;
  /** `--solvers`: `auto` or a list of z3-wasm, z3, cvc5. */
  readonly solvers: string;
  readonly progress: ProgressSink;
}

export interface VerifyOutcome {
  readonly results: readonly ObligationResult[];
  /** The specs the run covered (after --filter), with their trust bases. */
  readonly specs: readonly Spec[];
  readonly trustBases: ReadonlyMap<string, { assumptions: string[]; assumedSpecs: SpecId[] }>;
  readonly tools: { readonly node: string; readonly z3: string | null; readonly lean: string | null };
}

export const SRC_DIR = resolve(new URL('..', import.meta.url).pathname);

/** Architecture programs and the operations table, validated against the registries. */
function programLoader(docs: readonly RawDocument[], assumptions: ReadonlySet<string>): ProgramLoad {
  const modelArity = (name: string, variadic: boolean): number | undefined => MODELS.get(name)?.signature(variadic ? { k: 3, p: 2 } : { p: 2 }).inputs.length;
  const { set, problems } = loadPrograms(docs, { models: new Set(MODELS.keys()), constructions: new Set(CONSTRUCTIONS.keys()), assumptions, modelArity });
  return { problems, architectures: new Map([...set.programs.keys()].map((n) => [n, architectureInfo(set, n)])) };
}

export function knownNames(): KnownNames {
  return {
    constructions: new Set(CONSTRUCTIONS.keys()),
    models: new Set(MODELS.keys()),
    properties: new Map([...PROPERTIES].map(([k, p]) => [k, { params: p.params }])),
    smtModels: new Set(SMT_MODELS.keys()),
    leanModels: new Set(LEAN_MODELS.keys()),
    programs: programLoader,
    architectureProperties: ARCHITECTURE_PROPERTIES,
  };
}

/** `int.*,float.add`: comma-separated globs over spec ids; a plain id also selects `id.*`. */
export function specFilter(pattern: string): (id: SpecId) => boolean {
  const res = pattern
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean)
    .map((p) => (/[*?]/.test(p) ? new RegExp(`^${p.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.')}$`) : new RegExp(`^${p.replace(/[.+^${}()|[\]\\]/g, '\\$&')}(\\..*)?$`)));
  return (id) => res.some((re) => re.test(id));
}

export function inputBitsOf(model: string, params: Params): number {
  const m = MODELS.get(model);
  if (!m) return Number.POSITIVE_INFINITY;
  return m.signature(params).inputs.reduce((s, p) => s + p.width, 0);
}

export const LEAN_LIBRARY_HASH = (): string => hashLeanSources(LEAN_DIR);

/**
 * Loads and validates the specs, then links the names they use to code (ts-morph): a registered
 * construction or model whose declaration is not exported or not of the expected type is a spec
 * problem at the field that names it.
 */
export function loadSpecSet(specsDir: string, cacheDir: string): { specSet: SpecSet; link: LinkResult } {
  const specSet = loadSpecs(specsDir, knownNames());
  const link = linkSources(SRC_DIR, cacheDir);
  const problems: SpecProblem[] = [];
  // Every name a spec uses must be linked: an unlinked name would leave its code out of the hash.
  const linked = new Set(link.names.map((n) => `${n.kind}:${n.name}`));
  for (const s of specSet.specs)
    for (const [field, kind, name] of [['construction', 'construction', s.construction], ['model', 'model', s.model]] as const) {
      if (!name || linked.has(`${kind}:${name}`)) continue;
      const loc = s.fieldLocations[field] ?? s.location;
      problems.push({ file: loc.file, line: loc.line, column: loc.column, field, rule: 'linked-to-code', message: `${field} '${name}' is registered but its source could not be found by the linker (src/verify/link.ts)` });
    }
  for (const pr of link.problems)
    for (const s of specSet.specs) {
      const field = pr.kind === 'construction' && s.construction === pr.name ? 'construction' : pr.kind === 'model' && s.model === pr.name ? 'model' : undefined;
      if (!field) continue;
      const loc = s.fieldLocations[field] ?? s.location;
      problems.push({ file: loc.file, line: loc.line, column: loc.column, field, rule: 'linked-to-code', message: `${field} '${pr.name}': ${pr.message}` });
    }
  if (problems.length > 0) throw new SpecError(problems);
  return { specSet, link };
}

/** The code an obligation's verdict depends on (see link.ts), plus the Lean library for lean. */
export function obligationCode(link: LinkResult, o: Obligation): string {
  if (o.architecture !== undefined) {
    // The program itself is part of the obligation (hashed as data); its code is the checks and
    // the registered model and construction of every operation it uses.
    const bundles = [o.architecture, ...(typeof o.against === 'object' ? [o.against] : [])] as Bundle[];
    const ops = bundles.flatMap((b) => b.operations.operations);
    return codeHashFor(link, [
      ['checker', 'architecture'],
      ...ops.flatMap((op) => [['model', op.model] as const, ['construction', op.construction] as const]),
      ...(typeof o.against === 'string' ? [['construction', o.against] as const] : []),
    ]);
  }
  const checkerName = o.kind === 'property' ? 'property' : o.backend;
  return codeHashFor(
    link,
    [
      ['construction', o.construction],
      ['model', o.model],
      ['property', o.property],
      ['smt-model', o.backend === 'z3' ? o.model : undefined],
      ['lean-model', o.backend === 'lean' && o.kind === 'equivalence' ? o.model : undefined],
      ['checker', checkerName],
    ],
    o.backend === 'lean' ? [LEAN_LIBRARY_HASH()] : [],
  );
}

export async function verify(specSet: SpecSet, link: LinkResult, opts: VerifyOptions): Promise<VerifyOutcome> {
  const filter = opts.filter ? specFilter(opts.filter) : undefined;
  const obligations: Obligation[] = planObligations(specSet.specs, {
    backends: opts.backends,
    filter,
    budgetBits: opts.budgetBits,
    samples: opts.samples,
    timeoutMs: opts.timeoutMs,
    seed: opts.seed,
    inputBits: inputBitsOf,
    architectures: specSet.architectures,
  });
  const pool = createTaskPool(opts.jobs);
  const uses = (b: Backend): boolean => obligations.some((o) => o.backend === b);
  const solvers = uses('z3') ? selectSolvers(opts.solvers, opts.jobs) : [];
  const lean = uses('lean') ? detectLean() : undefined;
  const drivers = new Map<Backend, BackendDriver>([
    ['model', poolDriver('model', pool)],
    ['measure', poolDriver('measure', pool)],
    ['z3', z3Driver(solvers)],
    ...(lean ? [['lean', leanDriver(lean, opts.jobs)] as const] : []),
  ]);
  if (lean && !lean.ok) opts.progress.message(`lean: ${lean.reason}; lean obligations are skipped`);
  const store = new ResultStore(opts.storeDir, opts.noCache ? 'off' : opts.ci || opts.storeOnly ? 'read-only' : 'read-write');
  let results: ObligationResult[];
  try {
    results = await runObligations(obligations, {
      specs: new Map(specSet.specs.map((s) => [s.id as string, s])),
      store,
      jobs: opts.jobs,
      drivers,
      codeHash: (o) => obligationCode(link, o),
      onMiss: opts.storeOnly ? 'skip' : opts.ci ? 'error' : 'run',
      onResult: (r, done, total) => opts.progress.result(r, done, total),
      onStoreProblem: (m) => opts.progress.message(m),
      onFiles: (files) => {
        for (const f of files) {
          const path = join(opts.outDir, f.path);
          mkdirSync(dirname(path), { recursive: true });
          writeFileSync(path, f.text);
        }
      },
    });
  } finally {
    await pool.close();
    for (const d of drivers.values()) await d.dispose?.();
    opts.progress.end();
  }
  const covered = specSet.specs.filter((s) => !filter || filter(s.id));
  return {
    results,
    specs: covered,
    trustBases: new Map(covered.map((s) => [s.id as string, trustBase(s, specSet.specs)])),
    tools: {
      node: process.version,
      z3: solvers.length > 0 ? solvers.map((x) => `${x.checker.name} ${x.checker.version}`).join(', ') : null,
      lean: lean?.ok ? `${lean.toolchain.checker.name} ${lean.toolchain.checker.version}` : null,
    },
  };
}
