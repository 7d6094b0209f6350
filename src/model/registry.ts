/**
 * Every model and property a spec can name. Adding one: export it from its file and list it here.
 */
import { registry } from '../core/registry.js';
import type { Model, Property } from './model.js';
import { fixtureThrowsModel } from './fixtures.js';
import { floatReference } from './float-reference.js';
import { expAccuracy, floatCosModel, floatExpModel, floatSinModel, floatSqrtModel, trigAccuracy } from './float-fns.js';
import { stickyLiteralProperty, stickyTruncatedProperty } from './sticky.js';
import { fixedAddModel, fixedCompareModel, fixedMulModel, fixedMulTruncModel, fixedSubModel } from './fixed.js';
import {
  floatAddModel,
  floatCompareModel,
  floatDivModel,
  floatFloorModel,
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
  floatExpModel,
  floatSqrtModel,
  floatSinModel,
  floatCosModel,
  fixtureThrowsModel,
]);

export const PROPERTIES: ReadonlyMap<string, Property> = registry<Property>([floatReference, stickyLiteralProperty, stickyTruncatedProperty, expAccuracy, trigAccuracy]);

