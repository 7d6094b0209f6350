/**
 * Architecture programs (`src/program/ast.ts`) as Lean terms of the core calculus of
 * lean/TC0/Arch/Basic.lean, and the Lean module `TC0.Arch.Programs` that states, for each
 * program, the meta-theorem's instance (`Decider.tc0`): every language a transformer of that
 * architecture decides is in TC0, for every n.
 *
 * Lowering, in one paragraph. Every tensor becomes a core step over its index tuples (nested
 * ranges, bounds affine in the sizes and outer indices); every `op` node, `reduce` node and
 * `const` node of a step's expression becomes a step of its own over the indices in scope (the
 * step's binders and those of the enclosing reduction terms) that it mentions, as the TypeScript
 * cost model groups nodes (so the compiled circuit has the family's nodes; the bridge,
 * `bridge.ts`, checks that in Lean), its arguments references to the
 * steps (or tensors) they read, each by how many steps back it is; a `const` is a hard-wired
 * weight (the meta-theorem holds for every choice of weights, so constants need no special
 * case); an input tensor is an `embed` step: entry `X[i, ...]` is one of two hard-wired words
 * chosen by bit `i` of the input word (how a transformer reads a word: token `i` is bit `i`).
 * A call is inlined with its sizes substituted; a repeated call becomes `Program.repeated m`
 * of the callee's steps, `m` a parameter of the Lean definition, fed by a copy of its argument
 * placed just before (so every copy reads the one before it). An index set with a negative lower
 * bound (`o: 1-n..n-1`) is stored shifted to start at 0. Operations are constructors of
 * `TC0.Arch.FloatOp`; only numbers and fixed identifiers reach the Lean text.
 */
import type { Affine, Binder, Bundle, Expr, Name, Program, Step } from '../../program/ast.js';
import { realVars } from '../../program/groups.js';

/** An index expression (`TC0.Arch.Index`); `param` is a parameter of the Lean definition. */
export type CoreIndex =
  | { readonly kind: 'lit'; readonly value: number }
  | { readonly kind: 'param'; readonly name: string }
  | { readonly kind: 'size'; readonly at: number }
  | { readonly kind: 'var'; readonly at: number }
  | { readonly kind: 'add' | 'sub' | 'mul'; readonly a: CoreIndex; readonly b: CoreIndex }
  | { readonly kind: 'div' | 'mod'; readonly a: CoreIndex; readonly by: number };

/** The indices `lo <= v < hi` (`TC0.Arch.Range`). */
export interface CoreRange {
  readonly lo: CoreIndex;
  readonly hi: CoreIndex;
}

/** An entry of the tensor `back` steps before, at the given index (`TC0.Arch.Ref`). */
export interface CoreRef {
  readonly back: number;
  readonly index: readonly CoreIndex[];
}

/** A reference read at every tuple of its reduction ranges (`TC0.Arch.Term`). */
export interface CoreTerm {
  readonly red: readonly CoreRange[];
  readonly ref: CoreRef;
}

/** How a step's entries are computed (`TC0.Arch.Body`); `op` is a `FloatOp` constructor. */
export type CoreBody =
  | { readonly kind: 'weight' }
  | { readonly kind: 'embed'; readonly pos: CoreIndex }
  | { readonly kind: 'apply'; readonly op: string; readonly terms: readonly CoreTerm[] }
  | { readonly kind: 'copy'; readonly ref: CoreRef };

/** A step: a tensor over the tuples of nested ranges (`TC0.Arch.Step`). */
export interface CoreStep {
  readonly dom: readonly CoreRange[];
  readonly body: CoreBody;
}

/** A lowered program: steps, and blocks repeated a parameter's number of times. */
export type CoreItem = { readonly kind: 'step'; readonly step: CoreStep } | { readonly kind: 'repeat'; readonly count: string; readonly body: readonly CoreItem[] };

/**
 * The operations of `TC0.Arch.FloatOp` with the arity `FloatOp.sig` gives them (`variadic`:
 * `none`). A program using another operation cannot be emitted.
 */
