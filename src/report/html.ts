/**
 * `index.html`: the report a reviewer reads in a browser. One self-contained file (inline CSS,
 * JS and SVG; nothing fetched at view time). It opens on the paper view (one row per paper item,
 * the main theorems first: what holds, on what it rests, what was found); the other views are the
 * dependency graph (Graphviz, laid out at report time, clustered by area, searchable, with zoom
 * and pan), the table of every spec, the paper's constants as measured and the named
 * assumptions with what rests on each. Selecting a spec anywhere opens its panel: statement, file
 * and line, what it uses and what uses it, trust base, Lean theorems with links to the library
 * declarations they use, checks grouped with their ranges (expandable to obligations),
 * counterexamples and plots.
 */
import { instance } from '@viz-js/viz';
import { type ObligationEntry, type Report, type SpecEntry, type SpecStatus, SPEC_STATUSES, coverageText, runIncidents } from './model.js';
import { counterexampleRows, evidenceText, formatMs, gridText, holdsText, runOutcome, toolText } from './format.js';
import { checkGroups, verdictSummary } from './checks.js';
import { plotsFor } from './plot.js';
import { MUTANT_HEAD, SCORE_HEAD, mutantRow, mutationSummaryLine, openSurvivors, optionsText, scoreRows } from './mutation.js';

/** What a node's look says: the derived status (README "Statuses"), with refutations told apart by role. */
export type DisplayStatus = 'proved' | 'conditional' | 'instances' | 'sampled' | 'partial' | 'finding' | 'sanity' | 'unexpected' | 'assumed' | 'skipped' | 'unchecked';

export interface Look {
  readonly label: string;
  /** A symbol in the node's label, so that status reads without colour. */
  readonly glyph: string;
  readonly fill: string;
  readonly stroke: string;
  /** Graphviz shape and style: the second cue after colour. */
  readonly shape: string;
  readonly style: string;
}

/** Colours are tints of the Okabe-Ito palette; each status also has its own glyph and shape. */
export const DISPLAY: Readonly<Record<DisplayStatus, Look>> = {
  proved: { label: 'proved for all parameters (Lean), nothing unproved underneath', glyph: '∀', fill: '#7fcdab', stroke: '#005f45', shape: 'box', style: 'rounded,filled,bold' },
  conditional: { label: 'conditional: proved from hypotheses not proved here', glyph: '⇒', fill: '#f6dc9c', stroke: '#a86b00', shape: 'box', style: 'filled,diagonals' },
  instances: { label: 'checked on instances only', glyph: '✓', fill: '#c9ebdb', stroke: '#007a59', shape: 'box', style: 'rounded,filled' },
  sampled: { label: 'sampled (evidence, not a proof)', glyph: '≈', fill: '#e9f4ee', stroke: '#007a59', shape: 'box', style: 'rounded,filled,dashed' },
  partial: { label: 'partial (some checks skipped)', glyph: '◐', fill: '#eeeeee', stroke: '#666666', shape: 'box', style: 'rounded,filled,dashed' },
  finding: { label: 'finding about the paper (refuted as documented)', glyph: '⚑', fill: '#f2c9e1', stroke: '#a0467a', shape: 'hexagon', style: 'filled' },
  sanity: { label: 'sanity check: a wrong circuit, refuted as it must be', glyph: '⊘', fill: '#e4e4e4', stroke: '#555555', shape: 'octagon', style: 'filled' },
  unexpected: { label: 'failed or refuted unexpectedly', glyph: '✗', fill: '#f7b99c', stroke: '#b43f00', shape: 'doubleoctagon', style: 'filled,bold' },
  assumed: { label: 'assumed from the literature (not checked)', glyph: '§', fill: '#cfe8f7', stroke: '#1f78b4', shape: 'ellipse', style: 'filled' },
  skipped: { label: 'skipped (a backend unavailable)', glyph: '–', fill: '#f2f2f2', stroke: '#777777', shape: 'box', style: 'rounded,filled,dotted' },
  unchecked: { label: 'not yet checked', glyph: '?', fill: '#ffffff', stroke: '#777777', shape: 'box', style: 'rounded,filled,dashed' },
};


export function displayStatus(spec: SpecEntry, obls: readonly ObligationEntry[]): DisplayStatus {
  if (obls.some((o) => !o.expected) || spec.status === 'failed') return 'unexpected';
  if (spec.status === 'refuted') return spec.role === 'sanity' ? 'sanity' : 'finding';
  if (spec.status === 'skipped') return obls.length === 0 || obls.every((o) => /not (yet )?implemented|not yet checked/.test(o.trust)) ? 'unchecked' : 'skipped';
  return spec.status;
}

/** Spec statuses in words, for the banner's counts. */
const SPEC_WORDS: Readonly<Record<SpecStatus, string>> = {
  proved: 'proved for all parameters',
  conditional: 'conditional',
  instances: 'on instances only',
  sampled: 'sampled',
  partial: 'partial',
  assumed: 'assumed',
  skipped: 'skipped or not yet checked',
  failed: 'failed',
  refuted: 'refuted',
};

/** Areas in reading order (unknown ones follow, alphabetically), with their titles. */
const AREAS: ReadonlyArray<readonly [string, string]> = [
  ['theorems', 'main theorems'],
  ['hardness', 'hardness (NC1)'],
  ['tensor-attention', 'tensor attention'],
  ['rope', 'RoPE'],
  ['transformer', 'transformer blocks'],
  ['attention', 'softmax attention (for comparison)'],
  ['float', 'floating point'],
  ['fixed', 'fixed point'],
  ['arithmetic', 'integer arithmetic'],
  ['lean', 'Lean library'],
];
const areaTitle = (a: string): string => AREAS.find(([k]) => k === a)?.[1] ?? a;
const areaRank = (a: string): number => {
  const i = AREAS.findIndex(([k]) => k === a);
  return i < 0 ? AREAS.length : i;
};

