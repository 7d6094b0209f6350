import { InternalError } from './errors.js';

/** A name-keyed registry; registering the same name twice is a bug. */
export function registry<T extends { readonly name: string }>(items: readonly T[]): ReadonlyMap<string, T> {
  const m = new Map<string, T>();
  for (const it of items) {
    if (m.has(it.name)) throw new InternalError(`duplicate registered name ${it.name}`);
    m.set(it.name, it);
  }
  return m;
}