export const FLOAT_OPS: Readonly<Record<string, number | 'variadic'>> = {
  add: 2, sub: 2, mul: 2, div: 2, neg: 1, relu: 1, select: 3, lt: 2, le: 2, gt: 2, ge: 2, eq: 2, ne: 2, exp: 1, sqrt: 1, sum: 'variadic', prod: 'variadic',
};

export class LoweringError extends Error {
  override name = 'LoweringError';
}

// ---------------------------------------------------------------------------------------------
// Printing

const nat = (n: number): string => {
  if (!Number.isSafeInteger(n) || n < 0) throw new RangeError(`the core calculus takes natural numbers, not ${n}`);
  return String(n);
};

const IDENT = /^[a-z][A-Za-z0-9]*$/;
const LEAN_KEYWORDS = new Set(['at', 'by', 'do', 'fun', 'have', 'if', 'in', 'let', 'then', 'else', 'from', 'show', 'with', 'match', 'end', 'def', 'theorem', 'open', 'where', 'deriving', 'instance', 'axiom', 'example', 'mut', 'for', 'unless', 'return', 'try', 'catch', 'finally', 'break', 'continue', 'sorry', 'admit', 'calc', 'suffices', 'obtain', 'nomatch', 'nofun', 'rfl']);

/** A name the Lean text may contain as an identifier: lower camel case, no keyword. */
function ident(name: string): string {
  if (!IDENT.test(name) || LEAN_KEYWORDS.has(name)) throw new RangeError(`not usable as a Lean identifier: ${JSON.stringify(name)}`);
  return name;
}

export function indexTerm(e: CoreIndex): string {
  switch (e.kind) {
    case 'lit':
      return `.lit ${nat(e.value)}`;
    case 'param':
      return `.lit ${ident(e.name)}`;
    case 'size':
      return `.size ${nat(e.at)}`;
    case 'var':
      return `.var ${nat(e.at)}`;
    case 'add':
    case 'sub':
    case 'mul':
      return `.${e.kind} (${indexTerm(e.a)}) (${indexTerm(e.b)})`;
    case 'div':
    case 'mod':
      return `.${e.kind} (${indexTerm(e.a)}) ${nat(e.by)}`;
  }
}

const list = (xs: readonly string[]): string => `[${xs.join(', ')}]`;
const rangeTerm = (r: CoreRange): string => `⟨${indexTerm(r.lo)}, ${indexTerm(r.hi)}⟩`;
const refTerm = (r: CoreRef): string => `⟨${nat(r.back)}, ${list(r.index.map(indexTerm))}⟩`;
const termTerm = (t: CoreTerm): string => `⟨${list(t.red.map(rangeTerm))}, ${refTerm(t.ref)}⟩`;

function bodyTerm(b: CoreBody): string {
  switch (b.kind) {
    case 'weight':
      return '.weight';
    case 'embed':
      return `.embed (${indexTerm(b.pos)})`;
    case 'apply':
      if (!(b.op in FLOAT_OPS)) throw new RangeError(`not an operation of TC0.Arch.FloatOp: ${JSON.stringify(b.op)}`);
      return `.apply .${b.op} ${list(b.terms.map(termTerm))}`;
    case 'copy':
      return `.copy ${refTerm(b.ref)}`;
  }
}

/** One step as a Lean term. */
export const stepTerm = (s: CoreStep): string => `⟨${list(s.dom.map(rangeTerm))}, ${bodyTerm(s.body)}⟩`;

/** Steps as a Lean list term, one step per line (indented by `indent`). */
export function programTerm(steps: readonly CoreStep[], indent = '  '): string {
  if (steps.length === 0) return '[]';
  return `[\n${steps.map((s) => `${indent}${stepTerm(s)}`).join(',\n')}]`;
}

// ---------------------------------------------------------------------------------------------
// Linear forms over atoms (core index expressions that are not sums)

