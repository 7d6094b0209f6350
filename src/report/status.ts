/**
 * What holds for a spec, derived from its obligations and from what it rests on (README
 * "Statuses"). Pure: the report model calls `deriveStatuses` once for the whole run.
 *
 * Two questions are answered separately and then folded into one headline `status`:
 * - scope: how far the checks reach. `all` only when every check marked `covers: true` (a Lean
 *   theorem stating the spec for all parameters) was proved and nothing else went wrong;
 *   `instances` when everything that ran was proved on the instances it ran on; `sampled` when
 *   some instance was only sampled.
 * - conditions: what it rests on that is not proved here: every named assumption of its trust
 *   base (own or inherited through `uses`; `open`, `literature`, `unproved` and `ours` alike)
 *   and every spec it uses, directly or not, whose own status is not `proved`.
 * `proved` therefore means: proved for all parameters by the Lean kernel, with nothing unproved
 * underneath. A proof for all parameters that rests on something is `conditional`.
 */
import type { Assumption } from '../spec/types.js';
import type { Status } from '../core/verdict.js';
import { compactRange } from './format.js';

/** The headline status of a spec, most severe first (README "Statuses"). */
export const SPEC_STATUSES = ['refuted', 'failed', 'assumed', 'skipped', 'partial', 'sampled', 'instances', 'conditional', 'proved'] as const;
export type SpecStatus = (typeof SPEC_STATUSES)[number];

/** How far a spec's checks reach. */
export type Scope = 'all' | 'instances' | 'sampled' | 'none';

/** Something a spec rests on that this run does not prove. */
export interface Condition {
  readonly id: string;
  readonly kind: 'assumption' | 'spec';
  /** The assumption's status (`open`, `literature`, `unproved`, `ours`), or the used spec's status (`unchecked` when it was not part of this run). */
  readonly status: string;
}

/** A problem in what a spec builds on, shown on the spec itself. */
export interface Warning {
  readonly id: string;
  readonly kind: 'assumption' | 'spec';
  readonly status: string;
  readonly text: string;
}

/** One way a spec was checked on instances: `{ method: 'exhaustive evaluation', on: 'p = 1..12' }`. */
export interface CheckedOn {
  readonly method: string;
  readonly on: string;
}

/** What `deriveStatuses` needs of an obligation. */
export interface StatusObligation {
  readonly spec: string;
  readonly backend: string;
  readonly kind: string;
  readonly status: Status;
  readonly expected: boolean;
  readonly params: Readonly<Record<string, number>>;
  readonly grid: Readonly<Record<string, readonly number[]>> | null;
  readonly sampled: number | null;
  readonly exhaustive: boolean | null;
  readonly property: string | null;
  readonly covers: boolean;
}

/** What `deriveStatuses` needs of a spec. */
export interface StatusSpec {
  readonly id: string;
  readonly assumed: boolean;
  readonly uses: readonly string[];
  /** Named assumptions of its trust base (own and inherited). */
  readonly trustAssumptions: readonly string[];
  /** Assumptions this spec's refutation shows false (`refutes`). */
  readonly refutes: readonly string[];
}

export interface DerivedStatus {
  readonly status: SpecStatus;
  readonly scope: Scope;
  readonly checkedOn: readonly CheckedOn[];
  readonly conditions: readonly Condition[];
  readonly warnings: readonly Warning[];
}

/** The status of the obligations alone, before scope and conditions (the old vocabulary). */
function obligationStatus(spec: Pick<StatusSpec, 'assumed'>, obls: readonly StatusObligation[]): 'refuted' | 'failed' | 'assumed' | 'skipped' | 'partial' | 'sampled' | 'done' {
  if (obls.some((o) => o.status === 'refuted')) return 'refuted';
  if (obls.some((o) => !o.expected)) return 'failed';
  if (spec.assumed) return 'assumed';
  if (obls.length === 0 || obls.every((o) => o.status === 'skipped')) return 'skipped';
  if (obls.some((o) => o.status === 'skipped')) return 'partial';
  if (obls.some((o) => o.status === 'unknown')) return 'sampled';
  return 'done';
}

