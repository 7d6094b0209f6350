import { describe, expect, it } from 'vitest';
import { CircuitBuilder, FALSE, TRUE, not } from '../../src/circuit/builder.js';
import { Circuit, classifyGate } from '../../src/circuit/ir.js';
import { evaluatePorts } from '../../src/circuit/evaluate.js';
import { measure } from '../../src/circuit/metrics.js';
import { validateCircuit } from '../../src/circuit/validate.js';
import { compile, outputBit } from '../../src/circuit/compile.js';
import { lower } from '../../src/circuit/lower.js';
import { Rng } from '../../src/model/rng.js';

describe('builder', () => {
  it('folds constants, absorbs negation and drops trivial gates', () => {
    const b = new CircuitBuilder();
    const [x, y] = b.input('x', 2) as [number, number];
    expect(b.threshold([[x, 1], [TRUE, 1]], 1)).toBe(TRUE); // x + 1 >= 1 always
    expect(b.threshold([[x, 1]], 2)).toBe(FALSE);
    expect(b.threshold([[x, 3]], 2)).toBe(x);
    expect(b.threshold([[x, -1]], 0)).toBe(not(x));
    expect(b.size).toBe(0);
    const g = b.threshold([[not(x), 2], [y, 1], [y, 1]], 3); // 2(1-x) + 2y >= 3  <=>  -2x + 2y >= 1
    expect(b.size).toBe(1);
    b.output('o', [g, not(g), TRUE]);
    const c = b.finish();
    expect(c.fanin(0)).toEqual([[2, -2n], [3, 2n]]);
    expect(c.thresholds[0]).toBe(1n);
    expect(c.numGates).toBe(2); // the output NOT
    expect(classifyGate(c, 1)).toBe('NOT');
    for (let v = 0n; v < 4n; v++) {
      const xv = v & 1n;
      const yv = v >> 1n;
      const o = xv === 0n && yv === 1n ? 1n : 0n;
      expect(evaluatePorts(c, [v])).toEqual([o | ((1n - o) << 1n) | (1n << 2n)]);
    }
  });

  it('prunes gates no output uses and names familiar gates', () => {
    const b = new CircuitBuilder();
    const [x, y, z] = b.input('x', 3) as [number, number, number];
    b.and([x, y]);
    const m = b.atLeast([x, y, z], 2);
    const o = b.or([x, z]);
    b.output('o', [m, o]);
    const c = b.finish();
    expect(c.numGates).toBe(2);
    expect(classifyGate(c, 0)).toBe('MAJ');
    expect(classifyGate(c, 1)).toBe('OR');
    expect(b.finish({ prune: false }).numGates).toBe(3);
  });

  it('reports depth, size, fan-in and weights', () => {
    const b = new CircuitBuilder();
    const xs = b.input('x', 4);
    const g1 = b.threshold(xs.map((x, i) => [x, 1n << BigInt(i)] as const), 5);
    const g2 = b.and([g1, xs[0]!]);
    b.output('o', [g2]);
    expect(measure(b.finish())).toEqual({ depth: 2, size: 2, maxFanIn: 4, maxWeight: 8n, wires: 6 });
  });
});

describe('validation', () => {
  it('finds forward references, bad ports and size mismatches', () => {
    const bad = new Circuit(1, Int32Array.from([0, 1]), Int32Array.from([3]), [1n], [1n], [{ name: 'x', wires: [2] }], [{ name: 'o', wires: [9] }]);
    const problems = validateCircuit(bad);
    expect(problems.some((p) => /not an earlier wire/.test(p))).toBe(true);
    expect(problems.some((p) => /unknown wire 9/.test(p))).toBe(true);
  });
});

