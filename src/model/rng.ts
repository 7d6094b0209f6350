/**
 * A small seeded generator (SplitMix32 over a 32-bit state): reproducible samples for a given
 * seed on every machine, so a sampled counterexample can be found again.
 */
export class Rng {
  private state: number;
  constructor(seed: number) {
    this.state = seed >>> 0;
  }
  /** Uniform 32-bit unsigned integer. */
  next32(): number {
    this.state = (this.state + 0x9e3779b9) >>> 0;
    let z = this.state;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
    return (z ^ (z >>> 16)) >>> 0;
  }
  /** Uniform BigInt with `bits` random bits. */
  bits(bits: number): bigint {
    let v = 0n;
    for (let done = 0; done < bits; done += 32) {
      const take = Math.min(32, bits - done);
      const chunk = BigInt(this.next32()) & ((1n << BigInt(take)) - 1n);
      v |= chunk << BigInt(done);
    }
    return v;
  }
  /** Uniform integer in [0, n) for n <= 2^32. */
  below(n: number): number {
    return Number((BigInt(this.next32()) * BigInt(n)) >> 32n);
  }
}
