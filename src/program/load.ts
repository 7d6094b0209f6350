/**
 * Loading architecture programs (`*.arch.yaml`) and the operations table (`operations.yaml`)
 * in the phases specs use: YAML syntax and file walking are the spec loader's (src/spec/load.ts
 * hands over the documents); then the schema (zod, published as architecture.schema.json), then
 * normalisation (steps parsed, names resolved into the AST of ast.ts), then named rules over the
 * resolved programs. Every problem names file, line, column, field and rule.
 *
 * Rules: `schema`, `syntax`, `unknown-name`, `rank`, `arity`, `not-affine`, `constant-only`,
 * `operation-known`, `binder`, `name-clash`, `name-unique`, `program-known`, `program-cycle`,
 * `step-cycle`, `unused`, `output-known`, `range-empty`, `range-in-set`, `index-range`,
 * `size-integral`, `call-args`, `call-sizes`, `call-shape`, `repeat`, and for the table
 * `operation-unique`, `operation-model`, `operation-construction`, `operation-assumption`,
 * `operation-arity`, `class-members`.
 */
import { z } from 'zod';
import { zodProblems } from '../spec/load.js';
import { Rational } from '../core/rational.js';
import type { SpecProblem } from '../core/errors.js';
import type { ArchitectureInfo, Location, RawDocument } from '../spec/types.js';
import type { Affine, Binder, Bundle, DepthClass, DerivedSize, Expr, IndexSet, Name, Operation, OperationTable, Program, SizeParam, Step, TensorDecl } from './ast.js';
import { Lin, type LinBinder, Sizes, admissibleEverywhere, alwaysNonPositive, linBinder } from './affine.js';
import { type Syn, type SynStep, SyntaxProblem, parseExpression, parseRange, parseStep } from './syntax.js';
import { ResolveProblem, type Scope, toAffine, toBinder, toDerived, toExpr } from './resolve.js';

const NAME = z.string().regex(/^[a-z][a-z0-9]*(?:[.-][a-z0-9]+)*$/, 'lower-case words joined by . or - (e.g. my-layer)');
const IDENT = z.string().regex(/^[A-Za-z][A-Za-z0-9_]*$/, 'a letter followed by letters, digits or _ (e.g. n, K1, mu)');
const Dim = z.union([z.number().int().min(1), z.string().min(1)]).describe('a dimension: an affine expression in sizes, e.g. n, d, 2*n - 1');

export const ArchitectureSchema = z
  .object({
    architecture: NAME.describe('the program name, unique among programs; specs refer to it'),
    title: z.string().min(1),
    description: z.string().optional(),
    sizes: z
      .record(
        IDENT,
        z.union([
          z
            .object({
              min: z.number().int().min(0).optional().describe('smallest value (default 1)'),
              step: z.number().int().min(1).optional().describe('values are min, min + step, ... (default 1)'),
              description: z.string().optional(),
            })
            .strict(),
          z.string().min(1).describe('a derived size: affine in earlier sizes, optionally divided by an integer, e.g. d/2'),
        ]),
      )
      .describe('size parameters (an object) and derived sizes (a string)'),
    indices: z.record(IDENT, z.union([z.string().min(1), z.number().int().min(1)])).optional().describe('index sets: lo..hi, or a size s meaning 0..s-1'),
    inputs: z.record(IDENT, z.array(Dim)).describe('input tensors and their shapes'),
    weights: z.record(IDENT, z.array(Dim)).optional().describe('hard-wired weight tensors and their shapes, drawn from the seed w'),
    steps: z.array(z.string().min(1)).min(1).describe('T[i, j] = expression, or T = program(args): README "Writing an architecture"'),
    output: IDENT.describe('the step (or input) the program computes'),
  })
  .strict();

export const OperationsSchema = z
  .object({
    operations: z.record(
      IDENT,
      z
        .object({
          arity: z.union([z.number().int().min(1).max(8), z.literal('variadic')]).describe('number of operands, or variadic (sum, prod: {k, p})'),
          model: NAME.describe('registered model: the exact semantics'),
          construction: NAME.optional().describe('registered construction: the gate-level circuit'),
          depth: IDENT.describe('the depth symbol, e.g. d_mul'),
          assumed: NAME.optional().describe('assumption that the operation is in TC0: its depth stays symbolic'),
          depthAt: z.record(IDENT, z.number().int()).optional().describe('construction parameters at which its depth is measured, e.g. { k: 2 }'),
          description: z.string().optional(),
        })
        .strict(),
    ),
    classes: z.record(IDENT, z.array(IDENT).min(1)).optional().describe('symbols bounding several operations (d_std: [add, mul, ...])'),
  })
  .strict();