/** `constant + sum coef * atom`, atoms keyed by their Lean text. */
class Lin {
  constructor(
    readonly constant: number,
    readonly terms: ReadonlyMap<string, { readonly atom: CoreIndex; readonly coef: number }>,
  ) {}
  static const(c: number): Lin {
    return new Lin(c, new Map());
  }
  static atom(a: CoreIndex): Lin {
    return new Lin(0, new Map([[indexTerm(a), { atom: a, coef: 1 }]]));
  }
  plus(o: Lin, k = 1): Lin {
    const terms = new Map(this.terms);
    for (const [key, t] of o.terms) {
      const coef = (terms.get(key)?.coef ?? 0) + k * t.coef;
      if (coef === 0) terms.delete(key);
      else terms.set(key, { atom: t.atom, coef });
    }
    return new Lin(this.constant + k * o.constant, terms);
  }
  get isConstant(): boolean {
    return this.terms.size === 0;
  }
  /** May be negative for some values of the atoms (all atoms are natural numbers). */
  get mayBeNegative(): boolean {
    return this.constant < 0 || [...this.terms.values()].some((t) => t.coef < 0);
  }
  mentionsVar(): boolean {
    return [...this.terms.values()].some((t) => t.atom.kind === 'var');
  }
  /** As a core index: positive part minus negative part (exact wherever the value is >= 0). */
  index(): CoreIndex {
    const part = (sign: 1 | -1): CoreIndex | undefined => {
      const xs: CoreIndex[] = [];
      if (sign * this.constant > 0) xs.push({ kind: 'lit', value: sign * this.constant });
      for (const t of [...this.terms.values()].sort((a, b) => indexTerm(a.atom).localeCompare(indexTerm(b.atom))))
        if (sign * t.coef > 0) xs.push(sign * t.coef === 1 ? t.atom : { kind: 'mul', a: { kind: 'lit', value: sign * t.coef }, b: t.atom });
      return xs.length === 0 ? undefined : xs.reduce((a, b) => ({ kind: 'add', a, b }));
    };
    const pos = part(1) ?? { kind: 'lit', value: 0 };
    const neg = part(-1);
    return neg ? { kind: 'sub', a: pos, b: neg } : pos;
  }
}

// ---------------------------------------------------------------------------------------------
// Lowering

/** Where a tensor lives: its step (virtual position), its ranges, and each dimension's shift. */
interface TensorLoc {
  readonly pos: number;
  readonly dom: readonly CoreRange[];
  /** Stored index = value - shift (shifts are affine in the sizes only). */
  readonly shifts: readonly Lin[];
}

/** A binder in scope: its core variable, and the shift of its stored value. */
interface ScopeVar {
  readonly name: Name;
  readonly range: CoreRange;
  readonly shift: Lin;
}

/** Positions a reference may not target: inside a repeated block, or before the block it is in. */
interface Fence {
  /** The block occupies virtual positions `start .. end - 1`. */
  readonly start: number;
  readonly end: number;
}

/** The positions `var k` an index expression mentions. */
function indexVars(es: readonly CoreIndex[], out = new Set<number>()): Set<number> {
  const walk = (e: CoreIndex): void => {
    if (e.kind === 'var') out.add(e.at);
    else if (e.kind === 'add' || e.kind === 'sub' || e.kind === 'mul') {
      walk(e.a);
      walk(e.b);
    } else if (e.kind === 'div' || e.kind === 'mod') walk(e.a);
  };
  es.forEach(walk);
  return out;
}

/** `free` with every scope position the ranges of its members mention, in increasing order (groups.ts `domainOf`). */
function closure(free: ReadonlySet<number>, scope: readonly ScopeVar[]): number[] {
  const want = new Set([...free].filter((k) => k < scope.length));
  for (let grew = true; grew; ) {
    grew = false;
    for (const k of [...want])
      for (const j of indexVars([scope[k]!.range.lo, scope[k]!.range.hi]))
        if (!want.has(j)) {
          want.add(j);
          grew = true;
        }
  }
  return [...want].sort((a, b) => a - b);
}

/** Scope position -> position in a step over `keep`; positions past the scope (reduction indices) follow `keep`. */
const renaming = (keep: readonly number[], scopeLength: number) => (k: number): number => {
  if (k >= scopeLength) return keep.length + (k - scopeLength);
  const j = keep.indexOf(k);
  if (j < 0) throw new LoweringError(`internal: index ${k} is not among the step's indices`);
  return j;
};

