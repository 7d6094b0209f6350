/**
 * Building circuits. A `Signal` is a wire or its negation; negation costs nothing because a
 * consumer absorbs it into its weights (`w * not x = w - w * x`). The builder folds constants,
 * merges repeated inputs, and removes gates that are constant or equal to one of their inputs,
 * so constructions can be written plainly without inflating depth or size.
 *
 * @example
 * const b = new CircuitBuilder();
 * const [x, y] = b.input('a', 2);
 * b.output('and', [b.and([x!, y!])]);
 * const c = b.finish();
 */
import { InternalError } from '../core/errors.js';
import { Circuit, FALSE_WIRE, FIRST_INPUT_WIRE, type Port, type Tap, TRUE_WIRE } from './ir.js';

/** A wire (>= 0) or the negation of wire w, encoded as `-(w + 1)`. */
export type Signal = number;

export const FALSE: Signal = FALSE_WIRE;
export const TRUE: Signal = TRUE_WIRE;

export function not(s: Signal): Signal {
  if (s === FALSE) return TRUE;
  if (s === TRUE) return FALSE;
  return -s - 1;
}

export function isNegated(s: Signal): boolean {
  return s < 0;
}

/** The wire a signal reads. */
export function wireOf(s: Signal): number {
  return s < 0 ? -s - 1 : s;
}

export type Weight = bigint | number;
export type Term = readonly [Signal, Weight];

export interface FinishOptions {
  /** Drop gates no output depends on (default true). Keep them to compare gate indices exactly. */
  readonly prune?: boolean;
}

export interface BuilderOptions {
  /** Reuse an existing gate with the same inputs, weights and threshold instead of adding a copy. */
  readonly share?: boolean;
}

export class CircuitBuilder {
  private readonly shared: Map<string, number> | undefined;
  private readonly inputPorts: Port[] = [];
  private readonly outputPorts: Port[] = [];
  private readonly tapList: Tap[] = [];
  private inputCount = 0;
  private gatesStarted = false;
  private readonly starts: number[] = [0];
  private readonly fwires: number[] = [];
  private readonly fweights: bigint[] = [];
  private readonly thresholds: bigint[] = [];

  constructor(opts: BuilderOptions = {}) {
    this.shared = opts.share ? new Map() : undefined;
  }

  /** Declares an input port of `width` bits; all inputs must be declared before the first gate. */
  input(name: string, width: number): Signal[] {
    if (this.gatesStarted) throw new InternalError(`input '${name}' declared after the first gate`);
    if (this.inputPorts.some((p) => p.name === name)) throw new InternalError(`duplicate input port '${name}'`);
    const wires = Array.from({ length: width }, (_, i) => FIRST_INPUT_WIRE + this.inputCount + i);
    this.inputCount += width;
    this.inputPorts.push({ name, wires });
    return wires;
  }

  /** Number of gates created so far. */
  get size(): number {
    return this.thresholds.length;
  }

  /**
   * `[sum w_i * s_i >= t]`. Returns a constant or an existing signal when the gate would be
   * trivial, otherwise a new gate.
   */
  threshold(terms: readonly Term[], t: Weight): Signal {
    let thr = BigInt(t);
    const merged = new Map<number, bigint>();
    for (const [s, w0] of terms) {
      const w = BigInt(w0);
      if (w === 0n || s === FALSE) continue;
      if (s === TRUE) {
        thr -= w;
        continue;
      }
      if (s < 0) {
        // w * (1 - x) = w - w * x
        thr -= w;
        const x = -s - 1;
        merged.set(x, (merged.get(x) ?? 0n) - w);
      } else {
        merged.set(s, (merged.get(s) ?? 0n) + w);
      }
    }
    let lo = 0n;
    let hi = 0n;
    const fan: Array<[number, bigint]> = [];
    for (const [x, w] of merged) {
      if (w === 0n) continue;
      fan.push([x, w]);
      if (w > 0n) hi += w;
      else lo += w;
    }
    if (thr <= lo) return TRUE;
    if (thr > hi) return FALSE;
    if (fan.length === 1) {
      // [w x >= t] with lo < t <= hi is x itself (w > 0) or not x (w < 0).
      const [x, w] = fan[0]!;
      return w > 0n ? x : not(x);
    }
    fan.sort((a, b) => a[0] - b[0]);
    if (!this.shared) return this.rawGate(fan, thr);
    const key = `${thr}|${fan.join(';')}`;
    let wire = this.shared.get(key);
    if (wire === undefined) this.shared.set(key, (wire = this.rawGate(fan, thr)));
    return wire;
  }

