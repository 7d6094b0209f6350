/**
 * CPU-bound checks (model and measure backends) as serialisable tasks, run in worker threads so
 * that several run in parallel and a runaway construction can be stopped.
 */
import type { Params } from '../core/params.js';
import type { CheckResult } from '../core/verdict.js';
import { describeThrown } from '../core/errors.js';
import { NotImplementedError } from '../circuit/construction.js';
import { PROPERTIES } from '../model/registry.js';
import type { MetricClaim, MetricName } from '../spec/types.js';
import { EVALUATOR, checkEquivalence, type EvalLimits, type ScanPart } from './checks/equivalence.js';
import { checkMeasure, MEASURER } from './checks/measure.js';
import { checkProperty } from './checks/property.js';
import { type MutantUse, constructionOf, modelOf } from './mutants.js';
import { type ArchitectureTask, runArchitectureCheck } from './checks/architecture.js';

export type Task =
  | { readonly kind: 'equivalence'; readonly construction: string; readonly model: string; readonly params: Params; readonly limits: EvalLimits; readonly mutant?: MutantUse; readonly part?: ScanPart }
  | { readonly kind: 'property'; readonly property: string; readonly params: Params; readonly limits: EvalLimits }
  | {
      readonly kind: 'measure';
      readonly construction: string;
      readonly grid: Readonly<Record<string, readonly number[]>>;
      readonly claims: Readonly<Partial<Record<MetricName, MetricClaim>>>;
      readonly mutant?: MutantUse;
    }
  | ArchitectureTask;

export function runTask(task: Task): CheckResult {
  switch (task.kind) {
    case 'equivalence': {
      const construction = constructionOf(task.construction, task.mutant);
      const model = modelOf(task.model, task.mutant);
      if (!construction || !model) return { outcome: { status: 'error', checker: EVALUATOR, reason: `unregistered ${construction ? 'model' : 'construction'}` } };
      let circuit;
      try {
        circuit = construction.build(task.params);
      } catch (e) {
        if (e instanceof NotImplementedError) return { outcome: { status: 'skipped', checker: EVALUATOR, reason: `construction ${task.construction} is not implemented: ${e.message}` } };
        return { outcome: { status: 'error', checker: EVALUATOR, reason: `construction ${construction.name} threw: ${describeThrown(e)}` } };
      }
      return checkEquivalence(circuit, model, task.params, task.limits, task.part);
    }
    case 'property': {
      const property = PROPERTIES.get(task.property);
      if (!property) return { outcome: { status: 'error', checker: EVALUATOR, reason: `unregistered property ${task.property}` } };
      return checkProperty(property, task.params, task.limits);
    }
    case 'measure': {
      const construction = constructionOf(task.construction, task.mutant);
      if (!construction) return { outcome: { status: 'error', checker: MEASURER, reason: `unregistered construction ${task.construction}` } };
      return checkMeasure(construction, task.grid, task.claims);
    }
    case 'architecture':
      return runArchitectureCheck(task);
  }
}
