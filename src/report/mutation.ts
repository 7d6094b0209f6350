/** The mutation-testing part of the reports (`tc0 mutate`), shared by the renderers. */
import type { ConstructionScore, MutantResult, MutationReport, Totals } from '../verify/mutate.js';

export const percent = (score: number | null): string => (score === null ? '-' : `${(100 * score).toFixed(1)}%`);

/** `12 constructions, 240 mutants tried: 200 killed, 30 equivalent, 6 gaps, 4 undecided; score 95.2%`. */
export function mutationSummaryLine(m: MutationReport): string {
  const s = m.summary;
  return `mutation: ${s.constructions} constructions, ${s.tried} mutants tried${s.notRun > 0 ? ` (${s.notRun} not run)` : ''}: ${s.killed} killed, ${s.equivalent} equivalent, ${s.gaps} gaps, ${s.unknown} undecided${s.timeout + s.error > 0 ? ` (${s.timeout} timeout, ${s.error} error)` : ''}; score ${percent(s.score)} (killed / not equivalent)`;
}

/** Rows of the per-construction table: construction, tried, killed, equivalent, gaps, undecided, not run, score. */
export function scoreRows(m: MutationReport): string[][] {
  const row = (name: string, t: Totals): string[] => [name, String(t.tried), String(t.killed), String(t.equivalent), String(t.gaps), String(t.unknown), String(t.notRun), percent(t.score)];
  return [...m.constructions.map((c) => row(c.construction, c)), row('all', m.summary)];
}

export const SCORE_HEAD = ['construction', 'tried', 'killed', 'equivalent', 'gaps', 'undecided', 'not run', 'score'] as const;

/** Survivors that are not shown equivalent: what a reviewer must look at. */
export const openSurvivors = (c: ConstructionScore): MutantResult[] => c.mutants.filter((m) => m.class === 'gap' || m.class === 'unknown');

/** Every survivor with its class, then the killed ones (by which check). */
export const MUTANT_HEAD = ['mutant', 'kind', 'at', 'change', 'verdict', 'killed by / evidence'] as const;

export function mutantRow(m: MutantResult): string[] {
  const verdict = m.status === 'survived' || m.class ? `${m.status}${m.class ? ` (${m.class})` : ''}` : m.status;
  return [m.id, m.kind, m.at, m.description, verdict, m.killedBy.length > 0 ? m.killedBy.join(', ') : m.evidence];
}

export function optionsText(m: MutationReport): string {
  const o = m.options;
  return `seed ${o.seed}; kinds ${o.kinds.join(', ')}; ${o.perConstruction} mutants per construction and kind; checks on ${o.backends.join(', ')}; ${o.timeoutS} s per obligation; time budget ${o.timeBudgetS} s; took ${(m.ms / 1000).toFixed(1)} s`;
}
