/**
 * `tc0 merge`: the results stores of several runs (the shards of a CI matrix, `--shard i/n`)
 * combined into one store, from which one report is rendered. Every verdict is read through the
 * store's own checks (a corrupt or foreign file is reported and left out, never trusted) and
 * written again; the histories are merged too, so an error or a time-out a shard ran into is
 * reported as that, not as a missing verdict. An obligation no store answers is an error in the
 * merged report (`VerifyOptions.merged`): a shard that did not run cannot pass unnoticed.
 */
import { existsSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { UsageError } from '../core/errors.js';
import { History } from './history.js';
import { ResultStore } from './store.js';

export interface MergeSummary {
  /** Verdicts written into the target store. */
  readonly copied: number;
  /** Verdicts the target already had. */
  readonly present: number;
  /** Files that were not used, and why. */
  readonly problems: readonly string[];
}

export function mergeStores(into: string, from: readonly string[]): MergeSummary {
  const target = new ResultStore(into, 'read-write');
  const problem = target.problem();
  if (problem) throw new UsageError(`--store ${into}: ${problem}`);
  let copied = 0;
  let present = 0;
  const problems: string[] = [];
  const history = History.load(into);
  // Every source is readable before anything is written.
  const sources = from.map((dir) => {
    const source = new ResultStore(dir, 'read-only');
    const unreadable = existsSync(dir) ? source.problem() : 'no such folder (a results store a run wrote)';
    if (unreadable) throw new UsageError(`${dir}: ${unreadable}`);
    return { dir, source };
  });
  for (const { dir, source } of sources) {
    if (resolve(dir) === resolve(into)) continue;
    for (const hash of verdictHashes(dir)) {
      const hit = source.get(hash);
      if (hit.kind === 'corrupt') problems.push(`${hit.file}: ${hit.reason}; left out`);
      if (hit.kind !== 'hit') continue;
      if (target.get(hash).kind === 'hit') present++;
      else if (target.put(hash, hit.entry)) copied++;
      else problems.push(`${join(dir, hash.slice(0, 2), `${hash}.json`)}: could not be written to ${into} (${target.firstWriteFailure ?? 'not a final verdict'})`);
    }
    const theirs = History.load(dir);
    if (theirs.problem) problems.push(theirs.problem);
    history.absorb(theirs);
  }
  history.save();
  return { copied, present, problems };
}

/** The hashes of the verdict files of a store folder (`<aa>/<hash>.json`). */
function verdictHashes(dir: string): string[] {
  const out: string[] = [];
  for (const sub of readdirSync(dir).sort()) {
    if (!/^[0-9a-f]{2}$/.test(sub)) continue;
    let names: string[];
    try {
      names = readdirSync(join(dir, sub));
    } catch {
      continue; // not a folder
    }
    for (const name of names.sort()) {
      const m = /^([0-9a-f]{64})\.json$/.exec(name);
      if (m && m[1]!.startsWith(sub)) out.push(m[1]!);
    }
  }
  return out;
}