/** The JSON Schema of architecture files, published as architecture.schema.json. */
export function architectureJsonSchema(): unknown {
  const schema = z.toJSONSchema(ArchitectureSchema, { target: 'draft-2020-12' }) as Record<string, unknown>;
  return { ...schema, $id: 'https://tc0.dev/architecture.schema.json', title: 'tc0 architecture program' };
}

export interface ProgramSet {
  readonly programs: ReadonlyMap<Name, Program>;
  readonly operations: OperationTable;
}

/** What the loader checks the operations table against. */
export interface LoadContext {
  readonly models: ReadonlySet<string>;
  readonly constructions: ReadonlySet<string>;
  readonly assumptions: ReadonlySet<string>;
  /** Operand count of a registered model at `{ p: 2 }` (variadic: at `{ k: 3, p: 2 }`). */
  modelArity(model: string, variadic: boolean): number | undefined;
}

type Path = ReadonlyArray<string | number>;

class Problems {
  readonly list: SpecProblem[] = [];
  add(loc: Location, path: Path, rule: string, message: string): void {
    this.list.push({ file: loc.file, line: loc.line, column: loc.column, field: path.join('.'), rule, message });
  }
}

// ---------------------------------------------------------------------------------------------
// The operations table

function loadOperations(docs: readonly RawDocument[], ctx: LoadContext, out: Problems): OperationTable {
  const operations: Operation[] = [];
  const classes: DepthClass[] = [];
  const seen = new Map<string, string>();
  const pending: Array<{ doc: RawDocument; name: string; members: string[] }> = [];
  for (const doc of docs) {
    const parsed = OperationsSchema.safeParse(doc.value);
    if (!parsed.success) {
      out.list.push(...zodProblems(parsed.error, doc.value, doc.locate));
      continue;
    }
    for (const [name, o] of Object.entries(parsed.data.operations)) {
      const path = ['operations', name];
      const here = (field: string, rule: string, message: string): void => out.add(doc.locate([...path, field]), [...path, field], rule, message);
      const loc = doc.locate(path);
      const first = seen.get(name);
      if (first) {
        out.add(loc, path, 'operation-unique', `operation '${name}' is already defined at ${first}`);
        continue;
      }
      seen.set(name, `${loc.file}:${loc.line}`);
      let ok = true;
      if (!ctx.models.has(o.model)) {
        here('model', 'operation-model', `no model named '${o.model}' (see README "Registered names")`);
        ok = false;
      } else {
        const arity = ctx.modelArity(o.model, o.arity === 'variadic');
        const want = o.arity === 'variadic' ? 3 : o.arity;
        if (arity !== want) {
          here('arity', 'operation-arity', `model '${o.model}' takes ${arity ?? 'no'} float operands${o.arity === 'variadic' ? ' at k = 3 (a variadic model takes k operands)' : ''}, not ${o.arity}`);
          ok = false;
        }
      }
      if (o.construction && !ctx.constructions.has(o.construction)) {
        here('construction', 'operation-construction', `no construction named '${o.construction}' (see README "Registered names")`);
        ok = false;
      }
      if (o.assumed && !ctx.assumptions.has(o.assumed)) {
        here('assumed', 'operation-assumption', `unknown assumption '${o.assumed}' (define it in assumptions.yaml)`);
        ok = false;
      }
      if (ok)
        operations.push({
          name,
          arity: o.arity,
          model: o.model,
          ...(o.construction ? { construction: o.construction } : {}),
          depth: o.depth,
          ...(o.assumed ? { assumed: o.assumed } : {}),
          ...(o.depthAt ? { depthAt: o.depthAt } : {}),
        });
    }
    for (const [name, members] of Object.entries(parsed.data.classes ?? {})) pending.push({ doc, name, members });
  }
  const known = new Set(operations.map((o) => o.name));
  for (const { doc, name, members } of pending) {
    const bad = members.filter((m) => !known.has(m) && !seen.has(m));
    if (bad.length > 0) out.add(doc.locate(['classes', name]), ['classes', name], 'class-members', `unknown operation${bad.length > 1 ? 's' : ''} ${bad.join(', ')} in class ${name}`);
    else classes.push({ name, members });
  }
  return { operations, classes };
}

