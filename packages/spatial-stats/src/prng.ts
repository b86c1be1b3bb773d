// Seeded pseudo-random numbers for permutation tests (spec §5 moran, §7): xoshiro128** 1.0 (Blackman & Vigna
// 2018), 32-bit output, period 2^128 − 1. The 128-bit state is four successive outputs of SplitMix32
// (golden-ratio increment 0x9E3779B9, Stafford-style 32-bit finaliser) started from the 32-bit seed word,
// which is the seed's value mod 2^32 xor'ed with ⌊seed / 2^32⌋ (so any safe integer is accepted).
// Bounded integers use Lemire's multiply-shift with rejection (exactly uniform, "Fast random integer generation
// in an interval", 2019) below 2^21, and masked rejection above, where the double product would round.

/** Largest bound for the multiply-shift method (x · bound stays below 2^53, exact in a double). */
export const LEMIRE_MAX = 2097152;
export const TWO_POW_MINUS_32 = 2.3283064365386963e-10;

export class Xoshiro128 {
  // state words in a typed array: as plain fields, 32-bit values outside the small-integer range would be
  // boxed on every update
  private readonly s = new Int32Array(4);

  constructor(seed: number) {
    const hi = Math.floor(seed / 4294967296);
    let z = ((seed >>> 0) ^ (hi >>> 0)) >>> 0;
    const next = (): number => {
      z = (z + 0x9e3779b9) >>> 0;
      let t = z;
      t = Math.imul(t ^ (t >>> 16), 0x21f0aaad);
      t = Math.imul(t ^ (t >>> 15), 0x735a2d97);
      return (t ^ (t >>> 15)) >>> 0;
    };
    const s = this.s;
    for (let k = 0; k < 4; k++) s[k] = next();
    if ((s[0] | s[1] | s[2] | s[3]) === 0) s[0] = 1; // the all-zero state is a fixed point
  }

  /** Next 32-bit output as an unsigned integer. */
  nextUint32(): number {
    const s = this.s;
    const s0 = s[0];
    const s1 = s[1];
    const s2 = s[2] ^ s0;
    const s3 = s[3] ^ s1;
    const m = Math.imul(s1, 5);
    const result = Math.imul((m << 7) | (m >>> 25), 9) >>> 0;
    s[0] = s0 ^ s3;
    s[1] = s1 ^ s2;
    s[2] = s2 ^ (s1 << 9);
    s[3] = (s3 << 11) | (s3 >>> 21);
    return result;
  }
  /**
   * Uniform integer in [0, bound), 1 ≤ bound ≤ 2^31. The hot loop of morans-i.ts
   * inlines exactly this step; keep them in sync (a test checks they draw the same numbers).
   */
  below(bound: number): number {
    for (;;) {
      const x = this.nextUint32();
      if (bound <= LEMIRE_MAX) {
        const low = Math.imul(x, bound) >>> 0;
        if (low < bound && low < (4294967296 - bound) % bound) continue;
        return Math.floor(x * bound * TWO_POW_MINUS_32);
      }
      const j = (x & (0xffffffff >>> Math.clz32(bound - 1))) >>> 0;
      if (j < bound) return j;
    }
  }

  /** The four state words (for hot loops that keep the state in local variables). */
  getState(): Int32Array {
    return Int32Array.from(this.s);
  }

  setState(state: ArrayLike<number>): void {
    for (let k = 0; k < 4; k++) this.s[k] = state[k];
  }

  /** Uniform double in [0, 1) with 53 random bits. */
  nextDouble(): number {
    const hi = this.nextUint32() >>> 5;
    const lo = this.nextUint32() >>> 6;
    return (hi * 67108864 + lo) / 9007199254740992;
  }
}
