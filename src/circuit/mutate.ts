/**
 * Circuit-level mutants (`tc0 mutate`): one small change to one gate of a built circuit, the kind
 * of slip a construction can make (a weight's sign, a weight or threshold off by one, an input
 * dropped, duplicated or swapped with another, a gate replaced by a constant). Pure: a mutation
 * is data, applying it gives a new circuit with the same wires and ports.
 *
 * Gates are compared in a normal form (fan-in merged by wire and sorted, zero weights dropped), so
 * a mutation that changes nothing (swapping two inputs of equal weight) is never offered, and
 * `sameNetlist` recognises circuits that differ only in the order of fan-in lists.
 */
import { Circuit } from './ir.js';

export const MUTATION_OPERATORS = ['negate-weight', 'weight+1', 'weight-1', 'threshold+1', 'threshold-1', 'drop-input', 'duplicate-input', 'swap-inputs', 'constant-0', 'constant-1'] as const;
export type MutationOperator = (typeof MUTATION_OPERATORS)[number];

/** One change to gate `gate` (an index into the circuit's gate list). */
export interface CircuitMutation {
  readonly gate: number;
  readonly op: MutationOperator;
  /** The fan-in position it acts on (weight and input operators). */
  readonly slot?: number;
  /** The second fan-in position (`swap-inputs`). */
  readonly other?: number;
}

/** A gate as a sorted list of (wire, weight) with distinct wires and no zero weight, and its threshold. */
export function normalGate(fan: ReadonlyArray<readonly [number, bigint]>, t: bigint): { fan: Array<[number, bigint]>; t: bigint } {
  const merged = new Map<number, bigint>();
  for (const [w, x] of fan) merged.set(w, (merged.get(w) ?? 0n) + x);
  return { fan: [...merged].filter(([, x]) => x !== 0n).sort((a, b) => a[0] - b[0]), t };
}

export const gateKey = (g: { fan: ReadonlyArray<readonly [number, bigint]>; t: bigint }): string => `${g.t}|${g.fan.map(([w, x]) => `${w}:${x}`).join(',')}`;

/** The mutated fan-in and threshold of one gate. */
function mutatedGate(fan: ReadonlyArray<readonly [number, bigint]>, t: bigint, m: CircuitMutation): { fan: Array<[number, bigint]>; t: bigint } {
  const f = fan.map(([w, x]) => [w, x] as [number, bigint]);
  const s = m.slot ?? 0;
  switch (m.op) {
    case 'negate-weight':
      f[s]![1] = -f[s]![1];
      return { fan: f, t };
    case 'weight+1':
      f[s]![1] += 1n;
      return { fan: f, t };
    case 'weight-1':
      f[s]![1] -= 1n;
      return { fan: f, t };
    case 'threshold+1':
      return { fan: f, t: t + 1n };
    case 'threshold-1':
      return { fan: f, t: t - 1n };
    case 'drop-input':
      f.splice(s, 1);
      return { fan: f, t };
    case 'duplicate-input':
      f.push([f[s]![0], f[s]![1]]);
      return { fan: f, t };
    case 'swap-inputs': {
      const o = m.other ?? 0;
      const w = f[s]![1];
      f[s]![1] = f[o]![1];
      f[o]![1] = w;
      return { fan: f, t };
    }
    case 'constant-0':
      return { fan: [], t: 1n };
    case 'constant-1':
      return { fan: [], t: 0n };
  }
}

/**
 * Every mutation of gate g that changes the gate (in normal form), in a fixed order. Swaps are
 * offered for neighbouring fan-in positions only, so the list stays linear in the fan-in.
 */
