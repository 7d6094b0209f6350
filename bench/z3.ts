/**
 * Z3 figures: the Wasm build on the int.* equivalences (targets: add and compare at p = 64
 * within 3 s each), the largest multiplier proved within 60 s, bit-vector rows against the
 * pseudo-Boolean encoding, and exhaustive evaluation against Z3 around the routing budget.
 */
import { CONSTRUCTIONS } from '../src/circuit/registry.js';
import { MODELS } from '../src/model/registry.js';
import { CHECK_SAT, emitEquivalence, emitQueries, type GateEncoding } from '../src/gen/smt/emit.js';
import { SMT_MODELS } from '../src/gen/smt/models.js';
import { Z3Wasm, z3WasmVersion } from '../src/backend/z3-wasm.js';
import { checkEquivalence } from '../src/verify/checks/equivalence.js';

function query(construction: string, model: string, p: number, encoding: GateEncoding = 'bv'): string {
  const c = CONSTRUCTIONS.get(construction)!.build({ p });
  return emitEquivalence(c, SMT_MODELS.get(model)!({ p }, c.signature()), { spec: model, obligation: 'bench', params: { p }, model }, encoding);
}

export async function z3Figures(): Promise<void> {
  const version = z3WasmVersion()!;
  const line = (what: string, ms: number, answer: string): void => console.log(`${what.padEnd(44)} ${answer.padEnd(8)} ${(ms / 1000).toFixed(2).padStart(7)} s`);
  for (const [c, m, p] of [['int.add', 'int.add', 64], ['int.compare.exp', 'int.compare', 64]] as const) {
    const cold = new Z3Wasm(version, 1); // a fresh worker: the first query pays the Wasm start-up
    const t = Date.now();
    const r = await cold.check(query(c, m, p), 60_000);
    line(`${c} p=${p} (z3-wasm, cold worker)`, Date.now() - t, r.answer);
    const r2 = await cold.check(query(c, m, p), 60_000);
    line(`${c} p=${p} (z3-wasm, warm)`, r2.ms, r2.answer);
    await cold.dispose();
  }
  console.log('target: int.add and int.compare at p = 64 within 3 s each in the Wasm build');
  const z3 = new Z3Wasm(version, 1);
  let largest = 0;
  for (let p = 6; p <= 10; p++) {
    const r = await z3.check(query('int.mul', 'int.mul', p), 60_000);
    line(`int.mul p=${p} (60 s limit)`, r.ms, r.answer);
    if (r.answer !== 'unsat') break;
    largest = p;
  }
  console.log(`largest multiplier proved within 60 s: p = ${largest}`);
  for (const [c, m, p] of [['int.add', 'int.add', 16], ['int.compare.exp', 'int.compare', 16], ['int.mul', 'int.mul', 5]] as const)
    for (const enc of ['bv', 'pb'] as const) {
      const r = await z3.check(query(c, m, p, enc), 60_000);
      line(`${c} p=${p}, ${enc === 'bv' ? 'bit-vector rows' : 'pseudo-Boolean'}`, r.ms, r.answer);
    }
  console.log('(pseudo-Boolean coefficients of 2^31 and more make z3 answer wrongly: the replay reports that as an encoding error)');
  for (const p of [11, 12, 13]) {
    const c = CONSTRUCTIONS.get('int.add')!.build({ p });
    let t = Date.now();
    checkEquivalence(c, MODELS.get('int.add')!, { p }, { budgetBits: 40, samples: 1, seed: 1 });
    line(`int.add p=${p} (${2 * p} bits), exhaustive evaluation`, Date.now() - t, 'proved');
    t = Date.now();
    const r = await z3.check(query('int.add', 'int.add', p), 60_000);
    line(`int.add p=${p} (${2 * p} bits), z3-wasm`, Date.now() - t, r.answer);
  }
  await z3.dispose();
}

/** The slowest z3 obligations of `npm run verify`, each as one query and as its decomposition. */
const SLOW: ReadonlyArray<readonly [string, Record<string, number>]> = [
  ['float.add', { p: 6 }],
  ['float.add', { p: 8 }],
  ['float.sub', { p: 5 }],
  ['float.floor', { p: 12 }],
  ['float.floor', { p: 16 }],
  ['float.mul', { p: 8 }],
  ['fixed.sub', { i: 8, f: 8 }],
  ['fixed.mul', { i: 4, f: 4 }],
  ['float.iter-add', { k: 2, p: 3 }],
];