const esc = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const dotString = (s: string): string => `"${s.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
const domId = (id: string): string => `spec-${id.replace(/[^A-Za-z0-9_-]/g, '_')}`;
const specLink = (id: string, text = id): string => `<a href="#${domId(id)}" data-spec="${esc(id)}">${esc(text)}</a>`;
const badge = (st: DisplayStatus): string => `<span class="badge st-${st}" title="${esc(DISPLAY[st].label)}"><span class="glyph">${DISPLAY[st].glyph}</span> ${esc(shortLabel(st))}</span>`;
const shortLabel = (st: DisplayStatus): string =>
  ({ proved: 'proved ∀', conditional: 'conditional', instances: 'on instances', sampled: 'sampled', partial: 'partial', finding: 'finding', sanity: 'sanity check', unexpected: 'unexpected', assumed: 'assumed', skipped: 'skipped', unchecked: 'not yet checked' })[st];

function graphDot(r: Report, status: ReadonlyMap<string, DisplayStatus>): string {
  const ids = new Set(r.specs.map((s) => s.id));
  const lines = [
    'digraph specs {',
    '  rankdir=TB; newrank=true; bgcolor="transparent"; nodesep=0.22; ranksep=0.5; fontname="Helvetica"; fontsize=13;',
    '  node [fontname="Helvetica", fontsize=12, penwidth=1.4, margin="0.1,0.04", height=0.36];',
    '  edge [color="#8a8a8a", arrowsize=0.6];',
  ];
  const areas = [...new Set(r.specs.map((s) => s.area))].sort((a, b) => areaRank(a) - areaRank(b) || a.localeCompare(b));
  for (const area of areas) {
    lines.push(`  subgraph ${dotString(`cluster_${area}`)} {`, `    id=${dotString(`area-${area}`)}; label=${dotString(areaTitle(area))}; style="rounded,filled"; fillcolor="#f7f7f7"; color="#cfcfcf"; fontcolor="#444444";`);
    for (const s of r.specs.filter((x) => x.area === area)) {
      const st = status.get(s.id)!;
      const look = DISPLAY[st];
      const main = s.role === 'main-theorem' ? ', fontsize=14, penwidth=2.2' : '';
      // Building on something refuted, failed, partial or assumed shows on the node itself.
      const warned = s.warnings.length > 0;
      const tip = `${s.id}: ${s.title} (${look.label})${s.warnings.map((w) => `; ⚠ ${w.text}`).join('')}`;
      lines.push(
        `    ${dotString(s.id)} [id=${dotString(domId(s.id))}, class=${dotString(`spec-node st-${st} role-${s.role}${warned ? ' warned' : ''}`)}, label=${dotString(`${warned ? '⚠ ' : ''}${look.glyph} ${s.id}`)}, shape=${look.shape}, style=${dotString(look.style)}, fillcolor=${dotString(look.fill)}, color=${dotString(warned ? '#c62828' : look.stroke)}, tooltip=${dotString(tip)}${main}${warned ? ', penwidth=2.6' : ''}];`,
      );
    }
    lines.push('  }');
  }
  for (const s of r.specs) for (const u of s.uses) if (ids.has(u)) lines.push(`  ${dotString(s.id)} -> ${dotString(u)} [id=${dotString(`edge-${domId(s.id)}--${domId(u)}`)}, class=${dotString(`uses from-${domId(s.id)} to-${domId(u)}`)}];`);
  lines.push('}');
  return lines.join('\n');
}

function table(head: readonly string[], rows: ReadonlyArray<readonly string[]>, cls = '', rowAttrs: readonly string[] = []): string {
  return `<table${cls ? ` class="${cls}"` : ''}><thead><tr>${head.map((h) => `<th>${esc(h)}</th>`).join('')}</tr></thead><tbody>${rows.map((row, i) => `<tr${rowAttrs[i] ?? ''}>${row.map((c) => `<td>${c}</td>`).join('')}</tr>`).join('')}</tbody></table>`;
}

function header(r: Report): string {
  const s = r.summary;
  const counts = (['proved', 'refuted', 'unknown', 'timeout', 'error', 'skipped'] as const).filter((k) => s[k] > 0 || k === 'proved').map((k) => `<span class="count v-${k}"><b>${s[k]}</b> ${k}</span>`).join(' ');
  const unexpected = r.obligations.filter((o) => !o.expected);
  const skipped = r.obligations.filter((o) => o.status === 'skipped');
  const reasons = [...new Set(skipped.map((o) => o.trust))];
  const outcome = runOutcome(r);
  const tone = outcome.tone;
  const specCounts = SPEC_STATUSES.filter((k) => s.specStatuses[k] > 0)
    .reverse()
    .map((k) => `<span class="count s-${k}"><b>${s.specStatuses[k]}</b> ${esc(SPEC_WORDS[k])}</span>`)
    .join(' · ');
  const warned = r.specs.filter((x) => x.warnings.length > 0);
  const warnedLine = warned.length > 0 ? `<div class="warned">⚠ ${warned.length} spec${warned.length > 1 ? 's build' : ' builds'} on something refuted, failed, partial, assumed or unchecked: ${shortList(warned.map((x) => specLink(x.id)), 12, ', ').join(', ')}</div>` : '';
  const short = r.specs.filter((x) => x.belowRange);
  const verdictLine = unexpected.length > 0 ? `<b>${unexpected.length} unexpected:</b> ${groupedUnexpected(unexpected)}` : esc(outcome.text);
  return `<header id="top"><div class="brand"><h1>tc0 proof report</h1>
<p class="meta">${esc(r.generatedAt)} · node ${esc(r.tools.node)} · ${esc(toolText(r, 'z3'))} · ${esc(toolText(r, 'lean'))}</p></div>
<div class="search"><input id="search" type="search" placeholder="Search specs by id or title  ( / )" autocomplete="off" aria-label="search specs"><ul id="search-results" hidden></ul></div>
<nav id="views">${viewsOf(r).map(([k, t], i) => `<button type="button" data-view="${k}"${i === 0 ? ' class="active"' : ''}>${t}</button>`).join('')}</nav>
</header>
<section id="summary" class="${tone}">${runIncidents(r.run, r.obligations).map((l) => `<p><b>${esc(l)}</b></p>`).join('')}<p>${s.specs} specs: ${specCounts}</p>${warnedLine}<p>${s.obligations} obligations: ${counts} · ${s.cached} from the results store</p>
<p>${verdictLine}</p>${reasons.length > 0 ? `<p class="skips">Skipped (${skipped.length}): ${reasons.map(esc).join('; ')}</p>` : ''}${short.length > 0 ? `<div class="skips">Checked below the declared range (${short.length}): ${shortList(short.map((x) => specLink(x.id)), 12, ', ').join(', ')}</div>` : ''}</section>`;
}

/** The first items of a long list, the rest behind "N more" (a banner stays readable at 150 specs). */
function shortList(items: readonly string[], max: number, sep: string): string[] {
  return items.length > max ? [...items.slice(0, max - 1), `<details class="more"><summary>${items.length - max + 1} more</summary>${items.slice(max - 1).join(sep)}</details>`] : [...items];
}

/** Unexpected obligations, one entry per distinct reason (one cause, one message). */
function groupedUnexpected(unexpected: readonly ObligationEntry[]): string {
  const byReason = new Map<string, ObligationEntry[]>();
  for (const o of unexpected) byReason.set(`${o.status}: ${o.trust}`, [...(byReason.get(`${o.status}: ${o.trust}`) ?? []), o]);
  return [...byReason]
    .map(([reason, os]) => (os.length === 1 ? `${specLink(os[0]!.spec, os[0]!.id)} (${esc(os[0]!.status)})` : `${os.length} obligations (${os.slice(0, 3).map((o) => specLink(o.spec, o.id)).join(', ')}${os.length > 3 ? ', …' : ''}): ${esc(reason)}`))
    .join('; ');
}

const VIEWS: ReadonlyArray<readonly [string, string]> = [
  ['paper', 'Paper'],
  ['graph', 'Graph'],
  ['specs', 'All specs'],
  ['constants', 'Constants'],
  ['assumptions', 'Assumptions'],
];
/** The views of this report: a mutation view when `tc0 mutate` wrote it. */
const viewsOf = (r: Report): ReadonlyArray<readonly [string, string]> => (r.mutation ? [...VIEWS, ['mutation', 'Mutation']] : VIEWS);

/** Paper items in reading order: main theorems, then L-T, L-R, L-B, L-A items, then the rest. */
function itemRank(item: string | null): number {
  if (item === 'main theorem') return 0;
  if (item === null) return 9;
  const m = /^L-([A-Z])/.exec(item);
  return m ? 1 + Math.max(0, 'TRBA'.indexOf(m[1]!)) : 6;
}
const naturalCompare = (a: string, b: string): number => a.localeCompare(b, 'en', { numeric: true });

/** Specs ordered so that one another rests on comes first (then by id). */
function dependenciesFirst(specs: readonly SpecEntry[]): SpecEntry[] {
  const ids = new Set(specs.map((s) => s.id));
  const out: SpecEntry[] = [];
  const done = new Set<string>();
  const byId = new Map(specs.map((s) => [s.id, s]));
  const visit = (s: SpecEntry): void => {
    if (done.has(s.id)) return;
    done.add(s.id);
    for (const u of [...s.uses].sort(naturalCompare)) if (ids.has(u)) visit(byId.get(u)!);
    out.push(s);
  };
  for (const s of [...specs].sort((a, b) => naturalCompare(a.id, b.id))) visit(s);
  return out;
}

/** How far a Lean theorem covering the spec reaches, in words: every n for a spec about sizes n. */
export const forAllText = (spec: Pick<SpecEntry, 'parameters'>): string => (spec.parameters.includes('n') ? 'for every n (Lean)' : 'for all parameters (Lean)');

/**
 * The paper's claims (main theorems and numbered items; not findings or sanity checks) and which
 * of them are theorems for all parameters: proved or conditional, i.e. every covering Lean
 * theorem proved (README "Statuses").
 */
export function paperClaimsForAll(specs: readonly SpecEntry[], status: ReadonlyMap<string, DisplayStatus>): { readonly claims: number; readonly theorems: ReadonlyArray<{ readonly id: string; readonly status: DisplayStatus; readonly conditions: number }> } {
  const claims = specs.filter((s) => (s.role === 'main-theorem' || s.role === 'lemma') && s.paperItem !== null);
  const theorems = claims
    .filter((s) => status.get(s.id) === 'proved' || status.get(s.id) === 'conditional')
    .sort((a, b) => itemRank(a.paperItem) - itemRank(b.paperItem) || naturalCompare(a.id, b.id))
    .map((s) => ({ id: s.id, status: status.get(s.id)!, conditions: s.conditions.filter((c) => c.kind === 'assumption').length }));
  return { claims: claims.length, theorems };
}

/** What holds for a spec, in a few words: its scope and the verdicts, or the finding. */
function holdsShort(spec: SpecEntry, obls: readonly ObligationEntry[], st: DisplayStatus): string {
  const summary = verdictSummary(obls);
  switch (st) {
    case 'assumed':
      return 'assumed from the literature; not checked here';
    case 'unchecked':
      return 'not yet checked';
    case 'finding': {
      const note = obls.find((o) => o.counterexample?.note)?.counterexample?.note;
      return `refuted as documented${note ? `: ${note}` : ''}`;
    }
    case 'proved':
      return `${forAllText(spec)}${summary ? `; ${summary}` : ''}`;
    case 'conditional':
      return `${forAllText(spec)}, if exactly the hypotheses at the right hold${summary ? `; ${summary}` : ''}`;
    default:
      return spec.checkedOn.length > 0 ? spec.checkedOn.map((c) => `${c.method}: ${c.on}`).join('; ') : summary || DISPLAY[st].label;
  }
}

function paperView(r: Report, bySpec: ReadonlyMap<string, readonly ObligationEntry[]>, status: ReadonlyMap<string, DisplayStatus>): string {
  const groups = new Map<string, SpecEntry[]>();
  for (const s of r.specs) {
    const key = s.role === 'sanity' ? '~sanity' : s.role === 'main-theorem' ? 'main theorem' : (s.paperItem ?? `~${areaTitle(s.area)}`);
    groups.set(key, [...(groups.get(key) ?? []), s]);
  }
  const keys = [...groups.keys()].sort((a, b) => {
    const ia = a.startsWith('~') ? null : a;
    const ib = b.startsWith('~') ? null : b;
    return itemRank(ia) - itemRank(ib) || Number(a === '~sanity') - Number(b === '~sanity') || naturalCompare(a, b);
  });
  const rows: string[] = [];
  for (const key of keys) {
    const specs = dependenciesFirst(groups.get(key)!);
    const label = key === '~sanity' ? 'Sanity checks of the checkers (deliberately wrong circuits; not about the paper)' : key === 'main theorem' ? 'Main theorems' : key.startsWith('~') ? `${key.slice(1)} (no numbered item)` : key;
    rows.push(`<tr class="item-row"><th colspan="3">${esc(label)}</th></tr>`);
    specs.forEach((s) => {
      const st = status.get(s.id)!;
      const obls = bySpec.get(s.id) ?? [];
      // What it rests on that is not proved here: open problems, then unproved claims, our choices, the literature; then specs not proved.
      const known = new Map(r.assumptions.map((a) => [a.id, a]));
      const rank = (status: string): number => ['open', 'unproved', 'ours', 'literature'].indexOf(status);
      const chips = s.conditions
        .filter((c) => c.kind === 'assumption')
        .sort((a, b) => rank(a.status) - rank(b.status) || a.id.localeCompare(b.id))
        .map((c) => `<span class="chip a-${esc(c.status)}" title="${esc(`${c.status}: ${known.get(c.id)?.statement ?? ''}`)}">${esc(c.id)}</span>`);
      const specsUnder = s.conditions.filter((c) => c.kind === 'spec').map((c) => `<span class="chip chip-spec">${specLink(c.id)} <small>${esc(c.status)}</small></span>`);
      const all = [...(s.warnings.length > 0 ? [`<span class="chip warn" title="${esc(s.warnings.map((w) => w.text).join('; '))}">⚠ ${s.warnings.length}</span>`] : []), ...chips, ...specsUnder];
      const assumptions = shortList(all, 6, ' ');
      rows.push(
        `<tr class="paper-row role-${s.role}" data-spec="${esc(s.id)}" data-search="${esc(`${s.id} ${s.title}`.toLowerCase())}"><td>${specLink(s.id)}<div class="sub">${esc(s.title)}</div></td><td>${badge(st)}<div class="sub">${esc(holdsShort(s, obls, st))}</div></td><td>${assumptions.join(' ') || '<span class="sub">nothing unproved</span>'}</td></tr>`,
      );
    });
  }
  const forAll = paperClaimsForAll(r.specs, status);
  const summary = `<p class="for-all"><b>Theorems for all parameters (Lean):</b> ${forAll.theorems.length} of the paper's ${forAll.claims} claims${forAll.theorems.length > 0 ? `: ${forAll.theorems.map((t) => `${specLink(t.id)} ${badge(t.status)}${t.conditions > 0 ? ` <small>(${t.conditions} hypotheses)</small>` : ''}`).join(', ')}` : ''}.</p>`;
  return `<section class="view" id="view-paper" data-view="paper"><h2>The paper, item by item</h2>
${summary}
<p class="hint">One row per spec, grouped by the paper item it reconstructs; the main theorems first. "Rests on" lists what is not proved here (own and inherited through what a spec uses): <span class="chip a-open">open problems</span> first, then <span class="chip a-unproved">claims not proved here</span>, <span class="chip a-ours">our choices</span>, <span class="chip">results from the literature</span>, then <span class="chip chip-spec">specs not proved</span>; ⚠ counts problems in what it builds on. Click a spec for its evidence.</p>
<table class="paper"><thead><tr><th>spec</th><th>what holds</th><th>rests on</th></tr></thead><tbody>${rows.join('')}</tbody></table></section>`;
}