// ---------------------------------------------------------------------------------------------
// Programs: schema and declarations

interface Draft {
  readonly doc: RawDocument;
  readonly name: Name;
  readonly title: string;
  readonly description?: string;
  readonly sizes: SizeParam[];
  readonly derived: DerivedSize[];
  readonly indices: IndexSet[];
  readonly inputs: TensorDecl[];
  readonly weights: TensorDecl[];
  readonly steps: Array<SynStep | undefined>;
  readonly output: Name;
}

const RESERVED = new Set(['for', 'in', 'repeat']);

function problemFrom(e: unknown, doc: RawDocument, path: Path, out: Problems): boolean {
  if (e instanceof SyntaxProblem) out.add(doc.locate(path, e.offset), path, e.rule, e.message);
  else if (e instanceof ResolveProblem) out.add(doc.locate(path, e.offset), path, e.rule, e.message);
  else return false;
  return true;
}

/** Runs `f`, turning a syntax or resolution problem into a located problem (undefined then). */
function attempt<T>(doc: RawDocument, path: Path, out: Problems, f: () => T): T | undefined {
  try {
    return f();
  } catch (e) {
    if (problemFrom(e, doc, path, out)) return undefined;
    throw e;
  }
}

const declScope = (sizes: ReadonlySet<Name>): Scope => ({ sizes, indices: new Map(), tensors: new Map(), operations: new Map() });

function draftProgram(doc: RawDocument, programs: ReadonlySet<string>, out: Problems): Draft | undefined {
  const parsed = ArchitectureSchema.safeParse(doc.value);
  if (!parsed.success) {
    out.list.push(...zodProblems(parsed.error, doc.value, doc.locate));
    return undefined;
  }
  const d = parsed.data;
  const before = out.list.length;
  const names = new Map<Name, string>();
  const declare = (name: Name, what: string, path: Path): void => {
    if (RESERVED.has(name)) out.add(doc.locate(path), path, 'name-clash', `'${name}' is a reserved word of the step syntax`);
    const prev = names.get(name);
    if (prev) out.add(doc.locate(path), path, 'name-clash', `'${name}' is already the name of a ${prev}`);
    else names.set(name, what);
  };
  const sizes: SizeParam[] = [];
  const derived: DerivedSize[] = [];
  const sizeNames = new Set<Name>();
  for (const [name, s] of Object.entries(d.sizes)) {
    const path = ['sizes', name];
    declare(name, 'size', path);
    if (typeof s === 'string') {
      const r = attempt(doc, path, out, () => toDerived(parseExpression(s), declScope(sizeNames)));
      if (r) derived.push({ name, ...r });
    } else sizes.push({ name, min: s.min ?? 1, step: s.step ?? 1, ...(s.description ? { description: s.description } : {}) });
    sizeNames.add(name);
  }
  const scope = declScope(sizeNames);
  const dim = (x: number | string, path: Path): Affine | undefined =>
    typeof x === 'number' ? { constant: x, coefficients: {} } : attempt(doc, path, out, () => toAffine(parseExpression(x), scope, new Set(), 'a dimension'));
  const indices: IndexSet[] = [];
  for (const [name, r] of Object.entries(d.indices ?? {})) {
    const path = ['indices', name];
    declare(name, 'index', path);
    if (typeof r === 'number') {
      indices.push({ name, lo: { constant: 0, coefficients: {} }, hi: { constant: r - 1, coefficients: {} } });
      continue;
    }
    const set = attempt(doc, path, out, () => {
      if (r.includes('..')) {
        const { lo, hi } = parseRange(r);
        return { name, lo: toAffine(lo, scope, new Set(), 'an index range'), hi: toAffine(hi, scope, new Set(), 'an index range') };
      }
      const size = toAffine(parseExpression(r), scope, new Set(), 'an index range');
      return { name, lo: { constant: 0, coefficients: {} }, hi: { ...size, constant: size.constant - 1 } };
    });
    if (set) indices.push(set);
  }
  const tensors = (kind: 'inputs' | 'weights'): TensorDecl[] =>
    Object.entries(d[kind] ?? {}).flatMap(([name, shape]) => {
      declare(name, kind === 'inputs' ? 'input' : 'weight', [kind, name]);
      const dims = shape.map((x, k) => dim(x, [kind, name, k]));
      return dims.every((x) => x !== undefined) ? [{ name, shape: dims as Affine[] }] : [];
    });
  const inputs = tensors('inputs');
  const weights = tensors('weights');
  const steps = d.steps.map((text, k) => {
    const step = attempt(doc, ['steps', k], out, () => parseStep(text, programs));
    if (step) declare(step.name, 'step', ['steps', k]);
    return step;
  });
  if (out.list.length > before) return undefined;
  return { doc, name: d.architecture, title: d.title, ...(d.description ? { description: d.description } : {}), sizes, derived, indices, inputs, weights, steps, output: d.output };
}

