import { type Circuit, FIRST_INPUT_WIRE, type Signature } from './ir.js';

/**
 * Structural problems of a circuit (empty when it is well formed): gates read only earlier
 * wires (so the circuit is acyclic), fan-in arrays are consistent, ports are in range, port
 * names are unique.
 */
export function validateCircuit(c: Circuit): string[] {
  const problems: string[] = [];
  if (c.gateStart.length !== c.numGates + 1) problems.push('gateStart has the wrong length');
  if (c.faninWeights.length !== c.faninWires.length) problems.push('fan-in wires and weights differ in length');
  for (let g = 0; g < c.numGates && problems.length < 20; g++) {
    const own = c.gateWire(g);
    const s = c.gateStart[g]!;
    const e = c.gateStart[g + 1]!;
    if (e < s) problems.push(`gate ${g}: negative fan-in`);
    for (let i = s; i < e; i++) {
      const w = c.faninWires[i]!;
      if (w < 0 || w >= own) problems.push(`gate ${g} (wire ${own}) reads wire ${w}: not an earlier wire (cycle or forward reference)`);
    }
  }
  let inputBits = 0;
  const seen = new Set<string>();
  for (const p of c.inputs) {
    if (seen.has(`in:${p.name}`)) problems.push(`duplicate input port ${p.name}`);
    seen.add(`in:${p.name}`);
    for (const w of p.wires)
      if (w < FIRST_INPUT_WIRE || w >= FIRST_INPUT_WIRE + c.numInputs) problems.push(`input port ${p.name} uses non-input wire ${w}`);
    inputBits += p.wires.length;
  }
  if (inputBits !== c.numInputs) problems.push(`input ports cover ${inputBits} bits but the circuit has ${c.numInputs}`);
  for (const p of c.outputs) {
    if (seen.has(`out:${p.name}`)) problems.push(`duplicate output port ${p.name}`);
    seen.add(`out:${p.name}`);
    for (const w of p.wires) if (w < 0 || w >= c.numWires) problems.push(`output port ${p.name} uses unknown wire ${w}`);
  }
  return problems;
}

/** Differences between what a circuit offers and what a model expects, port by port. */
export function signatureMismatch(circuit: Signature, model: Signature): string[] {
  const out: string[] = [];
  const cmp = (kind: string, a: Signature['inputs'], b: Signature['inputs']): void => {
    const show = (ps: Signature['inputs']): string => ps.map((p) => `${p.name}:${p.width}`).join(', ');
    if (a.length !== b.length || a.some((p, i) => p.name !== b[i]!.name || p.width !== b[i]!.width))
      out.push(`${kind} ports differ: circuit has (${show(a)}), model has (${show(b)})`);
  };
  cmp('input', circuit.inputs, model.inputs);
  cmp('output', circuit.outputs, model.outputs);
  return out;
}
