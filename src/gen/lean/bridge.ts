/**
 * The bridge between the two sides of an architecture program at small sizes (issue 14, item 5).
 *
 * The TypeScript side reports, for the operator-level family at concrete sizes
 * (`src/program/family.ts`), the operation nodes by (kind, number of operands) and the input
 * elements. The Lean side compiles the program emitted by `arch.ts` (lean/TC0/Arch/Programs.lean)
 * to a circuit with exactly `Program.size` gates: one gate per embedded input element plus, for
 * every entry applying operation `o` to `k` arguments, the gates of the operation circuit
 * `C.circ o k`. So the two agree exactly when the Lean program's entries have the family's
 * (kind, arity) tally and its embedded entries are the family's input elements; the generated
 * obligation (`bridgeBlock`) states the size for EVERY choice of operation circuits and has Lean
 * compute the tally (`Program.size_eq_tally`, lean/TC0/Arch/Bridge.lean).
 *
 * Depth: Lean's bound `Program.depthBound D` is the sum over the program's steps of their
 * operations' depths (one gate layer for an embedding), whatever the sizes; the family's depth is
 * the longest path. Comparable exactly is the list of steps: `depthBound D` equals
 * `embeds + sum_o steps(o) * D o` where `steps(o)` is the number of the family's node blocks
 * (`plan.ts`) of kind `o` (every block is one Lean step); the family's longest path then has at
 * most `steps(o)` nodes of kind `o` on any path (test/unit/lean-bridge.test.ts checks it).
 *
 * `leanTally` mirrors the Lean definitions in TypeScript (tuples, arity), for diagnostics and
 * tests only: what decides is Lean.
 */
import type { Bundle, Name } from '../../program/ast.js';
import { compile } from '../../program/plan.js';
import { familyMetrics, generateFamily } from '../../program/family.js';
import { rootSizes } from '../../program/domain.js';
import { type CoreIndex, type CoreItem, type CoreRange, type CoreStep, type Lowered, leanName, lowerProgram } from './arch.js';

/** (operation, number of arguments) -> entries, sorted by operation then arity. */
export interface Tally {
  /** Entries that embed an input bit (Lean: one gate each; TypeScript: the input elements). */
  readonly embeds: number;
  readonly shapes: ReadonlyArray<{ readonly op: string; readonly arity: number; readonly count: number }>;
}

const sortShapes = (m: ReadonlyMap<string, number>): Tally['shapes'] =>
  [...m]
    .map(([k, count]) => {
      const [op, arity] = k.split('/');
      return { op: op!, arity: Number(arity), count };
    })
    .sort((a, b) => (a.op < b.op ? -1 : a.op > b.op ? 1 : a.arity - b.arity));

// ---------------------------------------------------------------------------------------------
// The Lean definitions, mirrored (TC0.Arch.Index.eval, tuples, arity)

function evalIndex(e: CoreIndex, sz: readonly number[], env: readonly number[], params: Readonly<Record<string, number>>): number {
  switch (e.kind) {
    case 'lit':
      return e.value;
    case 'param':
      return params[e.name] ?? 0;
    case 'size':
      return sz[e.at] ?? 0;
    case 'var':
      return env[e.at] ?? 0;
    case 'add':
      return evalIndex(e.a, sz, env, params) + evalIndex(e.b, sz, env, params);
    case 'sub':
      return Math.max(0, evalIndex(e.a, sz, env, params) - evalIndex(e.b, sz, env, params));
    case 'mul':
      return evalIndex(e.a, sz, env, params) * evalIndex(e.b, sz, env, params);
    case 'div':
      return e.by === 0 ? 0 : Math.floor(evalIndex(e.a, sz, env, params) / e.by);
    case 'mod':
      return e.by === 0 ? evalIndex(e.a, sz, env, params) : evalIndex(e.a, sz, env, params) % e.by;
  }
}

function tuples(sz: readonly number[], ranges: readonly CoreRange[], env: readonly number[], params: Readonly<Record<string, number>>): number[][] {
  if (ranges.length === 0) return [env.slice()];
  const [r, ...rs] = ranges;
  const lo = evalIndex(r!.lo, sz, env, params);
  const hi = evalIndex(r!.hi, sz, env, params);
  const out: number[][] = [];
  for (let v = lo; v < hi; v++) out.push(...tuples(sz, rs, [...env, v], params));
  return out;
}

/** The steps of lowered items with every repeated block unrolled. */
export function unrolled(items: readonly CoreItem[], params: Readonly<Record<string, number>>): CoreStep[] {
  return items.flatMap((it) => {
    if (it.kind === 'step') return [it.step];
    const count = /^[0-9]+$/.test(it.count) ? Number(it.count) : params[it.count];
    if (count === undefined) throw new RangeError(`no value for the repetition count ${it.count}`);
    const body = unrolled(it.body, params);
    return Array.from({ length: count }, () => body).flat();
  });
}