/** Random circuits with mixed-sign, occasionally huge weights: compiled = reference on random inputs. */
describe('compiled bit-sliced evaluation', () => {
  function randomCircuit(rng: Rng): Circuit {
    const b = new CircuitBuilder();
    const nIn = 1 + rng.below(12);
    const wires = b.input('x', nIn);
    const pool = [...wires];
    const gates: number[] = [];
    for (let g = 0; g < 1 + rng.below(30); g++) {
      const fan = 1 + rng.below(Math.min(pool.length, 9));
      const terms = Array.from({ length: fan }, () => {
        const s = pool[rng.below(pool.length)]!;
        const big = rng.below(5) === 0;
        const w = big ? rng.bits(70) - (1n << 69n) : BigInt(rng.below(9)) - 4n;
        return [rng.below(4) === 0 ? not(s) : s, w] as const;
      });
      const t = BigInt(rng.below(11)) - 5n;
      const s = b.threshold(terms, t);
      if (s >= 0 && s !== TRUE && s !== FALSE) {
        gates.push(s);
        pool.push(s);
      }
    }
    b.output('o', [...gates.slice(-4), wires[0]!, TRUE]);
    return b.finish({ prune: false });
  }
  const read = (cc: ReturnType<typeof compile>, lane: number): bigint => {
    let got = 0n;
    for (let j = 0; j < cc.numOutputs; j++) got |= BigInt(outputBit(cc, j, lane)) << BigInt(j);
    return got;
  };

  for (const target of ['js', 'wasm'] as const)
    it(`${target}: agrees with the reference evaluator on random circuits, from rows and from the pattern counter`, () => {
      const rng = new Rng(7);
      for (let trial = 0; trial < 60; trial++) {
        const c = randomCircuit(rng);
        expect(validateCircuit(c)).toEqual([]);
        const nIn = c.numInputs;
        const cc = compile(c, { target, batchWords: 8 });
        expect(cc.target).toBe(target);
        const patterns = Array.from({ length: 256 }, () => rng.bits(nIn));
        for (let i = 0; i < nIn; i++) {
          const off = cc.inputOffset(i);
          cc.values.fill(0, off, off + 8);
          patterns.forEach((p, lane) => {
            if ((p >> BigInt(i)) & 1n) cc.values[off + (lane >>> 5)]! |= 1 << (lane & 31);
          });
        }
        cc.run(8);
        patterns.forEach((p, lane) => expect(read(cc, lane), `trial ${trial} pattern ${p}`).toBe(evaluatePorts(c, [p])[0]!));
        // Consecutive patterns from word 8 on (patterns 256..511, wrapping at 2^nIn).
        cc.runCounting(8, 8);
        for (let lane = 0; lane < 256; lane++) {
          const p = BigInt((256 + lane) % 2 ** nIn);
          expect(read(cc, lane), `trial ${trial} counting pattern ${p}`).toBe(evaluatePorts(c, [p])[0]!);
        }
      }
    });

  it('wasm: a circuit larger than one chunk, with rows crossing chunks, equals the JavaScript target', () => {
    const b = new CircuitBuilder();
    const xs = b.input('x', 20);
    let layer = xs;
    for (let d = 0; d < 40; d++) {
      const prev = layer;
      layer = prev.map((_, i) => b.threshold([...xs.map((x, j) => [x, BigInt((i * 7 + j * 3 + d) % 9) - 4n] as const), [not(prev[(i + 1) % 20]!), 7n], [prev[i]!, 5n]], BigInt(((d + i) % 7) - 3)));
    }
    b.output('o', layer);
    const c = b.finish();
    expect(lower(c).chunks.length).toBeGreaterThan(1);
    const js = compile(c, { target: 'js', batchWords: 32 });
    const wasm = compile(c, { target: 'wasm', batchWords: 32 });
    for (const first of [0, 32, 1 << 12]) {
      js.runCounting(first, 32);
      wasm.runCounting(first, 32);
      for (let j = 0; j < js.numOutputs; j++) {
        const o = js.outputOffset(j);
        expect(o).toBe(wasm.outputOffset(j));
        if (o >= 0) expect(Array.from(wasm.values.subarray(o, o + 32))).toEqual(Array.from(js.values.subarray(o, o + 32)));
      }
    }
  });
});
