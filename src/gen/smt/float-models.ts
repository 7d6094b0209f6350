/**
 * Floats and fixed point in SMT-LIB, independently of the TypeScript rounding code:
 * - a float result is computed exactly as a bit-vector integer and rounded by the IEEE
 *   FloatingPoint theory (see `floats` below), then our range policy applies;
 * - fixed point uses textbook bit-vector definitions (sign extension, arithmetic shift, round
 *   half to even by the remainder).
 */
import type { Params } from '../../core/params.js';
import type { Signature } from '../../circuit/ir.js';
import { type CaseSplit, bvConst, inputName, type SmtModelText } from './emit.js';

const bv = (n: bigint | number, w: number): string => bvConst(BigInt(n), w);

/**
 * Helpers for p-bit floats. An exact result is a signed integer V (bit-vector arithmetic,
 * operands placed by shifting) times 2^offset; `(_ to_fp EB p) RNE V` rounds it to p significant
 * bits (IEEE, with EB = p + 3 exponent bits: no overflow, no subnormals for these V), its fields
 * are read back through `(= r (fp s be f))`, and our exponent range policy applies to
 * be - bias - (p - 1) + offset. (Z3 answers `unknown` for fp.add and fp.mul on sorts whose
 * significand is narrower than the exponent, like ours; conversion from an integer works.)
 */
function floats(p: number) {
  const EB = p + 3;
  const bias = (1n << BigInt(EB - 1)) - 1n;
  const XW = EB + 4; // exponent arithmetic
  const eMin = -(1n << BigInt(p));
  const eMax = (1n << BigInt(p)) - 1n;
  const W = p + 2 ** (p + 1) + 2; // an eMin-scaled significand, with a sign bit to spare
  const field = (x: string, hi: number, lo: number): string => `((_ extract ${hi} ${lo}) ${x})`;
  const m = (x: string): string => field(x, p - 1, 0);
  const e = (x: string): string => field(x, 2 * p, p);
  const s = (x: string): string => field(x, 2 * p + 1, 2 * p + 1);
  const sext = (v: string, from: number, to: number): string => (to === from ? v : `((_ sign_extend ${to - from}) ${v})`);
  const zext = (v: string, from: number, to: number): string => (to === from ? v : `((_ zero_extend ${to - from}) ${v})`);
  const signed = (x: string, mag: string): string => `(ite (= ${s(x)} #b1) (bvneg ${mag}) ${mag})`;
  /** x as a signed integer scaled by 2^-eMin, `width` bits (at least W). */
  const scaled = (x: string, width = W): string => {
    const shift = zext(`(bvsub ${sext(e(x), p + 1, p + 2)} ${bv(eMin, p + 2)})`, p + 2, width);
    return signed(x, `(bvshl ${zext(m(x), p, width)} ${shift})`);
  };
  /** Canonical encodings only: zero is all zeros, other significands have their top bit set. */
  const domain = (sig: Signature): string => {
    const parts = sig.inputs.map((q) => {
      const x = inputName(q);
      return `(ite (= ${m(x)} ${bv(0, p)}) (= ${x} ${bv(0, 2 * p + 2)}) (= ${field(x, p - 1, p - 1)} #b1))`;
    });
    return parts.length === 1 ? parts[0]! : `(and ${parts.join(' ')})`;
  };
  /** Rounds the signed integer V (vw bits) times 2^offset (an XW-bit expression) into our bits. */
  const round = (V: string, offset: string): SmtModelText => {
    const maxE = bv(eMax, p + 1);
    return {
      logic: 'QF_FPBV',
      defs: [
        `(define-fun res_v () (_ FloatingPoint ${EB} ${p}) ((_ to_fp ${EB} ${p}) RNE ${V}))`,
        '(declare-const res_s (_ BitVec 1))',
        `(declare-const res_be (_ BitVec ${EB}))`,
        `(declare-const res_f (_ BitVec ${p - 1}))`,
        '(assert (or (fp.isZero res_v) (= res_v (fp res_s res_be res_f))))',
        `(define-fun res_e () (_ BitVec ${XW}) (bvadd (bvsub ${zext('res_be', EB, XW)} ${bv(bias + BigInt(p - 1), XW)}) ${offset}))`,
      ],
      outputs: [
        `(ite (or (fp.isZero res_v) (bvslt res_e ${bv(eMin, XW)})) ${bv(0, 2 * p + 2)} (ite (bvsgt res_e ${bv(eMax, XW)}) (concat res_s ${maxE} ${bv((1n << BigInt(p)) - 1n, p)}) (concat res_s ((_ extract ${p} 0) res_e) #b1 res_f)))`,
      ],
    };
  };

  return { W, XW, eMin, m, e, s, sext, zext, scaled, domain, round, signed };
}


