/** Small text helpers shared by the renderers. */
import type { Counterexample, PortValue } from '../core/verdict.js';
import type { ObligationEntry, Report, SpecEntry } from './model.js';

export { formatMs } from '../core/duration.js';

export function paramText(params: Readonly<Record<string, number>>): string {
  const e = Object.entries(params);
  return e.length === 0 ? '' : e.map(([k, v]) => `${k}=${v}`).join(', ');
}

export function gridText(o: ObligationEntry): string {
  if (o.grid) return Object.entries(o.grid).map(([k, vs]) => `${k} ∈ {${compactRange(vs)}}`).join(', ');
  return paramText(o.params);
}

export function compactRange(vs: readonly number[]): string {
  const v = [...vs].sort((a, b) => a - b);
  const runs: string[] = [];
  for (let i = 0; i < v.length; ) {
    let j = i;
    while (j + 1 < v.length && v[j + 1] === v[j]! + 1) j++;
    runs.push(j > i + 1 ? `${v[i]}..${v[j]}` : j > i ? `${v[i]}, ${v[j]}` : `${v[i]}`);
    i = j + 1;
  }
  return runs.join(', ');
}

/** `5 (0b101) = -3`; a port of width 0 says so instead of showing bits it does not have. */
export function portText(v: PortValue): string {
  return `${v.value} (${v.bits === '' ? 'no bits: a port of width 0' : `0b${v.bits}`})${v.text !== undefined ? ` = ${v.text}` : ''}`;
}

/** Rows of a counterexample: [side, port, value]. */
export function counterexampleRows(c: Counterexample): Array<[string, string, string]> {
  const rows: Array<[string, string, string]> = [];
  for (const [side, rec] of [['input', c.inputs], ['circuit', c.circuit], ['model', c.model]] as const)
    for (const [port, v] of Object.entries(rec ?? {})) rows.push([side, port, portText(v)]);
  return rows;
}

/** What an obligation's verdict rests on, in a few words. */
export function evidenceText(o: ObligationEntry): string {
  if (o.status === 'unknown' && o.sampled !== null) return `sampled ${o.sampled} inputs (not a proof)${o.trust.includes('; ') ? `: ${o.trust.slice(o.trust.indexOf('; ') + 2)}` : ''}`;
  return o.trust;
}

/** The tool line: a checker that ran, one that was needed and missing, and one not needed. */
export function toolText(r: Report, backend: 'z3' | 'lean'): string {
  const v = r.tools[backend];
  if (v) return `${backend} ${v}`;
  const mine = r.obligations.filter((o) => o.backend === backend);
  if (mine.length === 0) return `${backend} not used in this run`;
  return `${backend} not available (${mine.length} obligation${mine.length === 1 ? '' : 's'} skipped)`;
}

/**
 * The run in one sentence, and its tone: `good` only when something was proved, everything ran
 * and nothing is unexpected; `partial` when some obligations did not run; `neutral` when nothing
 * was proved; `bad` when something is unexpected.
 */
export function runOutcome(r: Report): { tone: 'good' | 'partial' | 'neutral' | 'bad'; text: string } {
  const s = r.summary;
  if (s.unexpected > 0 || r.run.interrupted || r.run.notStored > 0) return { tone: 'bad', text: s.unexpected > 0 ? `${s.unexpected} obligation${s.unexpected === 1 ? '' : 's'} not as expected.` : 'The run did not complete as it should (see above).' };
  const skipped = r.obligations.filter((o) => o.status === 'skipped');
  const unchecked = skipped.filter((o) => o.trust.startsWith('not yet checked')).length;
  const notRun = [unchecked > 0 ? `${unchecked} not yet checked (run tc0 verify)` : '', skipped.length > unchecked ? `${skipped.length - unchecked} skipped` : ''].filter(Boolean).join(', ');
  if (s.obligations === 0) return { tone: 'neutral', text: 'Nothing was checked: no obligations in this run.' };
  if (s.proved === 0) return { tone: 'neutral', text: `No obligation was proved in this run${notRun ? ` (${notRun})` : ''}; nothing came out unexpected.` };
  if (notRun) return { tone: 'partial', text: `Every obligation that ran came out as its spec expects; ${notRun}.` };
  return { tone: 'good', text: 'Every obligation came out as its spec expects.' };
}

/** What holds for a spec, in one sentence (README "Statuses"). */
export function holdsText(s: SpecEntry): string {
  const on = s.checkedOn.map((c) => `${c.method}: ${c.on}`).join('; ');
  const rests = s.conditions.length > 0 ? ` It rests on ${s.conditions.length} claim${s.conditions.length > 1 ? 's' : ''} not proved here: ${conditionsText(s)}.` : '';
  switch (s.status) {
    case 'proved':
      return 'Proved for all parameters: the Lean kernel checked every theorem that covers this spec, and nothing it rests on is unproved.';
    case 'conditional':
      return `Conditional: proved for all parameters by the Lean kernel from hypotheses that are not proved here.${rests}`;
    case 'instances':
      return `Checked on instances only (${on || 'no instance recorded'}), not for all parameters.${rests}`;
    case 'sampled':
      return `Sampled: some instances were only sampled, which is evidence, not a proof (${on}).${rests}`;
    case 'partial':
      return `Partial: some checks were skipped; the rest came out as expected (${on || 'nothing on instances'}).${rests}`;
    case 'assumed':
      return `Assumed: taken from the literature, not checked here.${rests}`;
    case 'refuted':
      return s.expect === 'refuted' ? 'Refuted, as the spec expects: a counterexample was found and replayed on the exact model.' : 'Refuted: a counterexample was found and replayed on the exact model.';
    case 'failed':
      return 'Failed: some check did not come out as the spec expects.';
    case 'skipped':
      return 'Skipped: nothing was checked.';
  }
}

/** The conditions of a spec: `ta-upper-bound (unproved), thm.ta-in-tc0 (instances)`. */
export function conditionsText(s: Pick<SpecEntry, 'conditions'>): string {
  return s.conditions.map((c) => `${c.id} (${c.kind === 'assumption' ? `assumption, ${c.status}` : c.status})`).join(', ');
}
