/**
 * `index.html`: the report a reviewer reads in a browser. One self-contained file (inline CSS,
 * JS and SVG; nothing fetched at view time): a summary banner, the spec dependency graph laid
 * out by Graphviz (@viz-js/viz, Wasm, run at report time) and coloured by derived status, one
 * detail section per spec (statement, provenance, trust base, obligations, counterexamples) and
 * inline SVG plots of every measured series and numeric table.
 */
import { instance } from '@viz-js/viz';
import { type ObligationEntry, type Report, type SpecEntry, type SpecStatus, SPEC_STATUSES, runIncidents, coverageText } from './model.js';
import { counterexampleRows, evidenceText, formatMs, gridText, holdsText } from './format.js';
import { plotsFor } from './plot.js';
import { MUTANT_HEAD, SCORE_HEAD, mutantRow, mutationSummaryLine, openSurvivors, optionsText, scoreRows } from './mutation.js';

/** What a node's colour says: the derived status, with refutations split by expectation. */
export type DisplayStatus = 'proved' | 'conditional' | 'instances' | 'sampled' | 'partial' | 'refuted-expected' | 'unexpected' | 'assumed' | 'skipped' | 'unchecked';

export const DISPLAY: Readonly<Record<DisplayStatus, { readonly label: string; readonly fill: string }>> = {
  proved: { label: 'proved for all parameters (Lean)', fill: '#8fd19e' },
  conditional: { label: 'conditional: proved from hypotheses not proved here', fill: '#f2d98d' },
  instances: { label: 'checked on instances only', fill: '#b4ddd8' },
  sampled: { label: 'sampled (evidence, not a proof)', fill: '#e9f0b8' },
  partial: { label: 'partial (some checks skipped)', fill: '#e0e0c8' },
  'refuted-expected': { label: 'refuted as expected (a finding)', fill: '#b9a6e0' },
  unexpected: { label: 'refuted or failed unexpectedly', fill: '#f08a8a' },
  assumed: { label: 'assumed from the literature', fill: '#a9cbe8' },
  skipped: { label: 'skipped (backend unavailable)', fill: '#dddddd' },
  unchecked: { label: 'not yet checked', fill: '#ffffff' },
};

/** Spec statuses in words (banner counts). */
const SPEC_WORDS: Readonly<Record<SpecStatus, string>> = {
  proved: 'proved for all parameters',
  conditional: 'conditional',
  instances: 'on instances only',
  sampled: 'sampled',
  partial: 'partial',
  assumed: 'assumed',
  skipped: 'skipped',
  failed: 'failed',
  refuted: 'refuted',
};
const SPEC_DISPLAY: Readonly<Record<SpecStatus, DisplayStatus>> = {
  proved: 'proved',
  conditional: 'conditional',
  instances: 'instances',
  sampled: 'sampled',
  partial: 'partial',
  assumed: 'assumed',
  skipped: 'skipped',
  failed: 'unexpected',
  refuted: 'refuted-expected',
};

export function displayStatus(spec: SpecEntry, obls: readonly ObligationEntry[]): DisplayStatus {
  if (obls.some((o) => !o.expected) || spec.status === 'failed') return 'unexpected';
  if (spec.status === 'refuted') return 'refuted-expected';
  if (spec.status === 'skipped') return obls.length === 0 || obls.every((o) => /not (yet )?implemented|not yet checked/.test(o.trust)) ? 'unchecked' : 'skipped';
  return spec.status;
}