/** What Lean's `Program.embedCount` and `Program.shapes` compute, and the steps per operation. */
export function leanTally(low: Lowered, values: Readonly<Record<Name, number>>): Tally & { readonly steps: ReadonlyMap<string, number>; readonly embedSteps: number } {
  const sz = low.sizes.map((s) => values[s] ?? 0);
  const params = Object.fromEntries(low.params.map((p) => [p, values[p] ?? 0]));
  const shapes = new Map<string, number>();
  const steps = new Map<string, number>();
  let embeds = 0;
  let embedSteps = 0;
  for (const s of unrolled(low.items, params)) {
    const idxs = tuples(sz, s.dom, [], params);
    if (s.body.kind === 'embed') {
      embeds += idxs.length;
      embedSteps++;
    }
    if (s.body.kind !== 'apply') continue;
    const body = s.body;
    steps.set(body.op, (steps.get(body.op) ?? 0) + 1);
    for (const idx of idxs) {
      const k = body.terms.reduce((sum, t) => sum + tuples(sz, t.red, idx, params).length, 0);
      const key = `${body.op}/${k}`;
      shapes.set(key, (shapes.get(key) ?? 0) + 1);
    }
  }
  return { embeds, shapes: sortShapes(shapes), steps, embedSteps };
}

// ---------------------------------------------------------------------------------------------
// The TypeScript family

export interface FamilyTally extends Tally {
  /** Node blocks of each operation kind (plan.ts). */
  readonly blocks: ReadonlyMap<string, number>;
  /** Input tensors (blocks of kind `input`). */
  readonly inputBlocks: number;
  /** The family's longest path, with every operation counted as its own symbol. */
  readonly path: Readonly<Record<string, number>>;
}

/** The operator-level family at `params` (the root program's sizes): its shapes, input elements, blocks and longest path. */
export function familyTally(bundle: Bundle, params: Readonly<Record<Name, number>>): FamilyTally {
  const plan = compile(bundle, rootSizes(bundle, params));
  const g = generateFamily(plan);
  // Every operation as a symbol of its own: the path counts the nodes of each kind on it.
  const fm = familyMetrics(g, (kind) => (kind === 'input' || kind === 'const' ? {} : { [kind]: 1 }));
  const shapes = new Map<string, number>();
  for (const s of fm.shapes) shapes.set(`${s.kind}/${s.arity}`, (shapes.get(`${s.kind}/${s.arity}`) ?? 0) + s.count);
  const blocks = new Map<string, number>();
  let inputBlocks = 0;
  for (const b of plan.blocks) {
    const kind = plan.kinds[b.kind]!;
    if (kind === 'input') inputBlocks++;
    else if (kind !== 'const') blocks.set(kind, (blocks.get(kind) ?? 0) + 1);
  }
  const { gates: _gates, ...path } = fm.depth;
  return { embeds: fm.counts.input ?? 0, shapes: sortShapes(shapes), blocks, inputBlocks, path };
}

export { leanName, lowerProgram };

// ---------------------------------------------------------------------------------------------
// The generated obligation

/** What a bridge block states, from the TypeScript side only: the family's numbers at one size. */
export interface BridgeData {
  /** The Lean program applied to its repetition counts, e.g. `(Programs.taTransformer 1)`. */
  readonly program: string;
  /** `Decider.sizes` at this instance, e.g. `[1, 2]`. */
  readonly sizes: string;
  /** The operations the program uses (the `ops` of `P_typed`), as a Lean list. */
  readonly ops: string;
  /** `P_typed` applied. */
  readonly typed: string;
  readonly family: FamilyTally;
}

const op = (o: string): string => {
  if (!/^[a-z]+$/.test(o)) throw new RangeError(`not an operation name: ${JSON.stringify(o)}`);
  return `FloatOp.${o}`;
};
const nat = (n: number): string => {
  if (!Number.isSafeInteger(n) || n < 0) throw new RangeError(`not a natural number: ${n}`);
  return String(n);
};

/** The family's numbers for the program of `bundle` at `params` (its sizes and repetition counts). */
export function bridgeData(bundle: Bundle, params: Readonly<Record<Name, number>>): BridgeData {
  const low = lowerProgram(bundle);
  const name = leanName(low.root);
  const value = (s: Name): number => {
    const v = params[s];
    if (v === undefined) throw new RangeError(`${low.root}: no value for ${s}`);
    return v;
  };
  const args = low.params.map((p) => ` ${nat(value(p))}`).join('');
  return {
    program: `(Programs.${name}${args})`,
    sizes: `[${low.sizes.map((s) => nat(value(s))).join(', ')}]`,
    ops: `[${low.ops.map(op).join(', ')}]`,
    typed: `(Programs.${name}_typed${args})`,
    family: familyTally(bundle, Object.fromEntries([...low.sizes, ...low.params].map((s) => [s, value(s)]))),
  };
}

const sum = (constant: number, parts: ReadonlyArray<readonly [number, string]>): string => [nat(constant), ...parts.map(([k, x]) => `${nat(k)} * ${x}`)].join(' + ');

/** The theorems of a bridge block, in the order the checker audits them. */
export const BRIDGE_THEOREMS = ['size_eq', 'compile_size', 'depth_eq', 'compile_depth'] as const;

