/** Durations for people: `850 ms`, `12.3 s`, `1 min 5 s`, `2 h 3 min`. */
export function formatMs(ms: number): string {
  if (ms < 1000) return `${Math.round(Math.max(0, ms))} ms`;
  if (ms < 59_950) return `${(ms / 1000).toFixed(1)} s`;
  // Round to whole seconds first, so that 119.6 s reads 2 min 0 s, never 1 min 60 s.
  const s = Math.round(ms / 1000);
  if (s < 3600) return `${Math.floor(s / 60)} min ${s % 60} s`;
  const m = Math.round(s / 60);
  return `${Math.floor(m / 60)} h ${m % 60} min`;
}
