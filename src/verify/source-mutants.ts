/**
 * Source-level mutants (`tc0 mutate --kinds source`): one small change to the TypeScript a
 * construction is built by: the declarations of its code closure under src/circuit/ (as the
 * linker finds them, see link.ts), with operators chosen for the slips threshold-circuit code
 * makes, each of them type-preserving (the type checker decides where an operator applies):
 *
 * - `literal+1`, `literal-1`: a number or BigInt literal off by one (an index, a width, a weight);
 * - `flip-comparison`: `<` and `<=`, `>` and `>=` exchanged; `===` and `!==`;
 * - `swap-plus-minus`: `+` and `-` exchanged on numbers or BigInts;
 * - `bigint-shift-to-int32`: a BigInt shift `a << b` done in 32-bit JavaScript arithmetic,
 *   `BigInt(Number(a) << Number(b))`: the same for small operands, wrong from 2^31 on;
 * - `drop-negation` (`-x` to `x`), `drop-not` (`not(s)` to `s`), `swap-branches` of `c ? a : b`;
 * - `drop-element`: one element of an array literal (a term of a sum, an input of a gate).
 *
 * A mutant lives in a copy of src/core and src/circuit (the circuit layer imports nothing else)
 * with the one file changed; workers import its construction from there.
 */
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Node, Project, SyntaxKind } from 'ts-morph';
import { sha256 } from '../core/hash.js';
import { inWorker } from '../core/workers.js';
import { ANALYSIS_MS, PLAN_WORKER, type LinkResult } from './link.js';
import type { SourceChange } from './mutants.js';
import type { PlanRequest } from './plan-worker.js';

/** One place a source operator applies: the text range it replaces and the replacement. */
export interface SourceSite {
  readonly change: SourceChange;
  /** Line of the change in its file, for reports. */
  readonly line: number;
  readonly start: number;
  readonly end: number;
}

const COMPARISON: Partial<Record<SyntaxKind, string>> = {
  [SyntaxKind.LessThanToken]: '<=',
  [SyntaxKind.LessThanEqualsToken]: '<',
  [SyntaxKind.GreaterThanToken]: '>=',
  [SyntaxKind.GreaterThanEqualsToken]: '>',
  [SyntaxKind.EqualsEqualsEqualsToken]: '!==',
  [SyntaxKind.ExclamationEqualsEqualsToken]: '===',
};

const numeric = (n: Node): boolean => {
  const t = n.getType();
  return t.isNumber() || t.isNumberLiteral() || t.isBigInt() || t.isBigIntLiteral();
};

/**
 * A function giving, for a construction, every site in the declarations of its closure under
 * src/circuit/ (in file and position order). One ts-morph project (with the type checker) serves
 * every construction.
 */
export function sourceSiteFinder(srcDir: string, link: LinkResult): (construction: string) => SourceSite[] {
  let project: Project | undefined;
  return (construction) => {
    project ??= new Project({ tsConfigFilePath: join(srcDir, '..', 'tsconfig.json'), skipAddingFilesFromTsConfig: true });
    if (project.getSourceFiles().length === 0) project.addSourceFilesAtPaths([join(srcDir, 'core/**/*.ts'), join(srcDir, 'circuit/**/*.ts')]);
    return sourceSites(project, srcDir, link, construction);
  };
}

/**
 * The sites of each construction (as `sourceSiteFinder` gives them), found in a worker thread:
 * seconds of ts-morph work during which a signal is still handled at once. Undefined when
 * `signal` stopped it (or had already).
 */
export async function findSourceSites(srcDir: string, link: LinkResult, constructions: readonly string[], signal?: AbortSignal): Promise<Map<string, SourceSite[]> | undefined> {
  if (signal?.aborted) return undefined;
  if (constructions.length === 0) return new Map();
  const request: PlanRequest = { kind: 'sites', srcDir, link: { names: link.names, problems: link.problems }, constructions };
  const r = await inWorker<PlanRequest, Array<[string, SourceSite[]]>>(PLAN_WORKER, request, { timeoutMs: ANALYSIS_MS, signal });
  if (signal?.aborted) return undefined;
  if ('error' in r) throw new Error(`finding source mutation sites (ts-morph analysis of ${srcDir}) failed: ${r.error}`);
  return new Map(r);
}