export function gateMutations(c: Circuit, g: number): CircuitMutation[] {
  const fan = c.fanin(g);
  const t = c.thresholds[g]!;
  const before = gateKey(normalGate(fan, t));
  const out: CircuitMutation[] = [];
  const offer = (m: CircuitMutation): void => {
    const after = mutatedGate(fan, t, m);
    if (gateKey(normalGate(after.fan, after.t)) !== before) out.push(m);
  };
  for (const op of ['threshold+1', 'threshold-1', 'constant-0', 'constant-1'] as const) offer({ gate: g, op });
  for (let s = 0; s < fan.length; s++) {
    for (const op of ['negate-weight', 'weight+1', 'weight-1', 'drop-input', 'duplicate-input'] as const) offer({ gate: g, op, slot: s });
    if (s + 1 < fan.length) offer({ gate: g, op: 'swap-inputs', slot: s, other: s + 1 });
  }
  return out;
}

/** The circuit with one gate changed; wires, ports and every other gate stay as they are. */
export function applyMutation(c: Circuit, m: CircuitMutation): Circuit {
  if (m.gate < 0 || m.gate >= c.numGates) throw new RangeError(`mutation of gate ${m.gate}: the circuit has ${c.numGates} gates`);
  const starts: number[] = [0];
  const wires: number[] = [];
  const weights: bigint[] = [];
  const thresholds = c.thresholds.slice();
  for (let g = 0; g < c.numGates; g++) {
    const fan = g === m.gate ? mutatedGate(c.fanin(g), c.thresholds[g]!, m) : undefined;
    if (fan) {
      thresholds[g] = fan.t;
      for (const [w, x] of fan.fan) {
        wires.push(w);
        weights.push(x);
      }
    } else
      for (let i = c.gateStart[g]!; i < c.gateStart[g + 1]!; i++) {
        wires.push(c.faninWires[i]!);
        weights.push(c.faninWeights[i]!);
      }
    starts.push(wires.length);
  }
  return new Circuit(c.numInputs, Int32Array.from(starts), Int32Array.from(wires), weights, thresholds, c.inputs, c.outputs);
}

/** In words, for reports: `gate 17 (wire 41): weight of input 2 (wire 5) 4 -> 5`. */
export function describeMutation(c: Circuit, m: CircuitMutation): string {
  const fan = c.fanin(m.gate);
  const t = c.thresholds[m.gate]!;
  const terms = fan.map(([w, x]) => `${x}*w${w}`);
  const shown = terms.length <= 6 ? terms.join(' + ') : `${terms.slice(0, 4).join(' + ')} + ... + ${terms[terms.length - 1]} (${terms.length} inputs)`;
  const at = `gate ${m.gate} (wire ${c.gateWire(m.gate)}, [${shown} >= ${t}])`;
  const input = (s: number): string => `input ${s} (wire ${fan[s]![0]}, weight ${fan[s]![1]})`;
  switch (m.op) {
    case 'negate-weight':
      return `${at}: sign of ${input(m.slot!)} flipped`;
    case 'weight+1':
    case 'weight-1':
      return `${at}: weight of ${input(m.slot!)} ${m.op === 'weight+1' ? '+' : '-'}1`;
    case 'threshold+1':
    case 'threshold-1':
      return `${at}: threshold ${m.op === 'threshold+1' ? '+' : '-'}1`;
    case 'drop-input':
      return `${at}: ${input(m.slot!)} dropped`;
    case 'duplicate-input':
      return `${at}: ${input(m.slot!)} duplicated`;
    case 'swap-inputs':
      return `${at}: weights of ${input(m.slot!)} and ${input(m.other!)} swapped`;
    case 'constant-0':
    case 'constant-1':
      return `${at}: replaced by constant ${m.op.slice(-1)}`;
  }
}

/** Whether two circuits have the same ports and the same gates (fan-in compared in normal form). */
export function sameNetlist(a: Circuit, b: Circuit): boolean {
  if (a.numInputs !== b.numInputs || a.numGates !== b.numGates) return false;
  const ports = (x: Circuit): string => JSON.stringify([x.inputs, x.outputs]);
  if (ports(a) !== ports(b)) return false;
  for (let g = 0; g < a.numGates; g++) if (gateKey(normalGate(a.fanin(g), a.thresholds[g]!)) !== gateKey(normalGate(b.fanin(g), b.thresholds[g]!))) return false;
  return true;
}
