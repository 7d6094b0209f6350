/**
 * Every model and property a spec can name. Adding one: export it from its file and list it here.
 */
import { registry } from '../core/registry.js';
import type { Model, Property } from './model.js';
import { fixtureThrowsModel } from './fixtures.js';
import { intAddModel, intCompareModel, intIterAddModel, intIterMulModel, intMulModel } from './int.js';

export const MODELS: ReadonlyMap<string, Model> = registry([intCompareModel, intAddModel, intMulModel, intIterAddModel, intIterMulModel, fixtureThrowsModel]);

export const PROPERTIES: ReadonlyMap<string, Property> = registry<Property>([]);

