/**
 * Inline SVG line charts for the HTML report: measured depth and size against a parameter, and
 * the numeric columns of property tables (e.g. an architecture family's depth and node counts
 * against n). Depths get a linear axis (a flat line is the point of the paper), counts a log axis
 * when they span more than two decades.
 */
import type { ObligationEntry } from './model.js';

export interface Line {
  readonly label: string;
  readonly points: ReadonlyArray<readonly [number, number]>;
}

const COLOURS = ['#1f77b4', '#d62728', '#2ca02c', '#9467bd', '#ff7f0e', '#8c564b', '#17becf', '#7f7f7f'];
const esc = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

function ticks(lo: number, hi: number, log: boolean): number[] {
  if (log) {
    const out: number[] = [];
    for (let e = Math.floor(Math.log10(lo)); e <= Math.ceil(Math.log10(hi)); e++) out.push(10 ** e);
    return out.filter((t) => t >= lo / 1.0001 && t <= hi * 1.0001).length >= 2 ? out.filter((t) => t >= lo / 1.0001 && t <= hi * 1.0001) : [lo, hi];
  }
  if (hi === lo) return [lo];
  const raw = (hi - lo) / 4;
  const step = [1, 2, 5, 10].map((m) => m * 10 ** Math.floor(Math.log10(raw))).find((s) => s >= raw) ?? raw;
  const out: number[] = [];
  for (let t = Math.ceil(lo / step) * step; t <= hi + 1e-9; t += step) out.push(Number(t.toPrecision(12)));
  return out;
}

const fmt = (v: number): string => (Math.abs(v) >= 1e5 ? v.toExponential(0).replace('e+', 'e') : String(Number(v.toPrecision(4))));

/** One chart; `logY` picks a log axis, `logX` a log x axis (geometric parameter values). */
export function lineChart(title: string, xLabel: string, lines: readonly Line[], opts: { logY?: boolean; logX?: boolean } = {}): string {
  const W = 380;
  const H = 230;
  const m = { l: 52, r: 12, t: 24, b: 40 };
  const all = lines.flatMap((l) => l.points);
  const xs = all.map((p) => p[0]);
  const ys = all.map((p) => p[1]);
  const logY = (opts.logY ?? false) && ys.every((y) => y > 0);
  const logX = (opts.logX ?? false) && xs.every((x) => x > 0);
  let [x0, x1] = [Math.min(...xs), Math.max(...xs)];
  let [y0, y1] = [Math.min(...ys), Math.max(...ys)];
  if (!logY) {
    // Depth-like lines: start the axis at 0 so that a flat line looks flat.
    y0 = Math.min(0, y0);
    if (y1 === y0) y1 = y0 + 1;
    y1 += (y1 - y0) * 0.08;
  }
  if (x0 === x1) [x0, x1] = [x0 - 1, x1 + 1];
  const tx = (v: number) => (logX ? Math.log(v) : v);
  const ty = (v: number) => (logY ? Math.log(v) : v);
  const sx = (v: number) => m.l + ((tx(v) - tx(x0)) / (tx(x1) - tx(x0) || 1)) * (W - m.l - m.r);
  const sy = (v: number) => H - m.b - ((ty(v) - ty(y0)) / (ty(y1) - ty(y0) || 1)) * (H - m.t - m.b);
  const parts: string[] = [];
  parts.push(`<svg class="plot" xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" role="img" aria-label="${esc(title)}">`);
  parts.push(`<text x="${W / 2}" y="15" text-anchor="middle" font-size="12" font-weight="600">${esc(title)}</text>`);
  parts.push(`<line x1="${m.l}" y1="${H - m.b}" x2="${W - m.r}" y2="${H - m.b}" stroke="#444"/><line x1="${m.l}" y1="${m.t}" x2="${m.l}" y2="${H - m.b}" stroke="#444"/>`);
  for (const t of ticks(y0, y1, logY)) {
    const y = sy(t);
    parts.push(`<line x1="${m.l - 3}" y1="${y}" x2="${W - m.r}" y2="${y}" stroke="#eee"/><text x="${m.l - 5}" y="${y + 3}" text-anchor="end" font-size="10">${fmt(t)}</text>`);
  }
  const xt = logX ? [...new Set(xs)].sort((a, b) => a - b) : ticks(x0, x1, false);
  for (const t of xt) parts.push(`<text x="${sx(t)}" y="${H - m.b + 13}" text-anchor="middle" font-size="10">${fmt(t)}</text>`);
  parts.push(`<text x="${(m.l + W - m.r) / 2}" y="${H - 6}" text-anchor="middle" font-size="11">${esc(xLabel)}${logX ? ' (log)' : ''}${logY ? ' · log y' : ''}</text>`);
  lines.forEach((l, i) => {
    const c = COLOURS[i % COLOURS.length]!;
    const pts = [...l.points].sort((a, b) => a[0] - b[0]);
    parts.push(`<polyline fill="none" stroke="${c}" stroke-width="1.6" points="${pts.map(([x, y]) => `${sx(x).toFixed(1)},${sy(y).toFixed(1)}`).join(' ')}"/>`);
    if (pts.length <= 24) for (const [x, y] of pts) parts.push(`<circle cx="${sx(x).toFixed(1)}" cy="${sy(y).toFixed(1)}" r="2.2" fill="${c}"><title>${esc(`${l.label}: ${xLabel} = ${x}, ${y}`)}</title></circle>`);
    parts.push(`<text x="${m.l + 6}" y="${m.t + 10 + 12 * i}" font-size="10" fill="${c}">${esc(l.label)}</text>`);
  });
  parts.push('</svg>');
  return parts.join('');
}

const geometric = (xs: readonly number[]): boolean => xs.length >= 4 && xs.every((x) => x > 0) && Math.max(...xs) / Math.min(...xs) >= 16 && xs.length < Math.max(...xs) / Math.min(...xs) / 2;
const spansDecades = (ys: readonly number[]): boolean => ys.every((y) => y > 0) && Math.max(...ys) / Math.min(...ys) > 100;

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
  const linesOf = (metric: 'depth' | 'size'): Line[] => [...groups].map(([k, rs]) => ({ label: `${metric}${k ? ` (${k})` : ''}`, points: rs.map((r) => [r.params[x]!, r[metric]] as const) }));
  const xs = rows.map((r) => r.params[x]!);
  return [
    lineChart(`depth${where(o)}`, x, linesOf('depth'), { logX: geometric([...new Set(xs)]) }),
    lineChart(`size in gates${where(o)}`, x, linesOf('size'), { logY: spansDecades(rows.map((r) => r.size)), logX: geometric([...new Set(xs)]) }),
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
  const lineOf = (c: string): Line => ({ label: symbolic(c) ? `${c} (gate part; plus the symbolic constants)` : c, points: rows.map((r) => [r[x] as number, numeric(r[c]!)!] as const) });
  const depthCols = cols.filter((c) => /depth|log2/.test(c));
  const countCols = cols.filter((c) => !depthCols.includes(c));
  const xs = [...new Set(rows.map((r) => r[x] as number))];
  const out: string[] = [];
  if (depthCols.length > 0) out.push(lineChart(`depth${where(o)}`, x, depthCols.map(lineOf), { logX: geometric(xs) }));
  if (countCols.length > 0) {
    const lines = countCols.map(lineOf);
    out.push(lineChart(`counts${where(o)}`, x, lines, { logY: spansDecades(lines.flatMap((l) => l.points.map((p) => p[1]))), logX: geometric(xs) }));
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
