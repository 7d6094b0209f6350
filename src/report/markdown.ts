/** `report.md`: the report for people who read it in a terminal or on a forge. */
import { type ObligationEntry, type Report, type SpecEntry, SPEC_STATUSES, runIncidents, coverageText } from './model.js';
import { counterexampleRows, evidenceText, formatMs, gridText, holdsText, runOutcome, toolText } from './format.js';
import { MUTANT_HEAD, SCORE_HEAD, mutantRow, mutationSummaryLine, openSurvivors, optionsText, scoreRows } from './mutation.js';
import { checkGroups, verdictSummary } from './checks.js';

const cell = (s: string): string => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');
const table = (head: readonly string[], rows: ReadonlyArray<readonly string[]>): string =>
  [`| ${head.join(' | ')} |`, `| ${head.map(() => '---').join(' | ')} |`, ...rows.map((r) => `| ${r.map(cell).join(' | ')} |`)].join('\n');

export function renderMarkdown(r: Report): string {
  const s = r.summary;
  const out: string[] = [];
  out.push('# tc0 proof report', '');
  out.push(`Generated ${r.generatedAt}. Tools: node ${r.tools.node}; ${toolText(r, 'z3')}; ${toolText(r, 'lean')}.`, '');
  for (const line of runIncidents(r.run, r.obligations)) out.push(`**${line}**`, '');
  out.push('## Summary', '');
  out.push(table(['specs', 'obligations', 'proved', 'refuted', 'timeout', 'unknown', 'error', 'skipped', 'unexpected', 'cached'], [[s.specs, s.obligations, s.proved, s.refuted, s.timeout, s.unknown, s.error, s.skipped, s.unexpected, s.cached].map(String)]));
  out.push('');
  const unexpected = r.obligations.filter((o) => !o.expected);
  out.push(unexpected.length === 0 ? runOutcome(r).text : `**${unexpected.length} unexpected:** ${unexpected.map((o) => `\`${o.id}\` (${o.status})`).join(', ')}`, '');
  const skipped = r.obligations.filter((o) => o.status === 'skipped');
  if (skipped.length > 0) out.push(`Skipped (${skipped.length}): ${[...new Set(skipped.map((o) => o.trust))].join('; ')}`, '');
  const short = r.specs.filter((x) => x.belowRange);
  if (short.length > 0) out.push(`Checked below the declared range (${short.length}): ${short.map((x) => `${x.id} (${x.belowRange})`).join('; ')}`, '');
  out.push(`Specs by status: ${SPEC_STATUSES.filter((k) => s.specStatuses[k] > 0).reverse().map((k) => `${s.specStatuses[k]} ${k}`).join(', ')} (README "Statuses": \`proved\` is proved for all parameters by the Lean kernel with nothing unproved underneath).`, '');
  out.push(table(['spec', 'status', 'expect', 'checked by', 'rests on (not proved here)', 'title'], r.specs.map((x) => [
    `[${x.id}](#${anchor(x.id)})`,
    `${x.status}${x.warnings.length > 0 ? ' ⚠' : ''}`,
    x.expect,
    x.provedBy.join(', ') || '-',
    x.conditions.length > 0 ? x.conditions.map((c) => c.id).join(', ') : '-',
    x.title,
  ])));
  out.push('');
  out.push('## The paper, item by item', '');
  out.push(table(['paper item', 'spec', 'role', 'status', 'what holds', 'rests on'], paperRows(r)));
  out.push('');
  if (r.constants.length > 0) {
    out.push("## The paper's constants, measured", '');
    out.push('Depths the paper leaves abstract, as measured on the constructions (every value seen over the measured range; one value means constant).', '');
    out.push(table(['constant', 'spec', 'depth', 'measured over', 'size at the largest instance', 'status', 'note'], r.constants.map((c) => [
      c.constant,
      c.spec,
      c.depths.length > 0 ? c.depths.join(', ') : '-',
      c.over,
      c.size !== null && c.at ? `${c.size} (${Object.entries(c.at).map(([k, v]) => `${k}=${v}`).join(', ')})` : '-',
      c.status,
      c.note ?? '',
    ])));
    out.push('');
  }
  if (r.mutation) out.push(...mutationSection(r.mutation));
  if (r.assumptions.length > 0) {
    out.push('## Named assumptions', '');
    out.push(table(['id', 'status', 'statement', 'cited'], r.assumptions.map((a) => [a.id, `${a.status}${a.refutedBy.length > 0 ? ` (refuted here by ${a.refutedBy.join(', ')})` : ''}`, a.statement, a.cite.join('; ')])));
    out.push('');
  }
  for (const spec of r.specs) out.push(...specSection(r, spec, r.obligations.filter((o) => o.spec === spec.id)));
  return `${out.join('\n')}\n`;
}

