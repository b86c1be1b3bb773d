// An open-addressing hash from non-negative integer keys (< 2^53) to row numbers, in two typed arrays. Imports
// find repeated (region, indicator, period) keys with it: a Map with 600k number keys costs ~10× more, most of
// it in rehashing and garbage collection.

const EMPTY = -1;

export class KeyIndex {
  private readonly keys: Float64Array;
  private readonly rows: Int32Array;
  private readonly mask: number;

  /** `capacity`: the most keys that will be added */
  constructor(capacity: number) {
    let size = 16;
    while (size < capacity * 2) size *= 2;
    this.keys = new Float64Array(size);
    this.rows = new Int32Array(size).fill(EMPTY);
    this.mask = size - 1;
  }

  /** The row stored for `key`; when there is none, stores `row` for it and returns -1. */
  getOrAdd(key: number, row: number): number {
    const { keys, rows, mask } = this;
    // murmur3's finaliser over the low and high 32 bits of the key
    const low = key >>> 0;
    let h = low ^ Math.imul((key - low) / 4294967296, 0x9e3779b1);
    h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
    h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
    let slot = (h ^ (h >>> 16)) & mask;
    for (;;) {
      const stored = rows[slot];
      if (stored === EMPTY) {
        keys[slot] = key;
        rows[slot] = row;
        return EMPTY;
      }
      if (keys[slot] === key) return stored;
      slot = (slot + 1) & mask;
    }
  }
}
