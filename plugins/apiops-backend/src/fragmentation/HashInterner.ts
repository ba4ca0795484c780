/** MurmurHash3's 32-bit finalizer: a fast, well-mixed integer hash. */
export function mix32(value: number): number {
  let h = value | 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/**
 * Dense integer ids for 64-bit signature hashes: an open-addressing table
 * (linear probing, load ≤ 2/3) of one typed array holding
 * `[hash1, hash2, id + 1]` side by side, so that a lookup touches one cache
 * line. A false match needs two distinct signatures with equal 64-bit
 * hashes: about 2e-7 for 2.6 million distinct signatures.
 *
 * @internal
 */
export class HashInterner {
  /** How many ids were given. */
  count = 0;
  private readonly table: Int32Array;
  private readonly capacity: number;

  constructor(maxDistinct: number) {
    this.capacity = Math.max(1024, Math.ceil(maxDistinct * 1.5));
    this.table = new Int32Array(this.capacity * 3);
  }

  /** The id of a hash, assigned on first sight when `add` is true, else -1. */
  idOf(h1: number, h2: number, add: boolean): number {
    const table = this.table;
    const capacity = this.capacity;
    // Multiply-shift maps the hash onto 0..capacity-1 without a power of two.
    let slot = Math.floor(((h1 >>> 0) * capacity) / 4294967296);
    for (;;) {
      const entry = table[3 * slot + 2];
      if (entry === 0) {
        if (!add) {
          return -1;
        }
        table[3 * slot] = h1;
        table[3 * slot + 1] = h2;
        table[3 * slot + 2] = ++this.count;
        return this.count - 1;
      }
      if (table[3 * slot] === h1 && table[3 * slot + 1] === h2) {
        return entry - 1;
      }
      slot = slot + 1 === capacity ? 0 : slot + 1;
    }
  }
}