// ---------------------------------------------------------------------------------------------
// Programs: resolution and rules

/** A tensor's domain: binders named `$0`, `$1`, ... (bounds over earlier ones and the sizes). */
type Domain = readonly LinBinder[];

const local = (t: number): Name => `$${t}`;

function shapeDomain(shape: readonly Affine[]): Domain {
  return shape.map((s, t) => ({ index: local(t), lo: Lin.of(0), hi: Lin.fromAffine(s).sub(Lin.of(1)) }));
}

/** The binders of a step as a domain over `$t` names. */
function binderDomain(binders: readonly Binder[]): Domain {
  const rename = (f: Lin): Lin => binders.reduce((g, b, t) => g.subst(b.index, Lin.variable(local(t))), f);
  return binders.map((b, t) => ({ index: local(t), lo: rename(Lin.fromAffine(b.lo)), hi: rename(Lin.fromAffine(b.hi)) }));
}

/** The domain with its `$t` variables replaced by forms (the indices of a read). */
function instantiate(domain: Domain, at: readonly Lin[]): Array<{ lo: Lin; hi: Lin }> {
  const sub = (f: Lin): Lin => at.reduce((g, e, t) => g.subst(local(t), e), f);
  return domain.map((b) => ({ lo: sub(b.lo), hi: sub(b.hi) }));
}

/** What other programs need to know about a resolved program. */
interface Signature {
  readonly program: Program;
  readonly sizes: Sizes;
  readonly outputDomain: Domain;
}

function sameLin(a: Lin, b: Lin, sizes: Sizes): boolean {
  const d = sizes.toParams(a.sub(b));
  return d.isConstant() && d.constant.sign() === 0;
}

