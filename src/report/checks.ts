/**
 * Obligations grouped by the check they come from, with their parameter ranges and a verdict
 * summary ("p = 1..12, 12 proved, exhaustive"), for the spec panels of the HTML report and for
 * `tc0 show`: a reviewer reads one line per check and opens the rows only when needed.
 */
import type { Status } from '../core/verdict.js';
import type { ObligationEntry } from './model.js';
import { compactRange } from './format.js';
import { instancesText } from './status.js';

export interface CheckGroup {
  /** Index of the check in the spec file (0-based). */
  readonly check: number;
  /** What checks it: `model`, `z3`, `lean theorem NAME`, `model property NAME`, `measure`. */
  readonly label: string;
  /** The instances: `p = 1..12`, `k = 2..8, p = 1..4` (see `instancesText`), or `-` for a grid-less check. */
  readonly instances: string;
  /** Verdicts counted: `12 proved (exhaustive)`, `3 sampled (not a proof), 1 timeout`. */
  readonly summary: string;
  /** Every obligation came out as its spec expects. */
  readonly allExpected: boolean;
  /** The most serious verdict, for colour. */
  readonly worst: Status;
  readonly ms: number;
  readonly obligations: readonly ObligationEntry[];
}

const SEVERITY: readonly Status[] = ['error', 'timeout', 'refuted', 'unknown', 'skipped', 'proved'];

function labelOf(o: ObligationEntry): string {
  if (o.kind === 'theorem') return `lean theorem ${o.theorem?.name ?? o.id.split(':').pop()}`;
  if (o.kind === 'bridge') return 'lean bridge (size and depth against the TypeScript family)';
  if (o.kind === 'property') return `model property ${o.id.split('/')[1]?.replace(/^model:/, '') ?? ''}`;
  return o.backend;
}

function how(o: ObligationEntry): string | undefined {
  if (o.status !== 'proved') return undefined;
  if (o.inputs) return o.inputs.exhaustive ? 'exhaustive' : undefined;
  if (o.backend === 'z3') return 'by SMT';
  if (o.backend === 'lean') return 'by the Lean kernel';
  return undefined;
}

/** The verdict counts of a set of obligations, in words. */
export function verdictSummary(obls: readonly ObligationEntry[]): string {
  const parts: string[] = [];
  const count = (pred: (o: ObligationEntry) => boolean): number => obls.filter(pred).length;
  const proved = obls.filter((o) => o.status === 'proved');
  if (proved.length > 0) {
    const hows = [...new Set(proved.map(how).filter((h): h is string => h !== undefined))];
    parts.push(`${proved.length === obls.length && obls.length > 1 ? 'all ' : ''}${proved.length} proved${hows.length > 0 ? ` (${hows.join(', ')})` : ''}`);
  }
  const sampled = obls.filter((o) => o.status === 'unknown' && o.sampled !== null);
  if (sampled.length > 0) parts.push(`${sampled.length} sampled (${[...new Set(sampled.map((o) => o.sampled))].join(', ')} inputs; not a proof)`);
  const unknown = count((o) => o.status === 'unknown' && o.sampled === null);
  if (unknown > 0) parts.push(`${unknown} unknown`);
  const refExp = count((o) => o.status === 'refuted' && o.expected);
  if (refExp > 0) parts.push(`${refExp} refuted as expected`);
  const refUnexp = count((o) => o.status === 'refuted' && !o.expected);
  if (refUnexp > 0) parts.push(`${refUnexp} refuted (unexpected)`);
  for (const st of ['timeout', 'error'] as const) {
    const n = count((o) => o.status === st);
    if (n > 0) parts.push(`${n} ${st}`);
  }
  const unchecked = count((o) => o.status === 'skipped' && o.trust.startsWith('not yet checked'));
  if (unchecked > 0) parts.push(`${unchecked} not yet checked`);
  const skipped = count((o) => o.status === 'skipped' && !o.trust.startsWith('not yet checked'));
  if (skipped > 0) parts.push(`${skipped} skipped`);
  const expectedProofMissing = obls.filter((o) => o.status === 'proved' && !o.expected).length;
  if (expectedProofMissing > 0) parts.push(`${expectedProofMissing} proved but expected refuted`);
  return parts.join(', ');
}

function paramOrder(a: Readonly<Record<string, number>>, b: Readonly<Record<string, number>>): number {
  for (const k of Object.keys(a).sort()) if (a[k] !== b[k]) return (a[k] ?? 0) - (b[k] ?? 0);
  return 0;
}

export function checkGroups(obls: readonly ObligationEntry[]): CheckGroup[] {
  const byCheck = new Map<string, ObligationEntry[]>();
  for (const o of obls) {
    // An `auto` check splits into model and z3 obligations: one group per backend.
    const key = `${o.check}\u0000${labelOf(o)}`;
    byCheck.set(key, [...(byCheck.get(key) ?? []), o]);
  }
  return [...byCheck.values()].map((unsorted) => {
    // Instances in parameter order, not in the order they finished.
    const os = [...unsorted].sort((a, b) => paramOrder(a.params, b.params));
    const first = os[0]!;
    const worst = SEVERITY.find((st) => os.some((o) => o.status === st)) ?? 'proved';
    return {
      check: first.check,
      label: labelOf(first),
      instances: first.grid ? Object.entries(first.grid).map(([k, v]) => `${k} = ${compactRange(v)}`).join(', ') : instancesText(os.map((o) => o.params)) || '-',
      summary: verdictSummary(os),
      allExpected: os.every((o) => o.expected),
      worst,
      ms: os.reduce((s, o) => s + o.ms, 0),
      obligations: os,
    };
  });
}
