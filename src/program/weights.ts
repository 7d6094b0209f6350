/**
 * The hard-wired weights of a program instance, in the documented order (README "Weights"): an
 * instance's own weights in declaration order, each row-major, then those of its calls in step
 * order, each repetition in turn. A weight is addressed by its instance path (`/T`, `/B#1/A`)
 * and name.
 */
import { type Float, moderateFloat } from '../model/float.js';
import { Rng } from '../model/rng.js';
import type { Bundle, Name, Program } from './ast.js';
import { evalAffine } from './affine.js';
import { calleeParams, repetitions, sizeValues } from './domain.js';

export interface WeightSlot {
  readonly key: string;
  readonly shape: readonly number[];
}

/** The path of the instance a call step creates (repetition r of a repeated call). */
export const calleePath = (path: string, step: Name, repeated: boolean, r: number): string => `${path}/${step}${repeated ? `#${r}` : ''}`;
export const weightKey = (path: string, weight: Name): string => `${path}:${weight}`;

/** Every weight of the instance tree, in draw order. */
export function weightSlots(bundle: Bundle, params: Readonly<Record<Name, number>>): WeightSlot[] {
  const out: WeightSlot[] = [];
  const walk = (program: Program, env: Record<Name, number>, path: string): void => {
    for (const w of program.weights) out.push({ key: weightKey(path, w.name), shape: w.shape.map((s) => evalAffine(s, env)) });
    for (const s of program.steps) {
      if (s.kind !== 'call') continue;
      const callee = bundle.programs[s.program]!;
      const cenv = sizeValues(callee, calleeParams(s, env));
      for (let r = 0; r < repetitions(s, env); r++) walk(callee, cenv, calleePath(path, s.name, s.repeat !== undefined, r));
    }
  };
  const root = bundle.programs[bundle.root]!;
  walk(root, sizeValues(root, params), '');
  return out;
}

/** The weights from the seed: one stream for the whole instance tree, elements row-major. */
export function drawWeights(slots: readonly WeightSlot[], seed: number, p: number): Map<string, Float[]> {
  const rng = new Rng(seed);
  return new Map(slots.map((s) => [s.key, Array.from({ length: s.shape.reduce((a, b) => a * b, 1) }, () => moderateFloat(rng, p))]));
}
