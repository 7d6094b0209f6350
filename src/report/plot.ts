/**
 * Inline SVG charts for the HTML report, made to be read: both axes labelled, point markers of a
 * different shape per series (colour is never the only cue), the legend below the plot area
 * (never over the data, never clipped), and next to every measured series what it is measured
 * against:
 * - depth: linear axis from 0 (a flat line is the point of the paper) and the claimed bound;
 * - size: log-log axes when the parameter spans a factor of 4 or more, with the fitted slope and
 *   a reference slope (the claimed degree, else the nearest whole one), and the claimed bound;
 * - numeric columns of property tables (e.g. an architecture family against n) the same way.
 */
import { evalExpr, parseExpr } from '../core/expr.js';
import type { ObligationEntry } from './model.js';

export type SeriesKind = 'measured' | 'bound' | 'fit' | 'reference';

export interface Series {
  readonly label: string;
  readonly kind: SeriesKind;
  readonly points: ReadonlyArray<readonly [number, number]>;
}

export interface Chart {
  readonly title: string;
  readonly xLabel: string;
  readonly yLabel: string;
  readonly series: readonly Series[];
  readonly logX?: boolean;
  readonly logY?: boolean;
}

/** Okabe-Ito colours (told apart with every common colour-vision deficiency). */
const COLOURS = ['#0072B2', '#D55E00', '#009E73', '#CC79A7', '#E69F00', '#56B4E9', '#000000'];
const BOUND = '#B2182B';
const MARKERS = ['circle', 'square', 'triangle', 'diamond', 'cross', 'star'] as const;
const esc = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

function niceTicks(lo: number, hi: number): number[] {
  if (hi === lo) return [lo];
  const raw = (hi - lo) / 4;
  const step = [1, 2, 5, 10].map((m) => m * 10 ** Math.floor(Math.log10(raw))).find((s) => s >= raw) ?? raw;
  const out: number[] = [];
  for (let t = Math.ceil(lo / step) * step; t <= hi + 1e-9; t += step) out.push(Number(t.toPrecision(12)));
  return out;
}

function logTicks(lo: number, hi: number): number[] {
  const out: number[] = [];
  for (let e = Math.floor(Math.log10(lo)); e <= Math.ceil(Math.log10(hi)); e++) for (const m of [1, 2, 5]) out.push(m * 10 ** e);
  const inside = out.filter((t) => t >= lo / 1.0001 && t <= hi * 1.0001);
  // Only decades when there are many; always at least the two ends.
  const decades = inside.filter((t) => Math.abs(Math.log10(t) - Math.round(Math.log10(t))) < 1e-9);
  const chosen = inside.length > 7 ? decades : inside;
  return chosen.length >= 2 ? chosen : [lo, hi];
}

const fmt = (v: number): string => (Math.abs(v) >= 1e5 ? v.toExponential(0).replace('e+', 'e') : String(Number(v.toPrecision(4))));

function marker(shape: (typeof MARKERS)[number], x: number, y: number, c: string, tip: string): string {
  const r = 3;
  const t = `<title>${esc(tip)}</title>`;
  switch (shape) {
    case 'circle':
      return `<circle cx="${x.toFixed(1)}" cy="${y.toFixed(1)}" r="${r}" fill="${c}">${t}</circle>`;
    case 'square':
      return `<rect x="${(x - r).toFixed(1)}" y="${(y - r).toFixed(1)}" width="${2 * r}" height="${2 * r}" fill="${c}">${t}</rect>`;
    case 'triangle':
      return `<path d="M${x.toFixed(1)},${(y - r - 1).toFixed(1)}l${r + 1},${2 * r + 1}h${-2 * r - 2}z" fill="${c}">${t}</path>`;
    case 'diamond':
      return `<path d="M${x.toFixed(1)},${(y - r - 1).toFixed(1)}l${r + 1},${r + 1}l${-r - 1},${r + 1}l${-r - 1},${-r - 1}z" fill="${c}">${t}</path>`;
    case 'cross':
      return `<path d="M${(x - r).toFixed(1)},${(y - r).toFixed(1)}l${2 * r},${2 * r}m0,${-2 * r}l${-2 * r},${2 * r}" stroke="${c}" stroke-width="1.8">${t}</path>`;
    case 'star':
      return `<path d="M${x.toFixed(1)},${(y - r - 1).toFixed(1)}v${2 * r + 2}M${(x - r - 1).toFixed(1)},${y.toFixed(1)}h${2 * r + 2}" stroke="${c}" stroke-width="1.8">${t}</path>`;
  }
}

