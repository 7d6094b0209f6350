/**
 * SMT-LIB 2 text for "is there an input where the circuit and the model differ?" (unsat means
 * the circuit is correct for this instance). The text is the canonical artifact: it is what the
 * results store hashes and what the solver reads.
 *
 * Threshold gates are emitted as bit-vector sums (default), so circuit and model (bit-vector
 * arithmetic) stay in one theory (docs/backends.md: mixing pseudo-Boolean or integer terms with bit-vectors
 * is the slow case). A gate's weighted inputs are packed into rows: every input bit x with weight
 * w contributes x at each position where |w| has a one, and each row holds at most one input per
 * position, built with `concat`. A sum with power-of-two weights over the bits of a port is then
 * a single row that Z3 recognises as the port itself (`[a >= b]` with weights +-2^i becomes
 * `a - b >= 0`), instead of one `ite` term per input. Wires are 1-bit vectors.
 * The pseudo-Boolean encoding (`(_ pbge ...)`, a Z3 extension) is kept for comparison in the
 * benchmark.
 */
import { bitLength } from '../../core/rational.js';
import { type Circuit, FALSE_WIRE, type PortShape, TRUE_WIRE } from '../../circuit/ir.js';

export const SMT_GENERATOR_VERSION = 'smt/1';

export type GateEncoding = 'bv' | 'pb';

/** How a model reads in SMT-LIB: output expressions over the input constants `in_<port>`. */
export interface SmtModelText {
  /** Helper definitions, emitted before the outputs. */
  readonly defs: readonly string[];
  /** One bit-vector expression per output port, of the port's width. */
  readonly outputs: readonly string[];
  /** A Boolean condition on the inputs (the model's domain), if not every input counts. */
  readonly domain?: string;
  /** The SMT-LIB logic (default QF_BV; floats need QF_FPBV). */
  readonly logic?: string;
}

export interface SmtHeader {
  readonly spec: string;
  readonly obligation: string;
  readonly params: Readonly<Record<string, number>>;
  readonly model: string;
}

export const inputName = (p: PortShape): string => `in_${p.name}`;
const circuitOut = (p: PortShape): string => `circ_${p.name}`;
const modelOut = (p: PortShape): string => `model_${p.name}`;

/** `(_ bvN W)` for any integer N (negative values in two's complement). */
export function bvConst(n: bigint, width: number): string {
  const m = 1n << BigInt(width);
  return `(_ bv${((n % m) + m) % m} ${width})`;
}

/** A wire as a 1-bit vector. */
function wireName(w: number): string {
  return w === FALSE_WIRE ? '#b0' : w === TRUE_WIRE ? '#b1' : `w${w}`;
}

/** Definitions of every wire of the circuit and of its output ports. */
export function circuitDefinitions(c: Circuit, encoding: GateEncoding): string[] {
  const lines: string[] = [];
  const sig = c.signature();
  c.inputs.forEach((p, i) => {
    p.wires.forEach((w, b) => lines.push(`(define-fun ${wireName(w)} () (_ BitVec 1) ((_ extract ${b} ${b}) ${inputName(sig.inputs[i]!)}))`));
  });
  for (let g = 0; g < c.numGates; g++) lines.push(`(define-fun ${wireName(c.gateWire(g))} () (_ BitVec 1) (ite ${gateTerm(c, g, encoding)} #b1 #b0))`);
  c.outputs.forEach((p, i) => {
    const bits = p.wires.map(wireName).reverse();
    const body = bits.length === 1 ? bits[0]! : `(concat ${bits.join(' ')})`;
    lines.push(`(define-fun ${circuitOut(sig.outputs[i]!)} () (_ BitVec ${p.wires.length}) ${body})`);
  });
  return lines;
}

/** The Boolean condition of gate g. */
function gateTerm(c: Circuit, g: number, encoding: GateEncoding): string {
  const fan = c.fanin(g);
  const t = c.thresholds[g]!;
  if (encoding === 'pb') {
    // Positive weights only: w x with w < 0 is |w| (not x) - |w|.
    let thr = t;
    const lits = fan.map(([w, wt]) => {
      if (wt > 0n) return [`(= ${wireName(w)} #b1)`, wt] as const;
      thr += -wt;
      return [`(= ${wireName(w)} #b0)`, -wt] as const;
    });
    return `((_ pbge ${thr} ${lits.map(([, w]) => w).join(' ')}) ${lits.map(([x]) => x).join(' ')})`;
  }
  let pos = 0n;
  let neg = 0n;
  for (const [, w] of fan) if (w > 0n) pos += w;
  else neg -= w;
  const width = bitLength((pos > neg ? pos : neg) + (t < 0n ? -t : t)) + 2;
  const sum = (sign: 1n | -1n): string[] => packRows(fan.filter(([, w]) => (sign > 0n ? w > 0n : w < 0n)).map(([x, w]) => [x, w * sign] as const), width);
  const plus = sum(1n);
  const minus = sum(-1n);
  let expr = plus.length === 0 ? bvConst(0n, width) : plus.length === 1 ? plus[0]! : `(bvadd ${plus.join(' ')})`;
  for (const m of minus) expr = `(bvsub ${expr} ${m})`;
  return `(bvsge ${expr} ${bvConst(t, width)})`;
}

