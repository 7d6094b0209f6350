/**
 * Branded identifiers. A `SpecId` and an `ObligationId` are both strings at run time, but the
 * compiler keeps them apart so that one is never passed where the other is expected.
 */
declare const brand: unique symbol;
export type Brand<T, B extends string> = T & { readonly [brand]: B };

/** Id of a spec, e.g. `int.add` (lower-case words joined by `.` and `-`). */
export type SpecId = Brand<string, 'SpecId'>;
/** Id of one obligation: `<spec>/<backend>/<params>`, e.g. `int.add/model/p=12`. */
export type ObligationId = Brand<string, 'ObligationId'>;

export const SPEC_ID_PATTERN = /^[a-z][a-z0-9]*(?:[.-][a-z0-9]+)*$/;

export const specId = (s: string): SpecId => s as SpecId;
export const obligationId = (s: string): ObligationId => s as ObligationId;