const withDomain = (t: SmtModelText, d: string): SmtModelText => ({ ...t, domain: d });

/**
 * Cases on the position of the leading one of an unsigned `width`-bit term: zero, each position
 * 0..top, and "some bit above top" (no value in the domain, but the cases must cover all).
 */
function leadSplit(term: string, width: number, top: number): CaseSplit {
  const above = (x: string, t: number): string => (t + 1 >= width ? 'true' : `(= ((_ extract ${width - 1} ${t + 1}) ${x}) ${bv(0, width - t - 1)})`);
  return {
    name: 'lead',
    term,
    width,
    cases: [
      { label: 'none', when: (x) => `(= ${x} ${bv(0, width)})` },
      ...Array.from({ length: top + 1 }, (_, t) => ({ label: `= ${t}`, when: (x: string) => `(and (= ((_ extract ${t} ${t}) ${x}) #b1) ${above(x, t)})` })),
      ...(top + 1 < width ? [{ label: `> ${top}`, when: (x: string) => `(not ${above(x, top)})` }] : []),
    ],
  };
}

/** Cases on a signed `width`-bit term: each value in lo..hi, below lo, above hi. */
function valueSplit(name: string, term: string, width: number, lo: number, hi: number): CaseSplit {
  return {
    name,
    term,
    width,
    cases: [
      { label: `< ${lo}`, when: (x) => `(bvslt ${x} ${bv(lo, width)})` },
      ...Array.from({ length: hi - lo + 1 }, (_, i) => ({ label: `= ${lo + i}`, when: (x: string) => `(= ${x} ${bv(lo + i, width)})` })),
      { label: `> ${hi}`, when: (x) => `(bvsgt ${x} ${bv(hi, width)})` },
    ],
  };
}

/**
 * a + b (or a - b) in a window, the textbook way: X is the operand of larger magnitude, Y is
 * aligned to it (X's significand shifted up by p + 2 guard positions, Y's shifted up by p + 2 - d
 * for d = e_X - e_Y <= p + 2, else replaced by a sticky 1). The window sum rounds to nearest-even
 * exactly like the exact sum (Y below the guard positions only decides ties and direction).
 * An exact eMin-scaled accumulator is also a correct encoding, but Z3 cannot relate its
 * 2^(p+1)-bit shifts to the circuit beyond p = 4.
 *
 * Decomposition: the circuit's tap `mag` (its window sum, 2p + 3 bits) is cut against the
 * window sum without the sticky 1 (`add_win`: the circuit drops Y beyond the window), split on
 * the exponent difference of the inputs (the alignment is then a constant shift); the rest
 * (normalise, round, range: that rounding `add_win` gives the model's rounding of `add_mag`) is
 * split on the position of the leading one of `add_win`.
 */