function renameVars(e: CoreIndex, at: (k: number) => number): CoreIndex {
  switch (e.kind) {
    case 'var':
      return { kind: 'var', at: at(e.at) };
    case 'add':
    case 'sub':
    case 'mul':
      return { kind: e.kind, a: renameVars(e.a, at), b: renameVars(e.b, at) };
    case 'div':
    case 'mod':
      return { kind: e.kind, a: renameVars(e.a, at), by: e.by };
    default:
      return e;
  }
}

class NeedsParameter extends Error {
  constructor(readonly size: number) {
    super(`size ${size} is a repetition count`);
  }
}

class Lowerer {
  readonly items: CoreItem[][] = [[]];
  /** Virtual position of the next step (a repeated block counts once). */
  next = 0;
  readonly fences: Fence[] = [];
  readonly floors: number[] = [0];
  readonly ops = new Set<string>();

  constructor(
    readonly bundle: Bundle,
    readonly rootSizes: readonly Name[],
    readonly params: ReadonlySet<Name>,
  ) {}

  private get where(): CoreItem[] {
    return this.items[this.items.length - 1]!;
  }

  private ref(target: number, index: readonly CoreIndex[], what: string): CoreRef {
    const cur = this.next;
    if (target >= cur) throw new LoweringError(`${what}: refers forward`);
    if (target < this.floors[this.floors.length - 1]!) throw new LoweringError(`${what}: a repeated block reads a tensor from before the step that feeds it`);
    // After a repeated block only its last step (its output) has a position independent of the count.
    if (this.fences.some((f) => cur >= f.end && target < f.end - 1)) throw new LoweringError(`${what}: reads across a repeated block (only its output can be read after it)`);
    return { back: cur - target, index };
  }

  private emit(step: CoreStep): number {
    this.where.push({ kind: 'step', step });
    return this.next++;
  }

  /** An affine form of a program instance in terms of root atoms. */
  private lin(a: Affine, env: ReadonlyMap<Name, Lin>, what: string): Lin {
    let out = Lin.const(a.constant);
    for (const [v, c] of Object.entries(a.coefficients)) {
      const x = env.get(v);
      if (!x) throw new LoweringError(`${what}: unknown name ${v}`);
      out = out.plus(x, c);
    }
    return out;
  }

  sizeEnv(program: Program, values: ReadonlyMap<Name, Lin>): Map<Name, Lin> {
    const env = new Map(values);
    for (const d of program.derived) {
      const num = this.lin(d.numerator, env, `${program.name}: size ${d.name}`);
      env.set(d.name, d.divisor === 1 ? num : num.isConstant && num.constant % d.divisor === 0 ? Lin.const(num.constant / d.divisor) : Lin.atom({ kind: 'div', a: num.index(), by: d.divisor }));
    }
    return env;
  }

  /** Core ranges and shifts of binders, nested, extending `scope`. */
  private bind(binders: readonly Binder[], scope: readonly ScopeVar[], env: ReadonlyMap<Name, Lin>, what: string): ScopeVar[] {
    const out = [...scope];
    for (const b of binders) {
      const local = new Map(env);
      out.forEach((s, k) => local.set(s.name, Lin.atom({ kind: 'var', at: k }).plus(s.shift)));
      const lo = this.lin(b.lo, local, what);
      const hi = this.lin(b.hi, local, what);
      if (lo.mayBeNegative) {
        if (lo.mentionsVar()) throw new LoweringError(`${what}: index ${b.index} has a lower bound that may be negative and depends on other indices`);
        out.push({ name: b.index, range: { lo: { kind: 'lit', value: 0 }, hi: hi.plus(lo, -1).plus(Lin.const(1)).index() }, shift: lo });
      } else out.push({ name: b.index, range: { lo: lo.index(), hi: hi.plus(Lin.const(1)).index() }, shift: Lin.const(0) });
    }
    return out;
  }

  private scopeEnv(scope: readonly ScopeVar[], env: ReadonlyMap<Name, Lin>): Map<Name, Lin> {
    const local = new Map(env);
    scope.forEach((s, k) => local.set(s.name, Lin.atom({ kind: 'var', at: k }).plus(s.shift)));
    return local;
  }

  private identity(n: number): CoreIndex[] {
    return Array.from({ length: n }, (_, k) => ({ kind: 'var', at: k }));
  }

