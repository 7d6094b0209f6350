/**
 * `--shard i/n`: a deterministic partition of a run's obligations into n parts of about equal
 * expected time, so that n machines (a CI matrix) each check one part into their own results
 * store and `tc0 merge` renders one report from all stores.
 *
 * The partition is longest-processing-time first: obligations sorted by expected time (longest
 * first, then by id), each given to the part with the least expected time so far (lowest index
 * on ties). It depends only on the obligations and their estimates, which for sharding come from
 * the checkout alone (`estimate.ts`), so every machine computes the same parts.
 */
import { UsageError } from '../core/errors.js';

export interface Shard {
  /** 1-based. */
  readonly index: number;
  readonly count: number;
}

/** Parses `i/n` (1 <= i <= n). */
export function parseShard(text: string): Shard {
  const m = /^(\d+)\/(\d+)$/.exec(text.trim());
  const index = m ? Number(m[1]) : NaN;
  const count = m ? Number(m[2]) : NaN;
  if (!m || !(count >= 1) || !(index >= 1) || index > count) throw new UsageError(`--shard needs i/n with 1 <= i <= n (e.g. 2/4), got '${text}'`);
  return { index, count };
}

export interface PartitionOptions<T> {
  readonly estimateMs: (t: T) => number;
  /**
   * Items with the same group go to the same part, as one unit costing the sum of their
   * estimates plus `cost` once (the Lean obligations share one library build: one machine builds
   * it instead of every machine).
   */
  readonly group?: (t: T) => { readonly name: string; readonly cost: number } | undefined;
}

/** The parts (each a list of the items' indices in input order) and their expected times. */
export function partition<T extends { readonly id: string }>(items: readonly T[], count: number, opts: PartitionOptions<T>): { parts: number[][]; loadMs: number[] } {
  const units = new Map<string, { id: string; members: number[]; ms: number }>();
  items.forEach((t, i) => {
    const g = opts.group?.(t);
    const key = g ? `group:${g.name}` : `item:${i}`;
    const u = units.get(key) ?? { id: g ? g.name : t.id, members: [], ms: g ? g.cost : 0 };
    u.members.push(i);
    u.ms += Math.max(0, opts.estimateMs(t));
    units.set(key, u);
  });
  const order = [...units.values()].sort((a, b) => b.ms - a.ms || (a.id < b.id ? -1 : a.id > b.id ? 1 : a.members[0]! - b.members[0]!));
  const parts: number[][] = Array.from({ length: count }, () => []);
  const loadMs = new Array<number>(count).fill(0);
  for (const u of order) {
    let k = 0;
    for (let j = 1; j < count; j++) if (loadMs[j]! < loadMs[k]!) k = j;
    parts[k]!.push(...u.members);
    loadMs[k]! += u.ms;
  }
  for (const p of parts) p.sort((a, b) => a - b);
  return { parts, loadMs };
}

/** The items of one shard, in input order. */
export function shardOf<T extends { readonly id: string }>(items: readonly T[], shard: Shard, opts: PartitionOptions<T>): T[] {
  return partition(items, shard.count, opts).parts[shard.index - 1]!.map((i) => items[i]!);
}