const floatAddSub = (negate: boolean) => ({ p }: Params, sig: Signature): SmtModelText => {
  const P = p!;
  const f = floats(P);
  const [a, b0] = sig.inputs.map((x) => inputName(x)) as [string, string];
  const G = P + 2;
  const w = 2 * P + G + f.XW; // window, wider than needed (see floatMul)
  // Order by magnitude: biased exponent, then significand; zero lowest.
  const key = (x: string): string => `(ite (= ${f.m(x)} ${bv(0, P)}) ${bv(0, 2 * P + 1)} (concat (bvadd ${f.e(x)} ${bv(1n << BigInt(P), P + 1)}) ${f.m(x)}))`;
  const sB = negate ? `(bvnot ${f.s(b0)})` : f.s(b0);
  const aBig = `(bvuge ${key(a)} ${key(b0)})`;
  const pick = (t: string, u: string): string => `(ite ${aBig} ${t} ${u})`;
  const mX = pick(f.m(a), f.m(b0));
  const mY = pick(f.m(b0), f.m(a));
  const eX = pick(f.e(a), f.e(b0));
  const eY = pick(f.e(b0), f.e(a));
  const sX = pick(f.s(a), sB);
  const sY = pick(sB, f.s(a));
  const d = `(bvsub ${f.sext(eX, P + 1, P + 3)} ${f.sext(eY, P + 1, P + 3)})`;
  const X = `(bvshl ${f.zext(mX, P, w)} ${bv(G, w)})`;
  const yShifted = `(bvlshr (bvshl ${f.zext(mY, P, w)} ${bv(G, w)}) ${f.zext(d, P + 3, w)})`;
  const Y = `(ite (bvule ${d} ${bv(G, P + 3)}) ${yShifted} (ite (= ${mY} ${bv(0, P)}) ${bv(0, w)} ${bv(1, w)}))`;
  const mag = `(ite (= ${sX} ${sY}) (bvadd ${X} ${Y}) (bvsub ${X} ${Y}))`;
  // The circuit's window: Y dropped beyond the guard positions, no sticky (see the construction).
  const yWindow = `(ite (bvule ${d} ${bv(G, P + 3)}) ${yShifted} ${bv(0, w)})`;
  const win = `(ite (= ${sX} ${sY}) (bvadd ${X} ${yWindow}) (bvsub ${X} ${yWindow}))`;
  const V = `(ite (= ${sX} #b1) (bvneg add_mag) add_mag)`;
  const offset = `(bvsub ${f.sext(eX, P + 1, f.XW)} ${bv(G, f.XW)})`;
  const r = f.round(V, offset);
  const top = 2 * P + 2;
  const dInputs = `(bvsub ${f.sext(f.e(a), P + 1, P + 3)} ${f.sext(f.e(b0), P + 1, P + 3)})`;
  return {
    ...r,
    defs: [`(define-fun add_mag () (_ BitVec ${w}) ${mag})`, `(define-fun add_win () (_ BitVec ${w}) ${win})`, ...r.defs],
    domain: f.domain(sig),
    taps: { mag: { term: `((_ extract ${top} 0) add_win)`, split: valueSplit('d', dInputs, P + 3, -G, G) } },
    split: leadSplit('add_win', w, top),
  };
};

/**
 * Cases on the value of bits hi..lo of an input port (its SMT constant): each value one case.
 * A multiplier with some bits of one operand fixed is a much easier query.
 */
function inputBitsSplit(input: string, hi: number, lo: number): CaseSplit {
  const width = hi - lo + 1;
  return {
    name: `${input.replace(/^in_/, '')}[${hi}:${lo}]`,
    term: `((_ extract ${hi} ${lo}) ${input})`,
    width,
    cases: Array.from({ length: 2 ** width }, (_, v) => ({ label: `= ${v}`, when: (x: string) => `(= ${x} ${bv(v, width)})` })),
    byDefault: true,
  };
}

/** Significand bits of b below the leading one the product's cut is split on, by p (none: one query). */
export function mulSplitBits(p: number): number {
  return p >= 10 ? 6 : p >= 8 ? 2 : 0;
}