  /**
   * A reference (from the step about to be emitted) to the value of `e` at every point of
   * `scope`, and the scope positions that reference mentions. Like the TypeScript cost model
   * (`src/program/groups.ts`, `domainOf`), an operation or constant is computed only over the
   * indices it mentions (closed under the indices their ranges mention), not over the whole
   * scope: `K1[j1, l] * K2[j2, l]` inside a sum over `l` for every `(i, j1, j2)` is one step
   * over `(j1, j2, l)`, read at every `i`. So the compiled circuit has the family's nodes.
   */
  private expr(e: Expr, scope: readonly ScopeVar[], env: ReadonlyMap<Name, Lin>, tensors: ReadonlyMap<Name, TensorLoc>, what: string): { pos: number; index: CoreIndex[]; free: Set<number> } {
    switch (e.kind) {
      case 'read': {
        const t = tensors.get(e.tensor);
        if (!t) throw new LoweringError(`${what}: reads ${e.tensor}, which is not computed before it`);
        const local = this.scopeEnv(scope, env);
        const index = e.at.map((a, k) => this.lin(a, local, what).plus(t.shifts[k] ?? Lin.const(0), -1).index());
        return { pos: t.pos, index, free: indexVars(index) };
      }
      case 'const': {
        const names = realVars(e.value, new Set());
        const keep = closure(new Set(scope.flatMap((s, k) => (names.has(s.name) ? [k] : []))), scope);
        return this.hoisted(keep, scope, { kind: 'weight' });
      }
      case 'op': {
        const args = e.args.map((a) => this.expr(a, scope, env, tensors, what));
        this.ops.add(this.op(e.op, what));
        const keep = closure(new Set(args.flatMap((a) => [...a.free])), scope);
        const at = renaming(keep, scope.length);
        const terms = args.map((a) => ({ red: [], ref: this.ref(a.pos, a.index.map((x) => renameVars(x, at)), what) }));
        return this.hoisted(keep, scope, { kind: 'apply', op: e.op, terms });
      }
      case 'reduce': {
        const parts = e.terms.map((t) => {
          const inner = this.bind(t.binders, scope, env, what);
          const value = this.expr(t.body, inner, env, tensors, what);
          const own = inner.slice(scope.length).map((s) => s.range);
          const free = new Set([...value.free, ...own.flatMap((r) => [...indexVars([r.lo, r.hi])])].filter((k) => k < scope.length));
          return { own, value, free };
        });
        this.ops.add(this.op(e.op, what));
        const keep = closure(new Set(parts.flatMap((p) => [...p.free])), scope);
        const at = renaming(keep, scope.length);
        const terms = parts.map((p) => ({
          red: p.own.map((r) => ({ lo: renameVars(r.lo, at), hi: renameVars(r.hi, at) })),
          ref: this.ref(p.value.pos, p.value.index.map((x) => renameVars(x, at)), what),
        }));
        return this.hoisted(keep, scope, { kind: 'apply', op: e.op, terms });
      }
    }
  }

  /** The step over the scope positions `keep` (renumbered), and the reference to it from the scope. */
  private hoisted(keep: readonly number[], scope: readonly ScopeVar[], body: CoreBody): { pos: number; index: CoreIndex[]; free: Set<number> } {
    const at = renaming(keep, scope.length);
    const dom = keep.map((k) => ({ lo: renameVars(scope[k]!.range.lo, at), hi: renameVars(scope[k]!.range.hi, at) }));
    return { pos: this.emit({ dom, body }), index: keep.map((k) => ({ kind: 'var', at: k })), free: new Set(keep) };
  }

  private op(name: Name, what: string): string {
    if (!(name in FLOAT_OPS)) throw new LoweringError(`${what}: operation ${name} is not one of TC0.Arch.FloatOp`);
    return name;
  }

  /** A copy of a tensor as the next step; its location. */
  private copy(t: TensorLoc, what: string): TensorLoc {
    const ref = this.ref(t.pos, this.identity(t.dom.length), what);
    return { pos: this.emit({ dom: t.dom, body: { kind: 'copy', ref } }), dom: t.dom, shifts: t.shifts };
  }