const esc = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const dotString = (s: string): string => `"${s.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
const domId = (id: string): string => `spec-${id.replace(/[^A-Za-z0-9_-]/g, '_')}`;

function graphDot(r: Report, status: ReadonlyMap<string, DisplayStatus>): string {
  const ids = new Set(r.specs.map((s) => s.id));
  const lines = ['digraph specs {', '  rankdir=BT; bgcolor="transparent"; nodesep=0.25; ranksep=0.45;', '  node [shape=box, style="rounded,filled", fontname="Helvetica", fontsize=11, penwidth=1.2];', '  edge [color="#777777", arrowsize=0.6];'];
  for (const s of r.specs) {
    const st = status.get(s.id)!;
    const dashed = st === 'unchecked' ? ', style="rounded,filled,dashed"' : '';
    // Building on something refuted, failed, partial or assumed shows on the node itself.
    const warn = s.warnings.length > 0 ? `, color="#c62828", penwidth=2.6, label=${dotString(`⚠ ${s.id}`)}` : '';
    const tip = `${s.id}: ${s.title} (${DISPLAY[st].label})${s.warnings.map((w) => `; ⚠ ${w.text}`).join('')}`;
    lines.push(`  ${dotString(s.id)} [id=${dotString(domId(s.id))}, class=${dotString(`spec-node status-${st}${s.warnings.length > 0 ? ' warned' : ''}`)}, fillcolor=${dotString(DISPLAY[st].fill)}, tooltip=${dotString(tip)}${dashed}${warn}];`);
  }
  for (const s of r.specs) for (const u of s.uses) if (ids.has(u)) lines.push(`  ${dotString(s.id)} -> ${dotString(u)};`);
  lines.push('}');
  return lines.join('\n');
}

function table(head: readonly string[], rows: ReadonlyArray<readonly string[]>, cls = ''): string {
  return `<table${cls ? ` class="${cls}"` : ''}><thead><tr>${head.map((h) => `<th>${esc(h)}</th>`).join('')}</tr></thead><tbody>${rows.map((row) => `<tr>${row.map((c) => `<td>${c}</td>`).join('')}</tr>`).join('')}</tbody></table>`;
}

function banner(r: Report): string {
  const s = r.summary;
  const counts = (['proved', 'refuted', 'unknown', 'timeout', 'error', 'skipped'] as const).map((k) => `<span class="count v-${k}"><b>${s[k]}</b> ${k}</span>`).join(' ');
  const specCounts = SPEC_STATUSES.filter((k) => s.specStatuses[k] > 0)
    .reverse()
    .map((k) => `<span class="count s-${k}"><span class="swatch" style="background:${DISPLAY[SPEC_DISPLAY[k]].fill}"></span><b>${s.specStatuses[k]}</b> ${esc(SPEC_WORDS[k])}</span>`)
    .join(' ');
  const warned = r.specs.filter((x) => x.warnings.length > 0);
  const unexpected = r.obligations.filter((o) => !o.expected);
  const skipped = r.obligations.filter((o) => o.status === 'skipped');
  const reasons = [...new Set(skipped.map((o) => o.trust))];
  return `<section id="summary" class="${unexpected.length > 0 || r.run.interrupted || r.run.notStored > 0 ? 'bad' : 'good'}">
<h1>tc0 proof report</h1>
<p class="meta">Generated ${esc(r.generatedAt)} · node ${esc(r.tools.node)} · z3 ${esc(r.tools.z3 ?? 'not available')} · lean ${esc(r.tools.lean ?? 'not available')}</p>
${runIncidents(r.run, r.obligations).map((l) => `<p><b>${esc(l)}</b></p>`).join('\n')}
<p>${s.specs} specs: ${specCounts}</p>
${warned.length > 0 ? `<p class="warned">⚠ ${warned.length} spec${warned.length > 1 ? 's build' : ' builds'} on something refuted, failed, partial, assumed or unchecked: ${warned.map((x) => `<a href="#${domId(x.id)}" data-spec="${esc(x.id)}">${esc(x.id)}</a>`).join(', ')}</p>` : ''}
<p>${s.obligations} obligations: ${counts} · ${s.cached} from the results store</p>
<p>${unexpected.length === 0 ? 'Every obligation came out as its spec expects.' : `<b>${unexpected.length} unexpected:</b> ${unexpected.map((o) => `<a href="#${domId(o.spec)}" data-spec="${esc(o.spec)}">${esc(o.id)}</a> (${o.status})`).join(', ')}`}</p>
${reasons.length > 0 ? `<p>Skipped (${skipped.length}): ${reasons.map(esc).join('; ')}</p>` : ''}
${r.specs.some((x) => x.belowRange) ? `<p>Checked below the declared range: ${r.specs.filter((x) => x.belowRange).map((x) => `<a href="#${domId(x.id)}" data-spec="${esc(x.id)}">${esc(x.id)}</a>`).join(', ')}</p>` : ''}
</section>`;
}

function mutationHtml(r: Report): string {
  const m = r.mutation;
  if (!m) return '';
  const open = m.constructions.flatMap(openSurvivors);
  const survivors = m.constructions.flatMap((c) => c.mutants.filter((x) => x.status !== 'killed'));
  return `<section id="mutation" class="${open.length > 0 ? 'bad' : 'good'}">