function mutationSection(m: NonNullable<Report['mutation']>): string[] {
  const out = ['## Mutation testing', '', `${mutationSummaryLine(m)}.`, '', `Options: ${optionsText(m)}.`, ''];
  out.push(table(SCORE_HEAD, scoreRows(m)), '');
  for (const c of m.constructions) {
    const survivors = c.mutants.filter((x) => x.status !== 'killed');
    out.push(`### Mutants of ${c.construction}`, '', `Specs: ${c.specs.join(', ')}. Circuit mutants at ${c.instances.join('; ') || 'no instance'}.${c.notes.length > 0 ? ` ${c.notes.join('; ')}.` : ''}${openSurvivors(c).length > 0 ? ` **${openSurvivors(c).length} survivor(s) not shown equivalent.**` : ''}`, '');
    if (survivors.length > 0) out.push(table(MUTANT_HEAD, survivors.map(mutantRow)), '');
    for (const x of survivors.filter((s) => s.counterexample)) {
      const inputs = counterexampleRows(x.counterexample!).filter(([side]) => side === 'input');
      out.push(`An input where ${x.id} differs from the original: ${inputs.map(([, port, value]) => `${port} = ${value}`).join(', ')}.`, '');
    }
    const killed = c.mutants.filter((x) => x.status === 'killed');
    if (killed.length > 0) out.push(`Killed: ${killed.map((x) => `${x.id} (${x.killedBy[0]})`).join(', ')}.`, '');
  }
  return out;
}

const anchor = (id: string): string => id.replace(/[^a-z0-9-]/g, '');

/** The paper view: main theorems first, then paper items in order, sanity checks last. */
function paperRows(r: Report): string[][] {
  const rank = (s: SpecEntry): number => (s.role === 'main-theorem' ? 0 : s.role === 'sanity' ? 3 : s.paperItem ? 1 : 2);
  return [...r.specs]
    .sort((a, b) => rank(a) - rank(b) || (a.paperItem ?? '').localeCompare(b.paperItem ?? '', 'en', { numeric: true }) || a.id.localeCompare(b.id))
    .map((s) => [
      s.role === 'main-theorem' ? 'main theorem' : (s.paperItem ?? '-'),
      `[${s.id}](#${anchor(s.id)})`,
      s.role,
      s.status,
      verdictSummary(r.obligations.filter((o) => o.spec === s.id)) || (s.assumed ? 'assumed, not checked' : 'not yet checked'),
      s.trustBase.assumptions.join(', ') || '-',
    ]);
}

