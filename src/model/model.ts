import type { Params } from '../core/params.js';
import type { Counterexample } from '../core/verdict.js';
import type { Signature } from '../circuit/ir.js';
import type { Rng } from './rng.js';

/**
 * An exact reference semantics (BigInt / rationals, never JS floats) over bit-vector ports.
 * A spec pairs a construction with a model: the circuit is correct when, on every input in the
 * model's domain, its output ports equal the model's.
 */
export interface Model {
  /** Registered name, e.g. `int.add`. */
  readonly name: string;
  readonly description: string;
  /** Port names and widths for concrete parameters. */
  signature(params: Params): Signature;
  /**
   * Inputs the claim is about; default every bit pattern. Floats use it to exclude
   * non-canonical encodings (e.g. a zero with a non-zero exponent).
   */
  domain?(inputs: readonly bigint[], params: Params): boolean;
  /** Output port values for input port values (unsigned bit patterns). */
  evaluate(inputs: readonly bigint[], params: Params): bigint[];
  /** The model's reading of a port value (a signed integer, a float, ...), for reports. */
  show?(port: string, value: bigint, params: Params): string;
  /** A random input inside the domain, for sampling when the domain is a small part of all patterns. */
  sample?(rng: Rng, params: Params): bigint[];
  /**
   * A structured input inside the domain (operands equal or one apart, carry chains, extremes:
   * see `model/structured.ts`), drawn for a fixed share of the samples. Without it a model with
   * neither `sample` nor `domain` gets structured words on its ports; any other gets none.
   */
  structured?(rng: Rng, params: Params): bigint[];
}

/** What a property check found for one parameter instance. */
export type PropertyResult =
  | { readonly holds: true; readonly cases: number; readonly exhaustive: boolean; readonly note?: string; readonly table?: readonly PropertyRow[] }
  | { readonly holds: false; readonly cases: number; readonly exhaustive: boolean; readonly counterexample: Counterexample; readonly table?: readonly PropertyRow[] };

/** A property that fails: the case, in words (and where, when a parameter says it). */
export function fails(
  cases: number,
  note: string,
  more: { exhaustive?: boolean; inputs?: Counterexample['inputs']; params?: Readonly<Record<string, number>>; table?: readonly PropertyRow[] } = {},
): PropertyResult {
  return {
    holds: false,
    cases,
    exhaustive: more.exhaustive ?? true,
    counterexample: { inputs: more.inputs ?? {}, note, ...(more.params ? { params: more.params } : {}) },
    ...(more.table ? { table: more.table } : {}),
  };
}

/** A row of measured numbers a property reports (e.g. the worst relative error at one p). */
export type PropertyRow = Readonly<Record<string, string | number>>;

export interface PropertyContext {
  /** Largest number of input bits to enumerate exhaustively. */
  readonly budgetBits: number;
  /** Samples to draw where exhaustive enumeration is out of budget. */
  readonly samples: number;
  readonly seed: number;
}

/**
 * A registered check on models (and circuits) that is not a circuit-vs-model equivalence:
 * the float model against a rational reference, the Kronecker identities, a Barrington program
 * against its formula, a family's local description against the generated circuit.
 */
/** A parameter a property reads: what it means and the integers it accepts (min..max). */
export interface PropertyParam {
  readonly description: string;
  readonly min: number;
  readonly max?: number;
}

export interface Property {
  readonly name: string;
  readonly description: string;
  /** Every parameter it reads: a check must give exactly these (a misspelt one is a spec error). */
  readonly params: Readonly<Record<string, PropertyParam>>;
  check(params: Params, ctx: PropertyContext): PropertyResult;
}