function resolveProgram(draft: Draft, signatures: ReadonlyMap<Name, Signature>, operations: ReadonlyMap<Name, Operation>, out: Problems): Signature | undefined {
  const { doc } = draft;
  const before = out.list.length;
  const sizes = new Sizes(draft.sizes, draft.derived);
  // Derived sizes are integers for every admissible value of the parameters.
  for (const dz of draft.derived) {
    const f = sizes.derived.get(dz.name)!;
    const integral = (x: Rational): boolean => x.isInteger();
    let base = f.constant;
    let ok = true;
    for (const [v, c] of f.coefficients) {
      const p = sizes.params.get(v)!;
      base = base.add(c.mul(Rational.of(p.min)));
      ok &&= integral(c.mul(Rational.of(p.step)));
    }
    if (!integral(base) || !ok) out.add(doc.locate(['sizes', dz.name]), ['sizes', dz.name], 'size-integral', `${dz.name} = ${f} is not an integer for every admissible size (declare a step, e.g. d: { min: 2, step: 2 })`);
  }
  const allSizes = new Set([...draft.sizes.map((s) => s.name), ...draft.derived.map((s) => s.name)]);
  const indexSets = new Map(draft.indices.map((s) => [s.name, s]));
  // Ranks: inputs, weights, defined steps, call results.
  const ranks = new Map<Name, number>();
  for (const t of [...draft.inputs, ...draft.weights]) ranks.set(t.name, t.shape.length);
  draft.steps.forEach((s, k) => {
    if (!s) return;
    if (s.kind === 'define') ranks.set(s.name, s.binders.length);
    else {
      const callee = signatures.get(s.program);
      if (!callee) out.add(doc.locate(['steps', k], s.programAt), ['steps', k], 'program-known', `program '${s.program}' is not defined (or could not be loaded)`);
      else ranks.set(s.name, callee.outputDomain.length);
    }
  });
  const positions = new WeakMap<object, number>();
  const scope: Scope = { sizes: allSizes, indices: indexSets, tensors: ranks, operations, positions };
  const steps: Step[] = [];
  const stepIndex = new Map<Name, number>();
  draft.steps.forEach((s, k) => {
    if (!s) return;
    stepIndex.set(s.name, k);
    const path = ['steps', k];
    const step = attempt(doc, path, out, (): Step | undefined => {
      if (s.kind === 'define') {
        const binders: Binder[] = [];
        const bound: Name[] = [];
        for (const b of s.binders) {
          binders.push(toBinder(b, scope, new Set(bound)));
          bound.push(b.name);
        }
        return { kind: 'define', name: s.name, binders, body: toExpr(s.body, scope, bound) };
      }
      for (const a of s.args) if (!ranks.has(a.name)) throw new ResolveProblem(a.at, 'unknown-name', `unknown tensor '${a.name}'`);
      const callee = signatures.get(s.program);
      if (!callee) return undefined;
      const boundSizes: Record<Name, Affine> = {};
      for (const b of s.sizes) {
        if (!callee.sizes.params.has(b.name)) throw new ResolveProblem(b.at, 'call-sizes', `'${b.name}' is not a size parameter of ${s.program} (its parameters: ${[...callee.sizes.params.keys()].join(', ')})`);
        boundSizes[b.name] = toAffine(b.value, scope, new Set(), `the size ${b.name} of ${s.program}`);
      }
      const repeat = s.repeat ? toAffine(s.repeat, scope, new Set(), 'a repetition count') : undefined;
      return { kind: 'call', name: s.name, program: s.program, args: s.args.map((a) => a.name), sizes: boundSizes, ...(repeat ? { repeat } : {}) };
    });
    if (step) steps.push(step);
  });
  if (out.list.length > before) return undefined;

  // Domains of every tensor, for range checks and for callers.
  const domains = new Map<Name, Domain>();
  for (const t of [...draft.inputs, ...draft.weights]) domains.set(t.name, shapeDomain(t.shape));
  for (const s of steps) if (s.kind === 'define') domains.set(s.name, binderDomain(s.binders));
  const locStep = (name: Name, offset?: number): { loc: Location; path: Path } => {
    const k = stepIndex.get(name)!;
    return { loc: doc.locate(['steps', k], offset), path: ['steps', k] };
  };
  const check = (stepName: Name, node: object, rule: string, f: Lin, ctx: readonly LinBinder[], message: (why: string) => string): void => {
    const r = alwaysNonPositive(f, ctx, sizes);
    if (!r.ok) {
      const { loc, path } = locStep(stepName, positions.get(node));
      out.add(loc, path, rule, message(r.why));
    }
  };
  const checkBinder = (stepName: Name, b: Binder, ctx: readonly LinBinder[]): LinBinder => {
    const lb = linBinder(b);
    const set = indexSets.get(b.index)!;
    const range = `${b.index} in ${lb.lo}..${lb.hi}`;
    check(stepName, b, 'range-empty', lb.lo.sub(lb.hi), ctx, (why) => `the range ${range} can be empty (its lower end exceeds the upper end ${why})`);
    check(stepName, b, 'range-in-set', Lin.fromAffine(set.lo).sub(lb.lo), ctx, (why) => `the range ${range} starts below its index set ${Lin.fromAffine(set.lo)}..${Lin.fromAffine(set.hi)} (${why})`);
    check(stepName, b, 'range-in-set', lb.hi.sub(Lin.fromAffine(set.hi)), ctx, (why) => `the range ${range} ends above its index set ${Lin.fromAffine(set.lo)}..${Lin.fromAffine(set.hi)} (${why})`);
    return lb;
  };
  // Call steps: bind the callee's sizes, check shapes; the result's domain.
  // Calls in an order where each argument's domain is known (a call may read another's result).
  const pendingCalls = steps.filter((s): s is Extract<Step, { kind: 'call' }> => s.kind === 'call');
  const callOrder: typeof pendingCalls = [];
  while (pendingCalls.length > 0) {
    const known = new Set([...domains.keys(), ...callOrder.map((c) => c.name)]);
    const ready = pendingCalls.findIndex((c) => c.args.every((a) => known.has(a)));
    callOrder.push(...pendingCalls.splice(ready < 0 ? 0 : ready, 1));
    if (ready < 0) break;
  }
  callOrder.push(...pendingCalls);
  for (const s of callOrder) {
    const callee = signatures.get(s.program)!;
    const { loc, path } = locStep(s.name);
    const p = callee.program;
    if (s.args.length !== p.inputs.length) {
      out.add(loc, path, 'call-args', `${s.program} takes ${p.inputs.length} tensor argument${p.inputs.length === 1 ? '' : 's'} (${p.inputs.map((t) => t.name).join(', ')}), got ${s.args.length}`);
      continue;
    }
    const bind = new Map<Name, Lin>(Object.entries(s.sizes).map(([k, a]) => [k, Lin.fromAffine(a)]));
    const argDims: Lin[][] = [];
    let ok = true;
    s.args.forEach((a, k) => {
      const dom = domains.get(a);
      const rectangular = dom?.every((b) => b.lo.isConstant() && b.lo.constant.sign() === 0 && b.hi.vars().every((v) => allSizes.has(v)));
      if (!dom || !rectangular) {
        out.add(loc, path, 'call-shape', `argument ${a} of ${s.program} must be a rectangular tensor (indices 0..dim-1)${dom ? '' : ' defined before this call'}`);
        ok = false;
        return;
      }
      const dims = dom.map((b) => b.hi.add(Lin.of(1)));
      argDims.push(dims);
      const want = p.inputs[k]!.shape;
      if (want.length !== dims.length) {
        out.add(loc, path, 'call-shape', `${s.program}'s input ${p.inputs[k]!.name} has ${want.length} dimensions, ${a} has ${dims.length}`);
        ok = false;
        return;
      }
      want.forEach((w, t) => {
        const f = Lin.fromAffine(w);
        const [v] = f.vars();
        if (f.vars().length === 1 && f.constant.sign() === 0 && f.coef(v!).eq(Rational.ONE) && callee.sizes.params.has(v!) && !bind.has(v!)) bind.set(v!, dims[t]!);
      });
    });
    if (!ok) continue;
    const missing = [...callee.sizes.params.keys()].filter((v) => !bind.has(v));
    if (missing.length > 0) {
      out.add(loc, path, 'call-sizes', `cannot tell the size${missing.length > 1 ? 's' : ''} ${missing.join(', ')} of ${s.program} from the arguments: give ${missing.map((m) => `${m} = ...`).join(', ')}`);
      continue;
    }
    const full: Record<Name, Affine> = {};
    for (const [v, e] of bind) {
      const why = admissibleEverywhere(e, callee.sizes.params.get(v)!, sizes);
      if (why) out.add(loc, path, 'call-sizes', `${s.program} needs its size ${v} = ${e} to be admissible, but ${why}`);
      const a = e.toAffine();
      if (!a) out.add(loc, path, 'call-sizes', `the size ${v} = ${e} of ${s.program} needs integer coefficients: give it as ${v} = ... in this program's sizes`);
      else full[v] = a;
    }
    // The AST records every size of the callee, given or read off the arguments.
    steps[steps.indexOf(s)] = { ...s, sizes: Object.fromEntries(Object.entries(full).sort(([a], [b]) => (a < b ? -1 : 1))) };
    // In the callee's sizes, with the callee's derived sizes expanded, then bound.
    const bindForm = (f: Lin): Lin => [...bind].reduce((g, [v, e]) => g.subst(v, e), callee.sizes.toParams(f));
    p.inputs.forEach((inp, k) =>
      inp.shape.forEach((w, t) => {
        const want = bindForm(Lin.fromAffine(w));
        if (!sameLin(want, argDims[k]![t]!, sizes)) out.add(loc, path, 'call-shape', `${s.program}'s input ${inp.name} has dimension ${t} = ${Lin.fromAffine(w)} = ${want} here, but ${s.args[k]} has ${argDims[k]![t]}`);
      }),
    );
    const outDomain = callee.outputDomain.map((b) => ({ index: b.index, lo: bindForm(b.lo), hi: bindForm(b.hi) }));
    domains.set(s.name, outDomain);
    if (s.repeat) {
      const rep = Lin.fromAffine(s.repeat);
      const r = alwaysNonPositive(Lin.of(1).sub(rep), [], sizes);
      if (!r.ok) out.add(loc, path, 'repeat', `the repetition count ${rep} can be below 1 (${r.why})`);
      if (p.inputs.length !== 1) out.add(loc, path, 'repeat', `a repeated program takes one input (its previous output); ${s.program} takes ${p.inputs.length}`);
      else {
        const same = outDomain.length === argDims[0]!.length && outDomain.every((b, t) => b.lo.isConstant() && b.lo.constant.sign() === 0 && sameLin(b.hi.add(Lin.of(1)), argDims[0]![t]!, sizes));
        if (!same) out.add(loc, path, 'repeat', `a repeated program's output must have its input's shape: ${s.program} maps ${argDims[0]!.join(' x ')} to ${outDomain.map((b) => `${b.lo}..${b.hi}`).join(' x ')}`);
      }
    }
  }
  if (out.list.length > before) return undefined;

  // Ranges of binders, and every read inside the domain of the tensor it reads.
  const reads = new Map<Name, Set<Name>>();
  const walk = (stepName: Name, e: Expr, ctx: LinBinder[]): void => {
    switch (e.kind) {
      case 'read': {
        reads.get(stepName)!.add(e.tensor);
        const dom = domains.get(e.tensor);
        if (!dom) return;
        const at = e.at.map(Lin.fromAffine);
        instantiate(dom, at).forEach(({ lo, hi }, t) => {
          const idx = at[t]!;
          const ofT = `index ${t + 1} of ${e.tensor}[${at.join(', ')}]`;
          check(stepName, e, 'index-range', lo.sub(idx), ctx, (why) => `${ofT} can be below ${lo} (${why})`);
          check(stepName, e, 'index-range', idx.sub(hi), ctx, (why) => `${ofT} can exceed ${hi} (${why})`);
        });
        return;
      }
      case 'const':
        return;
      case 'op':
        for (const a of e.args) walk(stepName, a, ctx);
        return;
      case 'reduce':
        for (const t of e.terms) {
          const inner = [...ctx];
          for (const b of t.binders) inner.push(checkBinder(stepName, b, inner));
          walk(stepName, t.body, inner);
        }
    }
  };
  for (const s of steps) {
    reads.set(s.name, new Set());
    if (s.kind === 'call') {
      for (const a of s.args) reads.get(s.name)!.add(a);
      continue;
    }
    const ctx: LinBinder[] = [];
    for (const b of s.binders) ctx.push(checkBinder(s.name, b, ctx));
    walk(s.name, s.body, ctx);
  }
  // The output, cycles, and steps or weights nothing uses.
  const outputKnown = domains.has(draft.output) && !draft.weights.some((w) => w.name === draft.output);
  if (!outputKnown) out.add(doc.locate(['output']), ['output'], 'output-known', `'${draft.output}' is not a step or an input of ${draft.name}`);
  const state = new Map<Name, 'active' | 'done'>();
  const visit = (name: Name, stack: Name[]): void => {
    if (state.get(name) === 'done' || !reads.has(name)) return;
    if (state.get(name) === 'active') {
      const cycle = [...stack.slice(stack.indexOf(name)), name];
      const { loc, path } = locStep(cycle[0]!);
      out.add(loc, path, 'step-cycle', `steps read each other in a cycle: ${cycle.join(' -> ')}`);
      return;
    }
    state.set(name, 'active');
    for (const r of reads.get(name)!) visit(r, [...stack, name]);
    state.set(name, 'done');
  };
  for (const s of steps) visit(s.name, []);
  if (outputKnown) {
    const used = new Set<Name>();
    const mark = (name: Name): void => {
      if (used.has(name)) return;
      used.add(name);
      for (const r of reads.get(name) ?? []) mark(r);
    };
    mark(draft.output);
    for (const s of steps) if (!used.has(s.name)) out.add(locStep(s.name).loc, locStep(s.name).path, 'unused', `step ${s.name} does not contribute to the output ${draft.output}`);
    for (const w of draft.weights) if (!used.has(w.name)) out.add(doc.locate(['weights', w.name]), ['weights', w.name], 'unused', `weight ${w.name} is never read`);
    for (const t of draft.inputs) if (!used.has(t.name)) out.add(doc.locate(['inputs', t.name]), ['inputs', t.name], 'unused', `input ${t.name} is never read`);
  }
  if (out.list.length > before) return undefined;
  const program: Program = {
    name: draft.name,
    title: draft.title,
    ...(draft.description ? { description: draft.description } : {}),
    sizes: draft.sizes,
    derived: draft.derived,
    indices: draft.indices,
    inputs: draft.inputs,
    weights: draft.weights,
    steps,
    output: draft.output,
  };
  return { program, sizes, outputDomain: domains.get(draft.output)! };
}