/**
 * Decomposition: the circuit's tap `prod` (the 2p-bit significand product) is cut against the
 * product. From p = 8 the cut is split on the significand bits of b just below its leading one
 * (`mulSplitBits`). Measured with z3-solver 5.2 (Wasm), one query after another: at p = 10 the cut
 * alone did not finish in 600 s (135 s of CPU by then, a loaded machine); split on 4 bits it took
 * 132 s of CPU in 16 cases (the longest 28 s), on 6 bits 107 s in 64 cases (the longest 7 s),
 * which the cores run side by side; at p = 8, 5.5 s alone, 4.3 s on 2 bits.
 */
function floatMul({ p }: Params, sig: Signature): SmtModelText {
  const P = p!;
  const f = floats(P);
  const [a, b] = sig.inputs.map((x) => inputName(x)) as [string, string];
  // Wider than the product needs: Z3's integer-to-float conversion fails on integers narrower
  // than the exponent field ("invalid extract application").
  const w = 2 * P + f.XW;
  const prod = `(bvmul ${f.zext(f.m(a), P, w)} ${f.zext(f.m(b), P, w)})`;
  const V = `(ite (= (bvxor ${f.s(a)} ${f.s(b)}) #b1) (bvneg mul_prod) mul_prod)`;
  const offset = `(bvadd ${f.sext(f.e(a), P + 1, f.XW)} ${f.sext(f.e(b), P + 1, f.XW)})`;
  const r = f.round(V, offset);
  const k = mulSplitBits(P);
  const split = k > 0 ? { split: inputBitsSplit(b, P - 2, P - 1 - k) } : {};
  return { ...r, defs: [`(define-fun mul_prod () (_ BitVec ${w}) ${prod})`, ...r.defs], domain: f.domain(sig), taps: { prod: { term: `((_ extract ${2 * P - 1} 0) mul_prod)`, ...split } } };
}

/**
 * floor: a float with e >= 0 is an integer already (the result is the input); otherwise
 * |x| < 2^p and floor is the arithmetic shift of the signed significand by -e.
 *
 * Decomposition: the circuit's tap `int` (|floor(a)| for e < 0, else 0: the integer it
 * normalises) is cut against that term; the rest is split on the position of its leading one.
 */
function floatFloor({ p }: Params, sig: Signature): SmtModelText {
  const P = p!;
  const f = floats(P);
  const a = inputName(sig.inputs[0]!);
  const w = P + 2 + f.XW;
  const v = f.signed(a, f.zext(f.m(a), P, w));
  const shift = f.zext(`(bvneg ${f.e(a)})`, P + 1, w);
  const r = f.round('floor_v', bv(0, f.XW));
  const integral = `(bvsge ${f.e(a)} ${bv(0, P + 1)})`;
  const magnitude = `((_ extract ${P - 1} 0) (ite (bvslt floor_v ${bv(0, w)}) (bvneg floor_v) floor_v))`;
  return {
    ...r,
    defs: [`(define-fun floor_v () (_ BitVec ${w}) (bvashr ${v} ${shift}))`, `(define-fun floor_int () (_ BitVec ${P}) (ite ${integral} ${bv(0, P)} ${magnitude}))`, ...r.defs],
    outputs: [`(ite ${integral} ${a} ${r.outputs[0]})`],
    domain: f.domain(sig),
    taps: { int: { term: 'floor_int' } },
    split: leadSplit('floor_int', P, P - 1),
  };
}

/**
 * [a >= b] on sign, exponent and significand: a negative number is below a non-negative one;
 * among non-negatives (zero lowest) compare (e, m) lexicographically; among negatives, reversed.
 */
function floatCompare({ p }: Params, sig: Signature): SmtModelText {
  const P = p!;
  const f = floats(P);
  const [a, b] = sig.inputs.map((x) => inputName(x)) as [string, string];
  const key = (x: string): string => `(ite (= ${f.m(x)} ${bv(0, P)}) ${bv(0, 2 * P + 1)} (concat (bvadd ${f.e(x)} ${bv(1n << BigInt(P), P + 1)}) ${f.m(x)}))`;
  const negA = `(= ${f.s(a)} #b1)`;
  const negB = `(= ${f.s(b)} #b1)`;
  const ge = `(ite (and ${negA} ${negB}) (bvule ${key(a)} ${key(b)}) (ite ${negA} false (ite ${negB} true (bvuge ${key(a)} ${key(b)}))))`;
  return { defs: [], outputs: [`(ite ${ge} #b1 #b0)`], domain: f.domain(sig) };
}

