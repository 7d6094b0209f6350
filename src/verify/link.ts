/**
 * Linking specs to code with ts-morph. For every registered construction, model and property,
 * and every SMT/Lean model encoding, find its declaration, check that it is exported with the
 * expected type, and hash the source text of everything it depends on (the transitive closure
 * of the top-level declarations its body refers to, across files). An obligation's hash then
 * changes exactly when code it depends on changes, so editing one construction re-checks only
 * the obligations that use it.
 *
 * The analysis takes seconds (10 to 40 on a loaded machine: it needs the type checker), so its
 * result is cached under a hash of every source file: an unchanged tree links instantly. Like a
 * stored verdict, the cache file is written under a temporary name and renamed, and carries a
 * checksum of its content: an edited, truncated or foreign file is recomputed. The analysis runs
 * in a worker thread, so that a signal is handled at once: the worker is stopped, and nothing is
 * cached.
 */
import { lstatSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { Node, Project, type SourceFile, SyntaxKind } from 'ts-morph';
import { sha256, stableStringify } from '../core/hash.js';
import { inWorker } from '../core/workers.js';
import { hashTree } from './codehash.js';
import type { PlanRequest } from './plan-worker.js';

export type LinkKind = 'construction' | 'model' | 'property' | 'smt-model' | 'lean-model' | 'checker';

export interface LinkedName {
  readonly kind: LinkKind;
  readonly name: string;
  /** Where it is declared, `src/...:line`. */
  readonly at: string;
  /** Hash of the source of everything it depends on. */
  readonly hash: string;
  /** Files its dependency closure touches (for reports and debugging). */
  readonly files: readonly string[];
  /** The top-level declarations of its closure, as text ranges (what `tc0 mutate --kinds source` mutates). */
  readonly declarations: ReadonlyArray<{ readonly file: string; readonly start: number; readonly end: number }>;
}

export interface LinkResult {
  readonly names: ReadonlyArray<LinkedName>;
  /** Problems: a registered name whose declaration is not exported or not of the expected type. */
  readonly problems: ReadonlyArray<{ readonly kind: LinkKind; readonly name: string; readonly message: string }>;
}

const LINK_VERSION = 'link/2';

/** Registries: the file, the exported registry, how entries look, the expected entry type. */
const REGISTRIES: ReadonlyArray<{ kind: LinkKind; file: string; variable: string; type?: string }> = [
  { kind: 'construction', file: 'circuit/registry.ts', variable: 'CONSTRUCTIONS', type: 'Construction' },
  { kind: 'construction', file: 'model/registry.ts', variable: 'MODEL_CONSTRUCTIONS', type: 'Construction' },
  { kind: 'model', file: 'model/registry.ts', variable: 'MODELS', type: 'Model' },
  { kind: 'property', file: 'model/registry.ts', variable: 'PROPERTIES', type: 'Property' },
  { kind: 'smt-model', file: 'gen/smt/models.ts', variable: 'SMT_MODELS' },
  { kind: 'lean-model', file: 'gen/lean/models.ts', variable: 'LEAN_MODELS' },
];

/** The code behind each backend's verdicts (its own source is part of those obligations' hashes). */
export const CHECKERS: ReadonlyArray<{ name: string; file: string; fn: string }> = [
  { name: 'model', file: 'verify/checks/equivalence.ts', fn: 'checkEquivalence' },
  { name: 'property', file: 'verify/checks/property.ts', fn: 'checkProperty' },
  { name: 'measure', file: 'verify/checks/measure.ts', fn: 'checkMeasure' },
  { name: 'architecture', file: 'verify/checks/architecture.ts', fn: 'runArchitectureCheck' },
  { name: 'z3', file: 'verify/drivers/z3.ts', fn: 'z3Driver' },
  { name: 'lean', file: 'verify/drivers/lean.ts', fn: 'leanDriver' },
  // What a mutant obligation's circuit and model are (tc0 mutate).
  { name: 'mutant-construction', file: 'verify/mutants.ts', fn: 'constructionOf' },
  { name: 'mutant-model', file: 'verify/mutants.ts', fn: 'modelOf' },
  { name: 'mutant-smt', file: 'verify/mutants.ts', fn: 'smtModelOf' },
];

/** The cache file of the analysis of `srcDir` as it is now, in `cacheDir`, and its key. */
export function linkCacheFile(srcDir: string, cacheDir: string): { file: string; key: string } {
  const key = sha256(LINK_VERSION, hashTree(srcDir));
  return { file: join(cacheDir, `link-${key.slice(0, 24)}.json`), key };
}

/** The longest a ts-morph analysis may take (it is the workbench's own code; a hang is a bug). */
export const ANALYSIS_MS = 1_800_000;

/** The worker thread for the long synchronous steps of planning (`plan-worker.ts`). */
export const PLAN_WORKER = new URL(`./plan-worker.${import.meta.url.endsWith('.ts') ? 'ts' : 'js'}`, import.meta.url);

/**
 * Links the source tree, reading and writing the cache in `cacheDir`; `onAnalyse` is told when
 * the cache does not answer (the analysis then takes a while). When `signal` is aborted first,
 * the analysis is stopped and the result is `interrupted`, with nothing linked.
 */
export async function linkSources(srcDir: string, cacheDir: string, opts: { signal?: AbortSignal; onAnalyse?: () => void } = {}): Promise<LinkResult & { cached: boolean; interrupted?: true }> {
  const { file, key } = linkCacheFile(srcDir, cacheDir);
  const cached = readCache(file, key);
  if (cached) return { ...cached, cached: true };
  const stopped = { names: [], problems: [], cached: false, interrupted: true } as const;
  if (opts.signal?.aborted) return stopped;
  opts.onAnalyse?.();
  const result = await inWorker<PlanRequest, LinkResult>(PLAN_WORKER, { kind: 'link', srcDir }, { timeoutMs: ANALYSIS_MS, signal: opts.signal });
  if (opts.signal?.aborted) return stopped;
  if ('error' in result) throw new Error(`linking specs to code (ts-morph analysis of ${srcDir}) failed: ${result.error}`);
  const tmp = `${file}.tmp-${process.pid}`;
  try {
    mkdirSync(cacheDir, { recursive: true });
    const body = { key, names: result.names, problems: result.problems };
    writeFileSync(tmp, JSON.stringify({ ...body, checksum: sha256(stableStringify(body)) }));
    renameSync(tmp, file);
  } catch {
    // an unwritable cache only costs the analysis next time
    rmSync(tmp, { force: true });
  }
  return { ...result, cached: false };
}

/** The cached analysis if the file is a regular file, for this key, with a matching checksum. */
function readCache(file: string, key: string): LinkResult | undefined {
  try {
    if (!lstatSync(file).isFile()) return undefined;
    const { checksum, ...body } = JSON.parse(readFileSync(file, 'utf8')) as { checksum?: unknown; key?: unknown; names?: unknown; problems?: unknown };
    if (body.key !== key || checksum !== sha256(stableStringify(body))) return undefined;
    const names = body.names as LinkedName[];
    const problems = body.problems as LinkResult['problems'];
    const ok = Array.isArray(names) && Array.isArray(problems) && names.every((n) => n && typeof n.kind === 'string' && typeof n.name === 'string' && typeof n.hash === 'string' && Array.isArray(n.files));
    return ok ? { names, problems } : undefined;
  } catch {
    return undefined; // missing or unreadable: recomputed
  }
}

export function analyse(srcDir: string): LinkResult {
  const project = new Project({ tsConfigFilePath: join(srcDir, '..', 'tsconfig.json'), skipAddingFilesFromTsConfig: true });
  project.addSourceFilesAtPaths(join(srcDir, '**/*.ts'));
  const rel = (sf: SourceFile): string => relative(join(srcDir, '..'), sf.getFilePath());
  const names: LinkedName[] = [];
  const problems: Array<{ kind: LinkKind; name: string; message: string }> = [];
  // The registries themselves are boundaries: code that looks names up in them depends on the
  // entry it looks up (hashed per name), not on every entry.
  const boundaries = new Set<Node>(REGISTRIES.map((r) => topLevel(project.getSourceFileOrThrow(join(srcDir, r.file)).getVariableDeclarationOrThrow(r.variable))));
  const closureOf = (start: Node): { hash: string; files: string[]; declarations: LinkedName['declarations'] } => {
    const seen = new Set<Node>();
    const texts: string[] = [];
    const stack: Node[] = [Node.isVariableDeclaration(start) || Node.isFunctionDeclaration(start) ? topLevel(start) : start];
    while (stack.length > 0) {
      const n = stack.pop()!;
      if (seen.has(n)) continue;
      seen.add(n);
      texts.push(`${rel(n.getSourceFile())}\n${n.getText()}`);
      for (const id of n.getDescendantsOfKind(SyntaxKind.Identifier)) {
        let sym = id.getSymbol();
        if (sym?.isAlias()) sym = sym.getAliasedSymbol() ?? sym;
        for (const d of sym?.getDeclarations() ?? []) {
          const sf = d.getSourceFile();
          if (sf.isInNodeModules() || !sf.getFilePath().startsWith(srcDir)) continue;
          const top = topLevel(d);
          if (!seen.has(top) && !boundaries.has(top)) stack.push(top);
        }
      }
    }
    texts.sort();
    const declarations = [...seen].map((n) => ({ file: rel(n.getSourceFile()), start: n.getStart(), end: n.getEnd() })).sort((a, b) => a.file.localeCompare(b.file) || a.start - b.start);
    return { hash: sha256(...texts), files: [...new Set(declarations.map((d) => d.file))], declarations };
  };

  for (const reg of REGISTRIES) {
    const sf = project.getSourceFileOrThrow(join(srcDir, reg.file));
    const decl = sf.getVariableDeclarationOrThrow(reg.variable);
    for (const entry of registryEntries(decl.getInitializerOrThrow())) {
      if ('problem' in entry) {
        problems.push({ kind: reg.kind, name: entry.name, message: entry.problem });
        continue;
      }
      const { name, node } = entry;
      let target: Node = node;
      if (Node.isIdentifier(node)) {
        const d = (node.getSymbol()?.isAlias() ? node.getSymbol()?.getAliasedSymbol() : node.getSymbol())?.getDeclarations()[0];
        if (!d) {
          problems.push({ kind: reg.kind, name, message: `${node.getText()} in src/${reg.file} does not resolve to a declaration` });
          continue;
        }
        target = d;
        if (Node.isVariableDeclaration(d)) {
          if (!d.getVariableStatement()?.isExported()) problems.push({ kind: reg.kind, name, message: `${d.getName()} (${rel(d.getSourceFile())}) is not exported` });
          const typeText = d.getType().getText(d);
          if (reg.type && !new RegExp(`\\b${reg.type}\\b`).test(typeText))
            problems.push({ kind: reg.kind, name, message: `${d.getName()} (${rel(d.getSourceFile())}) has type ${typeText}, expected ${reg.type}` });
        }
      }
      const c = closureOf(target);
      names.push({ kind: reg.kind, name, at: `${rel(target.getSourceFile())}:${target.getStartLineNumber()}`, ...c });
    }
  }
  for (const ck of CHECKERS) {
    const fn = project.getSourceFileOrThrow(join(srcDir, ck.file)).getFunctionOrThrow(ck.fn);
    const c = closureOf(fn);
    names.push({ kind: 'checker', name: ck.name, at: `${rel(fn.getSourceFile())}:${fn.getStartLineNumber()}`, ...c });
  }
  return { names, problems };
}

/** The top-level statement that contains a node (a whole function, class, or variable statement). */
function topLevel(n: Node): Node {
  let cur = n;
  while (cur.getParent() && !Node.isSourceFile(cur.getParent()!)) cur = cur.getParent()!;
  return cur;
}

/**
 * Entries of a registry initializer: `registry([a, b])` lists declarations whose `name` property
 * is the registered name; `new Map([['name', fn], ...])` lists names with inline encoders.
 */
function registryEntries(init: Node): Array<{ name: string; node: Node } | { name: string; problem: string; node?: undefined }> {
  const call = init.asKind(SyntaxKind.CallExpression) ?? init.asKind(SyntaxKind.NewExpression);
  const arr = call?.getArguments()[0]?.asKind(SyntaxKind.ArrayLiteralExpression);
  return arr ? arrayEntries(arr) : [];
}

function arrayEntries(arr: Node): Array<{ name: string; node: Node } | { name: string; problem: string; node?: undefined }> {
  return arr.asKindOrThrow(SyntaxKind.ArrayLiteralExpression).getElements().flatMap((el) => {
    // `...OTHER_ENTRIES`: follow the identifier to its array literal.
    const spread = el.asKind(SyntaxKind.SpreadElement);
    if (spread) {
      const sym = spread.getExpression().getSymbol();
      const d = (sym?.isAlias() ? sym.getAliasedSymbol() : sym)?.getDeclarations()[0];
      const init = d && Node.isVariableDeclaration(d) ? d.getInitializer()?.asKind(SyntaxKind.ArrayLiteralExpression) : undefined;
      return init ? arrayEntries(init) : [{ name: spread.getText(), problem: `${spread.getText()}: cannot follow a spread that is not an array literal` }];
    }
    const tuple = el.asKind(SyntaxKind.ArrayLiteralExpression);
    if (tuple) {
      const [k, v] = tuple.getElements();
      return [{ name: k?.asKind(SyntaxKind.StringLiteral)?.getLiteralValue() ?? k?.getText() ?? '?', node: v ?? tuple }];
    }
    // A declaration: its registered name is the `name` property of its object literal, or the
    // first argument of the factory call that makes it (`binaryFloat('float.add', ...)`).
    const sym = el.getSymbol();
    const decl = (sym?.isAlias() ? sym.getAliasedSymbol() : sym)?.getDeclarations()[0];
    const init = decl && Node.isVariableDeclaration(decl) ? decl.getInitializer() : undefined;
    const nameProp = init?.asKind(SyntaxKind.ObjectLiteralExpression)?.getProperty('name')?.asKind(SyntaxKind.PropertyAssignment)?.getInitializer()?.asKind(SyntaxKind.StringLiteral);
    const factoryName = init?.asKind(SyntaxKind.CallExpression)?.getArguments()[0]?.asKind(SyntaxKind.StringLiteral);
    const name = nameProp ?? factoryName;
    if (!name) return [{ name: el.getText(), problem: `${el.getText()}: cannot read its registered name (expected an object literal with name: '...' or a factory call with the name first)` }];
    return [{ name: name.getLiteralValue(), node: el }];
  });
}

/** The code hash of an obligation: its construction, model, property, encoders and checker. */
export function codeHashFor(link: LinkResult, parts: ReadonlyArray<readonly [LinkKind, string | undefined]>, extra: readonly string[] = []): string {
  const byKey = new Map(link.names.map((n) => [`${n.kind}:${n.name}`, n.hash]));
  const hashes = parts.filter(([, n]) => n !== undefined).map(([k, n]) => `${k}:${n}=${byKey.get(`${k}:${n}`) ?? 'unlinked'}`);
  return sha256(stableStringify([...hashes, ...extra]));
}