/** One chart as an SVG element. */
export function lineChart(chart: Chart): string {
  const W = 400;
  const plotH = 200;
  const m = { l: 58, r: 14, t: 26, b: 42 };
  const all = chart.series.flatMap((s) => s.points);
  const xs = all.map((p) => p[0]);
  const ys = all.map((p) => p[1]);
  const logY = (chart.logY ?? false) && ys.every((y) => y > 0);
  const logX = (chart.logX ?? false) && xs.every((x) => x > 0);
  let [x0, x1] = [Math.min(...xs), Math.max(...xs)];
  let [y0, y1] = [Math.min(...ys), Math.max(...ys)];
  if (logY) [y0, y1] = [y0 / 1.25, y1 * 1.25];
  else {
    y0 = Math.min(0, y0);
    if (y1 === y0) y1 = y0 + 1;
    y1 += (y1 - y0) * 0.1;
  }
  if (x0 === x1) [x0, x1] = [x0 - 1, x1 + 1];
  const tx = (v: number) => (logX ? Math.log(v) : v);
  const ty = (v: number) => (logY ? Math.log(v) : v);
  const sx = (v: number) => m.l + ((tx(v) - tx(x0)) / (tx(x1) - tx(x0) || 1)) * (W - m.l - m.r);
  const sy = (v: number) => m.t + plotH - ((ty(v) - ty(y0)) / (ty(y1) - ty(y0) || 1)) * plotH;
  const bottom = m.t + plotH;
  // Legend rows below the x-axis label: two entries per row.
  const legendRows = Math.ceil(chart.series.length / 2);
  const H = bottom + m.b + legendRows * 16 + 6;
  const p: string[] = [];
  p.push(`<svg class="plot" xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" role="img" aria-label="${esc(chart.title)}">`);
  p.push(`<text x="${W / 2}" y="16" text-anchor="middle" font-size="12.5" font-weight="600">${esc(chart.title)}</text>`);
  p.push(`<rect x="${m.l}" y="${m.t}" width="${W - m.l - m.r}" height="${plotH}" fill="#fff" stroke="#bbb"/>`);
  for (const t of logY ? logTicks(y0, y1) : niceTicks(y0, y1)) {
    const y = sy(t);
    if (y < m.t - 0.5 || y > bottom + 0.5) continue;
    p.push(`<line x1="${m.l}" y1="${y.toFixed(1)}" x2="${W - m.r}" y2="${y.toFixed(1)}" stroke="#eee"/><line x1="${m.l - 4}" y1="${y.toFixed(1)}" x2="${m.l}" y2="${y.toFixed(1)}" stroke="#444"/><text x="${m.l - 6}" y="${(y + 3.5).toFixed(1)}" text-anchor="end" font-size="10.5">${fmt(t)}</text>`);
  }
  const xTicks = logX ? logTicks(x0, x1) : niceTicks(x0, x1).filter((t) => !xs.every(Number.isInteger) || Number.isInteger(t));
  for (const t of xTicks) {
    const x = sx(t);
    p.push(`<line x1="${x.toFixed(1)}" y1="${bottom}" x2="${x.toFixed(1)}" y2="${bottom + 4}" stroke="#444"/><text x="${x.toFixed(1)}" y="${bottom + 15}" text-anchor="middle" font-size="10.5">${fmt(t)}</text>`);
  }
  p.push(`<text class="x-label" x="${(m.l + W - m.r) / 2}" y="${bottom + 31}" text-anchor="middle" font-size="11.5">${esc(chart.xLabel)}${logX ? ' (log scale)' : ''}</text>`);
  p.push(`<text class="y-label" transform="translate(14 ${m.t + plotH / 2}) rotate(-90)" text-anchor="middle" font-size="11.5">${esc(chart.yLabel)}${logY ? ' (log scale)' : ''}</text>`);
  let measured = 0;
  const legend: string[] = [];
  chart.series.forEach((s, i) => {
    const pts = [...s.points].sort((a, b) => a[0] - b[0]);
    const path = pts.map(([x, y]) => `${sx(x).toFixed(1)},${sy(y).toFixed(1)}`).join(' ');
    let swatch: string;
    const lx = m.l + (i % 2) * ((W - m.l) / 2);
    const ly = bottom + m.b + 4 + Math.floor(i / 2) * 16;
    if (s.kind === 'measured') {
      const c = COLOURS[measured % COLOURS.length]!;
      const shape = MARKERS[measured % MARKERS.length]!;
      measured++;
      p.push(`<polyline class="series measured" fill="none" stroke="${c}" stroke-width="1.6" points="${path}"/>`);
      for (const [x, y] of pts) p.push(marker(shape, sx(x), sy(y), c, `${s.label}: ${chart.xLabel} = ${x}, ${fmt(y)}`));
      swatch = `<line x1="${lx}" y1="${ly}" x2="${lx + 18}" y2="${ly}" stroke="${c}" stroke-width="1.6"/>${marker(shape, lx + 9, ly, c, s.label)}`;
    } else {
      const style = s.kind === 'bound' ? `stroke="${BOUND}" stroke-width="1.6" stroke-dasharray="6 3"` : s.kind === 'fit' ? 'stroke="#444" stroke-width="1.3" stroke-dasharray="2 3"' : 'stroke="#999" stroke-width="1.2" stroke-dasharray="8 3 2 3"';
      p.push(`<polyline class="series ${s.kind}" fill="none" ${style} points="${path}"><title>${esc(s.label)}</title></polyline>`);
      swatch = `<line x1="${lx}" y1="${ly}" x2="${lx + 18}" y2="${ly}" ${style}/>`;
    }
    legend.push(`<g class="legend-entry">${swatch}<text x="${lx + 23}" y="${ly + 3.5}" font-size="10.5">${esc(s.label)}</text></g>`);
  });
  p.push(`<g class="legend">${legend.join('')}</g>`, '</svg>');
  return p.join('');
}