function graphView(svg: string): string {
  const legend = (Object.keys(DISPLAY) as DisplayStatus[])
    .map((k) => `<li><svg width="26" height="16" aria-hidden="true">${swatchShape(DISPLAY[k])}</svg><span class="glyph">${DISPLAY[k].glyph}</span> ${esc(DISPLAY[k].label)}</li>`)
    .join('');
  return `<section class="view" id="view-graph" data-view="graph" hidden><h2>What uses what</h2>
<div id="graph-tools"><button type="button" id="zoom-in" title="zoom in (+)">+</button><button type="button" id="zoom-out" title="zoom out (−)">−</button><button type="button" id="zoom-fit" title="the whole graph">fit</button><button type="button" id="zoom-main" title="the main theorems">main theorems</button><span class="hint">Drag to pan, wheel to zoom. An arrow points from a spec to one it uses. Selecting a spec highlights what it rests on (blue) and what rests on it (orange).</span></div>
<div id="graph" tabindex="0">${svg}</div>
<ul id="legend">${legend}</ul></section>`;
}

function swatchShape(l: Look): string {
  const dash = l.style.includes('dashed') ? ' stroke-dasharray="3 2"' : l.style.includes('dotted') ? ' stroke-dasharray="1 2"' : '';
  const attrs = `fill="${l.fill}" stroke="${l.stroke}" stroke-width="1.4"${dash}`;
  switch (l.shape) {
    case 'ellipse':
      return `<ellipse cx="13" cy="8" rx="11" ry="6" ${attrs}/>`;
    case 'hexagon':
      return `<path d="M2,8 L6,2 H20 L24,8 L20,14 H6 Z" ${attrs}/>`;
    case 'octagon':
    case 'doubleoctagon':
      return `<path d="M7,2 H19 L24,6 V10 L19,14 H7 L2,10 V6 Z" ${attrs}/>`;
    default:
      return `<rect x="2" y="2" width="22" height="12" rx="3" ${attrs}/>`;
  }
}

