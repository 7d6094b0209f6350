/**
 * "Did you mean": the known names closest to a mistyped one, for flags, commands, backends and
 * spec ids. Closeness is the optimal-string-alignment edit distance (a swap of two neighbours
 * counts once); a known name that starts with, or contains, what was typed is always a candidate,
 * so `--filter tensor` finds `ta.layer` only if it is close, but `--filter layer` finds every
 * `*.layer*`.
 */

/** Edit distance with adjacent transpositions (optimal string alignment). */
export function editDistance(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= a.length; i++)
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, d[i - 2]![j - 2]! + 1);
      d[i]![j] = v;
    }
  return d[a.length]![b.length]!;
}

/**
 * Up to `max` known names closest to `typed`, best first; empty when nothing is plausibly meant.
 * A name is plausible when its distance is at most a third of the longer length (at least 1), or
 * when it contains `typed` (case-insensitive, at least two characters).
 */
export function closest(typed: string, known: Iterable<string>, max = 3): string[] {
  const t = typed.toLowerCase();
  const scored: Array<{ name: string; score: number }> = [];
  for (const name of new Set(known)) {
    const n = name.toLowerCase();
    const dist = editDistance(t, n);
    const limit = Math.max(1, Math.floor(Math.max(t.length, n.length) / 3));
    // Containment ranks by how much of the name was typed.
    const contains = t.length >= 2 && n.includes(t) ? 0.5 + (n.length - t.length) / (10 * n.length) : Infinity;
    const score = Math.min(dist <= limit ? dist : Infinity, contains);
    if (Number.isFinite(score)) scored.push({ name, score });
  }
  return scored
    .sort((a, b) => a.score - b.score || a.name.localeCompare(b.name))
    .slice(0, max)
    .map((s) => s.name);
}

/** `; did you mean 'x' or 'y'?`, or the empty string. */
export function didYouMean(typed: string, known: Iterable<string>, quote = (s: string) => `'${s}'`): string {
  const c = closest(typed, known);
  if (c.length === 0) return '';
  const q = c.map(quote);
  return `; did you mean ${q.length === 1 ? q[0] : `${q.slice(0, -1).join(', ')} or ${q[q.length - 1]}`}?`;
}