<h2>Mutation testing</h2>
<p>${esc(mutationSummaryLine(m))}</p>
<p class="meta">${esc(optionsText(m))}</p>
${table([...SCORE_HEAD], scoreRows(m).map((row) => row.map(esc)), 'scores')}
${survivors.length > 0 ? `<details${open.length > 0 ? ' open' : ''}><summary>${survivors.length} survivors (${open.length} not shown equivalent)</summary>${table([...MUTANT_HEAD], survivors.map((x) => mutantRow(x).map(esc)), 'survivors')}</details>` : ''}
</section>`;
}

function legend(): string {
  return `<ul id="legend">${(Object.keys(DISPLAY) as DisplayStatus[]).map((k) => `<li><span class="swatch" style="background:${DISPLAY[k].fill}"></span>${esc(DISPLAY[k].label)}</li>`).join('')}</ul>`;
}

function counterexampleHtml(o: ObligationEntry): string {
  const c = o.counterexample;
  if (!c) return '';
  const rows = counterexampleRows(c);
  const byPort = new Map<string, Record<string, string>>();
  for (const [side, port, value] of rows) byPort.set(port, { ...(byPort.get(port) ?? {}), [side]: value });
  const inputs = rows.filter(([side]) => side === 'input').map(([, port, value]) => [esc(port), `<code>${esc(value)}</code>`]);
  const outputs = [...byPort].filter(([, v]) => v.circuit !== undefined || v.model !== undefined).map(([port, v]) => [esc(port), `<code>${esc(v.circuit ?? '-')}</code>`, `<code>${esc(v.model ?? '-')}</code>`]);
  return `<div class="cex"><h4>Counterexample: ${esc(o.id)}</h4>
