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
 *
 * Queries end in `(check-sat-using ...)` with Z3's plain bit-blasting pipeline (`CHECK_SAT`):
 * on these circuits it needs half the time of Z3's default strategy for the logic (measured on
 * the slowest queries, `npm run bench -- z3`). Solvers without Z3 tactics read it as
 * `(check-sat)`.
 *
 * A model may also offer a decomposition (`emitQueries`): a cut at a circuit tap (first "the tap
 * equals this model term", then "the outputs follow, with the tap replaced by that term") and
 * case splits of either query, each case its own query, with one more query showing that the
 * cases cover every value. The workbench uses the cut alone, except for splits a model marks
 * `byDefault`: on float.add the cases cost 2.7x (p = 8) to 4x (p = 6) the CPU time of the cut and
 * do not shorten the longest query (`npm run bench -- z3`); on float.mul at p = 10 the cut is one
 * query of over ten minutes, and its 64 cases on bits of one significand take less CPU time in
 * queries of seconds, which the cores run side by side.
 */
import { bitLength } from '../../core/rational.js';
import { type Circuit, FALSE_WIRE, type PortShape, TRUE_WIRE } from '../../circuit/ir.js';

export const SMT_GENERATOR_VERSION = 'smt/2';

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
  /**
   * Model-side terms for circuit taps of the same name (`Circuit.taps`), each of the tap's width:
   * the proof is cut there (see `emitQueries`), optionally splitting the cut query into cases.
   */
  readonly taps?: Readonly<Record<string, { readonly term: string; readonly split?: CaseSplit }>>;
  /** Cases of the final query (the whole one, or the rest after a cut). */
  readonly split?: CaseSplit;
}

/**
 * Cases on the value of one bit-vector term (over the inputs and the model's definitions). The
 * conditions are stated on a fresh constant, so that they cover every value is a query of its
 * own that does not mention the circuit or the model.
 */
export interface CaseSplit {
  /** What is split on, for labels (`d` for an exponent difference). */
  readonly name: string;
  readonly term: string;
  readonly width: number;
  /** Each case: a label and its condition on a term of the split's width. */
  readonly cases: ReadonlyArray<{ readonly label: string; readonly when: (x: string) => string }>;
  /**
   * Used by the workbench by default (`QueryOptions.splits` unset): for a query that is one long
   * solver run otherwise, so that its cases fill both cores instead of one.
   */
  readonly byDefault?: boolean;
}

/** One query of an obligation: unsat establishes what `label` says. */
export interface SmtQuery {
  /** `whole`, `cut <tap>`, `rest` (the outputs from the cut), `cover <split>`. */
  readonly role: 'whole' | 'cut' | 'rest' | 'cover';
  /** The role plus the case, e.g. `cut mag, d = 3`; unique within the obligation. */
  readonly label: string;
  readonly text: string;
}

export interface QueryOptions {
  /** One equivalence query, ignoring the model's decomposition (the benchmark's baseline). */
  readonly whole?: boolean;
  /**
   * `true`: split into every case split the model offers; `false`: none (the cut alone); unset
   * (the workbench): only the splits the model marks `byDefault` (see above).
   */
  readonly splits?: boolean;
}

/** Z3's plain pipeline: word-level simplification, then bit-blasting and its SAT solver. */
export const CHECK_SAT = '(check-sat-using (then simplify propagate-values solve-eqs fpa2bv simplify bit-blast sat))';

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

/**
 * Definitions of every wire of the circuit and of its output ports. A wire in `replace` is
 * defined by the given 1-bit term instead of its gate (or input bit): the rest of a cut proof.
 */
export function circuitDefinitions(c: Circuit, encoding: GateEncoding, replace: ReadonlyMap<number, string> = new Map()): string[] {
  const lines: string[] = [];
  const sig = c.signature();
  const define = (w: number, body: string): void => void lines.push(`(define-fun ${wireName(w)} () (_ BitVec 1) ${replace.get(w) ?? body})`);
  c.inputs.forEach((p, i) => {
    p.wires.forEach((w, b) => define(w, `((_ extract ${b} ${b}) ${inputName(sig.inputs[i]!)})`));
  });
  for (let g = 0; g < c.numGates; g++) define(c.gateWire(g), replace.has(c.gateWire(g)) ? '' : `(ite ${gateTerm(c, g, encoding)} #b1 #b0)`);
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
  // Each weight in non-adjacent form (fewest signed binary digits, an exact identity): a weight
  // 2^(i+1) - 2^j, which linearBits makes of -2^j modulo 2^(i+1), is one row up and one row down
  // instead of i - j + 1 rows.
  const plusTerms: Array<[number, bigint]> = [];
  const minusTerms: Array<[number, bigint]> = [];
  let pos = 0n;
  let neg = 0n;
  for (const [x, w] of fan)
    for (const [digit, sign] of signedDigits(w)) {
      if (sign > 0) {
        plusTerms.push([x, digit]);
        pos += digit;
      } else {
        minusTerms.push([x, digit]);
        neg += digit;
      }
    }
  const width = bitLength((pos > neg ? pos : neg) + (t < 0n ? -t : t)) + 2;
  const plus = packRows(plusTerms, width);
  const minus = packRows(minusTerms, width);
  let expr = plus.length === 0 ? bvConst(0n, width) : plus.length === 1 ? plus[0]! : `(bvadd ${plus.join(' ')})`;
  for (const m of minus) expr = `(bvsub ${expr} ${m})`;
  return `(bvsge ${expr} ${bvConst(t, width)})`;
}

