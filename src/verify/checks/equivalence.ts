/**
 * The `model` backend: a circuit against its exact model by evaluation. Exhaustive over every
 * input pattern in the model's domain when the input bits fit the budget, seeded sampling
 * beyond (reported as sampled, never as proved). A disagreement found by the compiled evaluator
 * is replayed on the reference evaluator and the model before it is reported.
 */
import type { Params } from '../../core/params.js';
import type { CheckResult, Checker, Counterexample, PortValue } from '../../core/verdict.js';
import { describeThrown } from '../../core/errors.js';
import type { Circuit, PortShape } from '../../circuit/ir.js';
import { compile, type CompiledCircuit } from '../../circuit/compile.js';
import { evaluatePorts } from '../../circuit/evaluate.js';
import { measure, summarize } from '../../circuit/metrics.js';
import { signatureMismatch, validateCircuit } from '../../circuit/validate.js';
import type { Model } from '../../model/model.js';
import { Rng } from '../../model/rng.js';
import { STRUCTURED_EVERY, structuredWords } from '../../model/structured.js';

export const EVALUATOR: Checker = { name: 'tc0-eval', version: 'bit-sliced-wasm/1' };

export interface EvalLimits {
  readonly budgetBits: number;
  readonly samples: number;
  readonly seed: number;
}

/** Renders one port value for a counterexample. */
export function portValue(value: bigint, width: number, text?: string): PortValue {
  const bits = width === 0 ? '' : value.toString(2).padStart(width, '0');
  return text === undefined ? { value: value.toString(), bits } : { value: value.toString(), bits, text };
}

export function portRecord(ports: readonly PortShape[], values: readonly bigint[], model: Model, params: Params): Record<string, PortValue> {
  const out: Record<string, PortValue> = {};
  ports.forEach((p, i) => {
    out[p.name] = portValue(values[i]!, p.width, model.show?.(p.name, values[i]!, params));
  });
  return out;
}

/** One of `count` equal parts of an exhaustive scan's pattern space (run in parallel, then `mergeParts`). */
export interface ScanPart {
  readonly index: number;
  readonly count: number;
}

export function checkEquivalence(circuit: Circuit, model: Model, params: Params, limits: EvalLimits, part?: ScanPart): CheckResult {
  const metrics = summarize(measure(circuit));
  const structural = validateCircuit(circuit);
  if (structural.length > 0) return { outcome: { status: 'error', checker: EVALUATOR, reason: `malformed circuit: ${structural.slice(0, 3).join('; ')}` }, metrics };
  let sig;
  try {
    sig = model.signature(params);
  } catch (e) {
    return { outcome: { status: 'error', checker: EVALUATOR, reason: `model ${model.name} threw: ${describeThrown(e)}` }, metrics };
  }
  const mismatch = signatureMismatch(circuit.signature(), sig);
  if (mismatch.length > 0) return { outcome: { status: 'error', checker: EVALUATOR, reason: mismatch.join('; ') }, metrics };

  const inputBits = circuit.numInputs;
  const exhaustive = inputBits <= limits.budgetBits;
  const cc = compile(circuit, { target: 'wasm' });
  const scan = exhaustive ? scanExhaustive(cc, circuit, model, params, part) : scanSampled(cc, circuit, model, params, limits);
  if ('error' in scan) return { outcome: { status: 'error', checker: EVALUATOR, reason: scan.error }, metrics };
  const inputs = { checked: scan.checked, exhaustive, inputBits };
  if (scan.mismatch) {
    const replay = replayMismatch(circuit, model, params, scan.mismatch);
    if ('error' in replay) return { outcome: { status: 'error', checker: EVALUATOR, reason: replay.error }, metrics, inputs };
    return {
      outcome: { status: 'refuted', checker: EVALUATOR, trust: `counterexample found by ${exhaustive ? 'exhaustive evaluation' : `sampled evaluation (input ${scan.checked} of seed ${limits.seed}, ${scan.mismatchStructured ? 'one of the structured ones' : 'not a structured one'}; ${scan.structured ?? 0} structured so far)`}, replayed on the reference evaluator and model ${model.name}`, counterexample: replay.cex },
      metrics,
      inputs,
    };
  }
  if (scan.checked === 0 && !(exhaustive && part)) return { outcome: { status: 'error', checker: EVALUATOR, reason: `the domain of model ${model.name} is empty for ${JSON.stringify(params)}: nothing was checked` }, metrics, inputs };
  if (exhaustive) return { outcome: { status: 'proved', checker: EVALUATOR, trust: exhaustiveTrust(scan.checked, inputBits, model.name) }, metrics, inputs };
  return {
    outcome: { status: 'unknown', checker: EVALUATOR, sampled: scan.checked, reason: `sampled ${scan.checked} inputs (seed ${limits.seed}; ${scan.structured ?? 0} of them structured: operands equal or one apart, carry chains, extremes), no disagreement; ${inputBits} input bits exceed the exhaustive budget of ${limits.budgetBits}` },
    metrics,
    inputs,
  };
}

