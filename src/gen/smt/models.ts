/**
 * The models in SMT-LIB: an independent encoding of each reference semantics (src/model/) in
 * bit-vector arithmetic. Every z3 obligation also probes this encoding against the TypeScript
 * model on a few inputs, so a wrong encoding shows up as an error, never as a proof.
 */
import type { Params } from '../../core/params.js';
import type { PortShape, Signature } from '../../circuit/ir.js';
import { type SmtModelText, inputName } from './emit.js';
import { FLOAT_SMT_MODELS } from './float-models.js';

export type SmtModelEncoder = (params: Params, sig: Signature) => SmtModelText;

const zext = (x: string, from: number, to: number): string => (to === from ? x : `((_ zero_extend ${to - from}) ${x})`);
const ins = (sig: Signature): string[] => sig.inputs.map(inputName);
const outWidth = (sig: Signature, i = 0): number => (sig.outputs[i] as PortShape).width;

export const SMT_MODELS: ReadonlyMap<string, SmtModelEncoder> = new Map<string, SmtModelEncoder>([
  ['int.add', ({ p }, sig) => ({ defs: [], outputs: [`(bvadd ${ins(sig).map((x) => zext(x, p!, p! + 1)).join(' ')})`] })],
  ['int.compare', (_p, sig) => ({ defs: [], outputs: [`(ite (bvuge ${ins(sig).join(' ')}) #b1 #b0)`] })],
  ['int.mul', ({ p }, sig) => ({ defs: [], outputs: [`(bvmul ${ins(sig).map((x) => zext(x, p!, 2 * p!)).join(' ')})`] })],
  [
    'int.iter-add',
    ({ p }, sig) => {
      const w = outWidth(sig);
      const xs = ins(sig).map((x) => zext(x, p!, w));
      return { defs: [], outputs: [xs.length === 1 ? xs[0]! : `(bvadd ${xs.join(' ')})`] };
    },
  ],
  ...FLOAT_SMT_MODELS,
]);