/** The non-adjacent form of w: powers of two 2^j with signs, summing to w. */
function signedDigits(w: bigint): Array<[bigint, 1 | -1]> {
  const out: Array<[bigint, 1 | -1]> = [];
  const flip = w < 0n;
  let n = flip ? -w : w;
  for (let j = 0n; n > 0n; j++, n >>= 1n) {
    if ((n & 1n) === 0n) continue;
    const d = (n & 3n) === 1n ? 1n : -1n;
    n -= d;
    out.push([1n << j, (d > 0n) !== flip ? 1 : -1]);
  }
  return out;
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
  return query(c, model, h, 'query: an input (in the model domain) where circuit and model differ; unsat = equivalent', encoding, circuitDefinitions(c, encoding), differ(c), undefined);
}

/**
 * The queries of an obligation. Without a decomposition in the model (or with `whole`), the one
 * equivalence query. Otherwise, for every tap the model names and the circuit has:
 * - `cut T`: an input where the circuit's tap T differs from the model's term for it;
 * - `rest`: an input where the outputs differ, the tapped wires defined by the model's term.
 * Both unsat give the theorem: the circuit's outputs are F(x, tap(x)), the cut makes that
 * F(x, term(x)), and the rest says F(x, term(x)) equals the model. A split turns a query into
 * one query per case (`... , d = 3`) plus `cover d`: a value outside every case.
 */
export function emitQueries(c: Circuit, model: SmtModelText, h: SmtHeader, opts: QueryOptions = {}): SmtQuery[] {
  const taps = opts.whole ? [] : c.taps.filter((t) => model.taps?.[t.name] !== undefined);
  const out: SmtQuery[] = [];
  const splitInto = (role: SmtQuery['role'], label: string, purpose: string, defs: string[], goal: string, split: CaseSplit | undefined): void => {
    if (!split || opts.splits === false || (opts.splits !== true && split.byDefault !== true)) {
      out.push({ role, label, text: query(c, model, h, purpose, 'bv', defs, goal, undefined) });
      return;
    }
    for (const k of split.cases)
      out.push({ role, label: `${label}, ${split.name} ${k.label}`, text: query(c, model, h, `${purpose}; case ${split.name} ${k.label}`, 'bv', defs, goal, k.when(split.term)) });
    if (!out.some((q) => q.role === 'cover' && q.label === `cover ${split.name}`)) out.push({ role: 'cover', label: `cover ${split.name}`, text: cover(split, h) });
  };
  if (taps.length === 0) {
    splitInto('whole', 'whole', 'query: an input (in the model domain) where circuit and model differ; unsat = equivalent', circuitDefinitions(c, 'bv'), differ(c), opts.whole ? undefined : model.split);
    return out;
  }
  const replace = new Map<number, string>();
  for (const t of taps) {
    const m = model.taps![t.name]!;
    const bits = t.bits.map((s) => (s < 0 ? `(bvnot ${wireName(-s - 1)})` : wireName(s)));
    const circ = bits.length === 1 ? bits[0]! : `(concat ${[...bits].reverse().join(' ')})`;
    splitInto('cut', `cut ${t.name}`, `cut: an input where the circuit's tap ${t.name} differs from the model's term for it; unsat = they agree`, circuitDefinitions(c, 'bv'), `(not (= ${circ} ${m.term}))`, m.split);
    t.bits.forEach((s, j) => {
      const w = s < 0 ? -s - 1 : s;
      if (w <= TRUE_WIRE) return;
      if (replace.has(w)) throw new Error(`tap ${t.name}: wire ${w} is tapped twice; a cut needs each wire once`);
      const bit = `((_ extract ${j} ${j}) ${m.term})`;
      replace.set(w, s < 0 ? `(bvnot ${bit})` : bit);
    });
  }
  const names = taps.map((t) => t.name).join(', ');
  splitInto('rest', 'rest', `rest: an input where the outputs differ, the circuit's tap ${names} replaced by the model's term; unsat = the outputs follow from the cut`, circuitDefinitions(c, 'bv', replace), differ(c), model.split);
  return out;
}

/** "Some output differs". */
function differ(c: Circuit): string {
  const d = c.signature().outputs.map((p) => `(not (= ${circuitOut(p)} ${modelOut(p)}))`);
  return d.length === 1 ? d[0]! : `(or ${d.join(' ')})`;
}

function query(c: Circuit, model: SmtModelText, h: SmtHeader, purpose: string, encoding: GateEncoding, circuit: string[], goal: string, when: string | undefined): string {
  const sig = c.signature();
  return [
    ...header(h, purpose),
    ...declarations(c, encoding, model.logic),
    // The model first: a cut's rest defines tapped wires from the model's terms.
    '; model',
    ...modelDefinitions(c, model),
    '; circuit',
    ...circuit,
    ...(model.domain ? [`(assert ${model.domain})`] : []),
    ...(when ? [`(assert ${when})`] : []),
    `(assert ${goal})`,
    encoding === 'bv' ? CHECK_SAT : '(check-sat)',
    `(get-value (${sig.inputs.map(inputName).join(' ')}))`,
    '',
  ].join('\n');
}

/** A value of the split term outside every case (unsat = the cases cover every value). */
function cover(split: CaseSplit, h: SmtHeader): string {
  const x = 'split_value';
  return [
    ...header(h, `cover: a value of ${split.name} that no case takes; unsat = the ${split.cases.length} cases are exhaustive`),
    '(set-logic QF_BV)',
    `(declare-const ${x} (_ BitVec ${split.width}))`,
    `(assert (not (or ${split.cases.map((k) => k.when(x)).join(' ')})))`,
    CHECK_SAT,
    `(get-value (${x}))`,
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
