/** Parameter instances and grids. */

/** Concrete parameter values of one instance, e.g. `{ p: 12 }`. */
export type Params = Readonly<Record<string, number>>;

/** Canonical text of a parameter instance: keys sorted, `k=v` joined by `,` (`k=4,p=5`). */
export function paramsKey(params: Params): string {
  const keys = Object.keys(params).sort();
  return keys.length === 0 ? '-' : keys.map((k) => `${k}=${params[k]}`).join(',');
}

/** Cartesian product of a grid (empty grid: no instances). */
export function cartesian(grid: Readonly<Record<string, readonly number[]>>): Params[] {
  if (Object.keys(grid).length === 0) return [];
  let out: Array<Record<string, number>> = [{}];
  for (const [name, values] of Object.entries(grid)) out = out.flatMap((inst) => values.map((v) => ({ ...inst, [name]: v })));
  return out;
}

/** Compact text of a grid: consecutive runs as ranges, `k=2..64,p=4`. */
export function gridKey(grid: Readonly<Record<string, readonly number[]>>): string {
  const keys = Object.keys(grid).sort();
  if (keys.length === 0) return '-';
  return keys
    .map((k) => {
      const v = [...grid[k]!].sort((a, b) => a - b);
      const runs: string[] = [];
      for (let i = 0; i < v.length; ) {
        let j = i;
        while (j + 1 < v.length && v[j + 1] === v[j]! + 1) j++;
        runs.push(j > i ? `${v[i]}..${v[j]}` : `${v[i]}`);
        i = j + 1;
      }
      return `${k}=${runs.join('+')}`;
    })
    .join(',');
}
