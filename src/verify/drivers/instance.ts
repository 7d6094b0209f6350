/**
 * The circuit and model of an equivalence obligation, for the z3 and lean drivers' emitters.
 *
 * Constructions and models are user code: one that loops, or eats all memory, must not hang or
 * kill the run. So the circuit is built in a worker thread under the obligation's time limit
 * (`InstanceBuilder`, entry `instance-worker.ts`) and sent back as data; every later call into
 * the model (its values at the probe inputs, the replay of a counterexample) goes to a worker
 * too. The main thread only ever runs the project's own code on the finished circuit.
 */
import { type Params, paramsKey } from '../../core/params.js';
import { describeThrown } from '../../core/errors.js';
import type { PortValue } from '../../core/verdict.js';
import { WorkerPool } from '../../core/workers.js';
import { Circuit } from '../../circuit/ir.js';
import { type Construction, NotImplementedError } from '../../circuit/construction.js';
import { sameNetlist } from '../../circuit/mutate.js';
import { miter, miterIsTrivial } from '../../circuit/miter.js';
import { signatureMismatch } from '../../circuit/validate.js';
import type { Model } from '../../model/model.js';
import { Rng } from '../../model/rng.js';
import type { SmtModelEncoder } from '../../gen/smt/models.js';
import type { Obligation } from '../plan.js';
import { type MutantUse, constructionOf, loadSourceMutant, modelOf, mutantConstruction, smtModelOf } from '../mutants.js';
import { portRecord } from '../checks/equivalence.js';

/** A fixed input and the model's outputs there (computed in a worker), to probe an encoding with. */
export interface Probe {
  readonly inputs: readonly bigint[];
  readonly model: readonly bigint[];
}

/** A candidate counterexample read back: is it in the model's domain, the model's outputs, and every port shown. */
export interface Replay {
  readonly inDomain: boolean;
  readonly model: readonly bigint[];
  readonly records: { readonly inputs: Record<string, PortValue>; readonly circuit: Record<string, PortValue>; readonly model: Record<string, PortValue> };
}

export interface Instance {
  readonly circuit: Circuit;
  /** The model's registered name (the model itself runs in workers only). */
  readonly modelName: string;
  readonly params: Params;
  /** The model's SMT-LIB encoding, if it has one. */
  readonly smt: SmtModelEncoder | undefined;
  /** Inputs in the model's domain with the model's outputs (as many as asked for). */
  readonly probes: readonly Probe[];
}

/** What a worker needs to know about an obligation to build its instance. */
interface InstanceRef {
  readonly id: string;
  readonly construction: string;
  readonly model: string;
  readonly params: Params;
  readonly mutant?: MutantUse;
  readonly seed: number;
}

export type InstanceRequest =
  | { readonly kind: 'build'; readonly of: InstanceRef; readonly probes: number }
  | { readonly kind: 'replay'; readonly of: InstanceRef; readonly inputs: readonly bigint[]; readonly circuit: readonly bigint[] }
  | { readonly kind: 'compare'; readonly construction: string; readonly mutant: MutantUse; readonly params: Params; readonly originalOnly?: boolean };

/**
 * A mutant's circuit against the original's at one instance: the same netlist (up to the order of
 * fan-in lists), structurally equal (the miter folds to 0), different, or the mutant (or the
 * original: nothing to compare then) threw.
 */
export type Comparison =
  | { readonly state: 'same' | 'structural' | 'differs' | 'original-threw' }
  | { readonly state: 'threw'; readonly message: string }
  /** `originalOnly`: the original alone, and how long its build took (ms). */
  | { readonly state: 'original-built'; readonly ms: number };

export type Failure = { readonly error: string; readonly unimplemented?: true; readonly timeout?: true };
type CircuitData = ConstructorParameters<typeof Circuit>;
export type InstanceResponse = { readonly circuit: CircuitData; readonly probes: Probe[] } | Replay | Comparison | Failure;

const refOf = (o: Obligation): InstanceRef => ({ id: o.id, construction: o.construction ?? '', model: o.model ?? '', params: o.params, seed: o.limits.seed, ...(o.mutant ? { mutant: o.mutant } : {}) });

