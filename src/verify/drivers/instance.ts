/** The circuit and model of an equivalence obligation, built in the main thread for emitters. */
import type { Params } from '../../core/params.js';
import { describeThrown } from '../../core/errors.js';
import type { Circuit } from '../../circuit/ir.js';
import { NotImplementedError } from '../../circuit/construction.js';
import { signatureMismatch } from '../../circuit/validate.js';
import type { Model } from '../../model/model.js';
import type { SmtModelEncoder } from '../../gen/smt/models.js';
import type { Obligation } from '../plan.js';
import { constructionOf, modelOf, smtModelOf } from '../mutants.js';

export interface Instance {
  readonly circuit: Circuit;
  readonly model: Model;
  readonly params: Params;
  /** The model's SMT-LIB encoding, if it has one. */
  readonly smt: SmtModelEncoder | undefined;
}

/** Builds the circuit of an equivalence obligation and checks it matches its model's ports. */
export function instanceOf(o: Obligation): Instance | { error: string; unimplemented?: true } {
  const construction = constructionOf(o.construction ?? '', o.mutant);
  const model = modelOf(o.model ?? '', o.mutant);
  if (!construction || !model) return { error: `unregistered construction or model for ${o.id}` };
  let circuit: Circuit;
  try {
    circuit = construction.build(o.params);
  } catch (e) {
    if (e instanceof NotImplementedError) return { error: `construction ${construction.name} is not implemented: ${e.message}`, unimplemented: true };
    return { error: `construction ${construction.name} threw: ${describeThrown(e)}` };
  }
  const mismatch = signatureMismatch(circuit.signature(), model.signature(o.params));
  if (mismatch.length > 0) return { error: mismatch.join('; ') };
  return { circuit, model, params: o.params, smt: smtModelOf(o.model ?? '', o.mutant) };
}
