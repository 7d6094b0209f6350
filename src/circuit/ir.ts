/**
 * The threshold-circuit IR.
 *
 * Wires are numbered: 0 is constant false, 1 is constant true, then the input bits, then one
 * wire per gate in topological order (a gate reads only lower-numbered wires). Every gate is a
 * weighted threshold gate `[sum_i w_i * x_i >= T]` with integer (BigInt) weights and threshold;
 * AND, OR, NOT and MAJORITY are the special cases `classifyGate` names.
 *
 * Ports group wires into little-endian bit vectors (`wires[0]` is the least significant bit), so
 * a circuit's inputs and outputs line up with a model's signature port by port.
 */
import { METRIC_CEILING } from '../core/fit.js';

export const FALSE_WIRE = 0;
export const TRUE_WIRE = 1;
export const FIRST_INPUT_WIRE = 2;

export interface Port {
  readonly name: string;
  /** Little-endian: `wires[0]` carries bit 0. */
  readonly wires: readonly number[];
}

/** Port names and widths: what a model and a circuit must agree on. */
export interface PortShape {
  readonly name: string;
  readonly width: number;
}

export interface Signature {
  readonly inputs: readonly PortShape[];
  readonly outputs: readonly PortShape[];
}

/**
 * A named group of internal signals (little-endian), kept so that a proof can be cut there
 * (`gen/smt`: first the tap equals a model-side term, then the outputs follow from that term).
 * Each bit is a wire w >= 0, or -(w + 1) for its negation. A tap is not an output: it adds no
 * gate and no metric counts it.
 */
export interface Tap {
  readonly name: string;
  readonly bits: readonly number[];
}

export class Circuit {
  constructor(
    /** Number of input bits (wires 2 .. 2 + numInputs - 1). */
    readonly numInputs: number,
    /** Fan-in of gate g is `faninWires[gateStart[g] .. gateStart[g + 1])`. */
    readonly gateStart: Int32Array,
    readonly faninWires: Int32Array,
    readonly faninWeights: readonly bigint[],
    readonly thresholds: readonly bigint[],
    readonly inputs: readonly Port[],
    readonly outputs: readonly Port[],
    readonly taps: readonly Tap[] = [],
  ) {
    // Wire numbers and fan-in offsets are Int32: so no size, depth or fan-in reaches the ceiling
    // (the spec rule bound-can-fail relies on it).
    if (FIRST_INPUT_WIRE + numInputs + thresholds.length > METRIC_CEILING || faninWires.length > METRIC_CEILING)
      throw new RangeError(`a circuit of ${thresholds.length} gates and ${faninWires.length} fan-in wires is beyond the 2^31 - 1 wires the IR numbers`);
  }

  get numGates(): number {
    return this.thresholds.length;
  }
  get numWires(): number {
    return FIRST_INPUT_WIRE + this.numInputs + this.numGates;
  }
  /** Wire number of gate g. */
  gateWire(g: number): number {
    return FIRST_INPUT_WIRE + this.numInputs + g;
  }
  /** Gate index of a wire, or -1 for constants and inputs. */
  wireGate(w: number): number {
    const g = w - FIRST_INPUT_WIRE - this.numInputs;
    return g >= 0 ? g : -1;
  }
  signature(): Signature {
    const shape = (p: Port): PortShape => ({ name: p.name, width: p.wires.length });
    return { inputs: this.inputs.map(shape), outputs: this.outputs.map(shape) };
  }
  /** Fan-in of gate g as (wire, weight) pairs. */
  fanin(g: number): Array<[number, bigint]> {
    const out: Array<[number, bigint]> = [];
    for (let i = this.gateStart[g]!; i < this.gateStart[g + 1]!; i++) out.push([this.faninWires[i]!, this.faninWeights[i]!]);
    return out;
  }
}

export type GateKind = 'AND' | 'OR' | 'NOT' | 'MAJ' | 'THR';

/** The familiar name of a threshold gate, for reports and Lean/SMT comments. */
export function classifyGate(c: Circuit, g: number): GateKind {
  const fanin = c.fanin(g);
  const t = c.thresholds[g]!;
  if (fanin.length === 1 && fanin[0]![1] === -1n && t === 0n) return 'NOT';
  if (fanin.every(([, w]) => w === 1n)) {
    const n = BigInt(fanin.length);
    if (t === n) return 'AND';
    if (t === 1n) return 'OR';
    if (t === (n + 1n) / 2n) return 'MAJ';
  }
  return 'THR';
}
