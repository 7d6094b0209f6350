/** Loading a spec folder in a test: its problems, or none. */
import { SpecError, type SpecProblem } from '../../src/core/errors.js';
import { loadSpecs } from '../../src/spec/load.js';
import { knownNames } from '../../src/verify/session.js';
import { ROOT } from './cli.js';

export function problemsOf(dir: string): readonly SpecProblem[] {
  try {
    loadSpecs(dir, knownNames(), ROOT);
  } catch (e) {
    if (e instanceof SpecError) return e.problems;
    throw e;
  }
  return [];
}
