/**
 * Pure planning: specs in, obligations out. No IO, no circuits built (auto-routing only asks the
 * model for its port widths). One obligation per (spec, check, parameter instance); a measure
 * check is one obligation over its whole grid because its claims (constant depth, fitted degree)
 * are about the grid.
 */
import { type ObligationId, type SpecId, obligationId } from '../core/ids.js';
import { type Params, gridKey, paramsKey } from '../core/params.js';
import type { Backend } from '../core/verdict.js';
import type { ArchitectureInfo, Check, Expectation, LeanTheorem, MetricClaim, MetricName, Spec } from '../spec/types.js';
import { isEquivalenceCheck } from '../spec/rules.js';
import type { MutantUse } from './mutants.js';

/** `bridge`: an architecture program's Lean size and depth against its TypeScript family at one size (gen/lean/bridge.ts). */
export type ObligationKind = 'equivalence' | 'property' | 'measure' | 'theorem' | 'bridge';

export interface Limits {
  /** Exhaustive evaluation up to this many input bits; sampling beyond. */
  readonly budgetBits: number;
  readonly samples: number;
  readonly timeoutMs: number;
  readonly seed: number;
}

export interface Obligation {
  readonly id: ObligationId;
  readonly spec: SpecId;
  readonly checkIndex: number;
  readonly kind: ObligationKind;
  readonly backend: Backend;
  /** The instance (empty for measure and theorem obligations). */
  readonly params: Params;
  /** The measured grid (measure obligations). */
  readonly grid?: Readonly<Record<string, readonly number[]>>;
  readonly construction?: string;
  readonly model?: string;
  /** An architecture program's bundle (src/program/ast.ts), data: what its checks check. */
  readonly architecture?: unknown;
  /** Architecture properties that compare: the other program's bundle, or a construction's name. */
  readonly against?: unknown;
  readonly property?: string;
  readonly theorem?: LeanTheorem;
  /** A theorem that states the spec for all parameters (`covers: true`). */
  readonly covers?: true;
  readonly claims?: Readonly<Partial<Record<MetricName, MetricClaim>>>;
  readonly expect: Expectation;
  readonly limits: Limits;
  /** Why this backend was chosen, for `auto` checks. */
  readonly route?: string;
  /** `tc0 mutate`: the circuit is a mutant of the construction (see mutants.ts). */
  readonly mutant?: MutantUse;
}

export interface PlanOptions {
  /** Run only these backends (all when absent). */
  readonly backends?: ReadonlySet<Backend>;
  /** Run only specs whose id this accepts (all when absent). */
  readonly filter?: (id: SpecId) => boolean;
  readonly budgetBits: number;
  readonly samples: number;
  /** Overrides every default timeout when set (seconds from --timeout). */
  readonly timeoutMs?: number;
  readonly seed: number;
  /** Input bits of a model instance, for routing `auto` checks. */
  readonly inputBits: (model: string, params: Params) => number;
  /** The loaded architecture programs (specs naming one get its bundle). */
  readonly architectures?: ReadonlyMap<string, ArchitectureInfo>;
}

/** Default time limits per backend, in milliseconds. */
export const DEFAULT_TIMEOUT_MS: Readonly<Record<Backend, number>> = { model: 600_000, measure: 600_000, z3: 60_000, lean: 300_000 };

export function planObligations(specs: readonly Spec[], opts: PlanOptions): Obligation[] {
  const out: Obligation[] = [];
  for (const spec of specs) {
    if (opts.filter && !opts.filter(spec.id)) continue;
    for (const check of spec.checks) out.push(...planCheck(spec, check, opts));
  }
  const seen = new Map<string, number>();
  return out
    .filter((o) => !opts.backends || opts.backends.has(o.backend))
    .map((o) => {
      const n = seen.get(o.id) ?? 0;
      seen.set(o.id, n + 1);
      return n === 0 ? o : { ...o, id: obligationId(`${o.id}#${o.checkIndex}`) };
    });
}

/** `--timeout` wins over a check's `timeout`, which wins over the backend's default. */
function limitsFor(check: Check, backend: Backend, opts: PlanOptions): Limits {
  const timeoutMs = opts.timeoutMs ?? (check.timeout !== undefined ? check.timeout * 1000 : DEFAULT_TIMEOUT_MS[backend]);
  return { budgetBits: Math.min(opts.budgetBits, check.budget ?? Infinity), samples: check.samples ?? opts.samples, timeoutMs, seed: opts.seed };
}

