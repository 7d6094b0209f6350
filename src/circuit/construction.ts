import type { Params } from '../core/params.js';
import type { Circuit } from './ir.js';

/**
 * A registered circuit construction: a uniform recipe from parameters to one member of a
 * circuit family. Specs refer to it by `name`; its input and output ports must match the model
 * the spec pairs it with (same names, same widths, same order).
 */
export interface Construction {
  /** Registered name, e.g. `int.add`. */
  readonly name: string;
  /** One line saying how it works, shown in reports. */
  readonly description: string;
  /** Builds the circuit for concrete parameters; may throw on parameters it does not support. */
  build(params: Params): Circuit;
}

/** Thrown by construction stubs that `tc0 new --construction` scaffolds; reported as `skipped`. */
export class NotImplementedError extends Error {
  override name = 'NotImplementedError';
}
