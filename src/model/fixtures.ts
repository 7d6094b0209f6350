/** Models that exist only to exercise error handling (test fixtures). */
import type { Model } from './model.js';

/** Shaped like int.add, but evaluating it throws. */
export const fixtureThrowsModel: Model = {
  name: 'fixture.throws',
  description: 'signature of int.add, evaluation throws (a fixture: a model crash gives error verdicts)',
  signature: ({ p }) => ({
    inputs: [
      { name: 'a', width: p! },
      { name: 'b', width: p! },
    ],
    outputs: [{ name: 'sum', width: p! + 1 }],
  }),
  evaluate() {
    throw new Error('fixture.throws: this model always throws');
  },
};
