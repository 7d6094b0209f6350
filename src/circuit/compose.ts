/**
 * Circuits inside circuits: `instantiate` copies a circuit's gates into a builder, reading the
 * given signals as its inputs. Copies go through `threshold`, so constant inputs (hard-wired
 * weights) fold away and the copy can be much smaller than the original.
 */
import { type CircuitBuilder, FALSE, type Signal, TRUE } from './builder.js';
import { type Circuit, FALSE_WIRE, FIRST_INPUT_WIRE, TRUE_WIRE } from './ir.js';

/** Output signals (all ports, flattened) of `c` on `inputs` (all input bits, flattened). */
export function instantiate(b: CircuitBuilder, c: Circuit, inputs: readonly Signal[]): Signal[] {
  if (inputs.length !== c.numInputs) throw new RangeError(`instantiate: ${inputs.length} input signals for ${c.numInputs} inputs`);
  const map: Signal[] = new Array(c.numWires);
  map[FALSE_WIRE] = FALSE;
  map[TRUE_WIRE] = TRUE;
  for (let i = 0; i < c.numInputs; i++) map[FIRST_INPUT_WIRE + i] = inputs[i]!;
  for (let g = 0; g < c.numGates; g++) map[c.gateWire(g)] = b.threshold(c.fanin(g).map(([w, x]) => [map[w]!, x] as const), c.thresholds[g]!);
  return c.outputs.flatMap((p) => p.wires.map((w) => map[w]!));
}
