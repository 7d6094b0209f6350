/**
 * `tc0 show`: one spec (or one obligation) as text for a terminal, from the same report model
 * as every other renderer: statement, where it is, what it uses and what uses it, its trust base,
 * one line per check with ranges and verdicts, Lean theorems with the library names they use,
 * every obligation, counterexamples and artifacts.
 */
import type { ObligationEntry, Report, SpecEntry } from './model.js';
import { checkGroups } from './checks.js';
import { counterexampleRows, evidenceText, formatMs, gridText } from './format.js';

export interface TextOptions {
  readonly colour: boolean;
  /** Show only this obligation, in full. */
  readonly obligation?: string;
}

export function renderSpecText(r: Report, specId: string, opts: TextOptions): string {
  const paint = (code: string) => (s: string) => (opts.colour ? `\x1b[${code}m${s}\x1b[0m` : s);
  const bold = paint('1');
  const dim = paint('2');
  const good = paint('32');
  const bad = paint('1;31');
  const spec = r.specs.find((s) => s.id === specId);
  if (!spec) return `no spec ${specId} in this report\n`;
  const obls = r.obligations.filter((o) => o.spec === specId);
  const out: string[] = [];
  const field = (k: string, v: string): void => void out.push(`  ${dim(k.padEnd(11))}${v}`);
  const verdict = (o: ObligationEntry): string => (o.expected ? (o.status === 'proved' ? good : (s: string) => s) : bad)(o.status.padEnd(8));

  if (opts.obligation) {
    const o = obls.find((x) => x.id === opts.obligation);
    if (!o) return `spec ${specId} has no obligation ${opts.obligation} in this run (tc0 show ${specId} lists them)\n`;
    out.push(`${bold(o.id)}  ${verdict(o)}${o.expected ? '' : bad(' (unexpected)')}${o.cached ? dim(' cached') : ''}`);
    field('spec', `${spec.id}: ${spec.title}`);
    field('check', `#${o.check + 1} ${o.backend}${o.route ? ` (${o.route})` : ''}`);
    field('instance', gridText(o) || '-');
    field('time', formatMs(o.ms));
    field('checker', o.checker ?? '-');
    field('evidence', evidenceText(o));
    if (o.metrics) field('circuit', `depth ${o.metrics.depth}, size ${o.metrics.size}, max fan-in ${o.metrics.maxFanIn}, max |weight| ${o.metrics.maxWeight}`);
    if (o.artifact) field('artifact', o.artifact);
    field('hash', o.hash);
    for (const n of o.notes) field('note', n);
    out.push(...theoremText(r, o, dim), ...counterexampleText(o, bold));
    return `${out.join('\n')}\n`;
  }

  out.push(`${bold(spec.id)}  ${spec.title}`);
  field('status', `${spec.status === 'failed' ? bad(spec.status) : spec.status} · expect ${spec.expect}`);
  field('file', `${spec.file}:${spec.line}`);
  const p = spec.provenance;
  field('paper', `${p.paper} (${p.status})${p.cite.length > 0 ? `; cites ${p.cite.join('; ')}` : ''}`);
  if (p.note) field('note', p.note);
  field('uses', spec.uses.length > 0 ? spec.uses.join(', ') : 'nothing');
  field('used by', spec.usedBy.length > 0 ? spec.usedBy.join(', ') : 'nothing');
  field('trust base', trustText(r, spec));
  out.push('', bold('Statement'), ...spec.statement.trimEnd().split('\n').map((l) => `  ${l}`));
  if (obls.length === 0) out.push('', dim(spec.assumed ? 'Assumed from the literature: nothing is checked.' : 'Not yet checked: the spec has no checks.'));
  else {
    out.push('', bold('Checks'));
    const groups = checkGroups(obls);
    const lw = Math.max(...groups.map((g) => g.label.length));
    const iw = Math.min(28, Math.max(...groups.map((g) => g.instances.length)));
    for (const g of groups) out.push(`  ${g.allExpected ? good('✓') : bad('✗')} ${g.label.padEnd(lw)}  ${g.instances.padEnd(iw)}  ${g.summary}  ${dim(formatMs(g.ms))}`);
    for (const o of obls.filter((x) => x.theorem)) out.push('', ...theoremText(r, o, dim));
    out.push('', bold('Obligations'));
    for (const o of obls) out.push(`  ${verdict(o)} ${o.id}  ${dim(`${formatMs(o.ms)}${o.cached ? ' cached' : ''}`)}${o.expected ? '' : `  ${bad(evidenceText(o))}`}`);
    for (const o of obls) out.push(...counterexampleText(o, bold));
    const artifacts = [...new Set(obls.map((o) => o.artifact).filter((a): a is string => a !== null))];
    if (artifacts.length > 0) out.push('', bold('Artifacts'), ...artifacts.map((a) => `  ${a}`));
  }
  out.push('', dim(`tc0 show ${spec.id}/<obligation> for one obligation's evidence in full`));
  return `${out.join('\n')}\n`;
}

function trustText(r: Report, spec: SpecEntry): string {
  const tb = spec.trustBase;
  const status = new Map(r.assumptions.map((a) => [a.id, a.status]));
  const parts = tb.assumptions.map((a) => `${a} (${status.get(a) ?? '?'}${spec.assumptions.includes(a) ? '' : ', inherited'})`);
  if (tb.assumedSpecs.length > 0) parts.push(`assumed specs ${tb.assumedSpecs.join(', ')}`);
  return parts.length > 0 ? parts.join(', ') : 'no named assumptions (only the checkers)';
}

function theoremText(r: Report, o: ObligationEntry, dim: (s: string) => string): string[] {
  if (!o.theorem) return [];
  const decls = new Map(r.leanDeclarations.map((d) => [d.name, d]));
  return [
    `Lean theorem ${o.theorem.name} ${dim(`(${o.status})`)}`,
    ...o.theorem.statement.split('\n').map((l) => `  ${l}`),
    `  ${dim(':=')} ${o.theorem.proof.split('\n').join('\n     ')}`,
    ...o.leanRefs.map((n) => {
      const d = decls.get(n);
      return `  ${dim('uses')} ${n}${d ? ` ${dim(`${d.file}:${d.line}`)}` : ''}`;
    }),
  ];
}

function counterexampleText(o: ObligationEntry, bold: (s: string) => string): string[] {
  const c = o.counterexample;
  if (!c) return [];
  const out = ['', bold(`Counterexample${o.expected ? ' (refuted as expected)' : ''}: ${o.id}`)];
  if (c.params) out.push(`  at ${Object.entries(c.params).map(([k, v]) => `${k} = ${v}`).join(', ')}`);
  for (const [side, port, value] of counterexampleRows(c)) out.push(`  ${side.padEnd(8)} ${port.padEnd(10)} ${value}`);
  if (c.note) out.push(`  ${c.note}`);
  return out;
}