${c.params ? `<p>at ${esc(Object.entries(c.params).map(([k, v]) => `${k} = ${v}`).join(', '))}</p>` : ''}
${inputs.length > 0 ? table(['input', 'value'], inputs) : ''}
${outputs.length > 0 ? table(['output', 'circuit', 'model'], outputs) : ''}
${c.note ? `<p class="note">${esc(c.note)}</p>` : ''}</div>`;
}

function specSection(r: Report, spec: SpecEntry, obls: readonly ObligationEntry[], st: DisplayStatus): string {
  const p = spec.provenance;
  const assumptions = new Map(r.assumptions.map((a) => [a.id, a]));
  // The spec's own assumptions first, then those inherited through `uses`.
  const own = new Set(spec.assumptions);
  const ordered = [...spec.trustBase.assumptions].sort((a, b) => Number(own.has(b)) - Number(own.has(a)));
  const trust = ordered.map((id) => {
    const a = assumptions.get(id);
    const refuted = a && a.refutedBy.length > 0 ? ` <span class="warnings">⚠ refuted here by ${a.refutedBy.map((x) => `<a href="#${domId(x)}" data-spec="${esc(x)}">${esc(x)}</a>`).join(', ')}</span>` : '';
    return `<li${own.has(id) ? '' : ' class="inherited"'}><b>${esc(id)}</b> (${esc(a?.status ?? 'unknown')}${own.has(id) ? '' : ', inherited'})${refuted}: ${esc(a?.statement ?? '')}${a && a.cite.length > 0 ? ` <i>${esc(a.cite.join('; '))}</i>` : ''}</li>`;
  });
  const assumedSpecs = spec.trustBase.assumedSpecs.map((id) => `<li>assumed spec <a href="#${domId(id)}" data-spec="${esc(id)}">${esc(id)}</a></li>`);
  const rows = obls.map((o) => [
    `<span title="${esc(o.id)}">${esc(o.kind === 'property' || o.kind === 'theorem' ? o.id.split('/')[1] ?? o.backend : o.backend)}</span>`,
    esc(gridText(o) || '-'),
    `<span class="verdict v-${o.status}${o.expected ? '' : ' unexpected'}">${o.status}${o.expected ? '' : ' (unexpected)'}</span>${o.cached ? ' <small>cached</small>' : ''}`,
    esc(formatMs(o.ms)),
    o.checker ? `<span title="${esc(o.checker)}">${esc(o.checker.replace(/ \(.*\)$/, ''))}</span>` : '-',
    o.artifact ? `<a href="${esc(o.artifact)}">${esc(o.artifact.split('/').pop()!)}</a>` : '-',
    esc(evidenceText(o)),
  ]);
  const plots = plotsFor(obls);
  const specStatus = new Map(r.specs.map((x) => [x.id, x.status]));
  const conditions = spec.conditions.map((c) =>
    c.kind === 'spec'
      ? `<li>spec <a href="#${domId(c.id)}" data-spec="${esc(c.id)}">${esc(c.id)}</a> (${esc(c.status)})</li>`
      : `<li>assumption <b>${esc(c.id)}</b> (${esc(c.status)}): ${esc(assumptions.get(c.id)?.statement ?? '')}</li>`,
  );
  const warnings = spec.warnings.map((w) => `<li>⚠ ${esc(w.text)}</li>`);
  const theorems = obls.filter((o) => o.theorem).map((o) => `<div class="theorem"><p><b>Lean theorem <code>${esc(o.theorem!.name)}</code></b>${o.theorem!.covers ? ' (covers this spec for all parameters)' : ' (a fact the spec uses; does not cover it)'}: <span class="verdict v-${o.status}">${o.status}</span></p><pre class="lean">${esc(o.theorem!.statement)}</pre></div>`);
  return `<section class="spec" id="detail-${domId(spec.id)}" data-spec="${esc(spec.id)}" data-status="${st}">