function parts(of: InstanceRef): { construction: ReturnType<typeof constructionOf>; model: Model | undefined } {
  return { construction: constructionOf(of.construction, of.mutant), model: modelOf(of.model, of.mutant) };
}

/** Builds of the original constructions in this worker, reused across mutants (small circuits only, a bounded number). */
const originals = new Map<string, { readonly built: Circuit | Error; readonly ms: number }>();
function originalAt(construction: Construction, params: Params): { circuit: Circuit; ms: number } {
  const key = `${construction.name}/${paramsKey(params)}`;
  let hit = originals.get(key);
  if (!hit) {
    const t0 = Date.now();
    let built: Circuit | Error;
    try {
      built = construction.build(params);
    } catch (e) {
      built = e instanceof Error ? e : new Error(String(e));
    }
    hit = { built, ms: Date.now() - t0 };
    if (built instanceof Error || built.numGates <= 200_000) {
      if (originals.size >= 256) originals.delete(originals.keys().next().value!);
      originals.set(key, hit);
    }
  }
  if (hit.built instanceof Error) throw hit.built;
  return { circuit: hit.built, ms: hit.ms };
}

/** Where a mutant differs from the original (in a worker thread: both are user code). */
async function compareAt(req: Extract<InstanceRequest, { kind: 'compare' }>): Promise<Comparison | Failure> {
  try {
    if (req.mutant.tree) await loadSourceMutant(req.mutant.ref, req.mutant.tree);
  } catch (e) {
    return { error: `the mutant ${req.mutant.ref.id} could not be loaded: ${describeThrown(e)}` };
  }
  const original = constructionOf(req.construction, undefined);
  const mutant = mutantConstruction(req.mutant.ref);
  if (!original || !mutant) return { error: `the mutant ${req.mutant.ref.id} of ${req.construction} could not be loaded` };
  let a: Circuit;
  try {
    const o = originalAt(original, req.params);
    if (req.originalOnly) return { state: 'original-built', ms: o.ms };
    a = o.circuit;
  } catch {
    return { state: 'original-threw' }; // the original's own checks report this
  }
  let b: Circuit;
  try {
    b = mutant.build(req.params);
  } catch (e) {
    return { state: 'threw', message: describeThrown(e) };
  }
  if (sameNetlist(a, b)) return { state: 'same' };
  try {
    return { state: miterIsTrivial(miter(a, b)) ? 'structural' : 'differs' };
  } catch {
    return { state: 'differs' }; // the ports differ
  }
}

/** Builds an instance's circuit and draws its probes (in a worker thread: this runs user code). */
export async function answerInstanceRequest(req: InstanceRequest): Promise<InstanceResponse> {
  if (req.kind === 'compare') return compareAt(req);
  if (req.of.mutant?.tree) await loadSourceMutant(req.of.mutant.ref, req.of.mutant.tree);
  const { construction, model } = parts(req.of);
  if (!construction || !model) return { error: `unregistered construction or model for ${req.of.id}` };
  const params = req.of.params;
  if (req.kind === 'replay') {
    try {
      const sig = model.signature(params);
      const inDomain = !model.domain || model.domain(req.inputs, params);
      const want = inDomain ? model.evaluate(req.inputs, params) : [];
      return {
        inDomain,
        model: want,
        records: { inputs: portRecord(sig.inputs, req.inputs, model, params), circuit: portRecord(sig.outputs, req.circuit, model, params), model: inDomain ? portRecord(sig.outputs, want, model, params) : {} },
      };
    } catch (e) {
      return { error: `model ${model.name} threw on inputs ${req.inputs.join(', ')}: ${describeThrown(e)}` };
    }
  }
  let circuit: Circuit;
  try {
    circuit = construction.build(params);
  } catch (e) {
    if (e instanceof NotImplementedError) return { error: `construction ${construction.name} is not implemented: ${e.message}`, unimplemented: true };
    return { error: `construction ${construction.name} threw: ${describeThrown(e)}` };
  }
  try {
    const sig = circuit.signature();
    const mismatch = signatureMismatch(sig, model.signature(params));
    if (mismatch.length > 0) return { error: mismatch.join('; ') };
    const rng = new Rng(req.of.seed);
    const probes: Probe[] = [];
    for (let i = 0; i < req.probes; i++) {
      let inputs: bigint[] | undefined;
      for (let tries = 0; tries < 1000 && !inputs; tries++) {
        const cand = model.sample ? model.sample(rng, params) : sig.inputs.map((q) => (i === 0 ? 0n : i === 1 ? (1n << BigInt(q.width)) - 1n : rng.bits(q.width)));
        if (!model.domain || model.domain(cand, params)) inputs = cand;
      }
      if (inputs) probes.push({ inputs, model: model.evaluate(inputs, params) });
    }
    const c = circuit;
    // Taps too: a decomposed SMT query cuts the circuit there.
    return { circuit: [c.numInputs, c.gateStart, c.faninWires, c.faninWeights, c.thresholds, c.inputs, c.outputs, c.taps], probes };
  } catch (e) {
    return { error: `model ${model.name} threw: ${describeThrown(e)}` };
  }
}