/** Geometric parameter values (1, 2, 4, ..., or a wide span): a log x axis reads them best. */
const wideSpan = (xs: readonly number[]): boolean => xs.length >= 4 && xs.every((x) => x > 0) && Math.max(...xs) / Math.min(...xs) >= 4;
const spansDecades = (ys: readonly number[]): boolean => ys.every((y) => y > 0) && Math.max(...ys) / Math.min(...ys) > 100;

/** A claimed bound evaluated along the measured points (the other parameters as measured). */
function boundSeries(o: ObligationEntry, metric: 'depth' | 'size', rows: ReadonlyArray<{ params: Readonly<Record<string, number>> }>, x: string): Series | undefined {
  const max = o.claims?.[metric]?.max;
  if (!max) return undefined;
  try {
    const e = parseExpr(max);
    const points = rows.map((r) => [r.params[x]!, Number(evalExpr(e, r.params).num) / Number(evalExpr(e, r.params).den)] as const);
    return { label: `claimed: ${metric} ≤ ${max}`, kind: 'bound', points };
  } catch {
    return undefined;
  }
}

/** Lines of slope `degree` on log-log axes through the point with the largest x. */
function slopeSeries(points: ReadonlyArray<readonly [number, number]>, degree: number, label: string, kind: 'fit' | 'reference'): Series {
  const sorted = [...points].sort((a, b) => a[0] - b[0]);
  const [xl, yl] = sorted[sorted.length - 1]!;
  return { label, kind, points: sorted.map(([x]) => [x, yl * (x / xl) ** degree] as const) };
}

/** Depth and size against the parameter that varies (one line per value of the others). */
function seriesPlots(o: ObligationEntry): string[] {
  const rows = o.series!;
  const varying = Object.keys(rows[0]?.params ?? {}).filter((k) => new Set(rows.map((r) => r.params[k])).size > 1);
  if (varying.length === 0) return [];
  const x = varying[0]!;
  const groups = new Map<string, typeof rows>();
  for (const r of rows) {
    const key = varying.slice(1).map((k) => `${k}=${r.params[k]}`).join(', ');
    groups.set(key, [...(groups.get(key) ?? []), r]);
  }
  const xs = [...new Set(rows.map((r) => r.params[x]!))];
  const measured = (metric: 'depth' | 'size'): Series[] => [...groups].map(([k, rs]) => ({ label: `${metric} measured${k ? ` (${k})` : ''}`, kind: 'measured', points: rs.map((r) => [r.params[x]!, r[metric]] as const) }));
  // The claimed bound along the last group (the largest values of the other parameters).
  const lastGroup = [...groups.values()].pop()!;
  const depth: Series[] = [...measured('depth')];
  const db = boundSeries(o, 'depth', lastGroup, x);
  if (db) depth.push(db);
  const size: Series[] = [...measured('size')];
  const sb = boundSeries(o, 'size', lastGroup, x);
  if (sb) size.push(sb);
  const logLog = wideSpan(xs) && rows.every((r) => r.size > 0);
  if (logLog) {
    const pts = lastGroup.map((r) => [r.params[x]!, r.size] as const);
    const fit = o.fits?.find((f) => f.metric === 'size' && f.parameter === x);
    if (fit) size.push(slopeSeries(pts, fit.degree, `fitted slope ${fit.degree}`, 'fit'));
    const claimed = o.claims?.size?.degree;
    const ref = claimed ?? (fit ? Math.max(1, Math.round(fit.degree)) : undefined);
    if (ref !== undefined) size.push(slopeSeries(pts, ref, `reference slope ${ref}${claimed !== undefined ? ' (claimed degree)' : ''}`, 'reference'));
  }
  return [
    lineChart({ title: `depth${where(o)}`, xLabel: x, yLabel: 'depth (gate layers)', series: depth, logX: wideSpan(xs) && xs.length > 8 }),
    lineChart({ title: `size${where(o)}`, xLabel: x, yLabel: 'size (gates)', series: size, logX: logLog, logY: logLog || spansDecades(rows.map((r) => r.size)) }),
  ];
}

