/** Every construction a spec can name: those of src/circuit and those built from models. */
import type { Construction } from '../circuit/construction.js';
import { CONSTRUCTIONS } from '../circuit/registry.js';
import { MODEL_CONSTRUCTIONS } from '../model/registry.js';

export const ALL_CONSTRUCTIONS: ReadonlyMap<string, Construction> = new Map([...CONSTRUCTIONS, ...MODEL_CONSTRUCTIONS]);