/** Used specs whose status makes a spec that builds on them suspect. */
const WARN_SPEC: ReadonlySet<string> = new Set(['refuted', 'failed', 'partial', 'assumed', 'skipped', 'unchecked']);

const WARN_TEXT: Readonly<Record<string, string>> = {
  refuted: 'builds on a refuted claim',
  failed: 'builds on a spec whose checks failed',
  partial: 'builds on a spec that was only partly checked',
  assumed: 'builds on a claim taken from the literature, not checked here',
  skipped: 'builds on a spec that was not checked',
  unchecked: 'builds on a spec that was not part of this run',
};

/**
 * Statuses of every spec of a run. `specs` may be given in any order; `uses` may name specs
 * outside the run (their status is then `unchecked`).
 */
export function deriveStatuses(
  specs: readonly StatusSpec[],
  obligations: readonly StatusObligation[],
  assumptions: ReadonlyMap<string, Pick<Assumption, 'status'>>,
): { readonly specs: Map<string, DerivedStatus>; readonly refutedBy: Map<string, string[]> } {
  const byId = new Map(specs.map((s) => [s.id, s]));
  const obls = new Map<string, StatusObligation[]>();
  for (const o of obligations) obls.set(o.spec, [...(obls.get(o.spec) ?? []), o]);
  const out = new Map<string, DerivedStatus>();

  // An assumption is refuted here when a spec that `refutes` it came out refuted.
  const own = new Map(specs.map((s) => [s.id, obligationStatus(s, obls.get(s.id) ?? [])]));
  const refutedBy = new Map<string, string[]>();
  for (const s of specs) if (own.get(s.id) === 'refuted') for (const a of s.refutes) refutedBy.set(a, [...(refutedBy.get(a) ?? []), s.id]);

  const transitive = (s: StatusSpec): string[] => {
    const seen = new Set<string>();
    const stack = [...s.uses];
    while (stack.length > 0) {
      const id = stack.pop()!;
      if (seen.has(id)) continue;
      seen.add(id);
      stack.push(...(byId.get(id)?.uses ?? []));
    }
    return [...seen].sort();
  };

  const visit = (s: StatusSpec, active: Set<string>): DerivedStatus => {
    const done = out.get(s.id);
    if (done) return done;
    active.add(s.id);
    const mine = obls.get(s.id) ?? [];
    const conditions: Condition[] = s.trustAssumptions.map((a) => ({ id: a, kind: 'assumption', status: assumptions.get(a)?.status ?? 'unknown' }));
    const warnings: Warning[] = [];
    for (const a of s.trustAssumptions) {
      const by = refutedBy.get(a);
      if (by) warnings.push({ id: a, kind: 'assumption', status: 'refuted', text: `rests on assumption ${a}, which ${by.join(', ')} refutes` });
    }
    for (const u of transitive(s)) {
      const used = byId.get(u);
      // Cycles are rejected at validation; guard anyway so a bad input cannot recurse forever.
      const st = !used ? 'unchecked' : active.has(u) ? 'unchecked' : visit(used, active).status;
      if (st === 'proved') continue;
      conditions.push({ id: u, kind: 'spec', status: st });
      if (WARN_SPEC.has(st)) warnings.push({ id: u, kind: 'spec', status: st, text: `${WARN_TEXT[st]}: ${u} (${st})` });
    }
    const base = own.get(s.id)!;
    const covering = mine.filter((o) => o.covers);
    const covered = covering.length > 0 && covering.every((o) => o.status === 'proved' && o.expected);
    let scope: Scope;
    let status: SpecStatus;
    if (base === 'refuted' || base === 'failed' || base === 'assumed' || base === 'skipped') {
      scope = 'none';
      status = base;
    } else if (covered) {
      // A skipped or sampled instance check takes nothing from a proof for all parameters.
      scope = 'all';
      status = conditions.length > 0 ? 'conditional' : 'proved';
    } else {
      scope = mine.some((o) => o.status === 'unknown') ? 'sampled' : 'instances';
      status = base === 'done' ? 'instances' : base;
    }
    const result: DerivedStatus = { status, scope, checkedOn: checkedOn(mine), conditions, warnings };
    active.delete(s.id);
    out.set(s.id, result);
    return result;
  };
  for (const s of specs) visit(s, new Set());
  return { specs: out, refutedBy };
}