function specsView(r: Report, bySpec: ReadonlyMap<string, readonly ObligationEntry[]>, status: ReadonlyMap<string, DisplayStatus>): string {
  const specs = [...r.specs].sort((a, b) => areaRank(a.area) - areaRank(b.area) || naturalCompare(a.id, b.id));
  const rows = specs.map((s) => {
    const obls = bySpec.get(s.id) ?? [];
    return [specLink(s.id), esc(areaTitle(s.area)), esc(s.paperItem ?? '-'), badge(status.get(s.id)!), esc(verdictSummary(obls) || '-'), esc(formatMs(obls.reduce((t, o) => t + o.ms, 0))), esc(s.title)];
  });
  const attrs = specs.map((s) => ` data-spec="${esc(s.id)}" data-search="${esc(`${s.id} ${s.title}`.toLowerCase())}"`);
  return `<section class="view" id="view-specs" data-view="specs" hidden><h2>Every spec</h2>${table(['spec', 'area', 'paper item', 'status', 'obligations', 'time', 'title'], rows, 'specs', attrs)}</section>`;
}

function constantsView(r: Report): string {
  const rows = r.constants.map((c) => [esc(c.constant), specLink(c.spec), esc(c.depths.length > 0 ? c.depths.join(', ') : '-'), esc(c.over), esc(c.size !== null && c.at ? `${c.size} (${Object.entries(c.at).map(([k, v]) => `${k}=${v}`).join(', ')})` : '-'), esc(c.status), esc(c.note ?? '')]);
  return `<section class="view" id="view-constants" data-view="constants" hidden><h2>The paper's constants, measured</h2>
<p class="hint">Depths the paper leaves abstract, as measured on the constructions: every value seen over the measured range (one value means constant).</p>
${rows.length > 0 ? table(['constant', 'spec', 'depth', 'measured over', 'size at the largest instance', 'status', 'note'], rows, 'constants') : '<p>No spec names a paper constant.</p>'}</section>`;
}

function assumptionsView(r: Report): string {
  const rows = r.assumptions.map((a) => {
    const resting = r.specs.filter((s) => s.trustBase.assumptions.includes(a.id));
    const main = resting.filter((s) => s.role === 'main-theorem');
    const others = resting.filter((s) => s.role !== 'main-theorem');
    // A check here that refutes it (a spec that `refutes` it came out refuted).
    const refuting = a.refutedBy.map((id) => r.specs.find((s) => s.id === id)).filter((s): s is SpecEntry => s !== undefined);
    return [
      `<b>${esc(a.id)}</b>${refuting.length > 0 ? `<div class="flag">⚠ refuted here by ${refuting.map((s) => specLink(s.id)).join(', ')}</div>` : ''}`,
      esc(a.status),
      esc(a.statement),
      esc(a.cite.join('; ')),
      `${main.length > 0 ? `<div><b>main theorems:</b> ${main.map((s) => specLink(s.id)).join(', ')}</div>` : ''}${others.length > 8 ? `<details><summary>${others.length} other specs</summary>${others.map((s) => specLink(s.id)).join(', ')}</details>` : others.length > 0 ? `<div>${main.length > 0 ? '<b>other specs:</b> ' : ''}${others.map((s) => specLink(s.id)).join(', ')}</div>` : ''}${resting.length === 0 ? '<span class="sub">nothing in this run</span>' : ''}`,
    ];
  });
  return `<section class="view" id="view-assumptions" data-view="assumptions" hidden><h2>Named assumptions</h2>
<p class="hint">Facts the checked claims rest on but that are not checked here. Every theorem resting on one lists it in its trust base.</p>
${rows.length > 0 ? table(['assumption', 'status', 'statement', 'cited', 'rests on it'], rows, 'assumptions') : '<p>No named assumptions.</p>'}</section>`;
}

function mutationView(r: Report): string {
  const m = r.mutation;
  if (!m) return '';
  const open = m.constructions.flatMap(openSurvivors);
  const survivors = m.constructions.flatMap((c) => c.mutants.filter((x) => x.status !== 'killed'));
  return `<section class="view${open.length > 0 ? ' bad' : ''}" id="view-mutation" data-view="mutation" hidden><h2>Mutation testing</h2>
<p>${esc(mutationSummaryLine(m))}</p>
<p class="hint">${esc(optionsText(m))}</p>
${table([...SCORE_HEAD], scoreRows(m).map((row) => row.map(esc)), 'scores')}
${survivors.length > 0 ? `<details${open.length > 0 ? ' open' : ''}><summary>${survivors.length} survivors (${open.length} not shown equivalent)</summary>${table([...MUTANT_HEAD], survivors.map((x) => mutantRow(x).map(esc)), 'survivors')}</details>` : ''}
</section>`;
}

function counterexampleHtml(o: ObligationEntry): string {
  const c = o.counterexample;
  if (!c) return '';
  const rows = counterexampleRows(c);
  const byPort = new Map<string, Record<string, string>>();
  for (const [side, port, value] of rows) byPort.set(port, { ...(byPort.get(port) ?? {}), [side]: value });
  const inputs = rows.filter(([side]) => side === 'input').map(([, port, value]) => [esc(port), `<code>${esc(value)}</code>`]);
  const outputs = [...byPort].filter(([, v]) => v.circuit !== undefined || v.model !== undefined).map(([port, v]) => [esc(port), `<code>${esc(v.circuit ?? '-')}</code>`, `<code>${esc(v.model ?? '-')}</code>`]);
  return `<div class="cex"><h4>Counterexample${o.expected ? ' (refuted as expected)' : ''}: ${esc(o.id)}</h4>
${c.params ? `<p>at ${esc(Object.entries(c.params).map(([k, v]) => `${k} = ${v}`).join(', '))}</p>` : ''}
${inputs.length > 0 ? table(['input', 'value'], inputs, 'cex-table') : ''}
${outputs.length > 0 ? table(['output', 'circuit', 'model'], outputs, 'cex-table') : ''}
${c.note ? `<p class="note">${esc(c.note)}</p>` : ''}</div>`;
}