  /** The root program: its inputs embedded from the input word, its output the last step. */
  root(root: Program, sizes: ReadonlyMap<Name, Lin>): CoreItem[] {
    const env = this.sizeEnv(root, sizes);
    const args = root.inputs.map((t) => {
      const dom: CoreRange[] = t.shape.map((s) => ({ lo: { kind: 'lit', value: 0 }, hi: this.lin(s, env, `${root.name}: input ${t.name}`).index() }));
      const pos: CoreIndex = dom.length > 0 ? { kind: 'var', at: 0 } : { kind: 'lit', value: 0 };
      return { pos: this.emit({ dom, body: { kind: 'embed', pos } }), dom, shifts: dom.map(() => Lin.const(0)) };
    });
    const out = this.instance(root, sizes, args);
    if (out.pos !== this.next - 1) this.copy(out, `${root.name}: output`);
    return this.items[0]!;
  }

  /** Lowers one instance of `program` whose inputs are `args`; the location of its output. */
  instance(program: Program, sizes: ReadonlyMap<Name, Lin>, args: readonly TensorLoc[]): TensorLoc {
    const env = this.sizeEnv(program, sizes);
    const tensors = new Map<Name, TensorLoc>();
    const shape = (shapeOf: readonly Affine[], what: string): CoreRange[] => shapeOf.map((s) => ({ lo: { kind: 'lit', value: 0 }, hi: this.lin(s, env, what).index() }));
    program.inputs.forEach((t, k) => tensors.set(t.name, args[k]!));
    for (const w of program.weights) {
      const dom = shape(w.shape, `${program.name}: weight ${w.name}`);
      tensors.set(w.name, { pos: this.emit({ dom, body: { kind: 'weight' } }), dom, shifts: dom.map(() => Lin.const(0)) });
    }
    for (const s of order(program)) tensors.set(s.name, this.step(program, s, env, tensors));
    const out = tensors.get(program.output);
    if (!out) throw new LoweringError(`${program.name}: no output ${program.output}`);
    return out;
  }

  private step(program: Program, s: Step, env: ReadonlyMap<Name, Lin>, tensors: ReadonlyMap<Name, TensorLoc>): TensorLoc {
    const what = `${program.name}: step ${s.name}`;
    if (s.kind === 'define') {
      const scope = this.bind(s.binders, [], env, what);
      const dom = scope.map((v) => v.range);
      const shifts = scope.map((v) => v.shift);
      const before = this.next;
      const value = this.expr(s.body, scope, env, tensors, what);
      const fresh = value.pos === this.next - 1 && value.pos >= before && value.index.every((x, k) => x.kind === 'var' && x.at === k) && value.index.length === scope.length;
      if (fresh) return { pos: value.pos, dom, shifts };
      const ref = this.ref(value.pos, value.index, what);
      return { pos: this.emit({ dom, body: { kind: 'copy', ref } }), dom, shifts };
    }
    const callee = this.bundle.programs[s.program];
    if (!callee) throw new LoweringError(`${what}: no program ${s.program}`);
    const args = s.args.map((a) => {
      const t = tensors.get(a);
      if (!t) throw new LoweringError(`${what}: argument ${a} is not computed before it`);
      return t;
    });
    const sizes = new Map(Object.entries(s.sizes).map(([k, a]) => [k, this.lin(a, env, what)] as const));
    if (s.repeat === undefined) return this.instance(callee, sizes, args);
    const count = this.lin(s.repeat, env, what);
    const term = count.isConstant ? String(nat(count.constant)) : repeatParam(count, this.rootSizes, this.params, what);
    if (args.length !== 1) throw new LoweringError(`${what}: a repeated call takes one argument (the previous repetition's output)`);
    const input = this.copy(args[0]!, what);
    const start = this.next;
    this.items.push([]);
    this.floors.push(start - 1);
    let out = this.instance(callee, sizes, [input]);
    if (out.pos !== this.next - 1) out = this.copy(out, what);
    if (out.dom.length !== input.dom.length || out.shifts.some((x, k) => indexTerm(x.index()) !== indexTerm(input.shifts[k]!.index())))
      throw new LoweringError(`${what}: the repeated program's output is not shaped like its input`);
    this.floors.pop();
    const body = this.items.pop()!;
    this.where.push({ kind: 'repeat', count: term, body });
    this.fences.push({ start, end: this.next });
    return out;
  }
}

