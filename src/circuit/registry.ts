/**
 * Every construction a spec can name. Adding one: export it from a file under constructions/
 * and list it here; `tc0 verify` then checks that specs naming it exist and link.
 */
import { registry } from '../core/registry.js';
import type { Construction } from './construction.js';
import { fixtureLoops, fixtureThrows } from './constructions/fixtures.js';
import { fixedAdd, fixedCompare, fixedMul, fixedMulTrunc, fixedSub } from './constructions/fixed.js';
import { floatAdd, floatCompare, floatEq, floatFloor, floatGe, floatGt, floatIterAdd, floatIterAddNaive, floatLe, floatLt, floatMul, floatNe, floatNeg, floatRelu, floatSelect, floatSub, mutantIterAddNarrowGap } from './constructions/float.js';
import { s5WordTree } from './constructions/s5.js';
import { intAdd, intCompareExp, intComparePoly, intIterAdd, intMul, mutantAddOffByOne, mutantMulOr } from './constructions/int.js';

export const CONSTRUCTIONS: ReadonlyMap<string, Construction> = registry([
  intCompareExp,
  intComparePoly,
  intAdd,
  intIterAdd,
  intMul,
  mutantAddOffByOne,
  mutantMulOr,
  fixedAdd,
  fixedSub,
  fixedCompare,
  fixedMul,
  fixedMulTrunc,
  floatAdd,
  floatSub,
  floatMul,
  floatCompare,
  floatFloor,
  floatIterAdd,
  floatIterAddNaive,
  mutantIterAddNarrowGap,
  floatNeg,
  floatRelu,
  floatSelect,
  floatLt,
  floatLe,
  floatEq,
  floatNe,
  floatGe,
  floatGt,
  s5WordTree,
  fixtureThrows,
  fixtureLoops,
]);

