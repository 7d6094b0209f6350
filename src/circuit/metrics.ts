import type { MetricsSummary } from '../core/verdict.js';
import { type Circuit, FIRST_INPUT_WIRE } from './ir.js';

/** Depth (longest gate path; inputs and constants have depth 0), size and weight measures. */
export interface Metrics {
  readonly depth: number;
  /** Number of gates. */
  readonly size: number;
  readonly maxFanIn: number;
  /** Largest |weight| or |threshold| of any gate. */
  readonly maxWeight: bigint;
  /** Number of wires into gates (the total fan-in). */
  readonly wires: number;
}

/** Depth of every wire (0 for constants and inputs). */
export function wireDepths(c: Circuit): Int32Array {
  const depth = new Int32Array(c.numWires);
  const base = FIRST_INPUT_WIRE + c.numInputs;
  for (let g = 0; g < c.numGates; g++) {
    let d = 0;
    for (let i = c.gateStart[g]!; i < c.gateStart[g + 1]!; i++) d = Math.max(d, depth[c.faninWires[i]!]!);
    depth[base + g] = d + 1;
  }
  return depth;
}

export function measure(c: Circuit): Metrics {
  const depths = wireDepths(c);
  let depth = 0;
  for (const p of c.outputs) for (const w of p.wires) depth = Math.max(depth, depths[w]!);
  let maxFanIn = 0;
  let maxWeight = 0n;
  for (let g = 0; g < c.numGates; g++) {
    maxFanIn = Math.max(maxFanIn, c.gateStart[g + 1]! - c.gateStart[g]!);
    const t = c.thresholds[g]!;
    if ((t < 0n ? -t : t) > maxWeight) maxWeight = t < 0n ? -t : t;
  }
  for (const w of c.faninWeights) if ((w < 0n ? -w : w) > maxWeight) maxWeight = w < 0n ? -w : w;
  return { depth, size: c.numGates, maxFanIn, maxWeight, wires: c.faninWires.length };
}

export function summarize(m: Metrics): MetricsSummary {
  return { depth: m.depth, size: m.size, maxFanIn: m.maxFanIn, maxWeight: m.maxWeight.toString(), wires: m.wires };
}