<h2><span class="swatch" style="background:${DISPLAY[st].fill}"></span>${esc(spec.id)} <small>${esc(DISPLAY[st].label)} · expect ${spec.expect}</small></h2>
<p class="title">${esc(spec.title)} · <code>${esc(spec.file)}</code></p>
<pre class="statement">${esc(spec.statement)}</pre>
<div class="holds s-${spec.status}"><p><b>What holds:</b> ${esc(holdsText(spec))}</p>
${warnings.length > 0 ? `<ul class="warnings">${warnings.join('')}</ul>` : ''}
${conditions.length > 0 ? `<p>Rests on, not proved here:</p><ul class="conditions">${conditions.join('')}</ul>` : ''}</div>
${theorems.join('\n')}
<p><b>Provenance:</b> ${esc(p.paper)} (<i>${esc(p.status)}</i>)${p.cite.length > 0 ? `; cites ${esc(p.cite.join('; '))}` : ''}${p.note ? `. ${esc(p.note)}` : ''}</p>
<p><b>Uses:</b> ${spec.uses.length > 0 ? spec.uses.map((u) => `<a href="#${domId(u)}" data-spec="${esc(u)}">${esc(u)}</a> (${esc(specStatus.get(u) ?? 'not in this run')})`).join(', ') : 'nothing'}${spec.construction ? ` · construction <code>${esc(spec.construction)}</code>` : ''}${spec.model ? ` against model <code>${esc(spec.model)}</code>` : ''}</p>
${spec.coverage.length > 0 ? `<p class="coverage${spec.belowRange ? ' short' : ''}"><b>Coverage:</b> ${esc(coverageText(spec.coverage))}${spec.belowRange ? ` · <b>${esc(spec.belowRange)}</b>` : ''}</p>` : ''}
<div class="trust"><b>Trust base:</b> ${trust.length + assumedSpecs.length > 0 ? `<ul>${[...trust, ...assumedSpecs].join('')}</ul>` : 'no named assumptions (only the checkers below).'}${spec.assumed ? '<p>This spec is assumed from the literature, not checked.</p>' : ''}</div>
${obls.length === 0 ? '<p class="unchecked"><i>Not yet checked: no obligations.</i></p>' : table(['check', 'sizes', 'verdict', 'time', 'checker', 'artifact', 'evidence'], rows, 'obligations')}
${obls.map(counterexampleHtml).join('\n')}
${plots.length > 0 ? `<div class="plots">${plots.join('\n')}</div>` : ''}
</section>`;
}

const CSS = `
body{font:14px/1.45 system-ui,-apple-system,Segoe UI,Helvetica,Arial,sans-serif;margin:0;color:#222;background:#fafafa}
main{display:grid;grid-template-columns:minmax(380px,40%) 1fr;gap:0;min-height:100vh}
#left{padding:12px 16px;border-right:1px solid #ddd;overflow:auto;max-height:100vh;position:sticky;top:0}
#right{padding:12px 20px;overflow:auto}
#summary{padding:8px 12px;border-radius:6px;margin-bottom:10px}#summary.good{background:#e8f5e9}#summary.bad{background:#fdecea}
#summary h1{margin:0 0 4px;font-size:20px}.meta{color:#555;font-size:12px;margin:0}
.count{margin-right:8px}.swatch{display:inline-block;width:12px;height:12px;border:1px solid #888;margin-right:6px;vertical-align:-1px}
#legend{list-style:none;padding:0;margin:6px 0;display:flex;flex-wrap:wrap;gap:4px 14px;font-size:12px}
#graph{overflow:auto;max-height:72vh;border:1px solid #e4e4e4;background:#fff}#graph.fit svg{max-width:100%;height:auto}#graph .node{cursor:pointer}#graph .node.selected polygon,#graph .node.selected path{stroke:#0057b8;stroke-width:3}
.spec{display:none;background:#fff;border:1px solid #ddd;border-radius:6px;padding:10px 14px;margin-bottom:12px}.spec.shown{display:block}
#right.all .spec{display:block}
.spec h2{font-size:17px;margin:4px 0}.spec h2 small{font-weight:normal;color:#555}.title{margin:2px 0 6px}
.statement{white-space:pre-wrap;background:#f4f4f4;padding:8px;border-radius:4px;font:13px/1.4 ui-monospace,Menlo,Consolas,monospace}
table{border-collapse:collapse;margin:6px 0;font-size:12.5px}th,td{border:1px solid #ddd;padding:3px 6px;text-align:left;vertical-align:top;overflow-wrap:break-word}th{background:#f0f0f0}
.spec table.obligations{display:block;overflow-x:auto;max-width:100%}.obligations td:nth-child(-n+4){white-space:nowrap}.obligations td:nth-child(5){min-width:9em;max-width:15em}.obligations td:last-child{min-width:22em}.inherited{color:#555}
.verdict{font-weight:600}.v-proved{color:#1b5e20}.v-refuted{color:#4a148c}.v-unknown{color:#8d6e00}.v-timeout,.v-error{color:#b71c1c}.v-skipped{color:#666}.unexpected{background:#fdecea}
.cex{border-left:3px solid #7e57c2;padding-left:10px;margin:8px 0}.cex h4{margin:4px 0}.note{font-style:italic}
.plots{display:flex;flex-wrap:wrap;gap:10px}.plot{background:#fff;border:1px solid #eee}
.trust ul{margin:4px 0}#controls{margin:6px 0;font-size:12px}
.holds{border-left:4px solid #999;padding:2px 10px;margin:6px 0}.holds.s-proved{border-color:#2e7d32}.holds.s-conditional{border-color:#c79100}.holds.s-instances{border-color:#00796b}
.warnings{color:#b71c1c;font-weight:600}.warned{color:#b71c1c}pre.lean{white-space:pre-wrap;background:#f4f4f4;padding:6px;border-radius:4px;font:12.5px/1.4 ui-monospace,Menlo,Consolas,monospace}
#mutation{margin-top:12px;padding:8px 12px;border-radius:6px}#mutation.good{background:#e8f5e9}#mutation.bad{background:#fff4e5}#mutation h2{font-size:17px;margin:0 0 4px}
`;

const SCRIPT = `
(function(){
  var right=document.getElementById('right');
  function show(id){
    document.querySelectorAll('.spec.shown').forEach(function(e){e.classList.remove('shown')});
    document.querySelectorAll('#graph .node.selected').forEach(function(e){e.classList.remove('selected')});
    var sec=document.querySelector('.spec[data-spec="'+CSS.escape(id)+'"]');
    if(!sec)return;
    right.classList.remove('all');
    sec.classList.add('shown');
    var node=document.querySelector('#graph .node[data-spec="'+CSS.escape(id)+'"]');
    if(node){
      node.classList.add('selected');
      var g=document.getElementById('graph'),r=node.getBoundingClientRect(),gr=g.getBoundingClientRect();
      g.scrollLeft+=(r.left+r.width/2)-(gr.left+gr.width/2);g.scrollTop+=(r.top+r.height/2)-(gr.top+gr.height/2);
    }
    sec.scrollIntoView({block:'start'});
    if(location.hash!=='#'+sec.id.replace('detail-',''))history.replaceState(null,'','#'+sec.id.replace('detail-',''));
  }
  document.querySelectorAll('#graph .node').forEach(function(n){
    var t=n.querySelector('title');var id=t?t.textContent:'';
    n.setAttribute('data-spec',id);
    n.addEventListener('click',function(ev){ev.preventDefault();show(id)});
  });
  document.addEventListener('click',function(ev){
    var a=ev.target.closest&&ev.target.closest('a[data-spec]');
    if(a){ev.preventDefault();show(a.getAttribute('data-spec'))}
  });
  document.getElementById('show-all').addEventListener('click',function(){right.classList.add('all')});
  document.getElementById('fit').addEventListener('click',function(){document.getElementById('graph').classList.toggle('fit')});
  var first=location.hash?document.querySelector('.spec#detail-'+CSS.escape(location.hash.slice(1))):null;
  if(first)show(first.getAttribute('data-spec'));else{var u=document.querySelector('.spec[data-status="unexpected"]')||document.querySelector('.spec');if(u)u.classList.add('shown')}
})();
`;

export async function renderHtml(r: Report): Promise<string> {
  const bySpec = new Map<string, ObligationEntry[]>(r.specs.map((s) => [s.id, []]));
  for (const o of r.obligations) bySpec.get(o.spec)?.push(o);
  const status = new Map(r.specs.map((s) => [s.id, displayStatus(s, bySpec.get(s.id)!)]));
  const viz = await instance();
  const svg = viz.renderString(graphDot(r, status), { format: 'svg', engine: 'dot' }).replace(/^<\?xml[^>]*>\s*(<!DOCTYPE[^>]*>\s*)?/, '');
  const sections = r.specs.map((s) => specSection(r, s, bySpec.get(s.id)!, status.get(s.id)!));
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>tc0 proof report</title><style>${CSS}</style></head>
<body><main>
<div id="left">${banner(r)}
<h2>Specs and what they use</h2>
<p id="controls">Click a lemma to see its obligations. An arrow points from a lemma to a lemma it uses. <button id="show-all" type="button">show every spec</button> <button id="fit" type="button">fit graph to width</button></p>
${legend()}
<div id="graph">${svg}</div>
${mutationHtml(r)}
</div>
<div id="right">${sections.join('\n')}</div>
</main>
<script>${SCRIPT}</script>
</body></html>
`;
}