const exhaustiveTrust = (checked: number, inputBits: number, model: string): string => `exhaustive evaluation: all ${checked} inputs of the domain (${inputBits} input bits) agree with model ${model}`;

/**
 * The verdict of an exhaustive check from its parts' (in part order): a refutation first (the
 * first refuting part's counterexample is the first disagreement in pattern order when no
 * earlier part stopped short), then an error or any other status of a part, else proved when
 * the parts together checked every input of the domain.
 */
export function mergeParts(parts: readonly CheckResult[], model: string, params: Params): CheckResult {
  const first = parts.find((r) => r.outcome.status === 'refuted') ?? parts.find((r) => r.outcome.status === 'error') ?? parts.find((r) => r.outcome.status !== 'proved');
  if (first) return first;
  const checked = parts.reduce((n, r) => n + (r.inputs?.checked ?? 0), 0);
  const inputBits = parts[0]!.inputs!.inputBits;
  const base = { metrics: parts[0]!.metrics, inputs: { checked, exhaustive: true, inputBits } };
  if (checked === 0) return { ...base, outcome: { status: 'error', checker: EVALUATOR, reason: `the domain of model ${model} is empty for ${JSON.stringify(params)}: nothing was checked` } };
  return { ...base, outcome: { status: 'proved', checker: EVALUATOR, trust: exhaustiveTrust(checked, inputBits, model) } };
}

type Scan = { checked: number; structured?: number; mismatch?: bigint[]; mismatchStructured?: boolean } | { error: string };

/** Output bit offsets of a compiled circuit (-1: constant false, -2: constant true). */
function outputOffsets(cc: CompiledCircuit): Int32Array {
  return Int32Array.from({ length: cc.numOutputs }, (_, j) => cc.outputOffset(j));
}

/** Small BigInts, so that hot loops do not allocate one per port value. */
const SMALL = Array.from({ length: 1 << 16 }, (_, i) => BigInt(i));
const big = (n: number): bigint => (n < 65536 ? SMALL[n]! : BigInt(n));

/**
 * Whether the circuit's outputs for pattern `lane` equal the model's. Ports up to 30 bits compare
 * as numbers (BigInt work per bit would dominate an exhaustive scan).
 */
function agrees(values: Int32Array, offs: Int32Array, lane: number, outShapes: readonly PortShape[], expected: readonly bigint[]): boolean {
  const word = lane >>> 5;
  const bit = lane & 31;
  let j = 0;
  for (let o = 0; o < outShapes.length; o++) {
    const w = outShapes[o]!.width;
    const want = expected[o]!;
    if (want < 0n || want >> BigInt(w) !== 0n) return false; // the model's output does not fit its port
    if (w <= 30) {
      let got = 0;
      for (let b = 0; b < w; b++, j++) {
        const off = offs[j]!;
        const v = off < 0 ? -1 - off : (values[off + word]! >>> bit) & 1;
        got |= v << b;
      }
      if (got !== Number(want)) return false;
    } else {
      for (let b = 0; b < w; b++, j++) {
        const off = offs[j]!;
        const v = off < 0 ? -1 - off : (values[off + word]! >>> bit) & 1;
        if (BigInt(v) !== ((want >> BigInt(b)) & 1n)) return false;
      }
    }
  }
  return true;
}

function evalModel(model: Model, inputs: bigint[], params: Params): bigint[] | { error: string } {
  try {
    return model.evaluate(inputs, params);
  } catch (e) {
    return { error: `model ${model.name} threw on inputs ${inputs.join(', ')}: ${describeThrown(e)}` };
  }
}

function inDomain(model: Model, inputs: bigint[], params: Params): boolean | { error: string } {
  try {
    return model.domain ? model.domain(inputs, params) : true;
  } catch (e) {
    return { error: `model ${model.name} domain threw: ${describeThrown(e)}` };
  }
}

function scanExhaustive(cc: CompiledCircuit, circuit: Circuit, model: Model, params: Params, part?: ScanPart): Scan {
  const n = circuit.numInputs;
  const sig = circuit.signature();
  const offs = outputOffsets(cc);
  const total = 2 ** n;
  const perBatch = 32 * cc.batchWords;
  const sizes = sig.inputs.map((p) => 2 ** p.width);
  const inputs: bigint[] = sizes.map(() => 0n);
  let checked = 0;
  // A part scans a contiguous run of whole batches (so every batch starts at a multiple of 128).
  const batches = Math.ceil(total / perBatch);
  const [from, to] = part ? [Math.floor((batches * part.index) / part.count), Math.floor((batches * (part.index + 1)) / part.count)] : [0, batches];
  for (let start = from * perBatch; start < Math.min(total, to * perBatch); start += perBatch) {
    const count = Math.min(perBatch, total - start);
    cc.runCounting(start / 32, Math.ceil(count / 32));
    for (let lane = 0; lane < count; lane++) {
      let rest = start + lane;
      for (let p = 0; p < sizes.length; p++) {
        const size = sizes[p]!;
        const v = rest % size;
        inputs[p] = size <= 2 ** 52 ? big(v) : BigInt(v);
        rest = (rest - v) / size;
      }
      if (model.domain) {
        const ok = inDomain(model, inputs, params);
        if (typeof ok !== 'boolean') return ok;
        if (!ok) continue;
      }
      const expected = evalModel(model, inputs, params);
      if ('error' in expected) return expected;
      checked++;
      if (!agrees(cc.values, offs, lane, sig.outputs, expected)) return { checked, mismatch: inputs.slice() };
    }
  }
  return { checked };
}