/** Largest heap of an instance worker (MiB): a construction that runs away is stopped there. */
const HEAP_MB = 4096;

/** Builds instances and replays counterexamples in worker threads, each call under a time limit. */
export class InstanceBuilder {
  private readonly pool: WorkerPool<InstanceRequest, InstanceResponse>;

  constructor(threads: number) {
    const ext = import.meta.url.endsWith('.ts') ? 'ts' : 'js';
    this.pool = new WorkerPool<InstanceRequest, InstanceResponse>(
      new URL(`./instance-worker.${ext}`, import.meta.url),
      threads,
      {
        onTimeout: (r, ms) => ({
          error:
            r.kind === 'compare'
              ? `the mutant ${r.mutant.ref.id} (or the original) did not finish building at ${paramsKey(r.params)} within the time limit of ${ms / 1000} s`
              : r.kind === 'build'
                ? `construction ${r.of.construction} (with model ${r.of.model}) did not finish building within the time limit of ${ms / 1000} s`
                : `model ${r.of.model} did not answer within the time limit of ${ms / 1000} s`,
          timeout: true,
        }),
        onCrash: (r, message) => ({
          error: `${r.kind === 'compare' ? `building the mutant ${r.mutant.ref.id} at ${paramsKey(r.params)}` : r.kind === 'build' ? `building the circuit of ${r.of.id}` : `replaying on model ${r.of.model}`} crashed: ${message}`,
        }),
      },
      { heapMb: HEAP_MB },
    );
  }

  /** The obligation's instance, with `probes` probe inputs, or why there is none. */
  async build(o: Obligation, probes = 0): Promise<Instance | Failure> {
    const r = await this.pool.run({ kind: 'build', of: refOf(o), probes }, o.limits.timeoutMs);
    if ('error' in r) return r;
    if (!('circuit' in r)) return { error: 'internal: the instance worker answered a build with something else' };
    return { circuit: new Circuit(...r.circuit), modelName: o.model ?? '', params: o.params, smt: smtModelOf(o.model ?? '', o.mutant), probes: r.probes };
  }

  /** A mutant's circuit against the original's at `params`, or why they could not be built within `timeoutMs`. */
  async compare(construction: string, mutant: MutantUse, params: Params, timeoutMs: number, originalOnly = false): Promise<Comparison | Failure> {
    const r = await this.pool.run({ kind: 'compare', construction, mutant, params, originalOnly }, timeoutMs);
    return 'state' in r || 'error' in r ? r : { error: 'internal: the instance worker answered a comparison with something else' };
  }

  /** The model at a candidate counterexample (`circuit`: the circuit's outputs there). */
  async replay(o: Obligation, inputs: readonly bigint[], circuit: readonly bigint[]): Promise<Replay | Failure> {
    const r = await this.pool.run({ kind: 'replay', of: refOf(o), inputs, circuit }, o.limits.timeoutMs);
    if (!('records' in r) && !('error' in r)) return { error: 'internal: the instance worker answered a replay with something else' };
    return r;
  }

  close(): Promise<void> {
    return this.pool.close();
  }
}