/** A number, or the leading number of a symbolic depth like `101 + d_exp + d_div`. */
function numeric(v: string | number): number | undefined {
  if (typeof v === 'number') return Number.isFinite(v) ? v : undefined;
  const m = /^\s*(-?\d+(?:\.\d+)?)(\s*\+.*)?$/.exec(v);
  return m ? Number(m[1]) : undefined;
}

/** Numeric columns of a property table against n, p or k. */
function tablePlots(o: ObligationEntry): string[] {
  const rows = o.table!;
  if (rows.length < 3) return [];
  const x = ['n', 'p', 'k', 'd'].find((c) => rows.every((r) => typeof r[c] === 'number'));
  if (!x) return [];
  const cols = Object.keys(rows[0]!).filter((c) => c !== x && rows.every((r) => r[c] !== undefined && numeric(r[c]!) !== undefined));
  const symbolic = (c: string) => rows.some((r) => typeof r[c] === 'string' && /[a-z]/i.test(r[c] as string));
  const lineOf = (c: string): Series => ({ label: symbolic(c) ? `${c} (gate part; plus the symbolic constants)` : c, kind: 'measured', points: rows.map((r) => [r[x] as number, numeric(r[c]!)!] as const) });
  const depthCols = cols.filter((c) => /depth|log2/.test(c));
  const countCols = cols.filter((c) => !depthCols.includes(c));
  const xs = [...new Set(rows.map((r) => r[x] as number))];
  const out: string[] = [];
  if (depthCols.length > 0) out.push(lineChart({ title: `depth${where(o)}`, xLabel: x, yLabel: 'depth', series: depthCols.map(lineOf), logX: wideSpan(xs) && xs.length > 8 }));
  if (countCols.length > 0) {
    const lines = countCols.map(lineOf);
    const logLog = wideSpan(xs) && lines.every((l) => l.points.every((pt) => pt[1] > 0));
    const series: Series[] = [...lines];
    if (logLog && lines.length === 1) {
      // One count column: show its slope against a whole-number reference.
      const pts = lines[0]!.points;
      const [a, b] = [pts[Math.floor(pts.length / 2)]!, pts[pts.length - 1]!];
      const slope = Math.log(b[1] / a[1]) / Math.log(b[0] / a[0]);
      if (Number.isFinite(slope)) {
        const s = Number(slope.toFixed(2));
        series.push(slopeSeries(pts, s, `fitted slope ${s}`, 'fit'), slopeSeries(pts, Math.max(1, Math.round(s)), `reference slope ${Math.max(1, Math.round(s))}`, 'reference'));
      }
    }
    out.push(lineChart({ title: `counts${where(o)}`, xLabel: x, yLabel: countCols.length === 1 ? countCols[0]! : 'count', series, logX: logLog, logY: logLog || spansDecades(lines.flatMap((l) => l.points.map((pt) => pt[1]))) }));
  }
  return out;
}

/** What distinguishes an obligation's plots from its siblings': its fixed parameters. */
const where = (o: ObligationEntry): string => {
  const fixed = Object.entries(o.grid ?? o.params).filter(([, v]) => !Array.isArray(v) || v.length === 1).map(([k, v]) => `${k}=${Array.isArray(v) ? v[0] : v}`);
  return fixed.length > 0 ? ` (${fixed.join(', ')})` : '';
};

export function plotsFor(obls: readonly ObligationEntry[]): string[] {
  return obls.flatMap((o) => [...(o.series && o.series.length > 1 ? seriesPlots(o) : []), ...(o.table ? tablePlots(o) : [])]);
}
