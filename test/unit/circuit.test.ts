import { describe, expect, it } from 'vitest';
import { CircuitBuilder, FALSE, TRUE, not } from '../../src/circuit/builder.js';
import { Circuit, classifyGate } from '../../src/circuit/ir.js';
import { evaluatePorts } from '../../src/circuit/evaluate.js';
import { measure } from '../../src/circuit/metrics.js';
import { validateCircuit } from '../../src/circuit/validate.js';
import { compile, outputBit } from '../../src/circuit/compile.js';
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
  it('agrees with the reference evaluator on random circuits', () => {
    const rng = new Rng(7);
    for (let trial = 0; trial < 60; trial++) {
      const b = new CircuitBuilder();
      const nIn = 1 + rng.below(12);
      const wires = b.input('x', nIn);
      const gates: number[] = [];
      const nGates = 1 + rng.below(40);
      for (let g = 0; g < nGates; g++) {
        const pool = [...wires, ...gates];
        const fan = 1 + rng.below(Math.min(pool.length, 9));
        const terms = Array.from({ length: fan }, () => {
          const s = pool[rng.below(pool.length)]!;
          const big = rng.below(5) === 0;
          const w = big ? rng.bits(70) - (1n << 69n) : BigInt(rng.below(9)) - 4n;
          return [rng.below(4) === 0 ? not(s) : s, w] as const;
        });
        const t = BigInt(rng.below(11)) - 5n;
        const s = b.threshold(terms, t);
        if (s >= 0 && s !== TRUE && s !== FALSE) gates.push(s);
      }
      const outs = [...gates.slice(-4), wires[0]!, TRUE];
      b.output('o', outs);
      const c = b.finish({ prune: false });
      expect(validateCircuit(c)).toEqual([]);
      const cc = compile(c, 4);
      const patterns = Array.from({ length: 128 }, () => rng.bits(nIn));
      for (let i = 0; i < nIn; i++) {
        const off = cc.inputOffset(i);
        cc.values.fill(0, off, off + 4);
        patterns.forEach((p, lane) => {
          if ((p >> BigInt(i)) & 1n) cc.values[off + (lane >>> 5)]! |= 1 << (lane & 31);
        });
      }
      cc.run(4);
      patterns.forEach((p, lane) => {
        const want = evaluatePorts(c, [p])[0]!;
        let got = 0n;
        for (let j = 0; j < cc.numOutputs; j++) got |= BigInt(outputBit(cc, j, lane)) << BigInt(j);
        expect(got, `trial ${trial} pattern ${p}`).toBe(want);
      });
    }
  });
});