/** Rows (zero-extended to `width`) whose sum is sum w_i x_i, for positive weights. */
function packRows(terms: ReadonlyArray<readonly [number, bigint]>, width: number): string[] {
  const columns: string[][] = [];
  for (const [x, w] of terms) {
    let j = 0;
    for (let r = w; r > 0n; r >>= 1n, j++) if (r & 1n) (columns[j] ??= []).push(wireName(x));
  }
  // Columns without inputs are holes in the array: count heights with a loop, not map.
  let height = 0;
  for (let j = 0; j < columns.length; j++) height = Math.max(height, columns[j]?.length ?? 0);
  const rows: string[] = [];
  for (let r = 0; r < height; r++) {
    const bits: string[] = [];
    for (let j = columns.length - 1; j >= 0; j--) bits.push(columns[j]?.[r] ?? '#b0');
    // Trim leading zero bits, then zero-extend to the gate width.
    while (bits.length > 1 && bits[0] === '#b0') bits.shift();
    const row = bits.length === 1 ? bits[0]! : `(concat ${bits.join(' ')})`;
    rows.push(bits.length === width ? row : `((_ zero_extend ${width - bits.length}) ${row})`);
  }
  return rows;
}

function header(h: SmtHeader, purpose: string): string[] {
  const params = Object.entries(h.params).map(([k, v]) => `${k}=${v}`).join(', ');
  return [
    `; Generated by tc0 ${SMT_GENERATOR_VERSION}. Do not edit: re-run tc0 verify.`,
    `; spec ${h.spec}, obligation ${h.obligation}, model ${h.model}${params ? `, ${params}` : ''}`,
    `; ${purpose}`,
  ];
}

function declarations(c: Circuit, encoding: GateEncoding, logic = 'QF_BV'): string[] {
  const sig = c.signature();
  return [
    ...(encoding === 'bv' ? [`(set-logic ${logic})`] : []),
    '(set-option :produce-models true)',
    ...sig.inputs.map((p) => `(declare-const ${inputName(p)} (_ BitVec ${p.width}))`),
  ];
}

function modelDefinitions(c: Circuit, model: SmtModelText): string[] {
  const sig = c.signature();
  return [...model.defs, ...sig.outputs.map((p, i) => `(define-fun ${modelOut(p)} () (_ BitVec ${p.width}) ${model.outputs[i]})`)];
}

/** The equivalence query: sat (with the inputs as a model) iff the circuit is wrong somewhere. */
export function emitEquivalence(c: Circuit, model: SmtModelText, h: SmtHeader, encoding: GateEncoding = 'bv'): string {
  const sig = c.signature();
  const differs = sig.outputs.map((p) => `(not (= ${circuitOut(p)} ${modelOut(p)}))`);
  return [
    ...header(h, 'query: an input (in the model domain) where circuit and model differ; unsat = equivalent'),
    ...declarations(c, encoding, model.logic),
    '; circuit',
    ...circuitDefinitions(c, encoding),
    '; model',
    ...modelDefinitions(c, model),
    ...(model.domain ? [`(assert ${model.domain})`] : []),
    `(assert ${differs.length === 1 ? differs[0] : `(or ${differs.join(' ')})`})`,
    '(check-sat)',
    `(get-value (${sig.inputs.map(inputName).join(' ')}))`,
    '',
  ].join('\n');
}

/**
 * A probe: fixes the inputs and asks for both sides' outputs. Running it on a few inputs and
 * comparing with the TypeScript model and the reference evaluator checks the encoding itself.
 */
export function emitProbe(c: Circuit, model: SmtModelText, h: SmtHeader, inputs: readonly bigint[]): string {
  const sig = c.signature();
  return [
    ...header(h, `probe: the outputs of both sides at fixed inputs ${inputs.join(', ')}`),
    ...declarations(c, 'bv', model.logic),
    ...sig.inputs.map((p, i) => `(assert (= ${inputName(p)} ${bvConst(inputs[i]!, p.width)}))`),
    ...circuitDefinitions(c, 'bv'),
    ...modelDefinitions(c, model),
    '(check-sat)',
    `(get-value (${[...sig.outputs.map(circuitOut), ...sig.outputs.map(modelOut)].join(' ')}))`,
    '',
  ].join('\n');
}

/** Parses `((name value) ...)` of a `get-value` answer into unsigned values. */
export function parseValues(output: string): Map<string, bigint> {
  const out = new Map<string, bigint>();
  const re = /\(\s*([A-Za-z_][\w.]*)\s+(#x[0-9a-fA-F]+|#b[01]+|\(_\s+bv(\d+)\s+\d+\))\s*\)/g;
  for (let m; (m = re.exec(output)); ) {
    const v = m[2]!;
    out.set(m[1]!, m[3] !== undefined ? BigInt(m[3]) : v.startsWith('#x') ? BigInt(`0x${v.slice(2)}`) : BigInt(`0b${v.slice(2)}`));
  }
  return out;
}

export function outputNames(c: Circuit): { circuit: string[]; model: string[] } {
  const sig = c.signature();
  return { circuit: sig.outputs.map(circuitOut), model: sig.outputs.map(modelOut) };
}