function sourceSites(project: Project, srcDir: string, link: LinkResult, construction: string): SourceSite[] {
  const linked = link.names.find((n) => n.kind === 'construction' && n.name === construction);
  if (!linked) return [];
  const decls = linked.declarations.filter((d) => d.file.startsWith('src/circuit/') && d.file !== 'src/circuit/registry.ts');
  if (decls.length === 0) return [];
  const sites: SourceSite[] = [];
  for (const d of [...decls].sort((a, b) => a.file.localeCompare(b.file) || a.start - b.start)) {
    const sf = project.getSourceFileOrThrow(join(srcDir, '..', d.file));
    const text = sf.getFullText();
    const decl = sf.getDescendantAtPos(d.start);
    let top: Node | undefined = decl;
    while (top && top.getParent() && !Node.isSourceFile(top.getParent()!)) top = top.getParent();
    if (!top) continue;
    const name = Node.hasName(top) ? top.getName() : (top.getFirstDescendantByKind(SyntaxKind.VariableDeclaration)?.getName() ?? `at ${top.getStartLineNumber()}`);
    const add = (node: Node, replacement: string, operator: string): void => {
      const start = node.getStart();
      const end = node.getEnd();
      const original = text.slice(start, end);
      if (original === replacement) return;
      const mutated = text.slice(top!.getStart(), start) + replacement + text.slice(end, top!.getEnd());
      sites.push({
        start,
        end,
        line: node.getStartLineNumber(),
        change: { kind: 'source', file: d.file.slice('src/'.length), declaration: name, offset: start - top!.getStart(), original, replacement, operator, hash: sha256(d.file, mutated) },
      });
    };
    top.forEachDescendant((n) => {
      if (Node.isNumericLiteral(n)) {
        const v = Number(n.getText());
        if (!Number.isInteger(v)) return;
        add(n, String(v + 1), 'literal+1');
        if (v > 0) add(n, String(v - 1), 'literal-1');
      } else if (n.getKind() === SyntaxKind.BigIntLiteral) {
        const v = BigInt(n.getText().slice(0, -1));
        add(n, `${v + 1n}n`, 'literal+1');
        if (v > 0n) add(n, `${v - 1n}n`, 'literal-1');
      } else if (Node.isBinaryExpression(n)) {
        const op = n.getOperatorToken();
        const k = op.getKind();
        const flip = COMPARISON[k];
        if (flip) add(op, flip, 'flip-comparison');
        else if ((k === SyntaxKind.PlusToken || k === SyntaxKind.MinusToken) && numeric(n.getLeft()) && numeric(n.getRight())) add(op, k === SyntaxKind.PlusToken ? '-' : '+', 'swap-plus-minus');
        else if ((k === SyntaxKind.LessThanLessThanToken || k === SyntaxKind.GreaterThanGreaterThanToken) && (n.getType().isBigInt() || n.getType().isBigIntLiteral()))
          add(n, `BigInt(Number(${n.getLeft().getText()}) ${op.getText()} Number(${n.getRight().getText()}))`, 'bigint-shift-to-int32');
      } else if (Node.isPrefixUnaryExpression(n) && n.getOperatorToken() === SyntaxKind.MinusToken && !Node.isNumericLiteral(n.getOperand()) && n.getOperand().getKind() !== SyntaxKind.BigIntLiteral) {
        add(n, n.getOperand().getText(), 'drop-negation');
      } else if (Node.isCallExpression(n) && n.getExpression().getText() === 'not' && n.getArguments().length === 1) {
        add(n, n.getArguments()[0]!.getText(), 'drop-not');
      } else if (Node.isConditionalExpression(n)) {
        add(n, `${n.getCondition().getText()} ? ${n.getWhenFalse().getText()} : ${n.getWhenTrue().getText()}`, 'swap-branches');
      } else if (Node.isArrayLiteralExpression(n) && n.getElements().length >= 2 && n.getType().isArray()) {
        const els = n.getElements().map((e) => e.getText());
        els.forEach((_, i) => add(n, `[${els.filter((__, j) => j !== i).join(', ')}]`, 'drop-element'));
      }
    });
  }
  return sites;
}

/** Root of the mutated trees of this process (removed by `removeMutantTrees`). */
let root: string | undefined;

/**
 * Writes the tree of a source mutant: src/core and src/circuit copied, the one file changed.
 * Returns the directory that plays the role of src/.
 */
export function writeMutantTree(srcDir: string, site: SourceSite): string {
  root ??= mkdtempSync(join(tmpdir(), 'tc0-mutants-'));
  const dir = join(root, site.change.hash.slice(0, 16));
  mkdirSync(dir, { recursive: true });
  for (const sub of ['core', 'circuit']) cpSync(join(srcDir, sub), join(dir, sub), { recursive: true });
  writeFileSync(join(dir, 'package.json'), '{ "type": "module" }\n'); // ES modules, as in the project
  const file = join(srcDir, site.change.file);
  const text = readFileSync(file, 'utf8');
  writeFileSync(join(dir, site.change.file), text.slice(0, site.start) + site.change.replacement + text.slice(site.end));
  return dir;
}

export function removeMutantTrees(): void {
  if (root) rmSync(root, { recursive: true, force: true });
  root = undefined;
}