  /**
   * Adds a gate exactly as given (no folding): for constructions whose gate list must match a
   * local description index by index, and for deliberately wrong mutants.
   */
  rawGate(fan: ReadonlyArray<readonly [number, bigint]>, thr: bigint): number {
    this.gatesStarted = true;
    const wire = FIRST_INPUT_WIRE + this.inputCount + this.thresholds.length;
    for (const [x, w] of fan) {
      if (x < 0 || x >= wire) throw new InternalError(`gate ${this.thresholds.length} reads wire ${x} which is not before it`);
      this.fwires.push(x);
      this.fweights.push(w);
    }
    this.thresholds.push(thr);
    this.starts.push(this.fwires.length);
    return wire;
  }

  and(xs: readonly Signal[]): Signal {
    return this.threshold(
      xs.map((x) => [x, 1] as const),
      xs.length,
    );
  }
  or(xs: readonly Signal[]): Signal {
    return this.threshold(
      xs.map((x) => [x, 1] as const),
      1,
    );
  }
  /** At least k of xs. */
  atLeast(xs: readonly Signal[], k: number): Signal {
    return this.threshold(
      xs.map((x) => [x, 1] as const),
      k,
    );
  }
  /** `sel ? a : b` in depth 2 (one AND-like gate per branch, then an OR). */
  mux(sel: Signal, a: Signal, b: Signal): Signal {
    if (a === b) return a;
    return this.or([this.and([sel, a]), this.and([not(sel), b])]);
  }
  /** a XOR b in depth 2. */
  xor(a: Signal, b: Signal): Signal {
    return this.or([this.and([a, not(b)]), this.and([not(a), b])]);
  }

  /** Declares an output port; negated signals get an explicit NOT gate. */
  output(name: string, signals: readonly Signal[]): void {
    if (this.outputPorts.some((p) => p.name === name)) throw new InternalError(`duplicate output port '${name}'`);
    const wires = signals.map((s) => (s >= 0 ? s : this.rawGate([[-s - 1, -1n]], 0n)));
    this.outputPorts.push({ name, wires });
  }

  /** Names internal signals as a tap (see `Tap`): a place where a decomposed proof may cut. */
  tap(name: string, signals: readonly Signal[]): void {
    if (this.tapList.some((t) => t.name === name)) throw new InternalError(`duplicate tap '${name}'`);
    this.tapList.push({ name, bits: signals.slice() });
  }

  finish(opts: FinishOptions = {}): Circuit {
    const c = new Circuit(
      this.inputCount,
      Int32Array.from(this.starts),
      Int32Array.from(this.fwires),
      this.fweights.slice(),
      this.thresholds.slice(),
      this.inputPorts.slice(),
      this.outputPorts.slice(),
      this.tapList.slice(),
    );
    return opts.prune === false ? c : prune(c);
  }
}

/** Removes gates that no output depends on, keeping the order of the rest. */
export function prune(c: Circuit): Circuit {
  const live = new Uint8Array(c.numGates);
  const stack: number[] = [];
  for (const p of c.outputs) for (const w of p.wires) stack.push(w);
  while (stack.length > 0) {
    const g = c.wireGate(stack.pop()!);
    if (g < 0 || live[g]) continue;
    live[g] = 1;
    for (let i = c.gateStart[g]!; i < c.gateStart[g + 1]!; i++) stack.push(c.faninWires[i]!);
  }
  if (live.every((x) => x === 1)) return c;
  const base = FIRST_INPUT_WIRE + c.numInputs;
  const remap = new Int32Array(c.numWires);
  for (let w = 0; w < base; w++) remap[w] = w;
  const starts = [0];
  const fw: number[] = [];
  const fwt: bigint[] = [];
  const th: bigint[] = [];
  for (let g = 0; g < c.numGates; g++) {
    if (!live[g]) continue;
    remap[base + g] = base + th.length;
    for (let i = c.gateStart[g]!; i < c.gateStart[g + 1]!; i++) {
      fw.push(remap[c.faninWires[i]!]!);
      fwt.push(c.faninWeights[i]!);
    }
    th.push(c.thresholds[g]!);
    starts.push(fw.length);
  }
  const mapPort = (p: Port): Port => ({ name: p.name, wires: p.wires.map((w) => remap[w]!) });
  // A tap on a removed gate is dropped (nothing the outputs depend on passes through it).
  const alive = (w: number): boolean => c.wireGate(w) < 0 || live[c.wireGate(w)] === 1;
  const taps = c.taps
    .filter((t) => t.bits.every((s) => alive(wireOf(s))))
    .map((t) => ({ name: t.name, bits: t.bits.map((s) => (s < 0 ? -remap[wireOf(s)]! - 1 : remap[s]!)) }));
  return new Circuit(c.numInputs, Int32Array.from(starts), Int32Array.from(fw), fwt, th, c.inputs, c.outputs.map(mapPort), taps);
}
