/**
 * Every model and property a spec can name. Adding one: export it from its file and list it here.
 */
import { registry } from '../core/registry.js';
import type { Model, Property } from './model.js';
import { fixtureThrowsModel } from './fixtures.js';
import { floatReference } from './float-reference.js';
import type { Construction } from '../circuit/construction.js';
import {
  floatDivTable,
  floatExpTable,
  floatSqrtTable,
  ropeLayerGates,
  ropeTransformerGates,
  taLayerGates,
  taLayerNormGates,
  taMatmulGates,
  taMlpGates,
  taTransformerGates,
} from './gates.js';
import { ropeLayerModel, ropeTransformerModel, taLayerModel, taLayerNormModel, taMatmulModel, taMlpModel, taTransformerModel } from './attention.js';
import { kronIdentities, ropeOffset, ropeOffsetTrilinear, softmaxReduction } from './attention-identities.js';
import { taFamily, taUniformity } from './attention-family.js';
import { barringtonProperty, commutatorProperty, s5WordModel } from './s5.js';
import { closureProperty, fmProperty } from './hardness.js';
import { depthContrast } from './depth-contrast.js';
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
  taMatmulModel,
  taMlpModel,
  taLayerNormModel,
  taLayerModel,
  ropeLayerModel,
  taTransformerModel,
  ropeTransformerModel,
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
  softmaxReduction,
  ropeOffset,
  ropeOffsetTrilinear,
  taFamily,
  taUniformity,
  commutatorProperty,
  barringtonProperty,
  fmProperty,
  closureProperty,
  depthContrast,
]);

/** Constructions that need the exact model to be built (lookup tables, attention layers with weights). */
export const MODEL_CONSTRUCTIONS: ReadonlyMap<string, Construction> = registry<Construction>([
  floatExpTable,
  floatDivTable,
  floatSqrtTable,
  taMatmulGates,
  taMlpGates,
  taLayerNormGates,
  taLayerGates,
  ropeLayerGates,
  taTransformerGates,
  ropeTransformerGates,
]);