/** The order key of a canonical float's magnitude: zero lowest, then (biased exponent, significand). */
const magnitudeKey = (f: ReturnType<typeof floats>, P: number, x: string): string =>
  `(ite (= ${f.m(x)} ${bv(0, P)}) ${bv(0, 2 * P + 1)} (concat (bvadd ${f.e(x)} ${bv(1n << BigInt(P), P + 1)}) ${f.m(x)}))`;

/**
 * The comparisons lt, le, eq, ne, ge, gt as floats (1 = <2^(p-1), -(p-1)>, else the zero
 * encoding): by sign and the magnitude key, as float.compare; eq is equality of the
 * canonical encodings.
 */
const floatComparison = (op: 'lt' | 'le' | 'eq' | 'ne' | 'ge' | 'gt') => ({ p }: Params, sig: Signature): SmtModelText => {
  const P = p!;
  const f = floats(P);
  const [a, b] = sig.inputs.map((x) => inputName(x)) as [string, string];
  const negA = `(= ${f.s(a)} #b1)`;
  const negB = `(= ${f.s(b)} #b1)`;
  const ge = (x: string, y: string, nx: string, ny: string): string =>
    `(ite (and ${nx} ${ny}) (bvule ${magnitudeKey(f, P, x)} ${magnitudeKey(f, P, y)}) (ite ${nx} false (ite ${ny} true (bvuge ${magnitudeKey(f, P, x)} ${magnitudeKey(f, P, y)}))))`;
  const holds = {
    ge: ge(a, b, negA, negB),
    le: ge(b, a, negB, negA),
    gt: `(not ${ge(b, a, negB, negA)})`,
    lt: `(not ${ge(a, b, negA, negB)})`,
    eq: `(= ${a} ${b})`,
    ne: `(not (= ${a} ${b}))`,
  }[op];
  const one = (1n << BigInt(P - 1)) | ((BigInt(-(P - 1)) + (1n << BigInt(P + 1))) << BigInt(P));
  return { defs: [], outputs: [`(ite ${holds} ${bv(one, 2 * P + 2)} ${bv(0, 2 * P + 2)})`], domain: f.domain(sig) };
};

/** -a (zero stays the zero encoding), max(a, 0), and `c != 0 ? a : b`, on the encodings. */
function floatNeg({ p }: Params, sig: Signature): SmtModelText {
  const f = floats(p!);
  const a = inputName(sig.inputs[0]!);
  return { defs: [], outputs: [`(ite (= ${f.m(a)} ${bv(0, p!)}) ${a} (concat (bvnot ${f.s(a)}) ((_ extract ${2 * p!} 0) ${a})))`], domain: f.domain(sig) };
}
function floatRelu({ p }: Params, sig: Signature): SmtModelText {
  const f = floats(p!);
  const a = inputName(sig.inputs[0]!);
  return { defs: [], outputs: [`(ite (= ${f.s(a)} #b1) ${bv(0, 2 * p! + 2)} ${a})`], domain: f.domain(sig) };
}
function floatSelect({ p }: Params, sig: Signature): SmtModelText {
  const f = floats(p!);
  const [c, a, b] = sig.inputs.map((x) => inputName(x)) as [string, string, string];
  return { defs: [], outputs: [`(ite (= ${f.m(c)} ${bv(0, p!)}) ${b} ${a})`], domain: f.domain(sig) };
}

