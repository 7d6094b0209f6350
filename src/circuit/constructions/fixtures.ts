/**
 * Constructions that exist only to exercise the workbench's error handling (test fixtures and
 * `tc0 new` stubs are the only specs that name them).
 */
import { CircuitBuilder } from '../builder.js';
import type { Construction } from '../construction.js';

/** Throws for p >= 2 and builds a correct 1-bit adder for p = 1: one spec, mixed verdicts. */
export const fixtureThrows: Construction = {
  name: 'fixture.throws',
  description: 'throws for p >= 2 (a fixture: a construction that crashes must give error verdicts, not a crash)',
  build({ p }) {
    if (p! >= 2) throw new RangeError(`fixture.throws: refusing p = ${p}`);
    const b = new CircuitBuilder();
    const [a] = b.input('a', 1);
    const [c] = b.input('b', 1);
    b.output('sum', [b.xor(a!, c!), b.and([a!, c!])]);
    return b.finish();
  },
};

/** Never returns: a fixture for the per-obligation time limit. */
export const fixtureLoops: Construction = {
  name: 'fixture.loops',
  description: 'loops forever (a fixture: the worker running it must be stopped at the time limit)',
  build() {
    for (;;) {
      // spin until the worker is terminated
    }
  },
};