function planCheck(spec: Spec, check: Check, opts: PlanOptions): Obligation[] {
  const common = { spec: spec.id, checkIndex: check.index, expect: check.expect };
  if (spec.architecture && !check.theorem) return planArchitectureCheck(spec, check, opts, common);
  if (check.theorem) {
    return [{ ...common, id: obligationId(`${spec.id}/lean:${check.theorem.name}`), kind: 'theorem', backend: 'lean', params: {}, theorem: check.theorem, ...(check.covers ? { covers: true as const } : {}), limits: limitsFor(check, 'lean', opts) }];
  }
  if (check.backend === 'measure') {
    return [
      {
        ...common,
        id: obligationId(`${spec.id}/measure/${gridKey(check.grid)}`),
        kind: 'measure',
        backend: 'measure',
        params: {},
        grid: check.grid,
        construction: spec.construction,
        claims: spec.claims,
        limits: limitsFor(check, 'measure', opts),
      },
    ];
  }
  if (check.property) {
    const property = check.property;
    return check.instances.map((params) => ({
      ...common,
      id: obligationId(`${spec.id}/model:${property}/${paramsKey(params)}`),
      kind: 'property' as const,
      backend: 'model' as const,
      params,
      property,
      limits: limitsFor(check, 'model', opts),
    }));
  }
  if (!isEquivalenceCheck(check)) return [];
  return check.instances.map((params) => {
    let backend: Backend;
    let route: string | undefined;
    if (check.backend === 'auto') {
      const bits = opts.inputBits(spec.model!, params);
      backend = bits <= opts.budgetBits ? 'model' : 'z3';
      route = `auto: ${bits} input bits ${bits <= opts.budgetBits ? '<=' : '>'} exhaustive budget ${opts.budgetBits}`;
    } else backend = check.backend;
    return {
      ...common,
      id: obligationId(`${spec.id}/${backend}/${paramsKey(params)}`),
      kind: 'equivalence' as const,
      backend,
      params,
      construction: spec.construction,
      model: spec.model,
      // Lean instance theorems state the spec's depth and size bounds too.
      ...(backend === 'lean' ? { claims: spec.claims } : {}),
      limits: limitsFor(check, backend, opts),
      ...(route ? { route } : {}),
    };
  });
}

/**
 * Checks of an architecture program: the gate-level circuit against the exact model per instance
 * (model backend), the family over the grid (measure), a property (uniformity) over the grid, and
 * per instance the bridge (lean backend without a theorem): the Lean program's size and depth
 * bound, computed in Lean, against the TypeScript family's numbers (gen/lean/bridge.ts).
 */
function planArchitectureCheck(spec: Spec, check: Check, opts: PlanOptions, common: Pick<Obligation, 'spec' | 'checkIndex' | 'expect'>): Obligation[] {
  const architecture = opts.architectures?.get(spec.architecture!)?.bundle;
  if (check.backend === 'measure')
    return [{ ...common, id: obligationId(`${spec.id}/measure/${gridKey(check.grid)}`), kind: 'measure', backend: 'measure', params: {}, grid: check.grid, architecture, claims: spec.claims, limits: limitsFor(check, 'measure', opts) }];
  if (check.property) {
    // `against` names another architecture (its bundle goes along) or a construction.
    const other = check.against ? (opts.architectures?.get(check.against)?.bundle ?? check.against) : undefined;
    return [
      {
        ...common,
        id: obligationId(`${spec.id}/model:${check.property}/${gridKey(check.grid)}`),
        kind: 'property',
        backend: 'model',
        params: {},
        grid: check.grid,
        architecture,
        property: check.property,
        ...(other !== undefined ? { against: other } : {}),
        limits: limitsFor(check, 'model', opts),
      },
    ];
  }
  if (check.backend === 'lean')
    return check.instances.map((params) => ({ ...common, id: obligationId(`${spec.id}/lean:bridge/${paramsKey(params)}`), kind: 'bridge' as const, backend: 'lean' as const, params, architecture, limits: limitsFor(check, 'lean', opts) }));
  return check.instances.map((params) => ({ ...common, id: obligationId(`${spec.id}/model/${paramsKey(params)}`), kind: 'equivalence' as const, backend: 'model' as const, params, architecture, limits: limitsFor(check, 'model', opts) }));
}