function fileLink(path: string, line: number, base: string | undefined): string {
  const href = path.startsWith('/') ? `file://${path}` : `${base ?? '.'}/${path}`;
  return `<a class="file" href="${esc(href)}" title="${esc(`${path}, line ${line}`)}">${esc(path)}:${line}</a>`;
}

function theoremHtml(r: Report, o: ObligationEntry, opts: HtmlOptions): string {
  if (!o.theorem) return '';
  const decls = new Map(r.leanDeclarations.map((d) => [d.name, d]));
  const refs = o.leanRefs.map((n) => {
    const d = decls.get(n);
    if (!d) return `<li><code>${esc(n)}</code></li>`;
    return `<li><details><summary><code>${esc(d.name)}</code> <small>${esc(d.kind)}</small> ${fileLink(d.file, d.line, opts.leanBase)}</summary>${d.doc ? `<p class="doc">${esc(d.doc)}</p>` : ''}<pre class="lean">${esc(d.signature)}</pre></details></li>`;
  });
  return `<div class="theorem"><h4>Lean theorem <code>${esc(o.theorem.name)}</code> <span class="verdict v-${o.status}">${esc(o.status)}</span> <small>${o.theorem.covers ? 'covers this spec for all parameters' : 'a fact the spec uses; does not cover it'}</small></h4>
<pre class="lean">theorem ${esc(o.theorem.name)} :\n  ${esc(o.theorem.statement)} :=\n  ${esc(o.theorem.proof)}</pre>
${refs.length > 0 ? `<p class="sub">Library declarations it uses (click for their statement):</p><ul class="refs">${refs.join('')}</ul>` : ''}</div>`;
}

function checksHtml(obls: readonly ObligationEntry[]): string {
  return checkGroups(obls)
    .map((g) => {
      const rows = g.obligations.map((o) => [
        `<span title="${esc(o.id)}">${esc(gridText(o) || '-')}</span>`,
        `<span class="verdict v-${o.status}${o.expected ? '' : ' unexpected'}">${o.status}${o.expected ? '' : ' (unexpected)'}</span>${o.cached ? ' <small>cached</small>' : ''}`,
        esc(formatMs(o.ms)),
        o.checker ? esc(o.checker) : '-',
        `${esc(evidenceText(o))}${o.artifact ? ` <a href="${esc(o.artifact)}">${esc(o.artifact.split('/').pop()!)}</a>` : ''}${o.notes.length > 0 ? `<ul class="notes">${o.notes.map((n) => `<li>${esc(n)}</li>`).join('')}</ul>` : ''}`,
      ]);
      return `<details class="check${g.allExpected ? '' : ' bad'}"${g.allExpected ? '' : ' open'}><summary><span class="mark">${g.allExpected ? '✓' : '✗'}</span> <b>${esc(g.label)}</b> <span class="range">${esc(g.instances)}</span> — ${esc(g.summary)} <small>${esc(formatMs(g.ms))}</small></summary>
${table(['instance', 'verdict', 'time', 'checker', 'evidence'], rows, 'obligations')}</details>`;
    })
    .join('\n');
}

function specPanel(r: Report, spec: SpecEntry, obls: readonly ObligationEntry[], st: DisplayStatus, opts: HtmlOptions): string {
  const p = spec.provenance;
  const assumptions = new Map(r.assumptions.map((a) => [a.id, a]));
  const own = new Set(spec.assumptions);
  const ordered = [...spec.trustBase.assumptions].sort((a, b) => Number(own.has(b)) - Number(own.has(a)));
  const trust = ordered.map((id) => {
    const a = assumptions.get(id);
    const refuted = a && a.refutedBy.length > 0 ? ` <span class="warnings">⚠ refuted here by ${a.refutedBy.map((x) => `<a href="#${domId(x)}" data-spec="${esc(x)}">${esc(x)}</a>`).join(', ')}</span>` : '';
    return `<li${own.has(id) ? '' : ' class="inherited"'}><b>${esc(id)}</b> (${esc(a?.status ?? 'unknown')}${own.has(id) ? '' : ', inherited'})${refuted}: ${esc(a?.statement ?? '')}${a && a.cite.length > 0 ? ` <i>${esc(a.cite.join('; '))}</i>` : ''}</li>`;
  });
  const assumedSpecs = spec.trustBase.assumedSpecs.map((id) => `<li>assumed spec ${specLink(id)}</li>`);
  const plots = plotsFor(obls);
  return `<article class="spec" id="detail-${domId(spec.id)}" data-spec="${esc(spec.id)}" data-status="${st}" hidden>
<h2>${badge(st)} ${esc(spec.id)}</h2>
<p class="title">${esc(spec.title)}</p>
<p class="where">${fileLink(spec.file, spec.line, opts.specBase)} · ${esc(areaTitle(spec.area))} · expect ${esc(spec.expect)}</p>
<pre class="statement">${esc(spec.statement.trimEnd())}</pre>
<div class="holds s-${spec.status}"><p><b>What holds:</b> ${esc(holdsText(spec))}</p>
${spec.warnings.length > 0 ? `<ul class="warnings">${spec.warnings.map((w) => `<li>⚠ ${esc(w.text)}</li>`).join('')}</ul>` : ''}
${spec.conditions.length > 0 ? `<p>Rests on, not proved here:</p><ul class="conditions">${spec.conditions.map((c) => (c.kind === 'spec' ? `<li>spec ${specLink(c.id)} (${esc(c.status)})</li>` : `<li>assumption <b>${esc(c.id)}</b> (${esc(c.status)}): ${esc(assumptions.get(c.id)?.statement ?? '')}</li>`)).join('')}</ul>` : ''}</div>
<p><b>Paper:</b> ${esc(p.paper)} (<i>${esc(p.status)}</i>)${p.cite.length > 0 ? `; cites ${esc(p.cite.join('; '))}` : ''}${p.note ? `. ${esc(p.note)}` : ''}</p>
<p><b>Uses:</b> ${spec.uses.length > 0 ? spec.uses.map((u) => specLink(u)).join(', ') : 'nothing'} · <b>used by:</b> ${spec.usedBy.length > 0 ? spec.usedBy.map((u) => specLink(u)).join(', ') : 'nothing'}${spec.construction ? `<br>construction <code>${esc(spec.construction)}</code>` : ''}${spec.model ? ` against model <code>${esc(spec.model)}</code>` : ''}</p>
${spec.coverage.length > 0 ? `<p class="coverage${spec.belowRange ? ' short' : ''}"><b>Coverage:</b> ${esc(coverageText(spec.coverage))}${spec.belowRange ? ` · <b>${esc(spec.belowRange)}</b>` : ''}</p>` : ''}
<div class="trust"><b>Trust base:</b> ${trust.length + assumedSpecs.length > 0 ? `<ul>${[...trust, ...assumedSpecs].join('')}</ul>` : 'no named assumptions (only the checkers below).'}${spec.assumed ? '<p>This spec is assumed from the literature, not checked.</p>' : ''}</div>
${obls.map((o) => theoremHtml(r, o, opts)).join('\n')}
${obls.length === 0 ? '<p class="unchecked"><i>Not yet checked: no obligations.</i></p>' : `<h3>Checks</h3>${checksHtml(obls)}`}
${obls.map(counterexampleHtml).join('\n')}
${plots.length > 0 ? `<h3>Measured</h3><div class="plots">${plots.join('\n')}</div>` : ''}
</article>`;
}

