/** The `model` backend on a registered property (a check about models rather than a circuit). */
import type { Params } from '../../core/params.js';
import type { CheckResult } from '../../core/verdict.js';
import { describeThrown } from '../../core/errors.js';
import type { Property } from '../../model/model.js';
import type { EvalLimits } from './equivalence.js';

/** Properties run the exact model (BigInt and rationals), not the circuit evaluator. */
export const PROPERTY_CHECKER = { name: 'tc0-model', version: 'exact/1' } as const;

export function checkProperty(property: Property, params: Params, limits: EvalLimits): CheckResult {
  let r;
  try {
    r = property.check(params, { budgetBits: limits.budgetBits, samples: limits.samples, seed: limits.seed });
  } catch (e) {
    return { outcome: { status: 'error', checker: PROPERTY_CHECKER, reason: `property ${property.name} threw: ${describeThrown(e)}` } };
  }
  const inputs = { checked: r.cases, exhaustive: r.exhaustive, inputBits: 0 };
  const table = r.table ? { table: r.table } : {};
  if (!r.holds)
    return {
      outcome: { status: 'refuted', checker: PROPERTY_CHECKER, trust: `property ${property.name} fails on a concrete case computed by the exact model`, counterexample: { ...r.counterexample, params } },
      inputs,
      ...table,
    };
  if (r.exhaustive)
    return { outcome: { status: 'proved', checker: PROPERTY_CHECKER, trust: `property ${property.name} holds on all ${r.cases} cases (exhaustive)${r.note ? `; ${r.note}` : ''}` }, inputs, ...table };
  return { outcome: { status: 'unknown', checker: PROPERTY_CHECKER, sampled: r.cases, reason: `property ${property.name} holds on ${r.cases} sampled cases (seed ${limits.seed})${r.note ? `; ${r.note}` : ''}` }, inputs, ...table };
}