function specSection(r: Report, spec: SpecEntry, obls: readonly ObligationEntry[]): string[] {
  const out: string[] = [];
  out.push(`## ${spec.id}`, '', `**${spec.title}** · status **${spec.status}** (expect ${spec.expect}) · \`${spec.file}:${spec.line}\` · ${spec.role}${spec.paperItem ? ` of ${spec.paperItem}` : ''}`, '');
  out.push(...spec.statement.split('\n').map((l) => `> ${l}`), '');
  out.push(`What holds: ${holdsText(spec)}`, '');
  for (const w of spec.warnings) out.push(`- ⚠ ${w.text}`);
  if (spec.warnings.length > 0) out.push('');
  const p = spec.provenance;
  out.push(`Provenance: ${p.paper} (${p.status})${p.cite.length > 0 ? `; cites ${p.cite.join('; ')}` : ''}${p.note ? `. ${p.note}` : ''}`, '');
  const tb = spec.trustBase;
  out.push(`Trust base: ${tb.assumptions.length > 0 ? tb.assumptions.join(', ') : 'no named assumptions'}${tb.assumedSpecs.length > 0 ? `; uses assumed specs ${tb.assumedSpecs.join(', ')}` : ''}${spec.assumed ? '; this spec itself is assumed from the literature' : ''}.`, '');
  if (spec.uses.length > 0 || spec.usedBy.length > 0) out.push(`Uses: ${spec.uses.join(', ') || 'nothing'}. Used by: ${spec.usedBy.join(', ') || 'nothing'}.`, '');
  if (spec.construction) out.push(`Construction \`${spec.construction}\`${spec.model ? ` against model \`${spec.model}\`` : ''}.`, '');
  if (spec.coverage.length > 0) out.push(`Coverage of the declared ranges: ${coverageText(spec.coverage)}.${spec.belowRange ? ` **Note: ${spec.belowRange}.**` : ''}`, '');
  if (obls.length === 0) {
    out.push('_Not yet checked: no obligations._', '');
    return out;
  }
  out.push(table(['check', 'instances', 'verdicts', 'time'], checkGroups(obls).map((g) => [`${g.allExpected ? '✓' : '✗'} ${g.label}`, g.instances, g.summary, formatMs(g.ms)])));
  out.push('');
  const decls = new Map(r.leanDeclarations.map((d) => [d.name, d]));
  for (const o of obls.filter((x) => x.theorem)) {
    out.push(`Lean theorem \`${o.theorem!.name}\`${o.theorem!.covers ? ' (covers this spec for all parameters)' : ''}, ${o.status}:`, '', '```lean', `theorem ${o.theorem!.name} : ${o.theorem!.statement} :=`, `  ${o.theorem!.proof}`, '```', '');
    if (o.leanRefs.length > 0) out.push(`Library declarations it uses: ${o.leanRefs.map((n) => (decls.get(n) ? `\`${n}\` (${decls.get(n)!.file}:${decls.get(n)!.line})` : `\`${n}\``)).join(', ')}`, '');
  }
  out.push(table(['obligation', 'backend', 'params', 'verdict', 'time', 'checker', 'evidence'], obls.map((o) => [
    o.id,
    o.route ? `${o.backend} (${o.route})` : o.backend,
    gridText(o),
    `${o.status}${o.expected ? '' : ' (UNEXPECTED)'}${o.cached ? ' (cached)' : ''}`,
    formatMs(o.ms),
    o.checker ?? '-',
    evidenceText(o) + (o.artifact ? ` [artifact: ${o.artifact}]` : ''),
  ])));
  out.push('');
  for (const o of obls) {
    if (o.series && o.series.length > 0) {
      out.push(`### Depth and size: ${o.id}`, '');
      const keys = Object.keys(o.series[0]!.params);
      const extraKeys = [...new Set(o.series.flatMap((row) => Object.keys(row.extra ?? {})))];
      out.push(table([...keys, 'depth', 'size', 'max fan-in', 'max |weight|', ...extraKeys], o.series.map((row) => [...keys.map((k) => String(row.params[k])), String(row.depth), String(row.size), String(row.maxFanIn), row.maxWeight, ...extraKeys.map((k) => String(row.extra?.[k] ?? ''))])));
      out.push('');
      for (const f of o.fits ?? []) out.push(`- ${f.metric} against ${f.parameter}: fitted degree ${f.degree}${f.exact ? `; exactly ${polyText(f.exact, f.parameter)}` : ''}`);
      out.push('');
    }
    if (o.table && o.table.length > 0) {
      out.push(`### Measured: ${o.id}`, '');
      const keys = Object.keys(o.table[0]!);
      out.push(table(keys, o.table.map((row) => keys.map((k) => String(row[k] ?? '')))));
      out.push('');
    }
    if (o.counterexample) {
      out.push(`### Counterexample: ${o.id}${o.expected ? ' (refuted as expected)' : ''}`, '');
      if (o.counterexample.note) out.push(o.counterexample.note, '');
      const rows = counterexampleRows(o.counterexample);
      if (rows.length > 0) out.push(table(['', 'port', 'value'], rows), '');
    }
    for (const n of o.notes) out.push(`- ${o.id}: ${n}`);
  }
  return out;
}

/** Coefficients (lowest first) as a polynomial in x. */
export function polyText(coeffs: readonly string[], x: string): string {
  const terms: string[] = [];
  for (let k = coeffs.length - 1; k >= 0; k--) {
    const c = coeffs[k]!;
    if (c === '0') continue;
    const neg = c.startsWith('-');
    const mag = neg ? c.slice(1) : c;
    const pow = k === 0 ? '' : k === 1 ? x : `${x}^${k}`;
    const body = k === 0 ? mag : mag === '1' ? pow : `${mag}${pow}`;
    terms.push(terms.length === 0 ? `${neg ? '-' : ''}${body}` : `${neg ? '-' : '+'} ${body}`);
  }
  return terms.join(' ') || '0';
}
