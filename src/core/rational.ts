/**
 * Exact rationals over BigInt, always in lowest terms with a positive denominator.
 * Used by the bound-expression evaluator and by every exact model (never JS floats).
 */
export class Rational {
  private constructor(
    readonly num: bigint,
    readonly den: bigint,
  ) {}

  static readonly ZERO = new Rational(0n, 1n);
  static readonly ONE = new Rational(1n, 1n);

  static of(num: bigint | number, den: bigint | number = 1n): Rational {
    let n = BigInt(num);
    let d = BigInt(den);
    if (d === 0n) throw new RangeError('Rational: zero denominator');
    if (d < 0n) {
      n = -n;
      d = -d;
    }
    const g = gcd(n < 0n ? -n : n, d);
    return g === 1n ? new Rational(n, d) : new Rational(n / g, d / g);
  }

  /** `m * 2^e` exactly. */
  static pow2(m: bigint, e: bigint | number): Rational {
    const k = BigInt(e);
    return k >= 0n ? Rational.of(m << k) : Rational.of(m, 1n << -k);
  }

  add(o: Rational): Rational {
    return Rational.of(this.num * o.den + o.num * this.den, this.den * o.den);
  }
  sub(o: Rational): Rational {
    return Rational.of(this.num * o.den - o.num * this.den, this.den * o.den);
  }
  mul(o: Rational): Rational {
    return Rational.of(this.num * o.num, this.den * o.den);
  }
  div(o: Rational): Rational {
    return Rational.of(this.num * o.den, this.den * o.num);
  }
  neg(): Rational {
    return new Rational(-this.num, this.den);
  }
  abs(): Rational {
    return this.num < 0n ? this.neg() : this;
  }
  sign(): -1 | 0 | 1 {
    return this.num < 0n ? -1 : this.num > 0n ? 1 : 0;
  }
  cmp(o: Rational): -1 | 0 | 1 {
    const d = this.num * o.den - o.num * this.den;
    return d < 0n ? -1 : d > 0n ? 1 : 0;
  }
  eq(o: Rational): boolean {
    return this.num === o.num && this.den === o.den;
  }
  isInteger(): boolean {
    return this.den === 1n;
  }
  /** Largest integer <= this. */
  floor(): bigint {
    const q = this.num / this.den;
    return this.num < 0n && q * this.den !== this.num ? q - 1n : q;
  }
  ceil(): bigint {
    return -this.neg().floor();
  }
  /** Integer power (negative exponents allowed for non-zero values). */
  pow(k: bigint): Rational {
    if (k < 0n) return Rational.ONE.div(this.pow(-k));
    return Rational.of(this.num ** k, this.den ** k);
  }
  toString(): string {
    return this.den === 1n ? `${this.num}` : `${this.num}/${this.den}`;
  }
}

export function gcd(a: bigint, b: bigint): bigint {
  while (b !== 0n) [a, b] = [b, a % b];
  return a < 0n ? -a : a;
}

/** floor(log2(n)) for n >= 1. */
export function floorLog2(n: bigint): number {
  if (n < 1n) throw new RangeError(`floorLog2 of ${n}`);
  return n.toString(2).length - 1;
}

/** ceil(log2(n)) for n >= 1. */
export function ceilLog2(n: bigint): number {
  const f = floorLog2(n);
  return (1n << BigInt(f)) === n ? f : f + 1;
}

/** Number of bits needed to write n >= 0 in binary (0 for n = 0). */
export function bitLength(n: bigint): number {
  if (n < 0n) throw new RangeError(`bitLength of ${n}`);
  return n === 0n ? 0 : n.toString(2).length;
}
