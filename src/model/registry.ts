/**
 * Every model and property a spec can name. Adding one: export it from its file and list it here.
 */
import { registry } from '../core/registry.js';
import type { Model, Property } from './model.js';
import { fixtureThrowsModel } from './fixtures.js';
import { floatReference } from './float-reference.js';
import type { Construction } from '../circuit/construction.js';
import { floatDivTable, floatExpTable, floatSqrtTable } from './tables.js';
import { kronIdentities, rotationOffset, rotationTrilinearOffset } from './identities.js';
import { barringtonProperty, commutatorProperty, s5WordModel } from './s5.js';
import { closureProperty, fmProperty } from './hardness.js';
import { expAccuracy, floatCosModel, floatExpModel, floatSinModel, floatSqrtModel, sqrtAccuracy, trigAccuracy } from './float-fns.js';
import { stickyLiteralProperty, stickyTruncatedProperty } from './sticky.js';
import { fixedAddModel, fixedCompareModel, fixedMulModel, fixedMulTruncModel, fixedSubModel } from './fixed.js';
import {
  floatAddModel,
  floatCompareModel,
  floatDivModel,
  floatEqModel,
  floatFloorModel,
  floatGeModel,
  floatGtModel,
  floatLeModel,
  floatLtModel,
  floatNeModel,
  floatNegModel,
  floatReluModel,
  floatSelectModel,
  floatIterAddModel,
  floatIterMulModel,
  floatMulModel,
  floatSubModel,
} from './float.js';
import { intAddModel, intCompareModel, intIterAddModel, intIterMulModel, intMulModel } from './int.js';

export const MODELS: ReadonlyMap<string, Model> = registry([
  intCompareModel,
  intAddModel,
  intMulModel,
  intIterAddModel,
  intIterMulModel,
  fixedAddModel,
  fixedSubModel,
  fixedCompareModel,
  fixedMulModel,
  fixedMulTruncModel,
  floatAddModel,
  floatSubModel,
  floatMulModel,
  floatDivModel,
  floatFloorModel,
  floatCompareModel,
  floatIterAddModel,
  floatIterMulModel,
  floatNegModel,
  floatReluModel,
  floatSelectModel,
  floatLtModel,
  floatLeModel,
  floatEqModel,
  floatNeModel,
  floatGeModel,
  floatGtModel,
  floatExpModel,
  floatSqrtModel,
  floatSinModel,
  floatCosModel,
  s5WordModel,
  fixtureThrowsModel,
]);

export const PROPERTIES: ReadonlyMap<string, Property> = registry<Property>([
  floatReference,
  stickyLiteralProperty,
  stickyTruncatedProperty,
  expAccuracy,
  sqrtAccuracy,
  trigAccuracy,
  kronIdentities,
  rotationOffset,
  rotationTrilinearOffset,
  commutatorProperty,
  barringtonProperty,
  fmProperty,
  closureProperty,
]);

/** Constructions that need the exact model to be built (lookup tables of tiny formats). */
export const MODEL_CONSTRUCTIONS: ReadonlyMap<string, Construction> = registry<Construction>([
  floatExpTable,
  floatDivTable,
  floatSqrtTable,
]);