/** The structural parameter a repetition count names (restarting the lowering when it is new). */
function repeatParam(count: Lin, rootSizes: readonly Name[], params: ReadonlySet<Name>, what: string): string {
  const terms = [...count.terms.values()];
  if (count.constant !== 0 || terms.length !== 1 || terms[0]!.coef !== 1) throw new LoweringError(`${what}: a repetition count must be one size parameter or a number`);
  const atom = terms[0]!.atom;
  if (atom.kind === 'param') return atom.name;
  if (atom.kind === 'size') throw new NeedsParameter(atom.at);
  throw new LoweringError(`${what}: a repetition count must be one size parameter or a number`);
}

/** Steps in an order where every step comes after the tensors it reads. */
function order(program: Program): Step[] {
  const byName = new Map(program.steps.map((s) => [s.name, s]));
  const reads = (s: Step): Name[] => {
    if (s.kind === 'call') return [...s.args];
    const out: Name[] = [];
    const walk = (e: Expr): void => {
      if (e.kind === 'read') out.push(e.tensor);
      else if (e.kind === 'op') e.args.forEach(walk);
      else if (e.kind === 'reduce') e.terms.forEach((t) => walk(t.body));
    };
    walk(s.body);
    return out;
  };
  const done = new Set<Name>();
  const out: Step[] = [];
  const visit = (s: Step, stack: Set<Name>): void => {
    if (done.has(s.name)) return;
    if (stack.has(s.name)) throw new LoweringError(`${program.name}: steps read each other in a cycle at ${s.name}`);
    stack.add(s.name);
    for (const r of reads(s)) {
      const dep = byName.get(r);
      if (dep) visit(dep, stack);
    }
    stack.delete(s.name);
    done.add(s.name);
    out.push(s);
  };
  for (const s of program.steps) visit(s, new Set());
  return out;
}

/** A program lowered to the core calculus. */
export interface Lowered {
  readonly root: Name;
  /** The root's size parameters in `Decider.sizes` order (`.size k` is `sizes[k]`). */
  readonly sizes: readonly Name[];
  /** Size parameters that count repetitions: parameters of the Lean definition. */
  readonly params: readonly Name[];
  readonly items: readonly CoreItem[];
  /** The operations it uses, sorted. */
  readonly ops: readonly string[];
}

/** Lowers the bundle's root program (its inputs embedded from the input word). */
export function lowerProgram(bundle: Bundle): Lowered {
  const root = bundle.programs[bundle.root];
  if (!root) throw new LoweringError(`no program ${bundle.root}`);
  const params = new Set<Name>();
  for (;;) {
    const sizes = root.sizes.map((s) => s.name).filter((s) => !params.has(s));
    const env = new Map<Name, Lin>(root.sizes.map((s) => [s.name, Lin.atom(params.has(s.name) ? { kind: 'param', name: s.name } : { kind: 'size', at: sizes.indexOf(s.name) })]));
    const low = new Lowerer(bundle, sizes, params);
    try {
      const items = low.root(root, env);
      return { root: root.name, sizes, params: [...params], items, ops: [...low.ops].sort() };
    } catch (e) {
      if (e instanceof NeedsParameter) {
        const name = sizes[e.size]!;
        if (params.has(name)) throw e;
        params.add(name);
        continue;
      }
      throw e;
    }
  }
}

// ---------------------------------------------------------------------------------------------
// The Lean module TC0.Arch.Programs

/** The Lean name of a program: `ta-transformer` is `taTransformer`. */
export function leanName(program: Name): string {
  const words = program.split(/[.-]/);
  return ident(words.map((w, i) => (i === 0 ? w : w.charAt(0).toUpperCase() + w.slice(1))).join(''));
}