/**
 * The Lean block for one bridge obligation: in its own namespace, theorems whose right-hand
 * sides are the TypeScript family's numbers and whose left-hand sides Lean computes from the
 * library's program (`TC0.Arch.Programs`):
 * - `size_eq`: for every `C`, `P.size C sz` = input elements + sum over the family's
 *   (kind, operands) shapes of count * `(C.circ kind operands).size`;
 * - `compile_size`: the same for the compiled circuit (`size_compile`), for every arithmetic
 *   the circuits implement, every weights and input length;
 * - `depth_eq`: for every `D`, `P.depthBound D` = input tensors + sum over the family's node
 *   blocks of count * `D kind`;
 * - `compile_depth`: the compiled circuit's depth is at most that (`depth_compile_le`).
 */
export function bridgeBlock(data: BridgeData, obligation: string, ns: string, title: string): string {
  const f = data.family;
  const P = data.program;
  const sz = data.sizes;
  const tally = `[${f.shapes.map((s) => `((${op(s.op)}, ${nat(s.arity)}), ${nat(s.count)})`).join(', ')}]`;
  const blocks = [...f.blocks].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const steps = `[${blocks.map(([o, k]) => `(${op(o)}, ${nat(k)})`).join(', ')}]`;
  const sizeRhs = sum(f.embeds, f.shapes.map((s) => [s.count, `(C.circ ${op(s.op)} ${nat(s.arity)}).size`] as const));
  const depthRhs = sum(f.inputBlocks, blocks.map(([o, k]) => [k, `D ${op(o)}`] as const));
  const close = ['  simp only [List.map_cons, List.map_nil, List.sum_cons, List.sum_nil]', '  omega'];
  return [
    `namespace ${ns}`,
    'open TC0 TC0.Arch',
    '',
    `/-! ${title}: the TypeScript family at sizes ${sz} has ${f.embeds} input elements and the operation nodes ${f.shapes.map((s) => `${s.count} ${s.op}/${s.arity}`).join(', ')}; its plan has ${f.inputBlocks} input tensor(s) and the node blocks ${blocks.map(([o, k]) => `${k} ${o}`).join(', ')}. Lean computes both from the library's program. -/`,
    '',
    'set_option maxRecDepth 100000 in',
    `theorem embeds : ${P}.embedCount ${sz} = ${nat(f.embeds)} := by decide`,
    '',
    'set_option maxRecDepth 100000 in',
    `theorem shapes : tallyOK (${P}.shapes ${sz}) ${tally} = true := by decide`,
    '',
    '/-- The gates of the compiled program, for every choice of operation circuits. -/',
    `theorem size_eq (C : OpCircuits FloatOp) : ${P}.size C ${sz} = ${sizeRhs} := by`,
    `  rw [Program.size_eq_tally C ${sz} _ ${nat(f.embeds)} ${tally} embeds shapes]`,
    ...close,
    '',
    '/-- The compiled circuit has exactly that many gates, for every arithmetic its operation circuits implement. -/',
    `theorem compile_size {A : Arith FloatOp} {C : OpCircuits FloatOp} (hC : C.Implements A FloatOp.sig ${data.ops}) (W : Nat → List Nat → Word) (n : Nat) :`,
    `    (${P}.compile C ${sz} W n).size = ${sizeRhs} := by`,
    `  rw [size_compile ${sz} W hC _ ${data.typed} n]`,
    '  exact size_eq C',
    '',
    'set_option maxRecDepth 100000 in',
    `theorem embedSteps : ${P}.embedSteps = ${nat(f.inputBlocks)} := by decide`,
    '',
    'set_option maxRecDepth 100000 in',
    `theorem stepOps : tallyOK ${P}.stepOps ${steps} = true := by decide`,
    '',
    '/-- The depth bound of the program, for every choice of operation depths. -/',
    `theorem depth_eq (D : FloatOp → Nat) : ${P}.depthBound D = ${depthRhs} := by`,
    `  rw [Program.depthBound_eq_tally D _ ${nat(f.inputBlocks)} ${steps} embedSteps stepOps]`,
    ...close,
    '',
    '/-- The compiled circuit is at most that deep, for operation circuits of depth at most `D`. -/',
    `theorem compile_depth {A : Arith FloatOp} {C : OpCircuits FloatOp} (hC : C.Implements A FloatOp.sig ${data.ops}) (W : Nat → List Nat → Word) (n : Nat)`,
    `    (D : FloatOp → Nat) (hD : ∀ o ∈ ${data.ops}, ∀ k, Admissible FloatOp.sig o k → (C.circ o k).depth ≤ D o) :`,
    `    (${P}.compile C ${sz} W n).depth ≤ ${depthRhs} := by`,
    '  rw [← depth_eq D]',
    `  exact depth_compile_le ${sz} W hC _ ${data.typed} D hD n`,
    '',
    `end ${ns}`,
    '',
    `example : True := by_elab TC0.Check.checkInstance ${JSON.stringify(obligation)} \`${ns} [${BRIDGE_THEOREMS.map((t) => `\`${t}`).join(', ')}]`,
  ].join('\n');
}
