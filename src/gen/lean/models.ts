/**
 * The models in Lean: for each model, the bits it expects as a Lean expression over binders
 * for the input ports. Together with `decide` these are an independent statement of the
 * semantics (the TypeScript model is checked against the same circuit by evaluation).
 */
import type { Params } from '../../core/params.js';
import type { Signature } from '../../circuit/ir.js';
import type { LeanModelText } from './emit.js';

export type LeanModelEncoder = (params: Params, sig: Signature) => LeanModelText;

/** Binders `∀ a : Fin 2^w, ...` and the input number for the signature's input ports. */
function inputs(sig: Signature): { binders: string; input: string; vars: string[] } {
  let shift = 0n;
  const terms: string[] = [];
  const vars = sig.inputs.map((p) => `i_${p.name}`);
  sig.inputs.forEach((p, i) => {
    terms.push(shift === 0n ? `${vars[i]}.val` : `${1n << shift} * ${vars[i]}.val`);
    shift += BigInt(p.width);
  });
  return { binders: sig.inputs.map((p, i) => `∀ ${vars[i]} : Fin ${1n << BigInt(p.width)},`).join(' '), input: terms.join(' + '), vars };
}

const arith = (f: (vars: string[], params: Params, sig: Signature) => string): LeanModelEncoder => (params, sig) => {
  const { binders, input, vars } = inputs(sig);
  return { binders, input, expected: f(vars.map((v) => `${v}.val`), params, sig) };
};

const width = (sig: Signature): number => sig.outputs[0]!.width;

/** The two's-complement reading of an n-bit value, as a Lean Int expression. */
const signed = (v: string, n: number): string => `(if ${v} ≥ ${2n ** BigInt(n - 1)} then (${v} : Int) - ${2n ** BigInt(n)} else (${v} : Int))`;
/** Saturate an Int to n bits and give its two's-complement bits. */
const saturatedBits = (x: string, n: number): string =>
  `bits ((max (-${2n ** BigInt(n - 1)}) (min ${2n ** BigInt(n - 1) - 1n} (${x}))) % ${2n ** BigInt(n)}).toNat ${n}`;
const fixedN = ({ i, f }: Params): number => i! + f!;

export const LEAN_MODELS: ReadonlyMap<string, LeanModelEncoder> = new Map<string, LeanModelEncoder>([
  ['int.add', arith((v, _p, sig) => `bits (${v.join(' + ')}) ${width(sig)}`)],
  ['int.compare', arith(([a, b]) => `[decide (${b} ≤ ${a})]`)],
  ['int.mul', arith((v, _p, sig) => `bits (${v.join(' * ')}) ${width(sig)}`)],
  ['int.iter-add', arith((v, _p, sig) => `bits (${v.join(' + ')}) ${width(sig)}`)],
  ['fixed.add', arith(([x, y], p) => saturatedBits(`${signed(x!, fixedN(p))} + ${signed(y!, fixedN(p))}`, fixedN(p)))],
  ['fixed.compare', arith(([x, y], p) => `[decide (${signed(y!, fixedN(p))} ≤ ${signed(x!, fixedN(p))})]`)],
]);