/** Items as a Lean term of type `Program FloatOp`, and a proof term that it is typed. */
function itemsTerm(items: readonly CoreItem[], indent: string): { term: string; typed: string } {
  const parts: Array<{ term: string; typed: string }> = [];
  let run: CoreStep[] = [];
  const flush = (): void => {
    if (run.length > 0) parts.push({ term: programTerm(run, `${indent}  `), typed: '(by decide)' });
    run = [];
  };
  for (const it of items) {
    if (it.kind === 'step') run.push(it.step);
    else {
      flush();
      const body = itemsTerm(it.body, `${indent}  `);
      parts.push({ term: `Program.repeated ${it.count} (${body.term})`, typed: `(Program.typed_repeated ${body.typed} ${it.count})` });
    }
  }
  flush();
  if (parts.length === 0) return { term: '[]', typed: 'rfl' };
  return parts.reduceRight((acc, p) => ({ term: `${p.term} ++\n${indent}(${acc.term})`, typed: `(Program.typed_append ${p.typed} ${acc.typed})` }));
}

/** The declarations of one lowered program. */
export function programDecls(low: Lowered): string {
  const name = leanName(low.root);
  const args = low.params.map((p) => ` (${ident(p)} : Nat)`).join('');
  const applied = [name, ...low.params.map(ident)].join(' ');
  const ops = `[${low.ops.map((o) => `.${o}`).join(', ')}]`;
  const { term, typed } = itemsTerm(low.items, '  ');
  const sizes = low.sizes.map((s) => `\`${s}\``).join(', ');
  const hyps = low.ops.map((o) => `\n    (h_${o} : OpInTC0 FloatOp.sig A .${o})`).join('');
  const cases = low.ops.map(() => 'rfl').join(' | ');
  return [
    `/-- The program \`${low.root}\` in the core calculus: \`Decider.sizes\` lists ${sizes || 'no sizes'}${low.params.length > 0 ? `; repeated blocks run ${low.params.map((p) => `\`${p}\``).join(', ')} times` : ''}. -/`,
    `def ${name}${args} : Program FloatOp :=`,
    `  ${term}`,
    '',
    `/-- \`${low.root}\` uses its operations at their arities${low.params.length > 0 ? ', for every repetition count' : ''}. -/`,
    `theorem ${name}_typed${args} : (${applied}).typed FloatOp.sig ${ops} = true := by`,
    `  unfold ${name}`,
    `  exact ${typed}`,
    '',
    `/-- Every language a decider running \`${low.root}\` decides is in TC0, over any arithmetic whose operations`,
    `it uses have constant-depth polynomial-size circuits, with polynomially bounded sizes and precision. -/`,
    `theorem ${name}_tc0 {A : Nat → Arith FloatOp}${hyps}${args} (D : Decider FloatOp)`,
    `    (hprog : D.prog = ${applied}) (hsizes : ∃ K, ∀ n k, (D.sizes n).getD k 0 ≤ (n + 2) ^ K)`,
    `    (hprec : PolyBounded D.prec) {L : Language} (hL : D.Decides A L) : TC0 L :=`,
    `  Decider.tc0 (ops := ${ops}) (fun o ho => by`,
    `      simp only [List.mem_cons, List.not_mem_nil, or_false] at ho`,
    `      rcases ho with ${cases} <;> assumption)`,
    `    D (by rw [hprog]; exact ${name}_typed${low.params.map((p) => ` ${ident(p)}`).join('')}) hsizes hprec hL`,
  ].join('\n');
}

/** The module `TC0.Arch.Programs` for the given lowered programs. */
export function programsModule(programs: readonly Lowered[]): string {
  return [
    'module',
    '',
    'public import TC0.Arch.Ops',
    '',
    '/-!',
    '# Architecture programs (generated: do not edit)',
    '',
    'Emitted by the workbench (`src/gen/lean/arch.ts`) from the programs of `specs/**/*.arch.yaml`;',
    '`test/unit/lean-programs.test.ts` fails when this file and the programs disagree (it rewrites the',
    'file when run with `-u`). For each program `P`: the term `P` of the core calculus, `P_typed` (every',
    'operation is used at its arity, checked by `decide` block by block) and `P_tc0`, the meta-theorem',
    '`Decider.tc0` instantiated: every language a decider running `P` decides is in TC0.',
    '-/',
    '',
    '@[expose] public noncomputable section',
    '',
    'namespace TC0.Arch.Programs',
    '',
    'open TC0 TC0.Arch',
    '',
    ...programs.flatMap((p) => [programDecls(p), '']),
    'end TC0.Arch.Programs',
    '',
  ].join('\n');
}