/** Loads every program and the operations table; problems instead of throwing. */
export function loadPrograms(docs: readonly RawDocument[], ctx: LoadContext): { set: ProgramSet; problems: SpecProblem[] } {
  const out = new Problems();
  const operations = loadOperations(
    docs.filter((d) => d.kind === 'operations'),
    ctx,
    out,
  );
  const archDocs = docs.filter((d) => d.kind === 'architecture');
  const names = new Set(archDocs.map((d) => (d.value as { architecture?: unknown } | null)?.architecture).filter((n): n is string => typeof n === 'string'));
  const drafts = new Map<Name, Draft>();
  for (const doc of archDocs) {
    const draft = draftProgram(doc, names, out);
    if (!draft) continue;
    const first = drafts.get(draft.name);
    if (first) {
      const loc = first.doc.locate(['architecture']);
      out.add(doc.locate(['architecture']), ['architecture'], 'name-unique', `program '${draft.name}' is already defined in ${loc.file}:${loc.line}`);
    } else drafts.set(draft.name, draft);
  }
  // Callees before callers; a cycle of calls is a problem at each call in it.
  const calls = (d: Draft): Name[] => d.steps.flatMap((s) => (s?.kind === 'call' ? [s.program] : []));
  const order: Draft[] = [];
  const state = new Map<Name, 'active' | 'done'>();
  const visit = (d: Draft, stack: Name[]): void => {
    if (state.get(d.name) === 'done') return;
    if (state.get(d.name) === 'active') {
      out.add(d.doc.locate(['architecture']), ['architecture'], 'program-cycle', `programs call each other in a cycle: ${[...stack.slice(stack.indexOf(d.name)), d.name].join(' -> ')}`);
      return;
    }
    state.set(d.name, 'active');
    for (const c of calls(d)) {
      const callee = drafts.get(c);
      if (callee) visit(callee, [...stack, d.name]);
    }
    state.set(d.name, 'done');
    order.push(d);
  };
  for (const d of drafts.values()) visit(d, []);
  const ops = new Map(operations.operations.map((o) => [o.name, o]));
  const signatures = new Map<Name, Signature>();
  for (const d of order) {
    const sig = resolveProgram(d, signatures, ops, out);
    if (sig) signatures.set(d.name, sig);
  }
  return { set: { programs: new Map([...signatures].map(([n, s]) => [n, s.program])), operations }, problems: out.list };
}