interface Figure {
  readonly queries: number;
  /** CPU time of the process (all threads) over the queries, run one after another. */
  readonly cpuMs: number;
  readonly wallMs: number;
  readonly maxMs: number;
  readonly answer: string;
}

/** Runs queries one after another on one warm worker; the answer is unsat only if all are. */
async function runQueries(z3: Z3Wasm, texts: readonly string[], limitMs: number): Promise<Figure> {
  const c0 = process.cpuUsage();
  const t0 = Date.now();
  let maxMs = 0;
  let answer = 'unsat';
  for (const t of texts) {
    const r = await z3.check(t, limitMs);
    maxMs = Math.max(maxMs, r.ms);
    if (r.answer !== 'unsat') {
      answer = r.answer;
      break;
    }
  }
  const c = process.cpuUsage(c0);
  return { queries: texts.length, cpuMs: (c.user + c.system) / 1000, wallMs: Date.now() - t0, maxMs, answer };
}

/**
 * Side by side, in one run: Z3's default strategy on the single query, the plain bit-blasting
 * pipeline the workbench uses (`CHECK_SAT`) on the single query, the cut without case splits,
 * and the full decomposition (the default). CPU seconds of the whole process while the queries
 * ran one at a time, so the figures compare on a shared machine; the ratio is single query
 * (default strategy) over the decomposition.
 */
export async function decompositionFigures(limitMs = 300_000): Promise<void> {
  const version = z3WasmVersion()!;
  const z3 = new Z3Wasm(version, 1);
  await z3.check('(declare-const x (_ BitVec 4))(assert (= x #x1))(check-sat)', 60_000); // Wasm start-up
  const show = (f: Figure): string => (f.answer === 'unsat' ? `${(f.cpuMs / 1000).toFixed(1)} s` : `${f.answer} (${(f.cpuMs / 1000).toFixed(0)} s)`).padStart(13);
  console.log(`single queries and decompositions, CPU s (limit ${limitMs / 1000} s per query)`);
  console.log(`${'obligation'.padEnd(28)} ${'default'.padStart(13)} ${'bit-blast'.padStart(13)} ${'cut'.padStart(13)} ${'cut+cases'.padStart(13)}  queries  longest  ratio`);
  for (const [name, params] of SLOW) {
    const c = CONSTRUCTIONS.get(name)!.build(params);
    const model = SMT_MODELS.get(name)!(params, c.signature());
    const h = { spec: name, obligation: 'bench', params, model: name };
    const whole = emitQueries(c, model, h, { whole: true }).map((q) => q.text);
    const plain = await runQueries(z3, whole.map((t) => t.replace(CHECK_SAT, '(check-sat)')), limitMs);
    const blast = await runQueries(z3, whole, limitMs);
    const cutQs = emitQueries(c, model, h, { splits: false });
    const cut = cutQs.length > 1 ? await runQueries(z3, cutQs.map((q) => q.text), limitMs) : undefined;
    const splitQs = emitQueries(c, model, h, { splits: true });
    const split = splitQs.length > cutQs.length ? await runQueries(z3, splitQs.map((q) => q.text), limitMs) : undefined;
    const best = [blast, cut, split].filter((f): f is Figure => f !== undefined && f.answer === 'unsat').sort((a, b) => a.cpuMs - b.cpuMs)[0];
    const last = split ?? cut ?? blast;
    const ratio = plain.answer === 'unsat' && best ? `${(plain.cpuMs / best.cpuMs).toFixed(1)}x` : best ? `>${(plain.cpuMs / best.cpuMs).toFixed(1)}x` : '-';
    console.log(
      `${`${name} ${Object.entries(params).map(([k, v]) => `${k}=${v}`).join(',')}`.padEnd(28)} ${show(plain)} ${show(blast)} ${cut ? show(cut) : '-'.padStart(13)} ${split ? show(split) : '-'.padStart(13)}  ${String(last.queries).padStart(7)} ${`${(last.maxMs / 1000).toFixed(1)} s`.padStart(8)}  ${ratio.padStart(5)}`,
    );
  }
  await z3.dispose();
}