function scanSampled(cc: CompiledCircuit, circuit: Circuit, model: Model, params: Params, limits: EvalLimits): Scan {
  const sig = circuit.signature();
  const offs = outputOffsets(cc);
  const rng = new Rng(limits.seed);
  const perBatch = 32 * cc.batchWords;
  const structured = structuredSampler(model, sig.inputs.map((p) => p.width));
  let checked = 0;
  let structuredCount = 0;
  let misses = 0;
  while (checked < limits.samples) {
    const batch: bigint[][] = [];
    const fromStructured: boolean[] = [];
    while (batch.length < Math.min(perBatch, limits.samples - checked)) {
      // Every STRUCTURED_EVERY-th input drawn is a structured one (boundaries a uniform draw misses).
      const isStructured = structured !== undefined && (checked + batch.length) % STRUCTURED_EVERY === STRUCTURED_EVERY - 1;
      const inputs = isStructured ? structured(rng, params) : model.sample ? model.sample(rng, params) : sig.inputs.map((p) => rng.bits(p.width));
      const ok = inDomain(model, inputs, params);
      if (typeof ok !== 'boolean') return ok;
      if (ok) {
        batch.push(inputs);
        fromStructured.push(isStructured);
      } else if (++misses > 100 * limits.samples) return { error: `could not draw inputs in the domain of model ${model.name} (give the model a sample function)` };
    }
    const words = Math.ceil(batch.length / 32);
    let bitIndex = 0;
    sig.inputs.forEach((p, pi) => {
      for (let b = 0; b < p.width; b++, bitIndex++) {
        const off = cc.inputOffset(bitIndex);
        cc.values.fill(0, off, off + words);
        batch.forEach((inputs, lane) => {
          if ((inputs[pi]! >> BigInt(b)) & 1n) cc.values[off + (lane >>> 5)]! |= 1 << (lane & 31);
        });
      }
    });
    cc.run(words);
    for (let lane = 0; lane < batch.length; lane++) {
      const expected = evalModel(model, batch[lane]!, params);
      if ('error' in expected) return expected;
      checked++;
      if (fromStructured[lane]) structuredCount++;
      if (!agrees(cc.values, offs, lane, sig.outputs, expected)) return { checked, structured: structuredCount, mismatch: batch[lane]!, ...(fromStructured[lane] ? { mismatchStructured: true } : {}) };
    }
  }
  return { checked, structured: structuredCount };
}

/**
 * The structured draws of a sampled check: the model's own, or structured words on the ports of
 * a model that has neither a sampler nor a domain (every bit pattern is an input); none for a
 * model with a sampler or domain of its own and no structured one (its inputs have a shape a
 * generic word would break).
 */
export function structuredSampler(model: Model, widths: readonly number[]): ((rng: Rng, params: Params) => bigint[]) | undefined {
  if (model.structured) return (rng, params) => model.structured!(rng, params);
  if (!model.sample && !model.domain) return (rng) => structuredWords(rng, widths);
  return undefined;
}

/** Re-evaluates a disagreement on the reference evaluator; a compiled/reference split is a bug. */
function replayMismatch(circuit: Circuit, model: Model, params: Params, inputs: bigint[]): { cex: Counterexample } | { error: string } {
  const sig = circuit.signature();
  const got = evaluatePorts(circuit, inputs);
  const want = evalModel(model, inputs, params);
  if ('error' in want) return want;
  const same = got.every((v, i) => v === want[i]);
  if (same)
    return { error: `internal: the compiled evaluator disagreed with the model at ${inputs.join(', ')} but the reference evaluator agrees (evaluator bug)` };
  return {
    cex: {
      inputs: portRecord(sig.inputs, inputs, model, params),
      circuit: portRecord(sig.outputs, got, model, params),
      model: portRecord(sig.outputs, want.map((v, i) => v & ((1n << BigInt(sig.outputs[i]!.width)) - 1n)), model, params),
      ...(want.some((v, i) => v < 0n || v >> BigInt(sig.outputs[i]!.width) !== 0n) ? { note: `model output ${want.join(', ')} does not fit the output ports` } : {}),
    },
  };
}