const CSS = `
*{box-sizing:border-box}
body{font:14px/1.45 system-ui,-apple-system,Segoe UI,Helvetica,Arial,sans-serif;margin:0;color:#1d1d1d;background:#fafafa}
header{display:flex;flex-wrap:wrap;align-items:center;gap:8px 18px;padding:8px 16px;background:#fff;border-bottom:1px solid #ddd;position:sticky;top:0;z-index:5}
header h1{margin:0;font-size:19px}.meta{margin:0;color:#555;font-size:11.5px;max-width:46em}
.search{position:relative;flex:1 1 260px;max-width:440px}#search{width:100%;padding:6px 9px;font-size:14px;border:1px solid #aaa;border-radius:5px}
#search-results{position:absolute;left:0;right:0;top:100%;margin:2px 0 0;padding:0;list-style:none;background:#fff;border:1px solid #aaa;border-radius:5px;max-height:60vh;overflow:auto;z-index:10;box-shadow:0 3px 10px rgba(0,0,0,.15)}
#search-results li{padding:4px 9px;cursor:pointer}#search-results li.active,#search-results li:hover{background:#e7f0fb}#search-results small{color:#555}
nav#views{display:flex;gap:4px}nav#views button{font:inherit;padding:5px 11px;border:1px solid #bbb;background:#f3f3f3;border-radius:5px;cursor:pointer}nav#views button.active{background:#1f4e8c;color:#fff;border-color:#1f4e8c}
#summary{margin:8px 16px;padding:6px 12px;border-radius:6px}#summary p,#summary div{margin:3px 0}#summary.good{background:#e3f3ea}#summary.bad{background:#fbe3da}#summary.neutral{background:#eeeeee}#summary.partial{background:#fbf1d0}.skips{font-size:12.5px;color:#444}
main{display:grid;grid-template-columns:minmax(0,58fr) minmax(0,42fr);gap:14px;padding:0 16px 16px}
#left{min-width:0}#right{min-width:0;position:sticky;top:64px;align-self:start;max-height:calc(100vh - 72px);overflow:auto}
.view h2{font-size:17px;margin:8px 0 4px}.hint{color:#555;font-size:12.5px;margin:2px 0 8px}
table{border-collapse:collapse;margin:6px 0;font-size:12.5px;width:100%;table-layout:fixed}th,td{border:1px solid #ddd;padding:4px 6px;text-align:left;vertical-align:top;overflow-wrap:anywhere}th{background:#f0f0f0}
table.paper tr.item-row th{background:#e9eef5;font-size:13px;padding-top:6px}table.paper thead th:nth-child(1){width:32%}table.paper thead th:nth-child(3){width:26%}
table.paper tr[data-spec],table.specs tr[data-spec]{cursor:pointer}table.paper tr.selected td,table.specs tr.selected td{background:#e7f0fb}tr.role-main-theorem td{font-weight:500}
.sub{color:#555;font-size:12px}.chip{display:inline-block;background:#eef3f8;border:1px solid #c9d7e6;border-radius:9px;padding:0 6px;margin:1px;font-size:11.5px}.chip.assumed{background:#e5f2fb}.chip.a-open{background:#fde0d2;border-color:#d58a63}.chip.a-unproved{background:#fbe9c6;border-color:#c9962e}.chip.chip-spec{background:#fff;border-style:dashed}.chip.warn{background:#fde0d2;color:#b71c1c;font-weight:700}.warned{color:#b71c1c}ul.warnings{color:#b71c1c;font-weight:600}.holds{border-left:4px solid #999;padding:2px 10px;margin:6px 0}.holds.s-proved{border-color:#005f45}.holds.s-conditional{border-color:#a86b00}.holds.s-instances{border-color:#007a59}.chip.a-ours{background:#f1f1f1;border-color:#bbb}details.more{display:inline}details.more summary{display:inline;cursor:pointer;color:#1f4e8c;font-size:12px}
.badge{display:inline-block;border-radius:4px;padding:0 6px;font-size:12px;font-weight:600;border:1px solid;white-space:nowrap}.glyph{font-weight:700}
${(Object.keys(DISPLAY) as DisplayStatus[]).map((k) => `.badge.st-${k}{background:${DISPLAY[k].fill};border-color:${DISPLAY[k].stroke};color:#111}`).join('')}
#graph-tools{display:flex;flex-wrap:wrap;align-items:center;gap:4px;margin:4px 0}#graph-tools button{font:inherit;min-width:30px;padding:2px 8px;border:1px solid #aaa;background:#fff;border-radius:4px;cursor:pointer}
#graph{height:72vh;border:1px solid #ddd;background:#fff;overflow:hidden;cursor:grab;touch-action:none}#graph.dragging{cursor:grabbing}#graph svg{width:100%;height:100%;display:block}
#graph .node{cursor:pointer}#graph.searching .node:not(.match),#graph.focused .node:not(.selected):not(.dep):not(.rdep){opacity:.22}#graph.focused .edge:not(.on){opacity:.12}
#graph .node.match polygon,#graph .node.match path,#graph .node.match ellipse{stroke:#000;stroke-width:3}
#graph .node.selected polygon,#graph .node.selected path,#graph .node.selected ellipse{stroke:#000;stroke-width:4}
#graph .node.dep polygon,#graph .node.dep path,#graph .node.dep ellipse{stroke:#0072B2;stroke-width:3}#graph .node.rdep polygon,#graph .node.rdep path,#graph .node.rdep ellipse{stroke:#E69F00;stroke-width:3}
#graph .edge.on path{stroke:#333;stroke-width:2}#graph .edge.on polygon{fill:#333;stroke:#333}
#legend{list-style:none;padding:0;margin:6px 0;display:flex;flex-wrap:wrap;gap:4px 14px;font-size:12px}#legend li{display:flex;align-items:center;gap:3px}
.spec{background:#fff;border:1px solid #ddd;border-radius:6px;padding:10px 14px}.spec h2{font-size:17px;margin:2px 0}.title{margin:2px 0;font-weight:500}.where{margin:2px 0 6px;font-size:12.5px;color:#444}
#empty{color:#555;background:#fff;border:1px dashed #ccc;border-radius:6px;padding:18px}
.statement,pre.lean{white-space:pre-wrap;overflow-wrap:anywhere;background:#f4f4f4;padding:8px;border-radius:4px;font:12.5px/1.4 ui-monospace,Menlo,Consolas,monospace;margin:6px 0}
pre.lean{background:#f1f4fa}.theorem{border-left:3px solid #1f78b4;padding-left:10px;margin:10px 0}.theorem h4{margin:4px 0}ul.refs{margin:2px 0;padding-left:18px}ul.refs .doc{margin:2px 0;color:#333}
details.check{border:1px solid #e2e2e2;border-radius:5px;margin:5px 0;padding:3px 8px;background:#fcfcfc}details.check.bad{border-color:#e0a080;background:#fff6f1}details.check summary{cursor:pointer}details.check .mark{font-weight:700}.range{font-family:ui-monospace,Menlo,Consolas,monospace;font-size:12px;background:#eef1f4;border-radius:3px;padding:0 4px}
table.obligations th:nth-child(1){width:13%}table.obligations th:nth-child(2){width:13%}table.obligations th:nth-child(3){width:9%}table.obligations th:nth-child(4){width:17%}ul.notes{margin:2px 0;padding-left:16px}
.verdict{font-weight:600}.v-proved{color:#1b5e20}.v-refuted{color:#6a1b9a}.v-unknown{color:#7a5c00}.v-timeout,.v-error{color:#b71c1c}.v-skipped{color:#666}.unexpected{background:#fbe3da}
.count{margin-right:6px}.cex{border-left:3px solid #a0467a;padding-left:10px;margin:8px 0}.cex h4{margin:4px 0}.note{font-style:italic}table.cex-table{width:auto;max-width:100%}
.plots{display:flex;flex-wrap:wrap;gap:10px}.plot{background:#fff;border:1px solid #eee;max-width:100%;height:auto}
.coverage.short{color:#8a4b00}#view-mutation.bad h2{color:#b43f00}
.trust ul{margin:4px 0}.inherited{color:#555}.flag{color:#b43f00;font-weight:600}a.file{font-family:ui-monospace,Menlo,Consolas,monospace;font-size:12px}
@media (max-width:1000px){main{grid-template-columns:1fr}#right{position:static;max-height:none}}
`;

const SCRIPT = `
(function(){
  var data=JSON.parse(document.getElementById('tc0-data').textContent);
  var byId={};data.specs.forEach(function(s){byId[s.id]=s});
  var right=document.getElementById('right'),graph=document.getElementById('graph'),svg=graph.querySelector('svg');
  var $=function(q,root){return Array.prototype.slice.call((root||document).querySelectorAll(q))};
  // ---- views
  function view(name){
    $('nav#views button').forEach(function(b){b.classList.toggle('active',b.getAttribute('data-view')===name)});
    $('section.view').forEach(function(s){s.hidden=s.getAttribute('data-view')!==name});
    if(name==='graph'&&!vb)initView();
  }
  $('nav#views button').forEach(function(b){b.addEventListener('click',function(){view(b.getAttribute('data-view'))})});
  // ---- graph nodes
  var nodes={};
  $('#graph g.node').forEach(function(n){var t=n.querySelector('title');var id=t?t.textContent:'';n.setAttribute('data-spec',id);nodes[id]=n;
    n.addEventListener('click',function(ev){if(moved)return;ev.preventDefault();show(id,false)})});
  function closure(id,key){var seen={},stack=[id];while(stack.length){var x=stack.pop();(byId[x]?byId[x][key]:[]).forEach(function(y){if(!seen[y]&&byId[y]){seen[y]=1;stack.push(y)}})}return seen}
  function highlight(id){
    $('#graph .node').forEach(function(n){n.classList.remove('selected','dep','rdep')});
    $('#graph .edge').forEach(function(e){e.classList.remove('on')});
    if(!id){graph.classList.remove('focused');return}
    var deps=closure(id,'uses'),rdeps=closure(id,'usedBy');
    graph.classList.add('focused');
    if(nodes[id])nodes[id].classList.add('selected');
    Object.keys(deps).forEach(function(d){if(nodes[d])nodes[d].classList.add('dep')});
    Object.keys(rdeps).forEach(function(d){if(nodes[d])nodes[d].classList.add('rdep')});
    var on=function(a,b){var e=document.getElementById('edge-'+dom(a)+'--'+dom(b));if(e)e.classList.add('on')};
    [id].concat(Object.keys(deps)).forEach(function(a){(byId[a]||{uses:[]}).uses.forEach(function(b){if(b===id||deps[b])on(a,b)})});
    [id].concat(Object.keys(rdeps)).forEach(function(b){(byId[b]||{usedBy:[]}).usedBy.forEach(function(a){if(a===id||rdeps[a])on(a,b)})});
  }
  function dom(id){return 'spec-'+id.replace(/[^A-Za-z0-9_-]/g,'_')}
  // ---- selection
  function show(id,center){
    var sec=document.getElementById('detail-'+dom(id));if(!sec)return;
    $('.spec').forEach(function(e){e.hidden=e!==sec});
    document.getElementById('empty').hidden=true;
    $('tr[data-spec]').forEach(function(r){r.classList.toggle('selected',r.getAttribute('data-spec')===id)});
    highlight(id);
    if(center)centerOn(id);
    right.scrollTop=0;
    if(location.hash!=='#'+dom(id))history.replaceState(null,'','#'+dom(id));
  }
  document.addEventListener('click',function(ev){
    var a=ev.target.closest&&ev.target.closest('a[data-spec]');
    if(a){ev.preventDefault();show(a.getAttribute('data-spec'),true);return}
    var row=ev.target.closest&&ev.target.closest('tr[data-spec]');
    if(row&&!ev.target.closest('a'))show(row.getAttribute('data-spec'),true);
  });
  // ---- zoom and pan (the SVG viewBox)
  var full=svg.viewBox.baseVal,vb=null,moved=false;
  var W0=full.width,H0=full.height,X0=full.x,Y0=full.y;
  function apply(){svg.setAttribute('viewBox',vb.x+' '+vb.y+' '+vb.w+' '+vb.h)}
  function box(){var r=graph.getBoundingClientRect();return{w:Math.max(200,r.width),h:Math.max(200,r.height)}}
  function setScale(s,cx,cy){var b=box();var w=b.w/s,h=b.h/s;if(cx===undefined){cx=vb.x+vb.w/2;cy=vb.y+vb.h/2}
    var fx=(cx-vb.x)/vb.w,fy=(cy-vb.y)/vb.h;vb={x:cx-fx*w,y:cy-fy*h,w:w,h:h};apply()}
  function scale(){return box().w/vb.w}
  function fit(){var b=box();var s=Math.min(b.w/W0,b.h/H0);vb={x:X0,y:Y0,w:b.w/s,h:b.h/s};vb.x=X0-(vb.w-W0)/2;vb.y=Y0-(vb.h-H0)/2;apply()}
  function focusBox(bb,minScale){var b=box();var s=Math.max(minScale,Math.min(1.3,Math.min(b.w/(bb.width+40),b.h/(bb.height+40))));vb={x:0,y:0,w:b.w/s,h:b.h/s};vb.x=bb.x+bb.width/2-vb.w/2;vb.y=bb.y+bb.height/2-vb.h/2;apply()}
  function bboxIn(el){var bb=el.getBBox();var m=el.getCTM(),root=svg.getCTM();if(!m||!root)return bb;var t=root.inverse().multiply(m);var p=svg.createSVGPoint();p.x=bb.x;p.y=bb.y;var a=p.matrixTransform(t);p.x=bb.x+bb.width;p.y=bb.y+bb.height;var c=p.matrixTransform(t);return{x:a.x,y:a.y,width:c.x-a.x,height:c.y-a.y}}
  function mainView(){var c=document.getElementById('area-theorems');if(!c){fit();return}vb=vb||{x:X0,y:Y0,w:W0,h:H0};var bb=bboxIn(c);focusBox(bb,0.85);vb.y=bb.y-12;apply()}
  function initView(){vb={x:X0,y:Y0,w:W0,h:H0};mainView()}
  function centerOn(id){var n=nodes[id];if(!n||document.getElementById('view-graph').hidden)return;if(!vb)initView();var bb=bboxIn(n);var s=Math.max(scale(),0.9);var b=box();vb={x:bb.x+bb.width/2-b.w/s/2,y:bb.y+bb.height/2-b.h/s/2,w:b.w/s,h:b.h/s};apply()}
  document.getElementById('zoom-in').addEventListener('click',function(){setScale(scale()*1.4)});
  document.getElementById('zoom-out').addEventListener('click',function(){setScale(scale()/1.4)});
  document.getElementById('zoom-fit').addEventListener('click',fit);
  document.getElementById('zoom-main').addEventListener('click',mainView);
  function toSvg(ev){var r=graph.getBoundingClientRect();return{x:vb.x+(ev.clientX-r.left)/r.width*vb.w,y:vb.y+(ev.clientY-r.top)/r.height*vb.h}}
  graph.addEventListener('wheel',function(ev){if(!vb)return;ev.preventDefault();var p=toSvg(ev);setScale(scale()*Math.pow(1.0015,-ev.deltaY),p.x,p.y)},{passive:false});
  var drag=null;
  graph.addEventListener('pointerdown',function(ev){if(!vb)return;drag={x:ev.clientX,y:ev.clientY,vx:vb.x,vy:vb.y};moved=false});
  window.addEventListener('pointermove',function(ev){if(!drag)return;var r=graph.getBoundingClientRect();var dx=(ev.clientX-drag.x)/r.width*vb.w,dy=(ev.clientY-drag.y)/r.height*vb.h;if(Math.abs(ev.clientX-drag.x)+Math.abs(ev.clientY-drag.y)>3){moved=true;graph.classList.add('dragging')}vb.x=drag.vx-dx;vb.y=drag.vy-dy;apply()});
  window.addEventListener('pointerup',function(){drag=null;graph.classList.remove('dragging');setTimeout(function(){moved=false},0)});
  graph.addEventListener('keydown',function(ev){if(!vb)return;var k=ev.key,st=vb.w/8;if(k==='+'||k==='=')setScale(scale()*1.4);else if(k==='-')setScale(scale()/1.4);else if(k==='ArrowLeft'){vb.x-=st;apply()}else if(k==='ArrowRight'){vb.x+=st;apply()}else if(k==='ArrowUp'){vb.y-=st;apply()}else if(k==='ArrowDown'){vb.y+=st;apply()}else return;ev.preventDefault()});
  // ---- search
  var input=document.getElementById('search'),list=document.getElementById('search-results'),hits=[],active=0;
  function matches(q){q=q.trim().toLowerCase();if(!q)return[];return data.specs.filter(function(s){return s.id.toLowerCase().indexOf(q)>=0||s.title.toLowerCase().indexOf(q)>=0}).sort(function(a,b){return (a.id.toLowerCase().indexOf(q)<0)-(b.id.toLowerCase().indexOf(q)<0)||a.id.localeCompare(b.id)})}
  function renderHits(){list.innerHTML='';hits.slice(0,15).forEach(function(s,i){var li=document.createElement('li');li.setAttribute('data-spec',s.id);if(i===active)li.className='active';li.innerHTML='<b></b> <small></small>';li.firstChild.textContent=s.id;li.lastChild.textContent=s.title;li.addEventListener('mousedown',function(ev){ev.preventDefault();pick(s.id)});list.appendChild(li)});
    if(hits.length>15){var more=document.createElement('li');more.className='more';more.textContent='… '+(hits.length-15)+' more';list.appendChild(more)}
    if(hits.length===0&&input.value.trim()){var none=document.createElement('li');none.className='none';none.textContent='no spec matches';list.appendChild(none)}
    list.hidden=!input.value.trim()}
  function filter(){var q=input.value.trim();hits=matches(q);active=0;renderHits();var set={};hits.forEach(function(s){set[s.id]=1});
    graph.classList.toggle('searching',!!q);Object.keys(nodes).forEach(function(id){nodes[id].classList.toggle('match',!!q&&!!set[id])});
    $('tr[data-search]').forEach(function(r){r.hidden=!!q&&!set[r.getAttribute('data-spec')]});
    var head=null,any=false;$('table.paper tbody tr').forEach(function(tr){if(tr.classList.contains('item-row')){if(head)head.hidden=!any;head=tr;any=false}else if(!tr.hidden)any=true});if(head)head.hidden=!any}
  function pick(id){list.hidden=true;show(id,true)}
  input.addEventListener('input',filter);
  input.addEventListener('keydown',function(ev){if(ev.key==='ArrowDown'){active=Math.min(active+1,Math.min(hits.length,15)-1);renderHits();ev.preventDefault()}else if(ev.key==='ArrowUp'){active=Math.max(active-1,0);renderHits();ev.preventDefault()}else if(ev.key==='Enter'){if(hits[active])pick(hits[active].id);ev.preventDefault()}else if(ev.key==='Escape'){input.value='';filter();input.blur()}});
  input.addEventListener('blur',function(){setTimeout(function(){list.hidden=true},100)});
  input.addEventListener('focus',function(){if(input.value.trim())list.hidden=false});
  document.addEventListener('keydown',function(ev){if(ev.key==='/'&&document.activeElement!==input){ev.preventDefault();input.focus()}});
  // ---- first view
  var first=location.hash?location.hash.slice(1):'';
  var target=data.specs.filter(function(s){return dom(s.id)===first})[0];
  if(target)show(target.id,false);else{var u=document.querySelector('.spec[data-status="unexpected"]');if(u)show(u.getAttribute('data-spec'),false)}
})();
`;

export interface HtmlOptions {
  /** Path from the report folder to where spec file names are relative to (the working directory). */
  readonly specBase?: string;
  /** Path from the report folder to the project root (Lean library files). */
  readonly leanBase?: string;
}

/** The JSON the page's script reads: ids, titles, statuses and edges (escaped for a script tag). */
function pageData(r: Report, status: ReadonlyMap<string, DisplayStatus>): string {
  const specs = r.specs.map((s) => ({ id: s.id, title: s.title, status: status.get(s.id), area: s.area, role: s.role, uses: s.uses, usedBy: s.usedBy }));
  return JSON.stringify({ specs }).replace(/</g, '\\u003c');
}

export async function renderHtml(r: Report, opts: HtmlOptions = {}): Promise<string> {
  const bySpec = new Map<string, ObligationEntry[]>(r.specs.map((s) => [s.id, []]));
  for (const o of r.obligations) bySpec.get(o.spec)?.push(o);
  const status = new Map(r.specs.map((s) => [s.id, displayStatus(s, bySpec.get(s.id)!)]));
  const viz = await instance();
  const svg = viz
    .renderString(graphDot(r, status), { format: 'svg', engine: 'dot' })
    .replace(/^<\?xml[^>]*>\s*(<!DOCTYPE[^>]*>\s*)?/, '')
    .replace(/<svg width="[^"]*" height="[^"]*"/, '<svg preserveAspectRatio="xMidYMid meet"');
  const panels = r.specs.map((s) => specPanel(r, s, bySpec.get(s.id)!, status.get(s.id)!, opts));
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>tc0 proof report</title><style>${CSS}</style></head>
<body>
${header(r)}
<main>
<div id="left">
${paperView(r, bySpec, status)}
${graphView(svg)}
${specsView(r, bySpec, status)}
${constantsView(r)}
${assumptionsView(r)}
${mutationView(r)}
</div>
<div id="right"><p id="empty">Select a spec (a row, a node or a search result) to see its statement, checks and evidence.</p>
${panels.join('\n')}</div>
</main>
<script type="application/json" id="tc0-data">${pageData(r, status)}</script>
<script>${SCRIPT}</script>
</body></html>
`;
}