/** x_0 + ... + x_{k-1}: the exact sum of the scaled integers, rounded once. */
function iterAdd({ p }: Params, sig: Signature): SmtModelText {
  const f = floats(p!);
  const w = f.W + sig.inputs.length.toString(2).length + 1;
  const terms = sig.inputs.map((x) => f.scaled(inputName(x), w));
  return withDomain(f.round(terms.length === 1 ? terms[0]! : `(bvadd ${terms.join(" ")})`, bv(f.eMin, f.XW)), f.domain(sig));
}

const fx = ({ i, f }: Params) => ({ n: i! + f!, f: f! });
const sext = (x: string, by: number): string => (by === 0 ? x : `((_ sign_extend ${by}) ${x})`);
/** Saturate a w-bit two's-complement value to n bits. */
function saturate(v: string, w: number, n: number): string {
  const max = (1n << BigInt(n - 1)) - 1n;
  const min = -(1n << BigInt(n - 1));
  return `(ite (bvsgt ${v} ${bv(max, w)}) ${bv(max, n)} (ite (bvslt ${v} ${bv(min, w)}) ${bv(min, n)} ((_ extract ${n - 1} 0) ${v})))`;
}

function fixedMul(round: 'even' | 'floor') {
  return (params: Params, sig: Signature): SmtModelText => {
    const { n, f } = fx(params);
    const [x, y] = sig.inputs.map(inputName) as [string, string];
    const W = 2 * n + 1;
    const prod = `(bvmul ${sext(x, W - n)} ${sext(y, W - n)})`;
    const q = `(bvashr prod ${bv(f, W)})`;
    if (round === 'floor' || f === 0) return { defs: [`(define-fun prod () (_ BitVec ${W}) ${prod})`], outputs: [saturate(q, W, n)] };
    const rem = `((_ extract ${f - 1} 0) prod)`;
    const half = bv(1n << BigInt(f - 1), f);
    const up = `(or (bvugt ${rem} ${half}) (and (= ${rem} ${half}) (= ((_ extract 0 0) q) #b1)))`;
    return {
      defs: [`(define-fun prod () (_ BitVec ${W}) ${prod})`, `(define-fun q () (_ BitVec ${W}) ${q})`],
      outputs: [saturate(`(ite ${up} (bvadd q ${bv(1, W)}) q)`, W, n)],
    };
  };
}

export const FLOAT_SMT_MODELS: ReadonlyArray<readonly [string, (params: Params, sig: Signature) => SmtModelText]> = [
  ['float.add', floatAddSub(false)],
  ['float.sub', floatAddSub(true)],
  ['float.mul', floatMul],
  ['float.floor', floatFloor],
  ['float.compare', floatCompare],
  ['float.lt', floatComparison('lt')],
  ['float.le', floatComparison('le')],
  ['float.eq', floatComparison('eq')],
  ['float.ne', floatComparison('ne')],
  ['float.ge', floatComparison('ge')],
  ['float.gt', floatComparison('gt')],
  ['float.neg', floatNeg],
  ['float.relu', floatRelu],
  ['float.select', floatSelect],
  ['float.iter-add', iterAdd],
  ['fixed.add', (params, sig) => {
    const { n } = fx(params);
    const [x, y] = sig.inputs.map(inputName) as [string, string];
    return { defs: [], outputs: [saturate(`(bvadd ${sext(x, 1)} ${sext(y, 1)})`, n + 1, n)] };
  }],
  ['fixed.sub', (params, sig) => {
    const { n } = fx(params);
    const [x, y] = sig.inputs.map(inputName) as [string, string];
    return { defs: [], outputs: [saturate(`(bvsub ${sext(x, 1)} ${sext(y, 1)})`, n + 1, n)] };
  }],
  ['fixed.compare', (_p, sig) => ({ defs: [], outputs: [`(ite (bvsge ${sig.inputs.map(inputName).join(' ')}) #b1 #b0)`] })],
  ['fixed.mul', fixedMul('even')],
  ['fixed.mul-trunc', fixedMul('floor')],
];
