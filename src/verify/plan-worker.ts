/**
 * Worker-thread entry for the long synchronous steps of planning a run, so that they leave the
 * main thread free to handle a signal, and user code among them runs under a time limit:
 * linking a source tree (`link.ts`, ts-morph), finding the source mutation sites of
 * constructions (`source-mutants.ts`, ts-morph), and building the instances circuit mutants are
 * chosen from (`mutate.ts`: the constructions are user code).
 */
import { parentPort } from 'node:worker_threads';
import type { Params } from '../core/params.js';
import { type LinkResult, analyse } from './link.js';
import { sourceSiteFinder } from './source-mutants.js';
import { planCircuitMutants } from './mutate.js';

export type PlanRequest =
  | { readonly kind: 'link'; readonly srcDir: string }
  | { readonly kind: 'sites'; readonly srcDir: string; readonly link: LinkResult; readonly constructions: readonly string[] }
  | { readonly kind: 'circuit-mutants'; readonly construction: string; readonly instances: readonly Params[]; readonly count: number; readonly seed: number };

function answer(request: PlanRequest): unknown {
  switch (request.kind) {
    case 'link':
      return analyse(request.srcDir);
    case 'sites': {
      const find = sourceSiteFinder(request.srcDir, request.link);
      return request.constructions.map((c) => [c, find(c)]);
    }
    case 'circuit-mutants':
      return planCircuitMutants(request.construction, request.instances, request.count, request.seed);
  }
}

parentPort!.on('message', ({ id, request }: { id: number; request: PlanRequest }) => {
  parentPort!.postMessage({ id, result: answer(request) });
});