/** The programs `root` calls, transitively, with itself. */
export function programClosure(programs: ReadonlyMap<Name, Program>, root: Name): Program[] {
  const seen = new Map<Name, Program>();
  const visit = (name: Name): void => {
    const p = programs.get(name);
    if (!p || seen.has(name)) return;
    seen.set(name, p);
    for (const s of p.steps) if (s.kind === 'call') visit(s.program);
  };
  visit(root);
  return [...seen.values()];
}

/** Operations the program and its callees use. */
export function operationsUsed(programs: readonly Program[]): Set<Name> {
  const out = new Set<Name>();
  const walk = (e: Expr): void => {
    if (e.kind === 'op') {
      out.add(e.op);
      e.args.forEach(walk);
    } else if (e.kind === 'reduce') {
      out.add(e.op);
      for (const t of e.terms) walk(t.body);
    }
  };
  for (const p of programs) for (const s of p.steps) if (s.kind === 'define') walk(s.body);
  return out;
}

/** Everything the interpreters need for `root`: its call closure and the operations it uses. */
export function bundleOf(set: ProgramSet, root: Name): Bundle {
  const programs = programClosure(set.programs, root);
  const used = operationsUsed(programs);
  return {
    root,
    programs: Object.fromEntries(programs.map((p) => [p.name, p])),
    operations: { operations: set.operations.operations.filter((o) => used.has(o.name)), classes: set.operations.classes },
  };
}

/** What spec rules need to know about a program (its sizes, assumptions, depth symbols). */
export function architectureInfo(set: ProgramSet, name: Name): ArchitectureInfo {
  const bundle = bundleOf(set, name);
  const root = bundle.programs[name]!;
  const ops = bundle.operations.operations;
  return {
    sizes: root.sizes.map((s) => s.name),
    assumptions: [...new Set(ops.flatMap((o) => (o.assumed ? [o.assumed] : [])))].sort(),
    symbols: [...new Set([...set.operations.operations.map((o) => o.depth), ...set.operations.classes.map((c) => c.name)])].sort(),
    weighted: Object.values(bundle.programs).some((p) => p.weights.length > 0),
    bundle,
  };
}