function methodOf(o: StatusObligation): string {
  const what = o.property ? `property ${o.property}` : '';
  switch (o.backend) {
    case 'model':
      if (o.status === 'unknown' && o.sampled !== null) return `${what || 'evaluation'}, sampled ${o.sampled} inputs`;
      return o.exhaustive === false ? `${what || 'evaluation'}, sampled` : what ? `${what}` : 'exhaustive evaluation';
    case 'z3':
      return 'z3 (SMT, every input)';
    case 'lean':
      return o.kind === 'bridge' ? "Lean bridge (the Lean program's size and depth bound = the TypeScript family's)" : 'Lean kernel (decide, every input)';
    case 'measure':
      return 'measured';
    default:
      return o.backend;
  }
}

/** The parameter instances of a group of obligations, compactly: `p = 1..12` or `k = 2, p = 1..2; k = 3, p = 1`. */
export function instancesText(points: ReadonlyArray<Readonly<Record<string, number>>>): string {
  if (points.length === 0) return '';
  const keys = Object.keys(points[0]!);
  if (keys.length === 0) return 'the one instance';
  const sets = keys.map((k) => [...new Set(points.map((p) => p[k]!))]);
  const distinct = new Set(points.map((p) => keys.map((k) => p[k]).join(','))).size;
  if (sets.reduce((n, s) => n * s.length, 1) === distinct) return keys.map((k, i) => `${k} = ${compactRange(sets[i]!)}`).join(', ');
  // Not a product: group by all parameters but the last.
  const last = keys[keys.length - 1]!;
  const rest = keys.slice(0, -1);
  const groups = new Map<string, number[]>();
  for (const p of points) {
    const head = rest.map((k) => `${k} = ${p[k]}`).join(', ');
    groups.set(head, [...(groups.get(head) ?? []), p[last]!]);
  }
  return [...groups].map(([head, vs]) => `${head}${head ? ', ' : ''}${last} = ${compactRange([...new Set(vs)])}`).join('; ');
}

/** Which instances were checked and how, one entry per method (theorems are not instances). */
function checkedOn(obls: readonly StatusObligation[]): CheckedOn[] {
  const groups = new Map<string, Array<Array<Readonly<Record<string, number>>>>>();
  for (const o of obls) {
    if (o.kind === 'theorem' || (o.status !== 'proved' && o.status !== 'unknown')) continue;
    const m = methodOf(o);
    groups.set(m, [...(groups.get(m) ?? []), o.grid ? gridPoints(o.grid) : [o.params]]);
  }
  return [...groups].map(([method, chunks]) => ({ method, on: chunksText(chunks) }));
}

/**
 * The instances of one method: one product when they form one, else each grid (a product of
 * its own) apart, with the single instances grouped, rather than one entry per grid point.
 */
function chunksText(chunks: ReadonlyArray<ReadonlyArray<Readonly<Record<string, number>>>>): string {
  const all = chunks.flat();
  const whole = instancesText(all);
  const grids = chunks.filter((c) => c.length > 1);
  if (grids.length === 0 || !whole.includes(';')) return whole;
  const singles = chunks.filter((c) => c.length === 1).flat();
  return [...grids.map((g) => instancesText(g)), ...(singles.length > 0 ? [instancesText(singles)] : [])].join('; ');
}

function gridPoints(grid: Readonly<Record<string, readonly number[]>>): Array<Record<string, number>> {
  let out: Array<Record<string, number>> = [{}];
  for (const [k, vs] of Object.entries(grid)) out = out.flatMap((p) => vs.map((v) => ({ ...p, [k]: v })));
  return out;
}
